package io.herald.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One delivery: a revision of a post to one target, and for a recurring post one occurrence of it
 * ({@code occurrence} 1, 2, ...; 0 for a post that does not repeat). Stable across retries and
 * restarts, so keys derived from it let a network recognise a repeated request, and two occurrences
 * of one post are never taken for a repeat of each other.
 */
public record DeliveryKey(String postId, int revision, String target, int occurrence) {

    public DeliveryKey {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(target, "target");
        if (occurrence < 0) {
            throw new IllegalArgumentException("occurrence must be 0 (no repeat) or more, but was " + occurrence);
        }
    }

    /** A delivery of a post that does not repeat. */
    public DeliveryKey(String postId, int revision, String target) {
        this(postId, revision, target, 0);
    }

    /** Whether this is one occurrence of a recurring post. */
    public boolean recurring() {
        return occurrence > 0;
    }

    /**
     * What identifies the delivery in keys derived from it: {@code postId/revision/target}, and
     * {@code /o<occurrence>} for an occurrence of a recurring post (a post that does not repeat keeps
     * the keys it always had).
     */
    public String identity() {
        return postId + "/" + revision + "/" + target + (occurrence > 0 ? "/o" + occurrence : "");
    }

    /** A stable idempotency key for part {@code part} (0-based) of this delivery: 64 hex chars. */
    public String idempotencyKey(int part) {
        return sha256Hex("herald/" + identity() + "/" + part);
    }

    /** The same key, shortened to {@code length} hex characters for networks with short keys. */
    public String idempotencyKey(int part, int length) {
        return idempotencyKey(part).substring(0, Math.min(64, length));
    }

    @Override
    public String toString() {
        return postId + "@" + revision + "->" + target + (occurrence > 0 ? "#" + occurrence : "");
    }

    private static String sha256Hex(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
