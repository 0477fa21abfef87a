package io.herald.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One delivery: a revision of a post to one target. Stable across retries and restarts, so keys
 * derived from it let a network recognise a repeated request.
 */
public record DeliveryKey(String postId, int revision, String target) {

    public DeliveryKey {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(target, "target");
    }

    /** A stable idempotency key for part {@code part} (0-based) of this delivery: 64 hex chars. */
    public String idempotencyKey(int part) {
        return sha256Hex("herald/" + postId + "/" + revision + "/" + target + "/" + part);
    }

    /** The same key, shortened to {@code length} hex characters for networks with short keys. */
    public String idempotencyKey(int part, int length) {
        return idempotencyKey(part).substring(0, Math.min(64, length));
    }

    @Override
    public String toString() {
        return postId + "@" + revision + "->" + target;
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
