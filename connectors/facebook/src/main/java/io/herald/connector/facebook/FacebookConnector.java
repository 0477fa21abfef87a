package io.herald.connector.facebook;

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
import io.herald.connector.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes to a Facebook Page through the Graph API, as the Page.
 *
 * <p><b>Facts and where they come from.</b> developers.facebook.com: "Pages API, Posts" ({@code POST
 * /{page-id}/feed} with {@code message} and {@code link}, answered {@code {"id"}}; a Page access token
 * with {@code pages_manage_posts}, {@code pages_read_engagement}); "Page Photos" and "Photo uploads"
 * ({@code POST /{page-id}/photos} with {@code url} or a multipart {@code source}, {@code caption},
 * {@code alt_text_custom}, answered {@code {"id", "post_id"}}; under 10 MB; JPEG, BMP, PNG, GIF,
 * TIFF); "Page Feed" (reading {@code /{page-id}/posts}, {@code created_time}); "Handling Errors"
 * (codes in the body: 190 an expired or invalid token; 4, 17, 32, 613 rate limits); "Rate Limits"
 * (Page tokens are under Business Use Case limits, reported in {@code X-Business-Use-Case-Usage} with
 * {@code estimated_time_to_regain_access} in minutes; 80001 the Page's limit); "debug_token"
 * ({@code expires_at}, {@code data_access_expires_at}, {@code is_valid}; it needs the app's token).
 * The 63,206 characters of a post are the figure every publishing tool's documentation gives; 506
 * "Duplicate status message" as reported against the Graph SDKs (facebook-csharp-sdk#119).
 *
 * <p><b>Media: Herald uploads.</b> A photo goes up as {@code source} (multipart) rather than as a
 * {@code url} Facebook fetches: Herald has already fetched and checked it (https only, size and type,
 * no private address), the bytes published are the bytes checked, and a post's media URL need not be
 * reachable from Facebook. One photo per post: the photo's upload publishes the post (one request,
 * checkpoint {@code part-0} with the post's id); multi-photo posts (unpublished photos, then
 * {@code attached_media}) are not done yet.
 *
 * <p><b>Duplicates.</b> The Graph API has no idempotency key. Before any repeat of an unclear attempt
 * Herald reads the Page's latest posts back ({@link #readBack}: the same message, created since the
 * first attempt); a post without text cannot be told apart and is {@code unsupported}.
 *
 * <p><b>Token lifetime.</b> {@link #health} asks {@code debug_token} when the account has an
 * {@code appToken}, else reads the {@value FacebookConfig#EXPIRES_AT} setting, and warns two weeks
 * before the Page token (or the app's data access) expires.
 */
public final class FacebookConnector implements Connector {

    static final Duration READ_BACK_GRACE = Duration.ofSeconds(30);
    static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff");
    static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;
    private static final int READ_BACK_POSTS = 25;

    private final FacebookApi api;

    public FacebookConnector(ConnectorContext context) {
        this.api = new FacebookApi(context);
    }

    @Override
    public String platform() {
        return FacebookApi.PLATFORM;
    }

    @Override
    public Capabilities capabilities(Account account) {
        return Capabilities.builder()
                .limit(FacebookComposer.UNIT, FacebookComposer.LIMIT)
                .threads(Capabilities.Threads.none())
                // alt text: Facebook documents no limit for alt_text_custom; 1,000 is a cautious bound
                .media(new Capabilities.MediaRules(1, PHOTO_TYPES, MAX_PHOTO_BYTES, 1000, false, false))
                .links(Capabilities.LinkHandling.FIELD, Capabilities.LinkHandling.CARD, Capabilities.LinkHandling.IN_TEXT)
                .idempotency(Capabilities.Idempotency.none())
                .readBack(READ_BACK_GRACE)
                .corrections(Capabilities.Corrections.deleteAndEdit("DELETE /{page-post-id}; POST /{page-post-id} with"
                        + " message edits the text in place (the link and photo stay)"))
                .build();
    }

    @Override
    public PlatformPost adapt(PostContent content, Capabilities capabilities) {
        return FacebookComposer.adapt(content, capabilities);
    }

    @Override
    public void validate(Account account) {
        FacebookConfig.from(account);
    }

    @Override
    public Set<String> settingNames() {
        return FacebookConfig.SETTINGS;
    }

    @Override
    public Receipt publish(PublishAttempt attempt) throws PublishException {
        Optional<Receipt> done = Receipt.fromCheckpoints(attempt, 1);
        if (done.isPresent()) {
            return done.get();
        }
        FacebookConfig config = config(attempt.account());
        PlatformPost post = attempt.post();
        String text = post.parts().get(0).text();
        PartReceipt receipt;
        if (!post.media().isEmpty()) {
            Media media = post.media().get(0);
            FacebookApi.Photo photo = api.postPhoto(config, attempt.media().fetch(media, MAX_PHOTO_BYTES), text);
            receipt = new PartReceipt(photo.postId(), postUrl(photo.postId()), Map.of("photoId", photo.id()));
        } else {
            String id = api.postFeed(config, text, post.link());
            receipt = PartReceipt.of(id, postUrl(id));
        }
        attempt.record(Checkpoint.posted(0, receipt));
        return Receipt.of(List.of(receipt));
    }

    @Override
    public ReadBack readBack(PublishAttempt attempt) throws PublishException {
        if (attempt.checkpoint(Checkpoint.part(0)).isPresent()) {
            return ReadBack.found("the post is recorded");
        }
        FacebookConfig config = config(attempt.account());
        String wanted = attempt.post().parts().get(0).text().strip();
        if (wanted.isEmpty()) {
            return ReadBack.unsupported("a Facebook post without text cannot be told apart from the Page's other posts");
        }
        Instant since = attempt.firstAttemptAt().minusSeconds(60); // two machines' clocks disagree a little
        for (FacebookApi.Post p : api.pagePosts(config, READ_BACK_POSTS)) {
            if (p.message().strip().equals(wanted) && (p.createdTime() == null || !p.createdTime().isBefore(since))) {
                attempt.record(Checkpoint.posted(0, PartReceipt.of(p.id(), postUrl(p.id()))));
                return ReadBack.found("post " + p.id() + " of Page " + config.pageId() + " has the text, created "
                        + p.createdTime());
            }
        }
        return ReadBack.notFound("the text is not among the " + READ_BACK_POSTS + " latest posts of Page " + config.pageId());
    }

    /**
     * When the Page token stops working: {@code debug_token} with the account's {@code appToken}
     * (the earlier of {@code expires_at} and {@code data_access_expires_at}; 0 is "never"), else the
     * {@value FacebookConfig#EXPIRES_AT} setting, else unknown.
     */
    @Override
    public AccountHealth health(Account account) {
        FacebookConfig config;
        try {
            config = FacebookConfig.from(account);
        } catch (IllegalArgumentException e) {
            return AccountHealth.error(e.getMessage());
        }
        Instant now = api.context().clock().instant();
        String renew = "generate a new long-lived Page token and update the account's tokenEnv or tokenFile";
        Optional<Secret> appToken = config.appToken();
        String asked = "";
        if (appToken.isPresent()) {
            try {
                FacebookApi.TokenInfo info = api.debugToken(config, appToken.get());
                if (!info.valid()) {
                    return AccountHealth.error("Facebook's debug_token says the Page token of " + account.target()
                            + " is not valid; " + renew);
                }
                Instant expiry = earliest(info.expiresAt(), info.dataAccessExpiresAt());
                if (expiry == null) {
                    return AccountHealth.ok("Facebook's debug_token says the Page token never expires");
                }
                return AccountHealth.expiring("the Page token (by Facebook's debug_token)", expiry, now,
                        AccountHealth.DEFAULT_WARNING, renew);
            } catch (PublishException e) {
                asked = "debug_token did not answer (" + e.getMessage() + "); ";
            }
        }
        if (config.expiresAt().isPresent()) {
            AccountHealth h = AccountHealth.expiring("the Page token (by settings." + FacebookConfig.EXPIRES_AT + ")",
                    config.expiresAt().get(), now, AccountHealth.DEFAULT_WARNING, renew);
            return asked.isEmpty() ? h : new AccountHealth(h.status(), asked + h.detail(), h.credentialExpiresAt());
        }
        return AccountHealth.unknown(asked + "the Page token's expiry is unknown; give the account an appTokenEnv (or"
                + " appTokenFile) so that Herald asks Facebook's debug_token, or set settings." + FacebookConfig.EXPIRES_AT);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The post's page on Facebook. */
    static String postUrl(String postId) {
        return "https://www.facebook.com/" + postId;
    }

    @Override
    public io.herald.connector.TakedownResult delete(io.herald.connector.Takedown takedown) throws PublishException {
        String id = takedown.published().remoteId();
        return api.deletePost(config(takedown.account()), id)
                ? io.herald.connector.TakedownResult.deleted("Page post " + id + " deleted")
                : io.herald.connector.TakedownResult.alreadyGone("Page post " + id + " does not exist (deleted before)");
    }

    @Override
    public Receipt edit(io.herald.connector.Edit edit) throws PublishException {
        if (edit.post().parts().size() != 1) {
            throw PublishException.permanent("a Facebook Page post is one part; revision " + edit.delivery().revision()
                    + " has " + edit.post().parts().size());
        }
        api.editPost(config(edit.account()), edit.published().remoteId(), edit.post().parts().get(0).text());
        return edit.published().withNote("edited in place");
    }

    private static FacebookConfig config(Account account) throws PublishException {
        try {
            return FacebookConfig.from(account);
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
    }
}
