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
}
