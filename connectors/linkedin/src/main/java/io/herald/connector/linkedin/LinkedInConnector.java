package io.herald.connector.linkedin;

import io.herald.connector.Account;
import io.herald.connector.AccountHealth;
import io.herald.connector.Capabilities;
import io.herald.connector.Checkpoint;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Media;
import io.herald.connector.PartReceipt;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishAttempt;
import io.herald.connector.PublishException;
import io.herald.connector.ReadBack;
import io.herald.connector.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to LinkedIn through the Posts API, as an organization (company page) or a member.
 *
 * <p><b>Facts and where they come from.</b> learn.microsoft.com, LinkedIn Marketing, Community
 * Management: "Posts API" ({@code POST https://api.linkedin.com/rest/posts}; every call needs
 * {@code LinkedIn-Version: YYYYMM} and {@code X-Restli-Protocol-Version: 2.0.0}; the author is
 * {@code urn:li:person:} or {@code urn:li:organization:}; {@code w_organization_social} /
 * {@code w_member_social} to post, {@code r_organization_social} / the restricted
 * {@code r_member_social} to read; the image post's {@code content.media {id, altText}}); "Images
 * API" ({@code initializeUpload}, then a PUT of the bytes to {@code uploadUrl}, the image's
 * {@code status}); "little text format" (the commentary's reserved characters, {@link LinkedInText});
 * "Versioning" (a version lives at least a year, then the API answers 426). The new post's URN comes
 * in the {@code x-restli-id} header of the 201 (LinkedIn's own API clients,
 * linkedin-developers/linkedin-api-js-client, read {@code createdEntityId} from it). The 426 body,
 * {@code {"status":426,"code":"NONEXISTENT_VERSION","message":"Requested version 20250401 is not
 * active"}}, is as reported in n8n-io/n8n#28600 and ComposioHQ/composio#4320; the 422
 * {@code DUPLICATE_POST} ("Content is a duplicate of urn:li:share:...") as in Arisamiga/Linkedin-RSS#5.
 * Rate limits are per day, reset at midnight UTC, and not published per endpoint
 * (developer.linkedin.com, "Rate Limiting"); the 150 posts a day per account are Ayrshare's documented
 * figure, not LinkedIn's. The 3,000 characters of commentary: LinkedIn's Share API and every
 * publishing tool's documentation (Ayrshare, Blotato); the 4,086-character alt text and 5 MB image
 * are third-party figures too, taken as the cautious bound.
 *
 * <p><b>Publish.</b> The image first ({@code initializeUpload}, the PUT, a short wait until it is
 * {@code AVAILABLE}; checkpoint {@code media-0} with the image URN), then the post (checkpoint
 * {@code part-0} with its URN). A retry resumes after the last recorded step.
 *
 * <p><b>Duplicates.</b> LinkedIn has no idempotency key. It refuses a post identical to a recent one
 * (422 {@code DUPLICATE_POST}); when the post it names is this delivery's own (same author and
 * commentary, created since the first attempt), that is the publication, reconciled. Before any
 * repeat of an unclear attempt Herald reads the author's posts back ({@link #readBack}): an
 * organization's always, a member's only with {@value LinkedInConfig#MEMBER_READ_BACK}; otherwise
 * read-back is {@code unsupported} and an unclear attempt goes to a person.
 *
 * <p><b>Retired versions.</b> A 426 {@code NONEXISTENT_VERSION} fails the delivery for good with a
 * reason that names the version and the setting to change, and logs an operator alert (ERROR) once
 * per account and version; {@link #health} warns ten months after the version's month.
 */
public final class LinkedInConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(LinkedInConnector.class);
    /** How long a post may take to show among the author's posts. */
    static final Duration READ_BACK_GRACE = Duration.ofSeconds(30);
    /** LinkedIn keeps a version at least a year; Herald warns this long after its month. */
    static final long VERSION_WARNING_MONTHS = 10;
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif");
    static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
    static final int MAX_ALT_TEXT = 4086;
    private static final int READ_BACK_POSTS = 20;

    private final LinkedInApi api;
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();

    public LinkedInConnector(ConnectorContext context) {
        this.api = new LinkedInApi(context);
    }

    @Override
    public String platform() {
        return LinkedInApi.PLATFORM;
    }

    @Override
    public Capabilities capabilities(Account account) {
        Capabilities.Builder b = Capabilities.builder()
                .limit(LinkedInComposer.UNIT, LinkedInComposer.LIMIT)
                .threads(Capabilities.Threads.none())
                .media(new Capabilities.MediaRules(1, IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_ALT_TEXT, false, false))
                .links(Capabilities.LinkHandling.IN_TEXT)
                .rateWindows(new Capabilities.RateWindow(150, Duration.ofDays(1)))
                .idempotency(Capabilities.Idempotency.none());
        if (canReadBack(account)) {
            b.readBack(READ_BACK_GRACE);
        }
        b.corrections(Capabilities.Corrections.deleteOnly("DELETE /rest/posts/{urn} (idempotent); Herald does not edit"
                + " LinkedIn posts in place"));
        return b.build();
    }

    private static boolean canReadBack(Account account) {
        try {
            return LinkedInConfig.from(account).canReadBack();
        } catch (IllegalArgumentException e) {
            return false; // validate names the problem at start
        }
    }

    @Override
    public PlatformPost adapt(PostContent content, Capabilities capabilities) {
        return LinkedInComposer.adapt(content, capabilities);
    }

    @Override
    public void validate(Account account) {
        LinkedInConfig.from(account);
    }

    @Override
    public Set<String> settingNames() {
        return LinkedInConfig.SETTINGS;
    }

    @Override
    public Receipt publish(PublishAttempt attempt) throws PublishException {
        LinkedInConfig config = config(attempt.account());
        try {
            return publish(attempt, config);
        } catch (PublishException e) {
            if (e.httpStatus() == 426) {
                alert(attempt.account(), config, e);
            }
            throw e;
        }
    }

    private Receipt publish(PublishAttempt attempt, LinkedInConfig config) throws PublishException {
        Optional<Receipt> done = Receipt.fromCheckpoints(attempt, 1);
        if (done.isPresent()) {
            return done.get();
        }
        String target = attempt.account().target();
        PlatformPost post = attempt.post();
        String image = null;
        String altText = null;
        if (!post.media().isEmpty()) {
            Media media = post.media().get(0);
            altText = media.altText();
            Optional<Checkpoint> uploaded = attempt.checkpoint(Checkpoint.media(0));
            if (uploaded.isPresent()) {
                image = uploaded.get().get("image");
            } else {
                var fetched = attempt.media().fetch(media, MAX_IMAGE_BYTES);
                LinkedInApi.Upload upload = api.initializeUpload(config, target);
                api.upload(config, target, upload, fetched);
                image = upload.image();
                attempt.record(new Checkpoint(Checkpoint.media(0), Map.of("image", image)));
            }
            awaitImage(config, target, image);
        }
        String commentary = post.parts().get(0).text();
        String urn;
        try {
            urn = api.createPost(config, target, commentary, image, altText);
        } catch (PublishException e) {
            Optional<Receipt> own = ownDuplicate(attempt, config, e);
            if (own.isPresent()) {
                return own.get();
            }
            throw e;
        }
        PartReceipt receipt = PartReceipt.of(urn, postUrl(urn));
        attempt.record(Checkpoint.posted(0, receipt));
        return Receipt.of(List.of(receipt));
    }

    /**
     * A 422 {@code DUPLICATE_POST} naming a post that is this delivery's own (same author and
     * commentary, created since the first attempt): the publication of an earlier attempt.
     */
    private Optional<Receipt> ownDuplicate(PublishAttempt attempt, LinkedInConfig config, PublishException e)
            throws PublishException {
        if (e.httpStatus() != 422 || e.getMessage() == null) {
            return Optional.empty();
        }
        Optional<String> urn = LinkedInErrorClassifier.duplicateOf(e.getMessage());
        if (urn.isEmpty()) {
            return Optional.empty();
        }
        Optional<LinkedInApi.Post> earlier = api.post(config, attempt.account().target(), urn.get());
        if (earlier.isEmpty() || !isOwn(earlier.get(), config, attempt)) {
            return Optional.empty();
        }
        PartReceipt receipt = PartReceipt.of(earlier.get().id().isEmpty() ? urn.get() : earlier.get().id(), postUrl(urn.get()));
        attempt.record(Checkpoint.posted(0, receipt));
        return Optional.of(Receipt.of(List.of(receipt))
                .withNote("reconciled: LinkedIn refused a duplicate of " + urn.get() + ", this delivery's own earlier post"));
    }

    private static boolean isOwn(LinkedInApi.Post p, LinkedInConfig config, PublishAttempt attempt) {
        String sent = LinkedInText.unescape(attempt.post().parts().get(0).text()).strip();
        Instant since = attempt.firstAttemptAt().minusSeconds(60); // two machines' clocks disagree a little
        return config.author().equals(p.author()) && LinkedInText.unescape(p.commentary()).strip().equals(sent)
                && (p.createdAt() == null || !p.createdAt().isBefore(since));
    }

    @Override
    public ReadBack readBack(PublishAttempt attempt) throws PublishException {
        if (attempt.checkpoint(Checkpoint.part(0)).isPresent()) {
            return ReadBack.found("the post is recorded");
        }
        LinkedInConfig config = config(attempt.account());
        if (!config.canReadBack()) {
            return ReadBack.unsupported("LinkedIn lets an app read a member's posts only with the restricted r_member_social"
                    + " scope; set settings." + LinkedInConfig.MEMBER_READ_BACK + ": true if the app has it");
        }
        String sent = LinkedInText.unescape(attempt.post().parts().get(0).text()).strip();
        if (sent.isEmpty()) {
            return ReadBack.unsupported("a LinkedIn post without text cannot be told apart from the author's other posts");
        }
        for (LinkedInApi.Post p : api.postsByAuthor(config, attempt.account().target(), READ_BACK_POSTS)) {
            if (isOwn(p, config, attempt)) {
                attempt.record(Checkpoint.posted(0, PartReceipt.of(p.id(), postUrl(p.id()))));
                return ReadBack.found("post " + p.id() + " of " + config.author() + " has the text, created "
                        + p.createdAt());
            }
        }
        return ReadBack.notFound("the text is not among the " + READ_BACK_POSTS + " latest posts of " + config.author());
    }

    /**
     * The account's state without calling LinkedIn: the {@code LinkedIn-Version}'s age (a version
     * lives at least a year: a warning from ten months on, an error for a month not yet released) and
     * the access token's {@value LinkedInConfig#EXPIRES_AT} (LinkedIn's tokens live 60 days; unknown
     * without the setting).
     */
    @Override
    public AccountHealth health(Account account) {
        LinkedInConfig config;
        try {
            config = LinkedInConfig.from(account);
        } catch (IllegalArgumentException e) {
            return AccountHealth.error(e.getMessage());
        }
        Instant now = api.context().clock().instant();
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        long age = ChronoUnit.MONTHS.between(config.versionMonth(), current);
        String setting = "settings." + LinkedInConfig.VERSION + " of " + account.target();
        AccountHealth version;
        if (age < 0) {
            version = AccountHealth.error("LinkedIn-Version " + config.version() + " is a month not yet released, so"
                    + " LinkedIn answers 426; set " + setting + " to a released version (YYYYMM)");
        } else if (age >= VERSION_WARNING_MONTHS) {
            version = AccountHealth.warning("LinkedIn-Version " + config.version() + " is " + age + " months old and"
                    + " LinkedIn retires versions after about a year (then every post fails with 426); set " + setting
                    + " to a current version (YYYYMM)");
        } else {
            version = AccountHealth.ok("LinkedIn-Version " + config.version());
        }
        AccountHealth token = config.expiresAt()
                .map(at -> AccountHealth.expiring("the LinkedIn access token", at, now, AccountHealth.DEFAULT_WARNING,
                        "authorize again to get a new token and update the account's tokenEnv or tokenFile"))
                .orElse(AccountHealth.unknown("the access token's expiry is unknown (LinkedIn's live 60 days); set settings."
                        + LinkedInConfig.EXPIRES_AT + " to be warned before it"));
        return version.and(token);
    }

    private void alert(Account account, LinkedInConfig config, PublishException e) {
        if (alerted.add(account.target() + "@" + config.version())) {
            LOG.error("OPERATOR ALERT: {}: LinkedIn no longer serves API version {}; every post to this account fails"
                    + " until settings.{} (accounts file) names a current version (YYYYMM)", account.target(),
                    config.version(), LinkedInConfig.VERSION);
        }
    }

    private void awaitImage(LinkedInConfig config, String target, String image) throws PublishException {
        for (int i = 0; i < 10; i++) {
            String status = api.imageStatus(config, target, image);
            if (status.equals("AVAILABLE") || status.isEmpty()) {
                return;
            }
            if (status.equals("PROCESSING_FAILED")) {
                throw PublishException.permanent("linkedin could not process image " + image
                        + " (PROCESSING_FAILED); check the image file");
            }
            pause(200L * (i + 1));
        }
        throw PublishException.retryable("linkedin is still processing image " + image + "; trying again later", null);
    }

    private static void pause(long ms) throws PublishException {
        try {
            Thread.sleep(ms); // LinkedIn processes the image; there is nothing to wait on but its status
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.retryable("interrupted while waiting for LinkedIn's image processing", e);
        }
    }

    /** The post's page: {@code https://www.linkedin.com/feed/update/<urn>/}. */
    static String postUrl(String urn) {
        return "https://www.linkedin.com/feed/update/" + urn + "/";
    }

    @Override
    public io.herald.connector.TakedownResult delete(io.herald.connector.Takedown takedown) throws PublishException {
        String urn = takedown.published().remoteId();
        return api.deletePost(config(takedown.account()), takedown.account().target(), urn)
                ? io.herald.connector.TakedownResult.deleted("post " + urn + " deleted")
                : io.herald.connector.TakedownResult.alreadyGone("post " + urn + " is not known to LinkedIn (deleted before)");
    }

    private static LinkedInConfig config(Account account) throws PublishException {
        try {
            return LinkedInConfig.from(account);
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
    }
}
