package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Posting slots as people write them and as Quartz cron expressions, in the account's zone, across DST. */
class PostingSlotsTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");

    private static Instant ny(String local) {
        return LocalDateTime.parse(local).atZone(NY).toInstant();
    }

    @Test
    void shouldReadDaysAndATimeAsACronExpression() {
        assertThat(PostingSlots.toCron("MON-FRI 09:00")).isEqualTo("0 0 9 ? * MON-FRI");
        assertThat(PostingSlots.toCron("sat 10:00")).isEqualTo("0 0 10 ? * SAT");
        assertThat(PostingSlots.toCron("MON,WED-FRI 12:30")).isEqualTo("0 30 12 ? * MON,WED-FRI");
        assertThat(PostingSlots.toCron("07:45")).isEqualTo("0 45 7 * * ?");
        assertThat(PostingSlots.toCron("0 * * * * ?")).isEqualTo("0 * * * * ?");
    }

    @Test
    void shouldFindTheNextSlotInTheAccountsZone() {
        PostingSlots s = PostingSlots.parse("slots", NY, List.of("MON-FRI 09:00", "MON-FRI 12:30", "SAT 10:00"));

        // Friday 2026-11-27 13:00 in New York: next is Saturday 10:00, then Monday 09:00
        Instant sat = s.firstAtOrAfter(ny("2026-11-27T13:00")).orElseThrow();
        assertThat(sat).isEqualTo(ny("2026-11-28T10:00"));
        assertThat(s.firstAfter(sat)).contains(ny("2026-11-30T09:00"));
        assertThat(s.firstAtOrAfter(ny("2026-11-30T09:00"))).contains(ny("2026-11-30T09:00"));
    }

    @Test
    void shouldKeepSlotsAtTheirWallTimeAcrossTheSpringChange() {
        PostingSlots s = PostingSlots.parse("slots", NY, List.of("09:00"));

        Instant before = s.firstAtOrAfter(ny("2026-03-07T08:00")).orElseThrow();
        Instant after = s.firstAfter(before).orElseThrow();
        assertThat(before).isEqualTo(ZonedDateTime.parse("2026-03-07T09:00-05:00").toInstant());
        assertThat(after).isEqualTo(ZonedDateTime.parse("2026-03-08T09:00-04:00").toInstant());
        assertThat(java.time.Duration.between(before, after)).hasHours(23);
    }

    @Test
    void shouldSkipASlotThatDoesNotExistOnTheNightClocksGoForward() {
        PostingSlots s = PostingSlots.parse("slots", NY, List.of("02:30"));

        Instant next = s.firstAtOrAfter(ny("2026-03-07T03:00")).orElseThrow();
        // 2026-03-08 02:30 does not exist in New York: the next slot is the 9th
        assertThat(next).isEqualTo(ZonedDateTime.parse("2026-03-09T02:30-04:00").toInstant());
    }

    @Test
    void shouldTakeASlotInTheAutumnOverlapOnce() {
        PostingSlots s = PostingSlots.parse("slots", NY, List.of("01:30"));

        Instant first = s.firstAtOrAfter(ny("2026-10-31T12:00")).orElseThrow();
        Instant next = s.firstAfter(first).orElseThrow();
        assertThat(first.atZone(NY).toLocalDate()).hasToString("2026-11-01");
        assertThat(next.atZone(NY).toLocalDate()).hasToString("2026-11-02");
    }

    @Test
    void shouldNameASlotThatIsNeitherForm() {
        assertThatThrownBy(() -> PostingSlots.parse("accounts.yaml: accounts[0] (x:a).slots", NY, List.of("MON-FRI 09:00", "noon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("accounts.yaml: accounts[0] (x:a).slots[1]: 'noon' is neither a slot");
    }
}
