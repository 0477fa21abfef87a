package io.herald.audit;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;

/**
 * How an instance signs its chain: with which key, every how many events and how often (also when
 * idle, so that a missing checkpoint shows a truncated chain), and optionally a witness file that
 * gets a copy of every checkpoint.
 *
 * @param key the instance's Ed25519 private key
 * @param keyFingerprint SHA-256 (hex) of its public key's X.509 encoding
 * @param everyEvents at most this many events between two checkpoints
 * @param every at most this long between two checkpoints
 * @param witness a file every checkpoint is appended to (one JSON line), or null
 */
public record CheckpointPolicy(PrivateKey key, String keyFingerprint, int everyEvents, Duration every, Path witness) {

    public CheckpointPolicy {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        if (everyEvents < 1) {
            throw new IllegalArgumentException("checkpoint every must be at least 1 event, but was " + everyEvents);
        }
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("checkpoint interval must be longer than zero, but was " + every);
        }
    }

    /** The promise a checkpoint makes: the next comes within twice the interval (room for relay delays). */
    public Duration promise() {
        return every.multipliedBy(2);
    }
}
