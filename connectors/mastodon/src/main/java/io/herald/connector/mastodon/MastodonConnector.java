package io.herald.connector.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.connector.Account;
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
import io.herald.connector.Edit;
import io.herald.connector.Takedown;
import io.herald.connector.TakedownResult;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to a server of the Mastodon API (Mastodon, GoToSocial, Pleroma, Akkoma, ...).
 *
 * <p><b>Limits.</b> What the server announces: {@code configuration.statuses.max_characters} and
 * {@code characters_reserved_per_url} from {@code GET /api/v2/instance}, else {@code /api/v1/instance}
 * (also Pleroma's {@code max_toot_chars}), else Mastodon's defaults, 500 and 23; learnt at start
 * ({@link #discover}) per account.
 *
 * <p><b>Publish.</b> Media first ({@code POST /api/v2/media} with the alt text as {@code description},
 * each upload a checkpoint {@code media-N}), then each part of the thread as {@code POST
 * /api/v1/statuses}, a reply to the part before, each a checkpoint {@code part-N}: a retry resumes
 * after the last recorded step. Every status carries {@code Idempotency-Key:
 * delivery.idempotencyKey(part)}; Mastodon honours it for an hour, but other servers of the API
 * ignore it, so the key is never trusted alone.
 *
 * <p><b>Read-back.</b> Before any repeat of an unclear step, Herald asks {@link #readBack}: the
 * account's latest statuses ({@code GET /api/v1/accounts/:id/statuses}) are searched for the part
 * that was under way (same text, same reply target, created since the first attempt). Settings:
 * {@link MastodonConfig}.
 */
public final class MastodonConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(MastodonConnector.class);
    /** How long a status may take to appear in the account's statuses after an unclear attempt. */
    static final Duration READ_BACK_GRACE = Duration.ofSeconds(30);
    /** Mastodon keeps an Idempotency-Key for an hour. */
    static final Duration KEY_WINDOW = Duration.ofHours(1);
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private final MastodonApi api;
    private final Map<String, String> accountIds = new ConcurrentHashMap<>();

    public MastodonConnector(ConnectorContext context) {
        this.api = new MastodonApi(context);
    }

    @Override
    public String platform() {
        return MastodonApi.PLATFORM;
    }

    @Override
    public Capabilities capabilities(Account account) {
        return Capabilities.builder()
                .limit(MastodonComposer.UNIT, MastodonComposer.LIMIT)
                .counting(MastodonComposer.URL_WEIGHT, MastodonText.URL_WEIGHT)
                .threads(Capabilities.Threads.replyChain(25))
                .media(new Capabilities.MediaRules(4, IMAGE_TYPES, 16L << 20, 1500, false, false))
                .links(Capabilities.LinkHandling.IN_TEXT, Capabilities.LinkHandling.CARD)
                // Mastodon's defaults: 300 statuses per account in 3 hours, 30 media uploads in 30 minutes
                .rateWindows(new Capabilities.RateWindow(300, Duration.ofHours(3)))
                .idempotency(Capabilities.Idempotency.keyed(KEY_WINDOW, false))
                .readBack(READ_BACK_GRACE)
                .corrections(Capabilities.Corrections.deleteAndEdit("DELETE /api/v1/statuses/:id (30 per 30 minutes);"
                        + " PUT /api/v1/statuses/:id edits the text in place (Mastodon 3.5 and later)"))
                .build();
    }

    @Override
    public Capabilities discover(Account account, Capabilities declared) {
        MastodonConfig config;
        try {
            config = MastodonConfig.from(account);
        } catch (IllegalArgumentException e) {
            return declared;
        }
        Optional<JsonNode> instance = api.instance(config);
        if (instance.isEmpty()) {
            LOG.info("{}: the server announces no limits (no /api/v2/instance or /api/v1/instance); using {} characters, URLs as {}",
                    account.target(), declared.primaryLimit(), MastodonText.URL_WEIGHT);
            return declared;
        }
        JsonNode i = instance.get();
        JsonNode statuses = i.path("configuration").path("statuses");
        int max = positive(statuses.path("max_characters"), positive(i.path("max_toot_chars"), MastodonComposer.LIMIT));
        int urlWeight = positive(statuses.path("characters_reserved_per_url"), MastodonText.URL_WEIGHT);
        int maxMedia = positive(statuses.path("max_media_attachments"), declared.media().maxItems());
        JsonNode media = i.path("configuration").path("media_attachments");
        long imageSize = media.path("image_size_limit").canConvertToLong() && media.path("image_size_limit").asLong() > 0
                ? media.path("image_size_limit").asLong() : declared.media().maxBytes();
        Set<String> types = IMAGE_TYPES;
        if (media.path("supported_mime_types").isArray() && media.path("supported_mime_types").size() > 0) {
            Set<String> announced = new java.util.TreeSet<>();
            media.path("supported_mime_types").forEach(t -> {
                if (t.asText().startsWith("image/")) {
                    announced.add(t.asText());
                }
            });
            types = announced.isEmpty() ? IMAGE_TYPES : announced;
        }
        LOG.info("{}: the server announces {} characters, URLs as {}", account.target(), max, urlWeight);
        Capabilities.MediaRules rules = declared.media();
        return declared.withLimits(Map.of(MastodonComposer.UNIT, max))
                .withCounting(Map.of(MastodonComposer.URL_WEIGHT, urlWeight))
                .withMedia(new Capabilities.MediaRules(maxMedia, types, imageSize, rules.maxAltText(), false, false));
    }

    @Override
    public PlatformPost adapt(PostContent content, Capabilities capabilities) {
        return MastodonComposer.adapt(content, capabilities);
    }

    @Override
    public void validate(Account account) {
        MastodonConfig.from(account);
    }

    @Override
    public Set<String> settingNames() {
        return MastodonConfig.SETTINGS;
    }

    @Override
    public Receipt publish(PublishAttempt attempt) throws PublishException {
        MastodonConfig config = config(attempt.account());
        PlatformPost post = attempt.post();
        List<String> mediaIds = new ArrayList<>();
        if (attempt.checkpoint(Checkpoint.part(0)).isEmpty()) {
            for (int m = 0; m < post.media().size(); m++) {
                Optional<Checkpoint> uploaded = attempt.checkpoint(Checkpoint.media(m));
                String id;
                if (uploaded.isPresent()) {
                    id = uploaded.get().get("mediaId");
                } else {
                    long max = capabilities(attempt.account()).media().maxBytes();
                    id = api.uploadMedia(config, attempt.account().credential(), attempt.media().fetch(post.media().get(m), max));
                    attempt.record(new Checkpoint(Checkpoint.media(m), Map.of("mediaId", id)));
                }
                api.awaitMedia(config, attempt.account().credential(), id);
                mediaIds.add(id);
            }
        }
        List<PartReceipt> parts = new ArrayList<>();
        for (int i = 0; i < post.parts().size(); i++) {
            Optional<Checkpoint> done = attempt.checkpoint(Checkpoint.part(i));
            if (done.isPresent()) {
                parts.add(done.get().asPartReceipt());
                continue;
            }
            String replyTo = parts.isEmpty() ? null : parts.get(parts.size() - 1).remoteId();
            MastodonApi.Status status;
            try {
                status = api.postStatus(config, attempt.account().credential(), post.parts().get(i).text(), replyTo,
                        i == 0 ? mediaIds : List.of(), attempt.delivery().idempotencyKey(i));
            } catch (PublishException e) {
                throw parts.isEmpty() ? e : inThread(e, i, post.parts().size(), parts);
            }
            PartReceipt receipt = PartReceipt.of(status.id(), status.url());
            attempt.record(Checkpoint.posted(i, receipt));
            parts.add(receipt);
        }
        return Receipt.of(parts);
    }

    /** Whether the server accepts the token ({@code verify_credentials}); Mastodon tokens do not expire by themselves. */
    @Override
    public io.herald.connector.AccountHealth health(Account account) {
        try {
            String id = api.accountId(config(account), account.credential());
            return io.herald.connector.AccountHealth.ok("the server accepts the token (account id " + id + "); Mastodon tokens"
                    + " do not expire unless revoked");
        } catch (PublishException e) {
            return e.kind() == PublishException.Kind.AUTHENTICATION || e.kind() == PublishException.Kind.PERMANENT
                    ? io.herald.connector.AccountHealth.error("the server refuses the token: " + e.getMessage()
                            + "; make a new access token (scope write:statuses) and update the account's secret")
                    : io.herald.connector.AccountHealth.unknown("cannot ask the server now: " + e.getMessage());
        } catch (RuntimeException e) {
            return io.herald.connector.AccountHealth.unknown("cannot ask the server now: " + e.getMessage());
        }
    }

    @Override
    public ReadBack readBack(PublishAttempt attempt) throws PublishException {
        MastodonConfig config = config(attempt.account());
        PlatformPost post = attempt.post();
        int next = 0;
        while (next < post.parts().size() && attempt.checkpoint(Checkpoint.part(next)).isPresent()) {
            next++;
        }
        if (next == post.parts().size()) {
            return ReadBack.found("every part is recorded");
        }
        String replyTo = next == 0 ? null : attempt.checkpoint(Checkpoint.part(next - 1)).orElseThrow().get("remoteId");
        String wanted = MastodonHtml.normalise(post.parts().get(next).text());
        Instant since = attempt.firstAttemptAt().minusSeconds(60); // clocks of two machines disagree a little
        String accountId = accountIds.get(attempt.account().target());
        if (accountId == null) {
            accountId = api.accountId(config, attempt.account().credential());
            accountIds.put(attempt.account().target(), accountId);
        }
        for (MastodonApi.Status s : api.recentStatuses(config, attempt.account().credential(), accountId)) {
            if (java.util.Objects.equals(s.inReplyToId(), replyTo) && MastodonHtml.normalise(s.text()).equals(wanted)
                    && createdSince(s, since)) {
                attempt.record(Checkpoint.posted(next, PartReceipt.of(s.id(), s.url())));
                return ReadBack.found("part " + (next + 1) + " of " + post.parts().size() + " is status " + s.id()
                        + " on the account");
            }
        }
        return ReadBack.notFound("part " + (next + 1) + " of " + post.parts().size()
                + " is not among the account's 40 latest statuses");
    }

    @Override
    public TakedownResult delete(Takedown takedown) throws PublishException {
        MastodonConfig config = config(takedown.account());
        String id = takedown.published().remoteId();
        return api.deleteStatus(config, takedown.account().credential(), id)
                ? TakedownResult.deleted("status " + id + " deleted")
                : TakedownResult.alreadyGone("status " + id + " is not on the server (deleted before)");
    }

    @Override
    public Receipt edit(Edit edit) throws PublishException {
        MastodonConfig config = config(edit.account());
        List<PartReceipt> published = edit.published().parts();
        if (published.size() != edit.post().parts().size()) {
            throw PublishException.permanent("revision " + edit.delivery().revision() + " has " + edit.post().parts().size()
                    + " part(s) on " + edit.account().target() + " but " + published.size() + " were published; an edit"
                    + " changes the text of each status in place, it cannot add or remove replies (use the replace policy)");
        }
        List<PartReceipt> parts = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            MastodonApi.Status s = api.editStatus(config, edit.account().credential(), published.get(i).remoteId(),
                    edit.post().parts().get(i).text());
            parts.add(PartReceipt.of(s.id(), s.url() == null ? published.get(i).url() : s.url()));
        }
        return Receipt.of(parts).withNote("edited in place");
    }

    private static boolean createdSince(MastodonApi.Status s, Instant since) {
        try {
            return !OffsetDateTime.parse(s.createdAt()).toInstant().isBefore(since);
        } catch (RuntimeException e) {
            return true; // a server that dates oddly: text and reply target decide
        }
    }

    private static MastodonConfig config(Account account) throws PublishException {
        try {
            return MastodonConfig.from(account);
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
    }

    private static int positive(JsonNode n, int fallback) {
        return n.canConvertToInt() && n.asInt() > 0 ? n.asInt() : fallback;
    }

    /** The same failure, saying which part of the thread failed and which parts were posted. */
    private static PublishException inThread(PublishException e, int part, int parts, List<PartReceipt> posted) {
        return new PublishException(e.kind(), e.getMessage() + " (part " + (part + 1) + " of " + parts
                + "; parts before it were posted as " + String.join(", ", posted.stream().map(PartReceipt::remoteId).toList()) + ")",
                e.retryAfter().orElse(null), e.httpStatus(), e.getCause());
    }
}
