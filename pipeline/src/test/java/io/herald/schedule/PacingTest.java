package io.herald.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.AccountSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Quiet hours and pacing as wall times in the account's zone, across daylight saving changes. */
class PacingTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");

    private static AccountSchedule schedule(String quiet, Duration minInterval) {
        return new AccountSchedule(NY, List.of(), quiet, minInterval, List.of());
    }

    private static Instant ny(String local) {
        return java.time.LocalDateTime.parse(local).atZone(NY).toInstant();
    }

    @Test
    void shouldHoldAPostDueInQuietHoursOverMidnightUntilTheyEndNextMorning() {
        Optional<Pacing.Wait> w = Pacing.check(schedule("21:00-07:00", null), ny("2026-11-26T22:15"), null);

        assertThat(w).isPresent();
        assertThat(w.get().until()).isEqualTo(ny("2026-11-27T07:00"));
        assertThat(w.get().reason()).contains("quiet hours 21:00-07:00 (America/New_York)").contains("2026-11-27T07:00");
    }

    @Test
    void shouldLetAPostOutsideQuietHoursGoAtOnce() {
        assertThat(Pacing.check(schedule("21:00-07:00", null), ny("2026-11-26T07:00"), null)).isEmpty();
        assertThat(Pacing.check(schedule("21:00-07:00", null), ny("2026-11-26T20:59"), null)).isEmpty();
        assertThat(Pacing.check(schedule("12:00-13:00", null), ny("2026-11-26T13:00"), null)).isEmpty();
    }

    @Test
    void shouldEndQuietHoursAtTheFirstInstantAfterAGapWhenTheirEndDoesNotExist() {
        // 2026-03-08: New York clocks go from 02:00 to 03:00; 02:30 does not exist that night
        Instant end = Pacing.endOfQuietHours("22:00-02:30", NY, ny("2026-03-07T23:00")).orElseThrow();

        assertThat(end).isEqualTo(ZonedDateTime.parse("2026-03-08T03:30-04:00").toInstant());
        assertThat(Duration.between(ny("2026-03-07T23:00"), end)).isEqualTo(Duration.ofHours(3).plusMinutes(30));
    }

    @Test
    void shouldEndQuietHoursAtTheEarlierOfTwoWhenTheirEndExistsTwice() {
        // 2026-11-01: New York clocks go from 02:00 back to 01:00; 01:30 happens twice, EDT then EST
        Instant end = Pacing.endOfQuietHours("23:00-01:30", NY, ny("2026-10-31T23:30")).orElseThrow();

        assertThat(end).isEqualTo(ZonedDateTime.parse("2026-11-01T01:30-04:00").toInstant());
    }

    @Test
    void shouldKeepQuietHoursAsWallTimesOnBothSidesOfADaylightSavingChange() {
        // 21:00-07:00 is 02:00-12:00Z in winter (EST) and 01:00-11:00Z in summer (EDT)
        assertThat(Pacing.endOfQuietHours("21:00-07:00", NY, Instant.parse("2026-03-07T03:00:00Z")))
                .contains(Instant.parse("2026-03-07T12:00:00Z"));
        assertThat(Pacing.endOfQuietHours("21:00-07:00", NY, Instant.parse("2026-03-09T03:00:00Z")))
                .contains(Instant.parse("2026-03-09T11:00:00Z"));
        // the night of the change is one hour shorter
        assertThat(Pacing.endOfQuietHours("21:00-07:00", NY, ny("2026-03-07T21:00")))
                .contains(Instant.parse("2026-03-08T11:00:00Z"));
    }

    @Test
    void shouldWaitForTheIntervalAfterTheLastPost() {
        Instant last = ny("2026-11-26T10:00");
        Optional<Pacing.Wait> w = Pacing.check(schedule(null, Duration.ofMinutes(20)), ny("2026-11-26T10:05"), last);

        assertThat(w.map(Pacing.Wait::until)).contains(ny("2026-11-26T10:20"));
        assertThat(w.get().reason()).contains("minInterval PT20M");
        assertThat(Pacing.check(schedule(null, Duration.ofMinutes(20)), ny("2026-11-26T10:20"), last)).isEmpty();
    }

    @Test
    void shouldWaitForQuietHoursToEndWhenTheIntervalEndsInThem() {
        Instant last = ny("2026-11-26T20:50");
        Optional<Pacing.Wait> w = Pacing.check(schedule("21:00-07:00", Duration.ofMinutes(20)), ny("2026-11-26T20:55"), last);

        assertThat(w.map(Pacing.Wait::until)).contains(ny("2026-11-27T07:00"));
    }

    @Property
    void neverReleasesInQuietHoursNorBeforeTheInterval(@ForAll @LongRange(min = 1_767_225_600L, max = 1_830_297_600L) long epoch,
            @ForAll @IntRange(min = 0, max = 23) int startHour, @ForAll @IntRange(min = 0, max = 23) int endHour,
            @ForAll @IntRange(min = 0, max = 180) int intervalMinutes, @ForAll @IntRange(min = 0, max = 240) int sinceLast) {
        String quiet = String.format("%02d:30-%02d:00", startHour, endHour);
        Duration interval = intervalMinutes == 0 ? null : Duration.ofMinutes(intervalMinutes);
        Instant now = Instant.ofEpochSecond(epoch);
        Instant last = now.minus(Duration.ofMinutes(sinceLast));
        AccountSchedule s = schedule(quiet, interval);

        Instant release = Pacing.check(s, now, last).map(Pacing.Wait::until).orElse(now);

        assertThat(release).isAfterOrEqualTo(now);
        assertThat(Pacing.endOfQuietHours(quiet, NY, release)).isEmpty();
        if (interval != null) {
            assertThat(release).isAfterOrEqualTo(last.plus(interval));
        }
        assertThat(Pacing.check(s, release, last)).isEmpty();
    }
}
