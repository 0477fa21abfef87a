package io.herald.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    /** The back-off before jitter: initial × 2^(attempt−1), at most 15 minutes. */
    private static long ceilingMillis(long initialMillis, int attempt) {
        double exact = initialMillis * Math.pow(2, Math.min(20, Math.max(0, attempt - 1)));
        return (long) Math.min(exact, Backoff.MAX.toMillis());
    }

    @Property(tries = 2000)
    void shouldWaitBetweenHalfAndAllOfTheDoubledBackoffCappedAtFifteenMinutes(
            @ForAll @LongRange(min = 1, max = 3_600_000) long initialMillis, @ForAll @IntRange(min = 1, max = 64) int attempt) {
        long ceiling = ceilingMillis(initialMillis, attempt);

        Duration wait = new Backoff(Duration.ofMillis(initialMillis)).after(attempt);

        assertThat(wait.toMillis()).isBetween(ceiling / 2, ceiling);
    }

    @Property(tries = 500)
    void shouldNeverWaitLongerThanTheCapNorANegativeTimeWhateverTheInitialBackoff(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 1_000_000) long initialMillis, @ForAll int attempt) {
        Duration wait = new Backoff(Duration.ofMillis(initialMillis)).after(attempt);

        assertThat(wait).isBetween(Duration.ZERO, Backoff.MAX);
    }

    @Test
    void shouldWaitAboutTheInitialBackoffAfterTheFirstFailure() {
        Duration wait = new Backoff(TWO_SECONDS).after(1);

        assertThat(wait).isBetween(Duration.ofSeconds(1), TWO_SECONDS);
    }

    @Test
    void shouldDoubleTheRangeWithEveryAttempt() {
        Backoff backoff = new Backoff(TWO_SECONDS);

        assertThat(backoff.after(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(backoff.after(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(backoff.after(4)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
    }

    @Test
    void shouldStopGrowingAtFifteenMinutes() {
        Backoff backoff = new Backoff(TWO_SECONDS);

        // 2 s × 2^9 = 1024 s is above the cap already
        for (int attempt : new int[] {10, 11, 30, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.after(attempt)).isBetween(Duration.ofMinutes(15).dividedBy(2), Duration.ofMinutes(15));
        }
    }

    @Test
    void shouldCapAnInitialBackoffAboveTheCap() {
        assertThat(new Backoff(Duration.ofDays(1)).after(1)).isBetween(Duration.ofMinutes(15).dividedBy(2), Duration.ofMinutes(15));
        assertThat(new Backoff(Duration.ofDays(999_999)).after(5)).isBetween(Duration.ofMinutes(15).dividedBy(2),
                Duration.ofMinutes(15));
    }

    @Test
    void shouldTreatAnAttemptBelowOneAsTheFirst() {
        assertThat(new Backoff(TWO_SECONDS).after(0)).isBetween(Duration.ofSeconds(1), TWO_SECONDS);
        assertThat(new Backoff(TWO_SECONDS).after(-5)).isBetween(Duration.ofSeconds(1), TWO_SECONDS);
    }

    @Test
    void shouldNotWaitWithAZeroInitialBackoff() {
        assertThat(new Backoff(Duration.ZERO).after(3)).isZero();
    }

    @Test
    void shouldSpreadRetriesOfDeliveriesThatFailedTogether() {
        Backoff backoff = new Backoff(TWO_SECONDS);
        Set<Duration> waits = new HashSet<>();

        for (int i = 0; i < 200; i++) {
            waits.add(backoff.after(3));
        }

        assertThat(waits).hasSizeGreaterThan(50);
    }

    @Test
    void shouldRefuseANegativeInitialBackoff() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
    }
}
