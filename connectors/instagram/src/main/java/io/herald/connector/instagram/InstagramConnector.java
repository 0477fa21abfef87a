package io.herald.connector.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.connector.Account;
import io.herald.connector.AccountHealth;
import io.herald.connector.Capabilities;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.PartReceipt;
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
 * Publishes image posts to an Instagram professional account through the Instagram Graph API's
 * content publishing (Meta's "Content Publishing" guide, developers.facebook.com/docs/instagram-platform/content-publishing,
 * and the IG User Media, IG User Media Publish, IG Container and IG User Content Publishing Limit
 * references).
 *
 * <p><b>What Instagram takes.</b> An image is required: Instagram cannot publish text alone, so
 * {@link #adapt} refuses such a post (at ingest and in {@code herald preview}) with a reason that names
 * Instagram and the missing image. One JPEG image ("Format: JPEG", at most 8 MB, per the IG User Media
 * reference) with a caption of at most 2,200 characters and 30 hashtags (same reference; see
 * {@link InstagramText} for how Herald counts), alt text in {@code alt_text} (added to {@code /media}
 * on March 24, 2025, per the guide). No threads. Links in a caption are not clickable on Instagram;
 * Herald keeps the link in the caption as text.
 *
 * <p><b>Publish.</b> Three steps, the container a checkpoint ({@link ContainerSteps}): {@code POST
 * /{ig-user-id}/media} makes a container ({@code container-0}), {@code GET /{container}?fields=status_code}
 * is polled with back-off, bounded by the {@code statusWait} setting, until {@code FINISHED}, then
 * {@code POST /{ig-user-id}/media_publish?creation_id=} publishes it ({@code part-0}). Meta fetches the
 * image from its URL itself ("We cURL media used in publishing attempts, so the media must be hosted on
 * a publicly accessible server"): Herald passes the post's https URL, checked by
 * {@link io.herald.connector.MediaSource#checkFetchable} (the sandbox allows its own http sample
 * images). Before a new container, the quota of {@code content_publishing_limit} is read: none left is
 * {@code RATE_LIMITED}.
 *
 * <p><b>Duplicates.</b> Instagram has no idempotency key ({@link Capabilities.Idempotency#none()}), but a
 * container is published at most once: every retry reads the recorded container's status before doing
 * anything ({@code PUBLISHED}: the post is found on the account and recorded; {@code FINISHED}: it is
 * published; {@code EXPIRED}/{@code ERROR}: a new container). {@link #readBack} settles an unclear
 * publish the same way, and without a recorded container looks for the caption among the account's
 * latest media ({@code GET /{ig-user-id}/media}).
 *
 * <p><b>Limits per day.</b> The publishing quota per 24 hours is documented as 50 (IG User Media
 * Publish reference) and as 100 (Content Publishing guide); Herald declares the lower and learns the
 * account's own from {@code content_publishing_limit} ({@code config.quota_total}) in {@link #discover}.
 *
 * <p><b>Token.</b> Long-lived tokens expire after about 60 days (Meta's access-token guides; refreshed
 * Instagram Login tokens last 60 days from the refresh). {@link #health} learns the expiry from the
 * {@code expiresAt} setting or, given an {@code appToken}, from {@code GET /debug_token}
 * ({@code data.expires_at}); {@link #discover} logs a warning from 7 days before. Settings:
 * {@link InstagramConfig}.
 */
public final class InstagramConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(InstagramConnector.class);
    /** How long a published post may take to show in the account's media list. */
    static final Duration READ_BACK_GRACE = Duration.ofSeconds(10);
    /** Warn about a token this long before it expires. */
    static final Duration WARN_BEFORE_EXPIRY = Duration.ofDays(7);
    /** The lower of the two documented daily quotas (50 in the media_publish reference, 100 in the guide). */
    static final int DOCUMENTED_DAILY_POSTS = 50;
    static final long MAX_IMAGE_BYTES = 8L << 20;
    /** Alt text: Meta gives no maximum; 1,000 characters is what third-party schedulers document. */
    static final int MAX_ALT_TEXT = 1000;

    private final InstagramApi api;
    private final Pause pause;
    private final ConnectorContext context;

    public InstagramConnector(ConnectorContext context) {
        this(context, Pause.SLEEP);
    }

    /** Tests pass a pause that does not sleep. */
    InstagramConnector(ConnectorContext context, Pause pause) {
        this.context = context;
        this.api = new InstagramApi(context);
        this.pause = pause;
    }

    @Override
    public String platform() {
        return InstagramApi.PLATFORM;
    }

    @Override
    public Capabilities capabilities(Account account) {
        return Capabilities.builder()
                .limit(InstagramComposer.CHARACTERS, InstagramText.CAPTION_LIMIT)
                .limit(InstagramComposer.HASHTAGS, InstagramConfig.hashtagLimit(account))
                .counting("utf16", 1)
                .media(new Capabilities.MediaRules(1, Set.of("image/jpeg"), MAX_IMAGE_BYTES, MAX_ALT_TEXT, true, true))
                .links(Capabilities.LinkHandling.IN_TEXT)
                .rateWindows(new Capabilities.RateWindow(DOCUMENTED_DAILY_POSTS, Duration.ofHours(24)))
                .idempotency(Capabilities.Idempotency.none())
                .readBack(READ_BACK_GRACE)
                .build();
    }

    /**
     * The Instagram Graph API's IG Media reference documents reading and (for comments) updating, but
     * no deletion of published media: a post is taken down by hand in the Instagram app, at its URL.
     */
    @Override
    public io.herald.connector.TakedownResult delete(io.herald.connector.Takedown takedown) {
        return io.herald.connector.TakedownResult.unsupported("the Instagram Graph API cannot delete published media;"
                + " delete it in the Instagram app or Meta Business Suite");
    }

    @Override
    public Capabilities discover(Account account, Capabilities declared) {
        InstagramConfig config;
        try {
            config = InstagramConfig.from(account);
        } catch (IllegalArgumentException e) {
            return declared;
        }
        warnAboutExpiry(account);
        try {
            Optional<PublishingQuota> quota = api.quota(config);
            if (quota.isPresent() && quota.get().total() > 0) {
                LOG.info("{}: content_publishing_limit allows {} posts per {} ({} used)", account.target(), quota.get().total(),
                        quota.get().window(), quota.get().used());
                return new Capabilities(declared.limits(), declared.counting(), declared.threads(), declared.media(),
                        declared.links(), List.of(new Capabilities.RateWindow(quota.get().total(), quota.get().window())),
                        declared.idempotency(), declared.readBack(), declared.readBackGrace(), declared.corrections());
            }
        } catch (PublishException | RuntimeException e) {
            LOG.info("{}: cannot read content_publishing_limit ({}); planning with {} posts per 24 hours", account.target(),
                    e.getMessage(), DOCUMENTED_DAILY_POSTS);
        }
        return declared;
    }

    @Override
    public AccountHealth health(Account account) {
        InstagramConfig config;
        try {
            config = InstagramConfig.from(account);
        } catch (IllegalArgumentException e) {
            return AccountHealth.unknown(e.getMessage());
        }
        if (config.expiresAt().isPresent()) {
            return AccountHealth.expiresAt(config.expiresAt().get(), "from the expiresAt setting");
        }
        if (config.appToken().isEmpty() || config.instagramLogin()) {
            return AccountHealth.unknown("unknown: set expiresAt, or give an appToken (app-id|app-secret) so that Herald"
                    + " can ask debug_token on graph.facebook.com; long-lived tokens last about 60 days");
        }
        try {
            JsonNode data = api.debugToken(config, config.appToken().get());
            long expires = data.path("expires_at").asLong(-1);
            boolean valid = data.path("is_valid").asBoolean(true);
            if (!valid) {
                return new AccountHealth(expires > 0 ? Instant.ofEpochSecond(expires) : null,
                        "debug_token says the token is no longer valid; renew it");
            }
            if (expires == 0) {
                return AccountHealth.unknown("debug_token says the token never expires");
            }
            if (expires < 0) {
                return AccountHealth.unknown("debug_token gives no expires_at");
            }
            return AccountHealth.expiresAt(Instant.ofEpochSecond(expires), "the access token's expiry by Facebook's debug_token");
        } catch (PublishException | RuntimeException e) {
            return AccountHealth.unknown("cannot ask debug_token: " + e.getMessage());
        }
    }

    private void warnAboutExpiry(Account account) {
        AccountHealth health = health(account);
        Instant now = context.clock().instant();
        if (health.expiredAt(now)) {
            LOG.error("{}: the Instagram access token expired at {} ({}); renew it: publishing fails until then",
                    account.target(), health.expiresAt(), health.message());
        } else if (health.expiresWithin(WARN_BEFORE_EXPIRY, now)) {
            LOG.warn("{}: the Instagram access token expires at {} ({}), in {} days; renew it before then",
                    account.target(), health.expiresAt(), health.message(), Duration.between(now, health.expiresAt()).toDays());
        }
    }

    @Override
    public PlatformPost adapt(PostContent content, Capabilities capabilities) {
        return InstagramComposer.adapt(content, capabilities);
    }

    @Override
    public void validate(Account account) {
        InstagramConfig.from(account);
    }

    @Override
    public Set<String> settingNames() {
        return InstagramConfig.SETTINGS;
    }

    @Override
    public Receipt publish(PublishAttempt attempt) throws PublishException {
        InstagramConfig config = InstagramApi.config(attempt);
        Optional<Receipt> done = Receipt.fromCheckpoints(attempt, 1);
        if (done.isPresent()) {
            return done.get();
        }
        PartReceipt receipt = steps(config).publishPart(attempt, 0, null);
        return Receipt.of(List.of(receipt));
    }

    @Override
    public ReadBack readBack(PublishAttempt attempt) throws PublishException {
        InstagramConfig config = InstagramApi.config(attempt);
        return steps(config).readBack(attempt, 0, 1, null);
    }

    private ContainerSteps steps(InstagramConfig config) {
        return new ContainerSteps(api, pause, config.statusWait());
    }
}
