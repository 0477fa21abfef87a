package io.herald.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The scheduling fields of a post: {@code zone} (local wall times, DST gaps and overlaps) and {@code queue}. */
class PostSchedulingFieldsTest {

    private static Post parse(String extra) throws InvalidPostException {
        String json = "{\"id\": \"p\", \"body\": \"Flu shots at our clinic.\", \"targets\": [\"mastodon:riverside\"]" + extra + "}";
        return PostFixtures.parser().parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadALocalWallTimeInTheZoneOfThePost() throws Exception {
        Post p = parse(", \"zone\": \"America/New_York\", \"publishAt\": \"2026-11-26T09:00\", \"expiresAt\": \"2026-11-30T00:00\"");

        assertThat(p.publishAt().toInstant()).isEqualTo(ZonedDateTime.parse("2026-11-26T09:00-05:00").toInstant());
        assertThat(p.expiresAt().toInstant()).isEqualTo(ZonedDateTime.parse("2026-11-30T00:00-05:00").toInstant());
        assertThat(p.zone()).hasToString("America/New_York");
    }

    @Test
    void shouldMoveAWallTimeInTheSpringGapForwardByTheGap() throws Exception {
        // 2026-03-08 02:30 does not exist in New York (02:00 -> 03:00): it is 03:30 EDT
        Post p = parse(", \"zone\": \"America/New_York\", \"publishAt\": \"2026-03-08T02:30\"");

        assertThat(p.publishAt().toInstant()).isEqualTo(ZonedDateTime.parse("2026-03-08T03:30-04:00").toInstant());
    }

    @Test
    void shouldTakeTheEarlierOfAWallTimeThatExistsTwiceInTheAutumnOverlap() throws Exception {
        // 2026-11-01 01:30 happens twice in New York: the first, on summer time (EDT, -04:00)
        Post p = parse(", \"zone\": \"America/New_York\", \"publishAt\": \"2026-11-01T01:30\"");

        assertThat(p.publishAt().toInstant()).isEqualTo(ZonedDateTime.parse("2026-11-01T01:30-04:00").toInstant());
    }

    @Test
    void shouldKeepAnOffsetWrittenOutEvenWithAZone() throws Exception {
        Post p = parse(", \"zone\": \"America/New_York\", \"publishAt\": \"2026-11-01T01:30:00-05:00\"");

        assertThat(p.publishAt().toInstant()).isEqualTo(ZonedDateTime.parse("2026-11-01T01:30-05:00").toInstant());
    }

    @Test
    void shouldRefuseAWallTimeWithoutAZoneAndAZoneThatIsNotOne() {
        assertThatThrownBy(() -> parse(", \"publishAt\": \"2026-11-26T09:00\"")).isInstanceOf(InvalidPostException.class)
                .hasMessageContaining("publishAt");
        assertThatThrownBy(() -> parse(", \"zone\": \"Mars/Olympus\"")).isInstanceOf(InvalidPostException.class)
                .hasMessageContaining("zone").hasMessageContaining("America/New_York");
        assertThatThrownBy(() -> parse(", \"zone\": \"-05:00\"")).isInstanceOf(InvalidPostException.class)
                .hasMessageContaining("not an offset");
    }

    @Test
    void shouldReadQueueAsABoolean() throws Exception {
        assertThat(parse(", \"queue\": true").queue()).isTrue();
        assertThat(parse("").queue()).isFalse();
        assertThatThrownBy(() -> parse(", \"queue\": \"yes\"")).isInstanceOf(InvalidPostException.class)
                .hasMessageContaining("queue").hasMessageContaining("true or false");
    }

    @Test
    void shouldReadARepeatWithCountOrUntil() throws Exception {
        Post counted = parse(", \"publishAt\": \"2026-11-26T09:00:00-05:00\", \"repeat\": {\"every\": \"P7D\", \"count\": 4}");
        Post until = parse(", \"zone\": \"America/New_York\", \"publishAt\": \"2026-11-26T09:00\","
                + " \"repeat\": {\"every\": \"P1W\", \"until\": \"2027-01-31T00:00\"}");

        assertThat(counted.repeat()).isEqualTo(new Post.Repeat("P7D", null, 4));
        assertThat(counted.recurrence(counted.publishAt().toInstant()).upcoming(1, 10)).hasSize(4);
        assertThat(until.repeat().until().toInstant()).isEqualTo(ZonedDateTime.parse("2027-01-31T00:00-05:00").toInstant());
        assertThat(until.recurrence(until.publishAt().toInstant()).upcoming(1, 100)).hasSize(10);
        assertThat(parse("").repeat()).isNull();
    }

    @Test
    void shouldRefuseABadRepeatNamingItsField() {
        assertRefused(", \"repeat\": \"weekly\"", "repeat", "must be an object");
        assertRefused(", \"repeat\": {\"count\": 3}", "repeat.every", "is required");
        assertRefused(", \"repeat\": {\"every\": \"weekly\", \"count\": 3}", "repeat.every", "ISO-8601");
        assertRefused(", \"repeat\": {\"every\": \"PT10M\", \"count\": 3}", "repeat.every", "at least PT1H");
        assertRefused(", \"repeat\": {\"every\": \"P1D\"}", "repeat.until", "repeat.count is required");
        assertRefused(", \"repeat\": {\"every\": \"P1D\", \"count\": 3, \"until\": \"2027-01-01T00:00:00Z\"}",
                "repeat.count", "cannot be given with repeat.until");
        assertRefused(", \"repeat\": {\"every\": \"P1D\", \"count\": 1001}", "repeat.count", "from 1 to 1000");
        assertRefused(", \"repeat\": {\"every\": \"P1D\", \"count\": 0}", "repeat.count", "from 1 to 1000");
        assertRefused(", \"publishAt\": \"2027-01-02T00:00:00Z\", \"repeat\": {\"every\": \"P1D\","
                + " \"until\": \"2027-01-01T00:00:00Z\"}", "repeat.until", "must not be before publishAt");
        assertRefused(", \"repeat\": {\"every\": \"P1D\", \"until\": \"soon\"}", "repeat.until", "ISO-8601");
        assertRefused(", \"repeat\": {\"every\": \"P1D\", \"count\": 2, \"each\": 1}", "repeat", "unknown field");
        assertRefused(", \"queue\": true, \"repeat\": {\"every\": \"P1D\", \"count\": 2}", "repeat", "queue");
    }

    @Test
    void shouldLetTheMinimumPeriodBeLoweredForTestsAndDemos() throws Exception {
        System.setProperty("herald.repeat.minEvery", "PT1S");
        try {
            assertThat(parse(", \"repeat\": {\"every\": \"PT3S\", \"count\": 3}").repeat().every()).isEqualTo("PT3S");
        } finally {
            System.clearProperty("herald.repeat.minEvery");
        }
    }

    private static void assertRefused(String extra, String field, String words) {
        assertThatThrownBy(() -> parse(extra)).isInstanceOfSatisfying(InvalidPostException.class, e -> {
            assertThat(e.getMessage()).contains(field).contains(words).doesNotContain("\n");
        });
    }
}
