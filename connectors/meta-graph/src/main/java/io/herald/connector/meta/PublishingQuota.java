package io.herald.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * How much of its rolling publishing limit an account has used, as Instagram's
 * {@code GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config} and Threads'
 * {@code GET /{threads-user-id}/threads_publishing_limit?fields=quota_usage,config,reply_quota_usage,reply_config}
 * answer it: {@code {"data": [{"quota_usage": 2, "config": {"quota_total": 50, "quota_duration": 86400}}]}}
 * (Meta's IG User Content Publishing Limit reference; Threads API overview, "Posts" and "Replies").
 *
 * @param used posts published in the window
 * @param total posts allowed in the window
 * @param window the window
 */
public record PublishingQuota(int used, int total, Duration window) {

    /** Whether no post is left in the window. */
    public boolean exhausted() {
        return total > 0 && used >= total;
    }

    /** The posts quota ({@code quota_usage}, {@code config}) of an answer, if it has one. */
    public static Optional<PublishingQuota> posts(JsonNode answer) {
        return read(answer, "quota_usage", "config");
    }

    /** The replies quota ({@code reply_quota_usage}, {@code reply_config}) of a Threads answer, if it has one. */
    public static Optional<PublishingQuota> replies(JsonNode answer) {
        return read(answer, "reply_quota_usage", "reply_config");
    }

    private static Optional<PublishingQuota> read(JsonNode answer, String usage, String config) {
        JsonNode row = answer.path("data").path(0);
        JsonNode c = row.path(config);
        if (!row.path(usage).canConvertToInt() || !c.path("quota_total").canConvertToInt()) {
            return Optional.empty();
        }
        long seconds = c.path("quota_duration").asLong(86_400);
        return Optional.of(new PublishingQuota(row.path(usage).asInt(), c.path("quota_total").asInt(),
                Duration.ofSeconds(seconds > 0 ? seconds : 86_400)));
    }
}
