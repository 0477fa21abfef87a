package io.herald.store;

import static io.herald.store.StoreFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.connector.DeliveryKey;
import io.herald.connector.Receipt;
import io.herald.post.Recurrence;
import io.herald.testing.MovableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recurring post in the delivery store: one row per target holds the next occurrence; when one ends the
 * row moves on, in the same transaction, to the next whose window is open; missed ones are EXPIRED.
 */
class RecurringDeliveriesTest {

    private static final String T = "mastodon:riverside";

    @TempDir
    Path dir;

    StoreFixture f;
    final MovableClock now = new MovableClock(NOW);
    JdbcDeliveryStore store;
    AuditLog audit;
    long offset;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
        Clock moved = now;
        audit = new AuditLog(f.db, f.producer, StoreFixture.TOPIC, StoreFixture.INSTANCE, moved);
        store = new JdbcDeliveryStore(f.db, audit, moved);
        audit.flush();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private void schedule(String postId, int revision, Recurrence r) {
        RecordSource source = new RecordSource("in", 0, offset++);
        store.recordScheduled(source, 1000L + source.offset(), postId, revision,
                List.of(new NewDelivery(T, r.first(), null, "{\"parts\":[\"Flu shots\"]}", "sha", null, false, r)), List.of());
    }

    private Delivery row(String postId, int revision) {
        return store.find(new DeliveryKey(postId, revision, T)).orElseThrow();
    }

    private Delivery claim(Delivery d) {
        return store.claim(d, "i1", now.instant()).orElseThrow();
    }

    private List<JsonNode> events() {
        audit.flush();
        return StoreFixture.sent(f.producer);
    }

    @Test
    void shouldPublishEachOccurrenceAsItsOwnDeliveryNamingItsNumber() {
        schedule("weekly", 1, new Recurrence("PT1H", NOW, null, null, 3, null));

        for (int k = 1; k <= 3; k++) {
            Delivery d = row("weekly", 1);
            assertThat(d.key().occurrence()).isEqualTo(k);
            assertThat(d.state()).isEqualTo(DeliveryState.SCHEDULED);
            assertThat(d.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(k - 1)));
            assertThat(d.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(k)));
            assertThat(d.attempts()).isZero();
            now.set(d.nextAttemptAt().plusSeconds(1));
            Delivery claimed = claim(d);
            store.markPublished(claimed.key(), Receipt.single("remote-" + k, null),
                    io.herald.audit.AuditEvent.of(AuditEventType.PUBLISHED, "weekly").revision(1).target(T).remoteId("remote-" + k)
                            .build());
        }

        assertThat(row("weekly", 1).state()).isEqualTo(DeliveryState.PUBLISHED);
        assertThat(store.lastRelease(T)).contains(NOW.plus(Duration.ofHours(2)).plusSeconds(1));
        assertThat(row("weekly", 1).key().occurrence()).isEqualTo(3);
        assertThat(store.endedOccurrences("weekly")).extracting(m -> m.get("occurrence") + " " + m.get("state") + " " + m.get("remoteId"))
                .containsExactly("1 PUBLISHED remote-1", "2 PUBLISHED remote-2", "3 PUBLISHED remote-3");
        List<JsonNode> published = events().stream().filter(e -> e.get("type").asText().equals("PUBLISHED")).toList();
        assertThat(published).extracting(e -> e.get("occurrence").asInt() + " " + e.get("remoteId").asText())
                .containsExactly("1 remote-1", "2 remote-2", "3 remote-3");
        assertThat(events()).filteredOn(e -> e.get("type").asText().equals("ATTEMPT"))
                .extracting(e -> e.get("occurrence").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldNotLetACandidateReadBeforeItsOccurrenceEndedClaimTheNextOne() {
        // two instances: one reads occurrence 1 as due, the other claims and publishes it meanwhile; the
        // row has moved on to occurrence 2 (SCHEDULED, no attempts), which the stale candidate must not take
        schedule("twice", 1, new Recurrence("PT1H", NOW, null, null, 3, null));
        now.set(NOW.plusSeconds(1));
        Delivery stale = row("twice", 1);
        Delivery claimed = claim(stale);
        store.markPublished(claimed.key(), Receipt.single("remote-1", null),
                io.herald.audit.AuditEvent.of(AuditEventType.PUBLISHED, "twice").revision(1).target(T).remoteId("remote-1").build());
        now.set(NOW.plus(Duration.ofHours(1)).plusSeconds(1));

        assertThat(store.claim(stale, "i2", now.instant())).isEmpty();
        assertThat(store.claimAll(List.of(stale), "i2", now.instant(), now.instant().plusSeconds(60))).isEmpty();
        Delivery next = row("twice", 1);
        assertThat(next.key().occurrence()).isEqualTo(2);
        assertThat(next.state()).isEqualTo(DeliveryState.SCHEDULED);
        assertThat(claim(next).key().occurrence()).isEqualTo(2);
    }

    @Test
    void shouldExpireMissedOccurrencesAndSendOnlyTheLatestStillOpenAfterDowntime() {
        schedule("hourly", 1, new Recurrence("PT1H", NOW, null, null, 6, null));
        Delivery first = row("hourly", 1);
        // Herald was down from just after the first was due until 3.5 hours later: 1 expires (window closed)
        now.set(NOW.plus(Duration.ofMinutes(210)));
        store.markFinal(first.key(), DeliveryState.EXPIRED, "expired",
                io.herald.audit.AuditEvent.of(AuditEventType.EXPIRED, "hourly").revision(1).target(T).reason("expired").build(), List.of());

        Delivery next = row("hourly", 1);
        assertThat(next.key().occurrence()).isEqualTo(4);
        assertThat(next.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(3)));
        assertThat(store.endedOccurrences("hourly")).extracting(m -> m.get("occurrence") + " " + m.get("state"))
                .containsExactly("1 EXPIRED", "2 EXPIRED", "3 EXPIRED");
        assertThat(events()).filteredOn(e -> e.get("type").asText().equals("EXPIRED"))
                .extracting(e -> e.get("occurrence").asInt()).containsExactly(1, 2, 3);
        assertThat(events()).filteredOn(e -> e.get("type").asText().equals("EXPIRED")).last()
                .satisfies(e -> assertThat(e.get("reason").asText()).contains("only the latest missed occurrence still open goes out"
                        + " (occurrence 4), never a burst"));
    }

    @Test
    void shouldStartASeriesThatArrivesLateAtItsLatestOpenOccurrence() {
        now.set(NOW.plus(Duration.ofMinutes(130)));
        schedule("late", 1, new Recurrence("PT1H", NOW, null, null, 4, null));

        assertThat(row("late", 1).key().occurrence()).isEqualTo(3);
        assertThat(store.endedOccurrences("late")).extracting(m -> m.get("occurrence")).containsExactly(1, 2);
    }

    @Test
    void shouldGoOnAfterAFailedOccurrence() {
        schedule("dup", 1, new Recurrence("PT1H", NOW, null, null, 2, null));
        Delivery d = claim(row("dup", 1));
        store.markFinal(d.key(), DeliveryState.FAILED, "403 duplicate content",
                io.herald.audit.AuditEvent.of(AuditEventType.FAILED, "dup").revision(1).target(T).reason("duplicate").build(), List.of());

        assertThat(row("dup", 1).key().occurrence()).isEqualTo(2);
        assertThat(store.lastRelease(T)).as("a failed occurrence is no release").isEmpty();
        assertThat(row("dup", 1).state()).isEqualTo(DeliveryState.SCHEDULED);
        assertThat(store.endedOccurrences("dup")).extracting(m -> m.get("state") + " " + m.get("lastError"))
                .containsExactly("FAILED 403 duplicate content");
    }

    @Test
    void shouldCancelEveryFutureOccurrenceAndLetANewRevisionReplaceThem() {
        schedule("c", 1, new Recurrence("PT1H", NOW, null, null, 5, null));
        store.recordCancel(new RecordSource("in", 0, offset++), 5L, "c", "tombstone");
        assertThat(row("c", 1).state()).isEqualTo(DeliveryState.CANCELLED);
        assertThat(store.nextDue()).isEmpty();

        schedule("r", 1, new Recurrence("PT1H", NOW, null, null, 5, null));
        Delivery d = claim(row("r", 1));
        store.markPublished(d.key(), Receipt.single("x1", null),
                io.herald.audit.AuditEvent.of(AuditEventType.PUBLISHED, "r").revision(1).target(T).build());
        assertThat(store.lastRelease(T)).as("the published occurrence counts for the account's minInterval, though the row moved on")
                .contains(NOW);
        schedule("r", 2, new Recurrence("P1D", NOW.plus(Duration.ofDays(1)), null, null, 2, null));

        assertThat(row("r", 1).state()).isEqualTo(DeliveryState.SUPERSEDED);
        assertThat(row("r", 1).key().occurrence()).isEqualTo(2);
        assertThat(row("r", 2).key().occurrence()).isEqualTo(1);
        assertThat(row("r", 2).nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(store.recurrence(row("r", 2).key()).every()).isEqualTo("P1D");
    }
}
