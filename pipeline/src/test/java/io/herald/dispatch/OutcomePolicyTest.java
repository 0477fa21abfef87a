package io.herald.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.core.IntervalFunction;
import io.herald.connector.Capabilities;
import io.herald.connector.PublishException.Kind;
import io.herald.dispatch.OutcomePolicy.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The outcome policy alone: a pure function, no store, no network, no clock but the one passed in. */
class OutcomePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");
    /** A fixed back-off: attempt n waits n seconds, so every expectation is exact. */
    private static final IntervalFunction LINEAR = attempt -> attempt * 1000L;

    private static final Capabilities BLIND = Capabilities.builder().build();
    private static final Capabilities READ_BACK = Capabilities.builder().readBack(Duration.ofSeconds(30)).build();
    private static final Capabilities DEDUPLICATES = Capabilities.builder()
            .idempotency(Capabilities.Idempotency.naturalKey()).build();

    private final OutcomePolicy policy = new OutcomePolicy(3, LINEAR, null);

    @Test
    void shouldFailForGoodOnAPermanentError() {
        Outcome o = policy.afterFailure(Kind.PERMANENT, "422 text too long", null, BLIND, 1, NOW, null, NOW);

        assertThat(o).isEqualTo(new Outcome.Fail("422 text too long"));
    }

    @Test
    void shouldFailForGoodOnAWrongCredentialWithoutRetrying() {
        Outcome o = policy.afterFailure(Kind.AUTHENTICATION, "401", null, READ_BACK, 1, NOW, null, NOW);

        assertThat(o).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void shouldRetryATransientFailureAfterTheBackOffOfThatAttempt() {
        Outcome o = policy.afterFailure(Kind.RETRYABLE, "503", null, BLIND, 2, NOW, null, NOW);

        assertThat(o).isEqualTo(new Outcome.Retry(NOW.plusSeconds(2), "503", false));
    }

    @Test
    void shouldGiveUpWhenTheAttemptsAreUsedUp() {
        Outcome o = policy.afterFailure(Kind.RETRYABLE, "503", null, BLIND, 3, NOW, null, NOW);

        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(((Outcome.Fail) o).reason()).isEqualTo("gave up after 3 attempts: 503");
    }

    @Test
    void shouldWaitAsLongAsTheNetworkAsksWithoutCountingTheAttempt() {
        Outcome o = policy.afterFailure(Kind.RATE_LIMITED, "429", Duration.ofMinutes(7), BLIND, 10, NOW, null, NOW);

        assertThat(o).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) o).at()).isEqualTo(NOW.plus(Duration.ofMinutes(7)));
        assertThat(((Outcome.Retry) o).unclear()).isFalse();
    }

    @Test
    void shouldWaitAMinuteWhenARateLimitNamesNoTime() {
        Outcome o = policy.afterFailure(Kind.RATE_LIMITED, "429", null, BLIND, 1, NOW, null, NOW);

        assertThat(((Outcome.Retry) o).at()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    }

    @Test
    void shouldExpireWhenTheNextAttemptWouldFallAfterExpiresAt() {
        Outcome o = policy.afterFailure(Kind.RETRYABLE, "503", null, BLIND, 1, NOW, NOW.plusMillis(500), NOW);

        assertThat(o).isInstanceOf(Outcome.Expire.class);
        assertThat(((Outcome.Expire) o).reason()).contains("expiresAt").contains("503");
    }

    @Test
    void shouldLeaveAnUnclearAttemptToAPersonWhereTheNetworkCanNeitherDeduplicateNorBeReadBack() {
        Outcome o = policy.afterFailure(Kind.OUTCOME_UNKNOWN, "timed out after sending", null, BLIND, 1, NOW, null, NOW);

        assertThat(o).isInstanceOf(Outcome.Unknown.class);
        assertThat(((Outcome.Unknown) o).reason()).contains("herald resolve");
    }

    @Test
    void shouldReadBackAnUnclearAttemptAfterTheNetworksGracePeriod() {
        Instant since = NOW.minusSeconds(10);
        Outcome o = policy.afterFailure(Kind.OUTCOME_UNKNOWN, "timed out", null, READ_BACK, 1, NOW, null, since);

        assertThat(o).isEqualTo(new Outcome.Retry(since.plusSeconds(30),
                "timed out; reading the account back before any repeat", true));
    }

    @Test
    void shouldUseTheOperatorsGraceOverTheNetworks() {
        OutcomePolicy withGrace = new OutcomePolicy(3, LINEAR, Duration.ofSeconds(5));

        Outcome o = withGrace.afterFailure(Kind.OUTCOME_UNKNOWN, "timed out", null, READ_BACK, 1, NOW, null, NOW);

        assertThat(((Outcome.Retry) o).at()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void shouldRepeatAnUnclearAttemptWhereTheNetworkDeduplicatesAfterTheBackOff() {
        Outcome o = policy.afterFailure(Kind.OUTCOME_UNKNOWN, "timed out", null, DEDUPLICATES, 2, NOW, null, NOW);

        assertThat(o).isEqualTo(new Outcome.Retry(NOW.plusSeconds(2), "timed out; the network de-duplicates a repeat", true));
    }

    @Test
    void shouldNeverRetryAnUnclearAttemptSoonerThanNow() {
        Outcome o = policy.afterFailure(Kind.OUTCOME_UNKNOWN, "timed out", null, READ_BACK, 1, NOW, null,
                NOW.minus(Duration.ofHours(1)));

        assertThat(((Outcome.Retry) o).at()).isEqualTo(NOW);
    }

    @Test
    void shouldReadBackAnUnclearAttemptEvenAfterExpiresAtBecauseItMayHaveGoneOut() {
        Outcome o = policy.afterFailure(Kind.OUTCOME_UNKNOWN, "timed out", null, READ_BACK, 1, NOW, NOW.minusSeconds(1), NOW);

        assertThat(o).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) o).unclear()).isTrue();
    }

    @Test
    void shouldStopGuessingAfterTooManyUnclearAttempts() {
        Outcome o = policy.unclear("timed out", READ_BACK, 5, NOW, null, NOW);

        assertThat(o).isInstanceOf(Outcome.Unknown.class);
        assertThat(((Outcome.Unknown) o).reason()).contains("5 attempts ended without a clear answer");
    }

    @Test
    void shouldRefuseFewerThanOneAttempt() {
        assertThatThrownBy(() -> new OutcomePolicy(0, LINEAR, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be at least 1, but was 0");
    }

    @Test
    void shouldBackOffExponentiallyWithinHalfAndOneAndAHalfOfTheDoubledWait() {
        IntervalFunction backoff = OutcomePolicy.backoff(Duration.ofSeconds(2));

        for (int i = 0; i < 50; i++) {
            assertThat(backoff.apply(1)).isBetween(1000L, 3000L);
            assertThat(backoff.apply(3)).isBetween(4000L, 12000L);
            assertThat(backoff.apply(30)).isLessThanOrEqualTo(Duration.ofMinutes(15).toMillis());
        }
    }
}
