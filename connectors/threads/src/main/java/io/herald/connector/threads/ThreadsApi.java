package io.herald.connector.threads;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.connector.Account;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Media;
import io.herald.connector.PartReceipt;
import io.herald.connector.PlatformPost;
import io.herald.connector.PublishAttempt;
import io.herald.connector.PublishException;
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
 * The Threads API calls Herald makes (graph.threads.net), as Meta documents them (Threads "Posts"
 * guide, "Publishing" and "Reply Management" references, "Create Replies", "Troubleshooting"):
 * <ul>
 *   <li>{@code GET /{threads-user-id}/threads_publishing_limit?fields=quota_usage,config,reply_quota_usage,reply_config}:
 *       250 posts and 1,000 replies per rolling 24 hours;</li>
 *   <li>{@code POST /{threads-user-id}/threads} ({@code media_type} {@code TEXT} or {@code IMAGE},
 *       {@code text}, {@code image_url}, {@code alt_text}, {@code reply_to_id}): a container;</li>
 *   <li>{@code GET /{threads-container-id}?fields=status,error_message};</li>
 *   <li>{@code POST /{threads-user-id}/threads_publish} ({@code creation_id}): the media id;</li>
 *   <li>{@code GET /{threads-user-id}/threads} and {@code GET /{threads-media-id}/replies}
 *       ({@code fields=id,text,timestamp,permalink}) for read-back; {@code GET /{media-id}?fields=permalink}.</li>
 * </ul>
 */
final class ThreadsApi implements ContainerNetwork {

    static final String PLATFORM = "threads";
    static final int READ_BACK_POSTS = 25;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]xx");

    private final GraphHttp graph;

    ThreadsApi(ConnectorContext context) {
        this.graph = new GraphHttp(context, PLATFORM);
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    JsonNode publishingLimit(ThreadsConfig config) throws PublishException {
        return graph.get(config.root(), "/" + config.userId() + "/threads_publishing_limit",
                Map.of("fields", "quota_usage,config,reply_quota_usage,reply_config"), config.token());
    }

    @Override
    public void checkQuota(PublishAttempt attempt, int index) throws PublishException {
        JsonNode answer = publishingLimit(config(attempt));
        Optional<PublishingQuota> quota = index == 0 ? PublishingQuota.posts(answer) : PublishingQuota.replies(answer);
        if (quota.isPresent() && quota.get().exhausted()) {
            throw PublishException.rateLimited(PLATFORM + ": the profile has published " + quota.get().used() + " of its "
                    + quota.get().total() + (index == 0 ? " posts" : " replies") + " in the last "
                    + quota.get().window().toHours() + " hours (threads_publishing_limit); the next waits until the"
                    + " oldest leaves the window", Duration.ofHours(1));
        }
    }

    @Override
    public String createContainer(PublishAttempt attempt, int index, String replyTo) throws PublishException {
        ThreadsConfig config = config(attempt);
        PlatformPost post = attempt.post();
        String text = post.parts().get(index).text();
        Map<String, String> params = new LinkedHashMap<>();
        if (index == 0 && !post.media().isEmpty()) {
            Media image = post.media().get(0);
            attempt.media().checkFetchable(image);
            params.put("media_type", "IMAGE");
            params.put("image_url", image.url().strip());
            if (image.altText() != null && !image.altText().isBlank()) {
                params.put("alt_text", image.altText());
            }
            if (!text.isEmpty()) {
                params.put("text", text);
            }
        } else {
            params.put("media_type", "TEXT");
            params.put("text", text);
        }
        if (replyTo != null) {
            params.put("reply_to_id", replyTo);
        }
        JsonNode answer = graph.post(config.root(), "/" + config.userId() + "/threads", params, config.token());
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted the media container but its answer has no id", null);
        }
        return id;
    }

    @Override
    public ContainerState status(PublishAttempt attempt, String containerId) throws PublishException {
        ThreadsConfig config = config(attempt);
        JsonNode answer = graph.get(config.root(), "/" + GraphHttp.enc(containerId), Map.of("fields", "status,error_message"),
                config.token());
        String detail = answer.path("error_message").isValueNode() ? answer.path("error_message").asText(null) : null;
        return new ContainerState(ContainerStatus.of(answer.path("status").asText(null)), detail);
    }

    @Override
    public String publish(PublishAttempt attempt, String containerId) throws PublishException {
        ThreadsConfig config = config(attempt);
        JsonNode answer = graph.post(config.root(), "/" + config.userId() + "/threads_publish",
                Map.of("creation_id", containerId), config.token());
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted threads_publish of container " + containerId
                    + " but its answer has no media id", null);
        }
        return id;
    }

    @Override
    public Optional<PartReceipt> findPublished(PublishAttempt attempt, int index, String replyTo, Instant since)
            throws PublishException {
        ThreadsConfig config = config(attempt);
        String wanted = normalise(attempt.post().parts().get(index).text());
        String path = replyTo == null ? "/" + config.userId() + "/threads" : "/" + GraphHttp.enc(replyTo) + "/replies";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", "id,text,timestamp,permalink");
        params.put("limit", Integer.toString(READ_BACK_POSTS));
        JsonNode answer = graph.get(config.root(), path, params, config.token());
        for (JsonNode m : answer.path("data")) {
            String text = m.path("text").isTextual() ? m.path("text").asText() : "";
            if (normalise(text).equals(wanted) && publishedSince(m.path("timestamp").asText(""), since)) {
                String url = m.path("permalink").isTextual() ? m.path("permalink").asText() : null;
                return Optional.of(PartReceipt.of(m.path("id").asText(), url));
            }
        }
        return Optional.empty();
    }

    @Override
    public String permalink(PublishAttempt attempt, String mediaId) {
        try {
            ThreadsConfig config = config(attempt);
            JsonNode answer = graph.get(config.root(), "/" + GraphHttp.enc(mediaId), Map.of("fields", "permalink"), config.token());
            return answer.path("permalink").isTextual() ? answer.path("permalink").asText() : null;
        } catch (PublishException e) {
            return null; // the post is published; its URL is only for the audit
        }
    }

    /** {@code DELETE /{threads-media-id}}: false when Threads no longer has it. */
    boolean delete(ThreadsConfig config, String mediaId) throws PublishException {
        return graph.delete(config.root(), "/" + GraphHttp.enc(mediaId), config.token());
    }

    static ThreadsConfig config(PublishAttempt attempt) throws PublishException {
        return config(attempt.account());
    }

    static ThreadsConfig config(Account account) throws PublishException {
        try {
            return ThreadsConfig.from(account);
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
    }

    static String normalise(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private static boolean publishedSince(String timestamp, Instant since) {
        if (timestamp.isEmpty()) {
            return true;
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
