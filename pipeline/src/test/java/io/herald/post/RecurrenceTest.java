package io.herald.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the occurrences of a recurring post are due: wall time across daylight saving, ends, and downtime. */
class RecurrenceTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");

    private static Instant ny(String local) {
        return java.time.LocalDateTime.parse(local).atZone(NY).toInstant();
    }

    @Test
    void shouldKeepWeeklyAtNineLocalAcrossTheMarchChangeUntilItsEnd() {
        // clocks go forward in New York on Sunday 2026-03-08: 09:00 is 14:00Z before and 13:00Z after
        Recurrence r = new Recurrence("P7D", ny("2026-03-01T09:00"), NY, ny("2026-03-22T09:00"), null, null);

        assertThat(r.upcoming(1, 100)).containsExactly(
                Instant.parse("2026-03-01T14:00:00Z"), Instant.parse("2026-03-08T13:00:00Z"),
                Instant.parse("2026-03-15T13:00:00Z"), Instant.parse("2026-03-22T13:00:00Z"));
        assertThat(r.upcoming(1, 100)).allSatisfy(t -> assertThat(t.atZone(NY).toLocalTime()).hasToString("09:00"));
        assertThat(r.has(5)).isFalse();
    }

    @Test
    void shouldKeepWeeklyAtNineLocalAcrossTheNovemberChange() {
        // clocks go back in New York on Sunday 2026-11-01: 09:00 is 13:00Z before and 14:00Z after
        Recurrence r = new Recurrence("P1W", ny("2026-10-25T09:00"), NY, ny("2026-11-15T08:59"), null, null);

        assertThat(r.upcoming(1, 100)).containsExactly(
                Instant.parse("2026-10-25T13:00:00Z"), Instant.parse("2026-11-01T14:00:00Z"), Instant.parse("2026-11-08T14:00:00Z"));
    }

    @Test
    void shouldProduceTheRightOccurrencesAsAMovedClockCrossesTheChange() {
        Recurrence r = new Recurrence("P7D", ny("2026-02-22T09:00"), NY, ny("2026-03-29T09:00"), null, null);
        // a clock moved a week at a time, each look just after the occurrence was due: the one due then is open
        Clock clock = Clock.fixed(ny("2026-02-22T09:00:01"), NY);
        for (int k = 1; k <= 6; k++) {
            Recurrence.Next next = r.firstOpen(k, clock.instant());
            assertThat(next.occurrence()).isEqualTo(k);
            assertThat(next.missed()).isEmpty();
            assertThat(r.at(k).atZone(NY).toLocalDateTime()).isEqualTo(ZonedDateTime.ofInstant(clock.instant(), NY)
                    .toLocalDateTime().minusSeconds(1));
            clock = Clock.offset(clock, Duration.ofDays(7).minus(
                    k == 2 ? Duration.ofHours(1) : Duration.ZERO)); // the week with the change is 167 hours long
        }
        assertThat(r.firstOpen(7, clock.instant()).occurrence()).isZero();
    }

    @Test
    void shouldCountADurationAsElapsedTimeSoItsWallTimeMovesAtTheChange() {
        Recurrence r = new Recurrence("PT168H", ny("2026-03-01T09:00"), NY, null, 2, null);

        assertThat(r.at(2).atZone(NY).toLocalTime()).hasToString("10:00");
    }

    @Test
    void shouldMoveAnOccurrenceInTheSpringGapForwardByTheGap() {
        Recurrence r = new Recurrence("P7D", ny("2026-03-01T02:30"), NY, null, 2, null);

        assertThat(r.at(2)).isEqualTo(ZonedDateTime.parse("2026-03-08T03:30-04:00").toInstant());
    }

    @Test
    void shouldCountMonthsFromTheFirstSoTheMonthEndDoesNotDrift() {
        Recurrence r = new Recurrence("P1M", Instant.parse("2027-01-31T15:00:00Z"), ZoneOffset.UTC, null, 3, null);

        assertThat(r.upcoming(1, 10)).containsExactly(Instant.parse("2027-01-31T15:00:00Z"), Instant.parse("2027-02-28T15:00:00Z"),
                Instant.parse("2027-03-31T15:00:00Z"));
    }

    @Test
    void shouldSendOnlyTheLatestMissedOccurrenceStillBeforeItsNextAfterDowntime() {
        Instant first = Instant.parse("2026-11-26T09:00:00Z");
        Recurrence r = new Recurrence("PT1H", first, null, null, 5, null);

        Recurrence.Next next = r.firstOpen(1, first.plus(Duration.ofMinutes(3 * 60 + 30)));

        assertThat(next.occurrence()).isEqualTo(4);
        assertThat(next.missed()).containsExactly(1, 2, 3);
        assertThat(r.windowEnd(4)).isEqualTo(first.plus(Duration.ofHours(4)));
    }

    @Test
    void shouldEndTheSeriesWhenEveryWindowClosed() {
        Instant first = Instant.parse("2026-11-26T09:00:00Z");
        Recurrence r = new Recurrence("PT1H", first, null, null, 3, null);

        Recurrence.Next next = r.firstOpen(1, first.plus(Duration.ofHours(3)));

        assertThat(next.occurrence()).isZero();
        assertThat(next.missed()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldStopAtThePostsExpiresAt() {
        Instant first = Instant.parse("2026-11-26T09:00:00Z");
        Recurrence r = new Recurrence("PT1H", first, null, null, 10, first.plus(Duration.ofMinutes(150)));

        assertThat(r.upcoming(1, 100)).hasSize(3);
        assertThat(r.windowEnd(3)).isEqualTo(first.plus(Duration.ofMinutes(150)));
    }

    @Test
    void shouldRefuseAnEveryThatIsNotAPeriodAndASeriesWithBothEnds() {
        assertThatThrownBy(() -> Recurrence.amount("weekly")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> Recurrence.amount("P0D")).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> new Recurrence("P1D", Instant.EPOCH, null, Instant.EPOCH, 2, null))
                .hasMessageContaining("exactly one");
        assertThat(Recurrence.shortest("P1D")).isEqualTo(Duration.ofHours(23));
        assertThat(Recurrence.shortest("PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThat(List.of(Recurrence.amount("P1W"), Recurrence.amount("PT1H"))).hasSize(2);
    }
}
