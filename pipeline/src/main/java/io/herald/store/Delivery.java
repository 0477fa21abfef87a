package io.herald.store;

import io.herald.connector.DeliveryKey;
import java.time.Instant;

/** One delivery row as dispatch sees it. {@code content} is the adapted platform post as JSON. */
public record Delivery(
        DeliveryKey key,
        DeliveryState state,
        Instant publishAt,
        Instant expiresAt,
        Instant nextAttemptAt,
        int attempts,
        String content,
        String contentSha256,
        String warnings,
        String claimedBy,
        java.time.Instant unclearSince,
        java.time.Instant firstAttemptAt,
        java.time.Instant claimedAt) {

    /** Whether the last attempt ended without a clear answer: read back before anything is repeated. */
    public boolean unclear() {
        return unclearSince != null;
    }
}
