package io.herald.connector.threads;

import io.herald.connector.Account;
import io.herald.connector.AccountHealth;
import io.herald.connector.Capabilities;
import io.herald.connector.Checkpoint;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishAttempt;
import io.herald.connector.PublishException;
import io.herald.connector.ReadBack;
import io.herald.connector.Receipt;
import io.herald.connector.meta.ContainerSteps;
import io.herald.connector.meta.Pause;
import io.herald.connector.meta.PublishingQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to a Threads profile through the Threads API (Meta's Threads "Posts" guide,
 * developers.facebook.com/docs/threads/posts, and the "Publishing", "Reply Management", "Create
 * Replies" and "Troubleshooting" pages).
 *
 * <p><b>Text.</b> 500 characters, emojis counted as their UTF-8 bytes, and at most 5 links a post
 * ({@link ThreadsText}); a longer text, or one with more links, becomes a thread of replies
 * ({@link ThreadsComposer}). One image (JPEG or PNG, at most 8 MB) may go with the first part, with
 * its {@code alt_text}; Threads fetches it from its URL itself, so Herald passes the post's https URL
 * (the sandbox allows its own http sample images).
 *
 * <p><b>Publish.</b> Each part is a container ({@code POST /{threads-user-id}/threads}, {@code TEXT} or
 * {@code IMAGE}, parts after the first with {@code reply_to_id} of the part before), polled until
 * {@code FINISHED} (bounded by {@code statusWait}; Meta suggests waiting about 30 seconds for media),
 * then published ({@code POST /{threads-user-id}/threads_publish}): checkpoints {@code container-N},
 * then {@code part-N} ({@link ContainerSteps}). Before each new container the quota of
 * {@code threads_publishing_limit} is read: 250 posts and 1,000 replies per rolling 24 hours.
 * Containers expire after 24 hours unpublished.
 *
 * <p><b>Duplicates.</b> No idempotency key; a container is published once: a retry reads the recorded
 * container's status first ({@code PUBLISHED}: the post is looked up and recorded; {@code FINISHED}:
 * published; {@code EXPIRED}/{@code ERROR}: a new container). {@link #readBack} settles an unclear part
 * the same way, or by its text among the profile's latest threads ({@code GET /{user}/threads}) or the
 * replies to the part before ({@code GET /{media-id}/replies}).
 *
 * <p><b>Token.</b> Long-lived Threads tokens last 60 days (Threads "Long-Lived Access Tokens"); the
 * {@code expiresAt} setting tells Herald when, and {@link #discover} warns from 7 days before.
 */
public final class ThreadsConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadsConnector.class);
    static final Duration READ_BACK_GRACE = Duration.ofSeconds(10);
    static final Duration WARN_BEFORE_EXPIRY = Duration.ofDays(7);
    /** Threads' published posting limit (replies have their own 1,000, checked before each reply). */
    static final int DAILY_POSTS = 250;
    /** Herald's own bound on a thread. */
    static final int MAX_PARTS = 20;
    static final long MAX_IMAGE_BYTES = 8L << 20;
    /** Meta gives no maximum for alt text; 1,000 characters is what third-party schedulers use. */
    static final int MAX_ALT_TEXT = 1000;

    private final ThreadsApi api;
    private final Pause pause;
    private final ConnectorContext context;

    public ThreadsConnector(ConnectorContext context) {
        this(context, Pause.SLEEP);
    }

    ThreadsConnector(ConnectorContext context, Pause pause) {
        this.context = context;
        this.api = new ThreadsApi(context);
        this.pause = pause;
    }

    @Override
    public String platform() {
        return ThreadsApi.PLATFORM;
    }

    @Override
    public Capabilities capabilities(Account account) {
        return Capabilities.builder()
                .limit(ThreadsComposer.CHARACTERS, ThreadsText.CHARACTER_LIMIT)
                .limit(ThreadsComposer.LINKS, ThreadsText.LINK_LIMIT)
                .counting("emojiAsUtf8Bytes", 1)
                .threads(Capabilities.Threads.replyChain(MAX_PARTS))
                .media(new Capabilities.MediaRules(1, Set.of("image/jpeg", "image/png"), MAX_IMAGE_BYTES, MAX_ALT_TEXT, false,
                        true))
                .links(Capabilities.LinkHandling.IN_TEXT, Capabilities.LinkHandling.CARD)
                .rateWindows(new Capabilities.RateWindow(DAILY_POSTS, Duration.ofHours(24)))
                .idempotency(Capabilities.Idempotency.none())
                .readBack(READ_BACK_GRACE)
                // Threads "Delete Posts": DELETE /{threads-media-id}, 100 deletes per account per day; no edit in the API
                .corrections(Capabilities.Corrections.deleteOnly("DELETE /{threads-media-id} (threads_delete), 100 deletes"
                        + " per account per day; the API cannot edit a post"))
                .build();
    }

    @Override
    public io.herald.connector.TakedownResult delete(io.herald.connector.Takedown takedown) throws PublishException {
        String id = takedown.published().remoteId();
        return api.delete(ThreadsApi.config(takedown.account()), id)
                ? io.herald.connector.TakedownResult.deleted("Threads post " + id + " deleted")
                : io.herald.connector.TakedownResult.alreadyGone("Threads post " + id + " does not exist (deleted before)");
    }

    @Override
    public Capabilities discover(Account account, Capabilities declared) {
        ThreadsConfig config;
        try {
            config = ThreadsConfig.from(account);
        } catch (IllegalArgumentException e) {
            return declared;
        }
        warnAboutExpiry(account);
        try {
            Optional<PublishingQuota> posts = PublishingQuota.posts(api.publishingLimit(config));
            if (posts.isPresent() && posts.get().total() > 0) {
                return new Capabilities(declared.limits(), declared.counting(), declared.threads(), declared.media(),
                        declared.links(), List.of(new Capabilities.RateWindow(posts.get().total(), posts.get().window())),
                        declared.idempotency(), declared.readBack(), declared.readBackGrace(), declared.corrections());
            }
        } catch (PublishException | RuntimeException e) {
            LOG.info("{}: cannot read threads_publishing_limit ({}); planning with {} posts per 24 hours", account.target(),
                    e.getMessage(), DAILY_POSTS);
        }
        return declared;
    }

    @Override
    public AccountHealth health(Account account) {
        try {
            ThreadsConfig config = ThreadsConfig.from(account);
            return config.expiresAt().map(at -> AccountHealth.expiresAt(at, "from the expiresAt setting"))
                    .orElseGet(() -> AccountHealth.unknown("unknown: set expiresAt to the token's expiry (long-lived Threads"
                            + " tokens last 60 days from when they were issued or refreshed)"));
        } catch (IllegalArgumentException e) {
            return AccountHealth.unknown(e.getMessage());
        }
    }

    private void warnAboutExpiry(Account account) {
        AccountHealth health = health(account);
        Instant now = context.clock().instant();
        if (health.expiredAt(now)) {
            LOG.error("{}: the Threads access token expired at {}; renew it: publishing fails until then", account.target(),
                    health.expiresAt());
        } else if (health.expiresWithin(WARN_BEFORE_EXPIRY, now)) {
            LOG.warn("{}: the Threads access token expires at {}, in {} days; renew it before then", account.target(),
                    health.expiresAt(), Duration.between(now, health.expiresAt()).toDays());
        }
    }

    @Override
    public PlatformPost adapt(PostContent content, Capabilities capabilities) {
        return ThreadsComposer.adapt(content, capabilities);
    }

    @Override
    public void validate(Account account) {
        ThreadsConfig.from(account);
    }

    @Override
    public Set<String> settingNames() {
        return ThreadsConfig.SETTINGS;
    }

    @Override
    public Receipt publish(PublishAttempt attempt) throws PublishException {
        ThreadsConfig config = ThreadsApi.config(attempt);
        int parts = attempt.post().parts().size();
        Optional<Receipt> done = Receipt.fromCheckpoints(attempt, parts);
        if (done.isPresent()) {
            return done.get();
        }
        return Receipt.of(steps(config).publishAll(attempt, parts));
    }

    @Override
    public ReadBack readBack(PublishAttempt attempt) throws PublishException {
        ThreadsConfig config = ThreadsApi.config(attempt);
        int parts = attempt.post().parts().size();
        int next = 0;
        while (next < parts && attempt.checkpoint(Checkpoint.part(next)).isPresent()) {
            next++;
        }
        if (next == parts) {
            return ReadBack.found("every part is recorded");
        }
        String replyTo = next == 0 ? null : attempt.checkpoint(Checkpoint.part(next - 1)).orElseThrow().get("remoteId");
        return steps(config).readBack(attempt, next, parts, replyTo);
    }

    private ContainerSteps steps(ThreadsConfig config) {
        return new ContainerSteps(api, pause, config.statusWait());
    }
}
