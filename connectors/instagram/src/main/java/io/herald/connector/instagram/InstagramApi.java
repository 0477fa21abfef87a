package io.herald.connector.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.connector.Account;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Media;
import io.herald.connector.PartReceipt;
import io.herald.connector.PlatformPost;
import io.herald.connector.PublishAttempt;
import io.herald.connector.PublishException;
import io.herald.connector.Secret;
import io.herald.connector.meta.ContainerNetwork;
import io.herald.connector.meta.ContainerState;
import io.herald.connector.meta.ContainerStatus;
import io.herald.connector.meta.GraphHttp;
import io.herald.connector.meta.PublishingQuota;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Instagram Graph API calls Herald makes (Instagram API with Facebook Login on
 * {@code graph.facebook.com}, or with Instagram Login on {@code graph.instagram.com}: the same paths),
 * as documented in Meta's Content Publishing guide and references:
 * <ul>
 *   <li>{@code GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config}: the rolling
 *       24-hour publishing quota;</li>
 *   <li>{@code POST /{ig-user-id}/media} ({@code image_url}, {@code caption}, {@code alt_text}): an IG
 *       Container, answered {@code {"id": ...}};</li>
 *   <li>{@code GET /{ig-container-id}?fields=status_code,status}: {@code EXPIRED}, {@code ERROR},
 *       {@code FINISHED}, {@code IN_PROGRESS} or {@code PUBLISHED};</li>
 *   <li>{@code POST /{ig-user-id}/media_publish} ({@code creation_id}): the IG Media id;</li>
 *   <li>{@code GET /{ig-user-id}/media?fields=id,caption,timestamp,permalink}: the account's recent
 *       media, newest first, for read-back; {@code GET /{ig-media-id}?fields=permalink};</li>
 *   <li>{@code GET /debug_token?input_token=...} with an app token: when the token expires.</li>
 * </ul>
 */
final class InstagramApi implements ContainerNetwork {

    static final String PLATFORM = "instagram";
    /** How many of the account's latest media a read-back looks through. */
    static final int READ_BACK_MEDIA = 25;
    /** Instagram's timestamps: {@code 2017-08-31T18:10:00+0000}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]xx");

    private final GraphHttp graph;

    InstagramApi(ConnectorContext context) {
        this.graph = new GraphHttp(context, PLATFORM);
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    /** The account's publishing quota ({@code content_publishing_limit}). */
    Optional<PublishingQuota> quota(InstagramConfig config) throws PublishException {
        JsonNode answer = graph.get(config.root(), "/" + config.userId() + "/content_publishing_limit",
                Map.of("fields", "quota_usage,config"), config.token());
        return PublishingQuota.posts(answer);
    }

    @Override
    public void checkQuota(PublishAttempt attempt, int index) throws PublishException {
        Optional<PublishingQuota> quota = quota(config(attempt));
        if (quota.isPresent() && quota.get().exhausted()) {
            throw PublishException.rateLimited(PLATFORM + ": the account has published " + quota.get().used() + " of its "
                    + quota.get().total() + " posts in the last " + quota.get().window().toHours()
                    + " hours (content_publishing_limit); the next post waits until the oldest leaves the window",
                    Duration.ofHours(1));
        }
    }

    @Override
    public String createContainer(PublishAttempt attempt, int index, String replyTo) throws PublishException {
        InstagramConfig config = config(attempt);
        PlatformPost post = attempt.post();
        if (post.media().isEmpty()) {
            throw PublishException.permanent("instagram needs an image: Instagram cannot publish text alone");
        }
        Media image = post.media().get(0);
        attempt.media().checkFetchable(image);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("image_url", image.url().strip());
        String caption = post.parts().get(0).text();
        if (!caption.isEmpty()) {
            params.put("caption", caption);
        }
        if (image.altText() != null && !image.altText().isBlank()) {
            params.put("alt_text", image.altText());
        }
        JsonNode answer = graph.post(config.root(), "/" + config.userId() + "/media", params, config.token());
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted the media container but its answer has no id", null);
        }
        return id;
    }

    @Override
    public ContainerState status(PublishAttempt attempt, String containerId) throws PublishException {
        InstagramConfig config = config(attempt);
        JsonNode answer = graph.get(config.root(), "/" + GraphHttp.enc(containerId), Map.of("fields", "status_code,status"),
                config.token());
        String detail = answer.path("status").isValueNode() ? answer.path("status").asText(null) : null;
        return new ContainerState(ContainerStatus.of(answer.path("status_code").asText(null)), detail);
    }

    @Override
    public String publish(PublishAttempt attempt, String containerId) throws PublishException {
        InstagramConfig config = config(attempt);
        JsonNode answer = graph.post(config.root(), "/" + config.userId() + "/media_publish",
                Map.of("creation_id", containerId), config.token());
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted media_publish of container " + containerId
                    + " but its answer has no media id", null);
        }
        return id;
    }

    @Override
    public Optional<PartReceipt> findPublished(PublishAttempt attempt, int index, String replyTo, Instant since)
            throws PublishException {
        InstagramConfig config = config(attempt);
        String wanted = normalise(attempt.post().parts().get(0).text());
        JsonNode answer = graph.get(config.root(), "/" + config.userId() + "/media",
                Map.of("fields", "id,caption,timestamp,permalink", "limit", Integer.toString(READ_BACK_MEDIA)), config.token());
        for (JsonNode m : answer.path("data")) {
            String caption = m.path("caption").isTextual() ? m.path("caption").asText() : "";
            if (normalise(caption).equals(wanted) && publishedSince(m.path("timestamp").asText(""), since)) {
                String url = m.path("permalink").isTextual() ? m.path("permalink").asText() : null;
                return Optional.of(PartReceipt.of(m.path("id").asText(), url));
            }
        }
        return Optional.empty();
    }

    @Override
    public String permalink(PublishAttempt attempt, String mediaId) {
        try {
            InstagramConfig config = config(attempt);
            JsonNode answer = graph.get(config.root(), "/" + GraphHttp.enc(mediaId), Map.of("fields", "permalink"), config.token());
            return answer.path("permalink").isTextual() ? answer.path("permalink").asText() : null;
        } catch (PublishException e) {
            return null; // the post is published; its URL is only for the audit
        }
    }

    /** {@code debug_token}: the token's {@code data} ({@code expires_at}, {@code is_valid}, ...). */
    JsonNode debugToken(InstagramConfig config, Secret appToken) throws PublishException {
        JsonNode answer = graph.get(config.root(), "/debug_token", Map.of("input_token", config.token().reveal()), appToken);
        return answer.path("data");
    }

    static InstagramConfig config(PublishAttempt attempt) throws PublishException {
        return config(attempt.account());
    }

    static InstagramConfig config(Account account) throws PublishException {
        try {
            return InstagramConfig.from(account);
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
    }

    /** Whitespace collapsed: Instagram may change line ends. */
    static String normalise(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private static boolean publishedSince(String timestamp, Instant since) {
        if (timestamp.isEmpty()) {
            return true; // no time given: the caption decides
        }
        try {
            return !OffsetDateTime.parse(timestamp, TIMESTAMP).toInstant().isBefore(since);
        } catch (DateTimeParseException e) {
            try {
                return !OffsetDateTime.parse(timestamp).toInstant().isBefore(since);
            } catch (DateTimeParseException e2) {
                return true;
            }
        }
    }
}
