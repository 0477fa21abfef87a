package io.herald.connector.x;

import io.herald.connector.Account;
import io.herald.connector.AccountHealth;
import io.herald.connector.Capabilities;
import io.herald.connector.Checkpoint;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.PartReceipt;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishAttempt;
import io.herald.connector.PublishException;
import io.herald.connector.ReadBack;
import io.herald.connector.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes to X through API v2 with OAuth 2.0 user context.
 *
 * <p><b>Text.</b> 280 weighted characters as X's own twitter-text counts them (URL = 23), or the
 * account's {@value XConfig#MAX_WEIGHTED_LENGTH} for a longer tier; longer posts become a reply
 * chain numbered {@code (1/3)}.
 *
 * <p><b>Publish.</b> Images first (v2 chunked upload, alt text by {@code POST /2/media/metadata};
 * checkpoint {@code media-N}), then each part as {@code POST /2/tweets}, a reply
 * ({@code reply.in_reply_to_tweet_id}) to the part before, each a checkpoint {@code part-N}: a
 * retry resumes after the last recorded step.
 *
 * <p><b>Duplicates.</b> X has no idempotency key. Before any repeat of an unclear attempt Herald
 * calls {@link #readBack}: the user's posts since the first attempt ({@code GET /2/users/:id/tweets})
 * are searched for the part under way (same text once t.co links and HTML escapes are undone, same
 * reply target). X also refuses a post identical to a recent one (403 "duplicate content"); when
 * that refusal concerns this delivery's own earlier post, it is found the same way and recorded as
 * published (reconciled), else the delivery fails for good with a message to change the text.
 *
 * <p><b>Tokens.</b> {@link XTokens}: access tokens renewed with the refresh token, which X rotates;
 * the newest kept in Herald's store.
 */
public final class XConnector implements Connector {

    /** How long a post may take to show among the user's posts after an unclear attempt. */
    static final Duration READ_BACK_GRACE = Duration.ofSeconds(30);
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    /** X's limit for an image (a GIF may be 15 MB; Herald keeps to the image limit for all). */
    static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
    static final int MAX_ALT_TEXT = 1000;
    static final int MAX_PARTS = 25;

    private final XApi api;
    private final Map<String, String> userIds = new ConcurrentHashMap<>();

    public XConnector(ConnectorContext context) {
        this.api = new XApi(context);
    }

    @Override
    public String platform() {
        return XApi.PLATFORM;
    }

    @Override
    public Capabilities capabilities(Account account) {
        int limit = XText.DEFAULT_LIMIT;
        int perDay = XConfig.DEFAULT_POSTS_PER_DAY;
        try {
            XConfig config = XConfig.from(account);
            limit = config.maxWeightedLength();
            perDay = config.postsPerDay();
        } catch (IllegalArgumentException e) {
            // validate names the problem at start
        }
        return Capabilities.builder()
                .limit(XComposer.UNIT, limit)
                .counting(XComposer.URL_WEIGHT, XText.URL_WEIGHT)
                .threads(Capabilities.Threads.replyChain(MAX_PARTS))
                .media(new Capabilities.MediaRules(4, IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_ALT_TEXT, false, false))
                .links(Capabilities.LinkHandling.IN_TEXT, Capabilities.LinkHandling.CARD)
                // POST /2/tweets: 100 requests per 15 minutes per user; the 24-hour user limit depends on the tier
                .rateWindows(new Capabilities.RateWindow(100, Duration.ofMinutes(15)),
                        new Capabilities.RateWindow(perDay, Duration.ofHours(24)))
                .idempotency(Capabilities.Idempotency.none())
                .readBack(READ_BACK_GRACE)
                .corrections(Capabilities.Corrections.deleteOnly("DELETE /2/tweets/:id for each part of a thread (50 per"
                        + " 15 minutes per user); X's API does not edit a published post for most accounts, so Herald does"
                        + " not edit there"))
                .build();
    }

    @Override
    public PlatformPost adapt(PostContent content, Capabilities capabilities) {
        return XComposer.adapt(content, capabilities);
    }

    @Override
    public void validate(Account account) {
        XConfig.from(account);
    }

    @Override
    public Set<String> settingNames() {
        return XConfig.SETTINGS;
    }

    /**
     * Without calling X: whether Herald can keep the account's access going. X's access tokens live two
     * hours; with a refresh token Herald renews them (and keeps the rotated refresh token), without one
     * publishing stops two hours after the token was issued.
     */
    @Override
    public AccountHealth health(Account account) {
        XConfig config;
        try {
            config = XConfig.from(account);
        } catch (IllegalArgumentException e) {
            return AccountHealth.error(e.getMessage());
        }
        if (config.refreshToken().isEmpty()) {
            return AccountHealth.warning("only an access token is configured; X's access tokens live 2 hours and Herald"
                    + " cannot renew it: authorize with the offline.access scope and set refreshTokenEnv or refreshTokenFile");
        }
        return AccountHealth.ok("OAuth 2.0 with a refresh token: Herald renews the 2-hour access tokens and keeps each"
                + " rotated refresh token in its store");
    }

    @Override
    public Receipt publish(PublishAttempt attempt) throws PublishException {
        XSession session = session(attempt);
        PlatformPost post = attempt.post();
        Optional<Receipt> done = Receipt.fromCheckpoints(attempt, post.parts().size());
        if (done.isPresent()) {
            return done.get();
        }
        List<String> mediaIds = new ArrayList<>();
        if (attempt.checkpoint(Checkpoint.part(0)).isEmpty()) {
            for (int m = 0; m < post.media().size(); m++) {
                Optional<Checkpoint> uploaded = attempt.checkpoint(Checkpoint.media(m));
                String id;
                if (uploaded.isPresent()) {
                    id = uploaded.get().get("mediaId");
                } else {
                    id = api.uploadMedia(session, attempt.media().fetch(post.media().get(m), MAX_IMAGE_BYTES));
                    attempt.record(new Checkpoint(Checkpoint.media(m), Map.of("mediaId", id)));
                }
                mediaIds.add(id);
            }
        }
        List<PartReceipt> parts = new ArrayList<>();
        String note = null;
        for (int i = 0; i < post.parts().size(); i++) {
            Optional<Checkpoint> recorded = attempt.checkpoint(Checkpoint.part(i));
            if (recorded.isPresent()) {
                parts.add(recorded.get().asPartReceipt());
                continue;
            }
            String replyTo = parts.isEmpty() ? null : parts.get(parts.size() - 1).remoteId();
            String text = post.parts().get(i).text();
            PartReceipt receipt;
            try {
                receipt = PartReceipt.of(api.postTweet(session, text, replyTo, i == 0 ? mediaIds : List.of()), null);
                receipt = PartReceipt.of(receipt.remoteId(), XApi.url(receipt.remoteId()));
            } catch (PublishException e) {
                if (!XErrorClassifier.isDuplicate(e)) {
                    throw parts.isEmpty() ? e : inThread(e, i, post.parts().size(), parts);
                }
                Optional<XApi.Tweet> own = findOwn(session, attempt, text, replyTo);
                if (own.isEmpty()) {
                    throw new PublishException(PublishException.Kind.PERMANENT, e.getMessage() + "; it is not this delivery's"
                            + " own earlier post (none with this text since " + since(attempt) + "): change the text or"
                            + " give x an override" + (parts.isEmpty() ? "" : " (part " + (i + 1) + " of " + post.parts().size() + ")"),
                            null, e.httpStatus(), null);
                }
                receipt = PartReceipt.of(own.get().id(), XApi.url(own.get().id()));
                note = "reconciled: X refused a duplicate of post " + own.get().id() + ", this delivery's own earlier post";
            }
            attempt.record(Checkpoint.posted(i, receipt));
            parts.add(receipt);
        }
        return new Receipt(parts, note);
    }

    @Override
    public ReadBack readBack(PublishAttempt attempt) throws PublishException {
        PlatformPost post = attempt.post();
        int next = 0;
        while (next < post.parts().size() && attempt.checkpoint(Checkpoint.part(next)).isPresent()) {
            next++;
        }
        if (next == post.parts().size()) {
            return ReadBack.found("every part is recorded");
        }
        XSession session = session(attempt);
        String replyTo = next == 0 ? null : attempt.checkpoint(Checkpoint.part(next - 1)).orElseThrow().get("remoteId");
        Optional<XApi.Tweet> own = findOwn(session, attempt, post.parts().get(next).text(), replyTo);
        if (own.isPresent()) {
            attempt.record(Checkpoint.posted(next, PartReceipt.of(own.get().id(), XApi.url(own.get().id()))));
            return ReadBack.found("part " + (next + 1) + " of " + post.parts().size() + " is post " + own.get().id()
                    + " of the user");
        }
        return ReadBack.notFound("part " + (next + 1) + " of " + post.parts().size() + " is not among the user's posts since "
                + since(attempt));
    }

    /**
     * Takes one part down with {@code DELETE /2/tweets/:id}. A post X no longer has (deleted by an
     * earlier attempt whose answer was lost, or by a person) counts as gone; X's {@code "deleted":
     * false} is checked by reading the post: gone when X no longer has it, else retried.
     */
    @Override
    public io.herald.connector.TakedownResult delete(io.herald.connector.Takedown takedown) throws PublishException {
        XSession session;
        try {
            session = new XSession(takedown.account().target(), XConfig.from(takedown.account()), takedown.credentials());
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
        String id = takedown.published().remoteId();
        return switch (api.deleteTweet(session, id)) {
            case DELETED -> io.herald.connector.TakedownResult.deleted("post " + id + " deleted");
            case NOT_THERE -> io.herald.connector.TakedownResult.alreadyGone("post " + id + " is not on X (deleted before)");
            case NOT_DELETED -> {
                if (!api.tweetExists(session, id)) {
                    yield io.herald.connector.TakedownResult.alreadyGone("post " + id + " is not on X (deleted before)");
                }
                throw PublishException.retryable(XApi.PLATFORM + " answered deleted: false for post " + id
                        + ", which it still shows", null);
            }
        };
    }

    /** The user's post with this text and reply target, created since the first attempt, if any. */
    private Optional<XApi.Tweet> findOwn(XSession session, PublishAttempt attempt, String text, String replyTo)
            throws PublishException {
        String wanted = XText.normalise(text);
        Instant since = since(attempt);
        for (XApi.Tweet t : api.recentTweets(session, userId(session), since)) {
            if (Objects.equals(t.inReplyTo(), replyTo) && XText.normalise(t.text()).equals(wanted)
                    && (t.createdAt() == null || !t.createdAt().isBefore(since))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private String userId(XSession session) throws PublishException {
        Optional<String> configured = session.config().userId();
        if (configured.isPresent()) {
            return configured.get();
        }
        String known = userIds.get(session.target());
        if (known == null) {
            known = api.me(session);
            userIds.put(session.target(), known);
        }
        return known;
    }

    /**
     * From when a read-back looks: the first attempt, less a minute, as two machines' clocks disagree a
     * little; never before the delivery's {@link PublishAttempt#notBefore()} (an earlier occurrence of a
     * recurring post has the same text but is not this delivery's post).
     */
    private static Instant since(PublishAttempt attempt) {
        Instant slack = attempt.firstAttemptAt().minusSeconds(60);
        return attempt.notBefore().isAfter(slack) ? attempt.notBefore() : slack;
    }

    private static XSession session(PublishAttempt attempt) throws PublishException {
        try {
            return new XSession(attempt.account().target(), XConfig.from(attempt.account()), attempt.credentials());
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
    }

    /** The same failure, saying which part of the thread failed and which parts were posted. */
    private static PublishException inThread(PublishException e, int part, int parts, List<PartReceipt> posted) {
        return new PublishException(e.kind(), e.getMessage() + " (part " + (part + 1) + " of " + parts
                + "; parts before it were posted as " + String.join(", ", posted.stream().map(PartReceipt::remoteId).toList()) + ")",
                e.retryAfter().orElse(null), e.httpStatus(), e.getCause());
    }
}
