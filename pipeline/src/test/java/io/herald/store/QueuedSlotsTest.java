package io.herald.store;

import static io.herald.store.StoreFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.audit.RecordSource;
import io.herald.config.PostingSlots;
import io.herald.connector.DeliveryKey;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queued posts take their account's next free posting slot, in order of arrival; a cancel frees it, a revision keeps it. */
class QueuedSlotsTest {

    private static final String T = "mastodon:riverside";
    private static final ZoneId NY = ZoneId.of("America/New_York");

    @TempDir
    Path dir;

    StoreFixture f;
    long offset;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
        // every minute, in New York (NOW is 09:00 there)
        f.store.withSlots(Map.of(T, PostingSlots.parse("slots", NY, List.of("0 * * * * ?")))::get);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private void queue(String postId, int revision, Instant publishAt) {
        String content = "{\"parts\":[\"Flu shots\"]}";
        RecordSource source = new RecordSource("in", 0, offset++);
        f.store.recordScheduled(source, 1000L + source.offset(), postId, revision,
                List.of(new NewDelivery(T, publishAt, null, content, "sha", null, true)), List.of());
    }

    private Instant due(String postId, int revision) {
        return f.store.find(new DeliveryKey(postId, revision, T)).orElseThrow().nextAttemptAt();
    }

    @Test
    void shouldGiveQueuedPostsConsecutiveSlotsInOrderOfArrival() {
        queue("a", 1, NOW);
        queue("b", 1, NOW);
        queue("c", 1, NOW.plusSeconds(30));

        assertThat(due("a", 1)).isEqualTo(NOW);
        assertThat(due("b", 1)).isEqualTo(NOW.plusSeconds(60));
        assertThat(due("c", 1)).isEqualTo(NOW.plusSeconds(120));
        assertThat(f.events()).filteredOn(e -> e.get("type").asText().equals("SCHEDULED")).last()
                .satisfies(e -> assertThat(e.get("reason").asText()).contains("queued: the slot 2026-11-26T14:02:00Z"
                        + " (2026-11-26T09:02 America/New_York) of mastodon:riverside"));
    }

    @Test
    void shouldFreeTheSlotOfACancelledPostForTheNextQueuedOne() {
        queue("a", 1, NOW);
        queue("b", 1, NOW);
        f.store.recordCancel(new RecordSource("in", 0, offset++), 5L, "a", "tombstone");
        queue("c", 1, NOW);

        assertThat(due("c", 1)).isEqualTo(NOW);
    }

    @Test
    void shouldKeepTheSlotOfAPostWhenANewRevisionReplacesIt() {
        queue("a", 1, NOW);
        queue("b", 1, NOW);
        queue("b", 2, NOW);

        assertThat(due("b", 2)).isEqualTo(NOW.plusSeconds(60));
        queue("c", 1, NOW);
        assertThat(due("c", 1)).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void shouldTakeTheFirstSlotAtOrAfterPublishAtNotBefore() {
        queue("later", 1, NOW.plusSeconds(3600).plusMillis(1));

        assertThat(due("later", 1)).isEqualTo(NOW.plusSeconds(3660));
    }

    @Test
    void shouldReleaseAQueuedPostAtPublishAtWhenTheAccountHasNoSlots() {
        f.store.withSlots(t -> null);
        queue("plain", 1, NOW.plusSeconds(7));

        assertThat(due("plain", 1)).isEqualTo(NOW.plusSeconds(7));
        assertThat(f.events()).filteredOn(e -> e.get("type").asText().equals("SCHEDULED")).last()
                .satisfies(e -> assertThat(e.get("reason").asText()).contains("has no posting slots"));
    }
}
