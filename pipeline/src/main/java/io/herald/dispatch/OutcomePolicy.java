package io.herald.dispatch;

import io.github.resilience4j.core.IntervalFunction;
import io.herald.connector.Capabilities;
import io.herald.connector.PublishException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What becomes of a delivery after a failed attempt: a pure function of the failure's kind, what
 * the network can do (idempotency, read-back), the attempts used and the clock. No I/O; tested
 * without a database.
 *
 * <ul>
 *   <li>{@code PERMANENT}, {@code AUTHENTICATION}: failed for good;</li>
 *   <li>{@code RATE_LIMITED}: again when the network asks, not counted against the attempts;</li>
 *   <li>{@code RETRYABLE}: again after an exponential, jittered back-off, until the attempts are used up;</li>
 *   <li>{@code OUTCOME_UNKNOWN}: where the connector can read back (or the network's idempotency is
 *       trusted), again after the network's grace period, reading back first and never repeating
 *       blindly; otherwise left for a person ({@code UNKNOWN_OUTCOME});</li>
 *   <li>any next attempt that would fall after {@code expiresAt}: expired, except after an unclear
 *       attempt, which is read back first (it may have gone out).</li>
 * </ul>
 */
public final class OutcomePolicy {

    private final int maxAttempts;
    private final IntervalFunction backoff;
    private final Duration graceOverride;

    /**
     * @param backoff the wait after attempt n (1-based), from resilience4j's interval functions
     * @param graceOverride a read-back grace for every network (operators' setting), or null for each network's own
     */
    public OutcomePolicy(int maxAttempts, IntervalFunction backoff, Duration graceOverride) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.graceOverride = graceOverride;
    }

    /** The default back-off: {@code initial} doubled per attempt, randomised by half, at most 15 minutes. */
    public static IntervalFunction backoff(Duration initial) {
        return IntervalFunction.ofExponentialRandomBackoff(initial, 2.0, 0.5, Duration.ofMinutes(15));
    }

    /** What a failed attempt leads to. */
    public sealed interface Outcome {
        /** Try again at {@code at}; {@code unclear}: the attempt may have reached the network, read back first. */
        record Retry(Instant at, String reason, boolean unclear) implements Outcome {
        }

        /** Failed for good (dead letter). */
        record Fail(String reason) implements Outcome {
        }

        /** Nobody can tell whether it was published: a person settles it. */
        record Unknown(String reason) implements Outcome {
        }

        /** Not published before {@code expiresAt}. */
        record Expire(String reason) implements Outcome {
        }
    }

    /**
     * @param attempts the attempts made so far, this one included
     * @param unclearSince when the attempt that may have reached the network started (for the grace period)
     */
    public Outcome afterFailure(PublishException.Kind kind, String message, Duration retryAfter, Capabilities caps,
            int attempts, Instant now, Instant expiresAt, Instant unclearSince) {
        return switch (kind) {
            case PERMANENT, AUTHENTICATION -> new Outcome.Fail(message);
            case RATE_LIMITED -> retry(now.plus(retryAfter == null ? Duration.ofMinutes(1) : retryAfter),
                    message + "; the network asks to wait", false, expiresAt);
            case RETRYABLE -> attempts >= maxAttempts
                    ? new Outcome.Fail("gave up after " + attempts + " attempts: " + message)
                    : retry(now.plusMillis(backoff.apply(attempts)), message, false, expiresAt);
            case OUTCOME_UNKNOWN -> unclear(message, caps, attempts, now, expiresAt, unclearSince);
        };
    }

    /** An attempt cut short without an answer (a crash, a timeout after sending). */
    public Outcome unclear(String message, Capabilities caps, int attempts, Instant now, Instant expiresAt, Instant since) {
        if (!caps.readBack() && !caps.idempotency().trusted()) {
            return new Outcome.Unknown(message + "; the network can neither de-duplicate nor be read back, so a person must"
                    + " check the account, then settle it with herald resolve");
        }
        if (attempts >= maxAttempts + 2) {
            // read-backs that keep finding nothing and attempts that keep ending unclear: stop guessing
            return new Outcome.Unknown(message + "; " + attempts + " attempts ended without a clear answer");
        }
        Duration grace = graceOverride != null ? graceOverride
                : caps.readBackGrace().isZero() ? Duration.ofMillis(backoff.apply(attempts)) : caps.readBackGrace();
        Instant at = (since == null ? now : since).plus(grace);
        // not expired even after expiresAt: the read-back must still say whether it went out
        return new Outcome.Retry(at.isBefore(now) ? now : at, message + (caps.readBack()
                ? "; reading the account back before any repeat" : "; the network de-duplicates a repeat"), true);
    }

    private static Outcome retry(Instant at, String reason, boolean unclear, Instant expiresAt) {
        if (expiresAt != null && !at.isBefore(expiresAt)) {
            return new Outcome.Expire("the next attempt would fall after expiresAt " + expiresAt + "; last error: " + reason);
        }
        return new Outcome.Retry(at, reason, unclear);
    }
}
