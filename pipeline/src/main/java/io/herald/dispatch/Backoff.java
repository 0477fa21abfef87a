package io.herald.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with full jitter, capped: initial × 2^(attempt−1), at most {@link #MAX}. */
final class Backoff {

    static final Duration MAX = Duration.ofMinutes(15);
    private final Duration initial;

    Backoff(Duration initial) {
        if (initial.isNegative()) {
            throw new IllegalArgumentException("initial back-off must not be negative, but was " + initial);
        }
        this.initial = initial;
    }

    /** The wait before the next attempt after {@code attempt} attempts have failed (attempt ≥ 1). */
    Duration after(int attempt) {
        int doublings = Math.min(20, Math.max(0, attempt - 1));
        long max = MAX.toMillis();
        long first = Math.min(initial.toMillis(), max);
        // capped before shifting: a long initial back-off must not overflow into a negative wait
        long capped = first > (max >> doublings) ? max : Math.min(first << doublings, max);
        // half fixed, half random: spreads retries without ever retrying at once
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
