package io.herald.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with full jitter, capped: initial × 2^(attempt−1), at most {@link #MAX}. */
final class Backoff {

    static final Duration MAX = Duration.ofMinutes(15);
    private final Duration initial;

    Backoff(Duration initial) {
        this.initial = initial;
    }

    /** The wait before the next attempt after {@code attempt} attempts have failed (attempt ≥ 1). */
    Duration after(int attempt) {
        long base = initial.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(base, MAX.toMillis());
        // half fixed, half random: spreads retries without ever retrying at once
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
