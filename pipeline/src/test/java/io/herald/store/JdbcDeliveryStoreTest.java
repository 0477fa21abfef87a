package io.herald.store;

import static io.herald.store.StoreFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.RecordSource;
import io.herald.connector.DeliveryKey;
import io.herald.connector.Receipt;
import io.herald.store.DeliveryStore.IngestResult;
import io.herald.util.Hashing;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcDeliveryStoreTest {

    private static final String TOPIC = "herald.posts.approved";
    private static final String MASTODON = "mastodon:riverside";
    private static final String X = "x:riverside";

    @TempDir
    Path dir;

    StoreFixture f;
    DeliveryStore store;
    long offset;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
        store = f.store;
    }

    @AfterEach
    void close() {
        f.close();
    }

    // --- helpers -------------------------------------------------------------------------------

    private RecordSource nextRecord() {
        return new RecordSource(TOPIC, 0, offset++);
    }

    private static NewDelivery delivery(String target, Instant publishAt) {
        String content = "{\"parts\":[\"Flu shots for " + target + "\"]}";
        return new NewDelivery(target, publishAt, publishAt.plus(Duration.ofDays(4)), content, Hashing.sha256Hex(content), null);
    }

    private static AuditEvent received(String postId, int revision, RecordSource source) {
        return AuditEvent.of(AuditEventType.RECEIVED, postId).revision(revision).source(source).build();
    }

    /** Records a post for the given targets, publishing now, from a fresh input record. */
    private IngestResult schedule(String postId, int revision, String... targets) {
        RecordSource source = nextRecord();
        return schedule(source, postId, revision, NOW, targets);
    }

    private IngestResult schedule(RecordSource source, String postId, int revision, Instant publishAt, String... targets) {
        List<NewDelivery> ds = new ArrayList<>();
        for (String t : targets) {
            ds.add(delivery(t, publishAt));
        }
        return store.recordScheduled(source, 1000L + source.offset(), postId, revision, ds, List.of(received(postId, revision, source)));
    }

    private Delivery row(String postId, int revision, String target) {
        return store.find(new DeliveryKey(postId, revision, target)).orElseThrow();
    }

    private Delivery claimed(String postId, int revision, String target) {
        return store.claim(row(postId, revision, target), "worker-a", NOW).orElseThrow();
    }

    private static AuditEvent event(AuditEventType type, DeliveryKey key) {
        return AuditEvent.of(type, key.postId()).revision(key.revision()).target(key.target()).build();
    }

    private List<JsonNode> eventsOf(String type) {
        return f.events().stream().filter(e -> e.get("type").asText().equals(type)).toList();
    }

    // --- tests ---------------------------------------------------------------------------------

    @Nested
    class RecordScheduled {

        @Test
        void shouldInsertOneScheduledRowPerTargetWaitingForItsPublishTime() {
            Instant at = NOW.plus(Duration.ofHours(3));
            NewDelivery m = delivery(MASTODON, at);

            IngestResult result = store.recordScheduled(nextRecord(), 1000L, "flu", 1, List.of(m, delivery(X, at)),
                    List.of(received("flu", 1, new RecordSource(TOPIC, 0, 0))));

            assertThat(result).isEqualTo(IngestResult.RECORDED);
            Delivery d = row("flu", 1, MASTODON);
            assertThat(d.state()).isEqualTo(DeliveryState.SCHEDULED);
            assertThat(d.publishAt()).isEqualTo(at);
            assertThat(d.nextAttemptAt()).isEqualTo(at);
            assertThat(d.expiresAt()).isEqualTo(at.plus(Duration.ofDays(4)));
            assertThat(d.attempts()).isZero();
            assertThat(d.content()).isEqualTo(m.content());
            assertThat(d.contentSha256()).isEqualTo(m.contentSha256());
            assertThat(d.claimedBy()).isNull();
            assertThat(store.forPost("flu")).extracting(x -> x.key().target()).containsExactly(MASTODON, X);
        }

        @Test
        void shouldWriteTheGivenEventsAndOneScheduledEventPerDelivery() {
            schedule("flu", 1, MASTODON, X);

            List<JsonNode> events = f.events();
            assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("RECEIVED", "SCHEDULED", "SCHEDULED");
            assertThat(events.subList(1, 3)).extracting(e -> e.get("target").asText()).containsExactly(MASTODON, X);
            assertThat(events.get(1).get("revision").asInt()).isEqualTo(1);
            assertThat(events.get(1).get("contentSha256").asText()).isEqualTo(row("flu", 1, MASTODON).contentSha256());
            assertThat(events.get(1).get("reason").asText()).startsWith("publish at " + NOW);
        }

        @Test
        void shouldWriteNothingForTheSameRecordDeliveredAgain() {
            RecordSource source = nextRecord();
            schedule(source, "flu", 1, NOW, MASTODON);
            int before = f.events().size();

            IngestResult again = schedule(source, "flu", 1, NOW, MASTODON, X);

            assertThat(again).isEqualTo(IngestResult.ALREADY_PROCESSED);
            assertThat(store.forPost("flu")).hasSize(1);
            assertThat(f.events()).hasSize(before);
        }

        @Test
        void shouldProcessARecordAtAKnownPositionWithAnotherTimestampAsNew() {
            RecordSource source = nextRecord();
            schedule(source, "flu", 1, NOW, MASTODON);

            // the topic was recreated: offset 0 is another record now
            IngestResult result = store.recordScheduled(source, 99_999L, "other", 1, List.of(delivery(MASTODON, NOW)), List.of());

            assertThat(result).isEqualTo(IngestResult.RECORDED);
            assertThat(store.forPost("other")).hasSize(1);
        }

        @Test
        void shouldSuppressTheSameRevisionFromAnotherRecord() {
            schedule("flu", 1, MASTODON);
            RecordSource second = nextRecord();

            IngestResult result = schedule(second, "flu", 1, NOW, MASTODON, X);

            assertThat(result).isEqualTo(IngestResult.DUPLICATE);
            assertThat(store.forPost("flu")).extracting(d -> d.key().target()).containsExactly(MASTODON);
            List<JsonNode> events = f.events();
            assertThat(events).extracting(e -> e.get("type").asText())
                    .containsExactly("RECEIVED", "SCHEDULED", "DUPLICATE_SUPPRESSED");
            JsonNode dup = events.get(2);
            assertThat(dup.get("revision").asInt()).isEqualTo(1);
            assertThat(dup.get("source").get("offset").asLong()).isEqualTo(second.offset());
            assertThat(dup.get("reason").asText()).contains("revision 1 is not above revision 1");
        }

        @Test
        void shouldSuppressALowerRevisionArrivingLate() {
            schedule("flu", 3, MASTODON);

            assertThat(schedule("flu", 2, MASTODON)).isEqualTo(IngestResult.DUPLICATE);
            assertThat(store.forPost("flu")).extracting(d -> d.key().revision()).containsExactly(3);
        }

        @Test
        void shouldMarkASuppressedRecordAsProcessed() {
            schedule("flu", 1, MASTODON);
            RecordSource second = nextRecord();
            schedule(second, "flu", 1, NOW, MASTODON);

            assertThat(schedule(second, "flu", 1, NOW, MASTODON)).isEqualTo(IngestResult.ALREADY_PROCESSED);
        }

        @Test
        void shouldSupersedeThePendingDeliveriesOfALowerRevision() {
            schedule("flu", 1, MASTODON, X);
            Delivery retrying = claimed("flu", 1, X);
            store.markRetry(retrying.key(), NOW.plusSeconds(60), "503", event(AuditEventType.RETRY_SCHEDULED, retrying.key()));

            IngestResult result = schedule("flu", 2, MASTODON, X);

            assertThat(result).isEqualTo(IngestResult.RECORDED);
            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.SUPERSEDED);
            assertThat(row("flu", 1, X).state()).isEqualTo(DeliveryState.SUPERSEDED);
            assertThat(row("flu", 2, MASTODON).state()).isEqualTo(DeliveryState.SCHEDULED);
            List<JsonNode> cancelled = eventsOf("CANCELLED");
            assertThat(cancelled).hasSize(2).allSatisfy(e -> {
                assertThat(e.get("revision").asInt()).isEqualTo(1);
                assertThat(e.get("reason").asText()).isEqualTo("superseded by revision 2");
            });
            assertThat(cancelled).extracting(e -> e.get("target").asText()).containsExactlyInAnyOrder(MASTODON, X);
        }

        @Test
        void shouldLeaveDeliveriesOfALowerRevisionThatAreUnderWayOrDone() {
            schedule("flu", 1, MASTODON, X);
            Delivery inFlight = claimed("flu", 1, MASTODON);
            Delivery published = claimed("flu", 1, X);
            store.markPublished(published.key(), Receipt.single("1", "https://m/1"), event(AuditEventType.PUBLISHED, published.key()));

            schedule("flu", 2, MASTODON, X);

            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.IN_FLIGHT);
            assertThat(row("flu", 1, X).state()).isEqualTo(DeliveryState.PUBLISHED);
            assertThat(eventsOf("CANCELLED")).isEmpty();
            assertThat(inFlight.state()).isEqualTo(DeliveryState.IN_FLIGHT);
        }

        @Test
        void shouldRecordARevisionEvenWhenNoTargetCouldBeAdapted() {
            RecordSource source = nextRecord();
            IngestResult result = store.recordScheduled(source, 1L, "flu", 1, List.of(), List.of(received("flu", 1, source),
                    AuditEvent.of(AuditEventType.FAILED, "flu").revision(1).target(X).reason("cannot adapt").build()));

            assertThat(result).isEqualTo(IngestResult.RECORDED);
            assertThat(store.forPost("flu")).isEmpty();
            assertThat(f.types()).containsExactly("RECEIVED", "FAILED");
            assertThat(schedule("flu", 1, MASTODON)).isEqualTo(IngestResult.DUPLICATE);
        }

        @Test
        void shouldWriteNothingAtAllWhenThePostCannotBeRecorded() {
            RecordSource source = nextRecord();

            // the same target twice breaks the one-row-per-delivery key half-way through
            assertThatThrownBy(() -> store.recordScheduled(source, 1L, "flu", 1,
                    List.of(delivery(MASTODON, NOW), delivery(MASTODON, NOW)), List.of(received("flu", 1, source))))
                    .isInstanceOf(StoreException.class);

            assertThat(store.forPost("flu")).isEmpty();
            assertThat(f.events()).isEmpty();
            assertThat(schedule(source, "flu", 1, NOW, MASTODON)).as("the record is still to be processed")
                    .isEqualTo(IngestResult.RECORDED);
        }
    }

    @Nested
    class RecordStopped {

        private IngestResult stop(String postId, int revision, boolean decisive, AuditEventType type) {
            RecordSource source = nextRecord();
            return store.recordStopped(source, 1L + source.offset(), postId, revision, decisive, type.name(),
                    List.of(received(postId, revision, source), AuditEvent.of(type, postId).revision(revision).build()));
        }

        @Test
        void shouldDecideARevisionThatWasHeld() {
            assertThat(stop("flu", 1, true, AuditEventType.HELD)).isEqualTo(IngestResult.RECORDED);

            assertThat(f.types()).containsExactly("RECEIVED", "HELD");
            assertThat(schedule("flu", 1, MASTODON)).as("a held revision cannot be sent again to get round the reviewer")
                    .isEqualTo(IngestResult.DUPLICATE);
            assertThat(store.forPost("flu")).isEmpty();
        }

        @Test
        void shouldStopTheWaitingDeliveriesOfAnOlderRevisionWhenANewOneIsBlocked() {
            schedule("flu", 1, MASTODON);

            stop("flu", 2, true, AuditEventType.BLOCKED);

            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.SUPERSEDED);
            assertThat(f.types()).containsExactly("RECEIVED", "SCHEDULED", "RECEIVED", "BLOCKED", "CANCELLED");
        }

        @Test
        void shouldSuppressADecisiveStopOfARevisionAlreadyDecided() {
            schedule("flu", 2, MASTODON);

            assertThat(stop("flu", 2, true, AuditEventType.HELD)).isEqualTo(IngestResult.DUPLICATE);
            assertThat(row("flu", 2, MASTODON).state()).isEqualTo(DeliveryState.SCHEDULED);
            assertThat(f.types()).containsExactly("RECEIVED", "SCHEDULED", "DUPLICATE_SUPPRESSED");
        }

        @Test
        void shouldLetTheAuthorFixARejectedRevisionUnderTheSameNumber() {
            schedule("flu", 1, MASTODON);

            assertThat(stop("flu", 2, false, AuditEventType.REJECTED)).isEqualTo(IngestResult.RECORDED);

            assertThat(row("flu", 1, MASTODON).state()).as("a rejected revision replaces nothing").isEqualTo(DeliveryState.SCHEDULED);
            assertThat(schedule("flu", 2, MASTODON)).isEqualTo(IngestResult.RECORDED);
            assertThat(f.types()).containsExactly("RECEIVED", "SCHEDULED", "RECEIVED", "REJECTED", "RECEIVED", "CANCELLED",
                    "SCHEDULED");
        }

        @Test
        void shouldRecordAnInvalidRecordWithoutKeyOrRevision() {
            RecordSource source = nextRecord();

            IngestResult result = store.recordStopped(source, 5L, null, null, false, "INVALID",
                    List.of(AuditEvent.of(AuditEventType.INVALID, null).source(source).reason("not valid JSON").build()));

            assertThat(result).isEqualTo(IngestResult.RECORDED);
            assertThat(f.events()).singleElement().satisfies(e -> {
                assertThat(e.get("type").asText()).isEqualTo("INVALID");
                assertThat(e.get("postId").isNull()).isTrue();
            });
            assertThat(store.recordStopped(source, 5L, null, null, false, "INVALID", List.of()))
                    .isEqualTo(IngestResult.ALREADY_PROCESSED);
        }
    }

    @Nested
    class RecordCancel {

        @Test
        void shouldCancelEveryPendingDeliveryOfThePostAndNothingElse() {
            schedule("flu", 1, MASTODON, X, "bluesky:riverside");
            Delivery retry = claimed("flu", 1, X);
            store.markRetry(retry.key(), NOW.plusSeconds(30), "503", event(AuditEventType.RETRY_SCHEDULED, retry.key()));
            claimed("flu", 1, "bluesky:riverside");
            schedule("other", 1, MASTODON);
            RecordSource tombstone = nextRecord();

            IngestResult result = store.recordCancel(tombstone, 7L, "flu", "cancelled by a tombstone");

            assertThat(result).isEqualTo(IngestResult.RECORDED);
            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.CANCELLED);
            assertThat(row("flu", 1, X).state()).isEqualTo(DeliveryState.CANCELLED);
            assertThat(row("flu", 1, "bluesky:riverside").state()).isEqualTo(DeliveryState.IN_FLIGHT);
            assertThat(row("other", 1, MASTODON).state()).isEqualTo(DeliveryState.SCHEDULED);
            List<JsonNode> cancelled = eventsOf("CANCELLED");
            assertThat(cancelled).extracting(e -> e.get("target").asText()).containsExactlyInAnyOrder(MASTODON, X);
            assertThat(cancelled).allSatisfy(e -> assertThat(e.get("source").get("offset").asLong()).isEqualTo(tombstone.offset()));
        }

        @Test
        void shouldSayWhenNothingWasWaiting() {
            IngestResult result = store.recordCancel(nextRecord(), 7L, "flu", "cancelled by a tombstone");

            assertThat(result).isEqualTo(IngestResult.RECORDED);
            assertThat(f.events()).singleElement().satisfies(e -> {
                assertThat(e.get("type").asText()).isEqualTo("CANCELLED");
                assertThat(e.get("reason").asText()).isEqualTo("cancelled by a tombstone; no delivery was waiting");
            });
        }

        @Test
        void shouldNotCancelTwiceForARedeliveredTombstone() {
            schedule("flu", 1, MASTODON);
            RecordSource tombstone = nextRecord();
            store.recordCancel(tombstone, 7L, "flu", "cancelled");

            assertThat(store.recordCancel(tombstone, 7L, "flu", "cancelled")).isEqualTo(IngestResult.ALREADY_PROCESSED);
            assertThat(eventsOf("CANCELLED")).hasSize(1);
        }
    }

    @Nested
    class Due {

        @Test
        void shouldListPendingDeliveriesWhoseTimeHasComeOldestFirstUpToTheLimit() {
            schedule(nextRecord(), "c", 1, NOW.minusSeconds(10), MASTODON);
            schedule(nextRecord(), "a", 1, NOW.minusSeconds(30), MASTODON);
            schedule(nextRecord(), "b", 1, NOW.minusSeconds(20), MASTODON);
            schedule(nextRecord(), "later", 1, NOW.plusSeconds(1), MASTODON);

            assertThat(store.due(NOW, 10)).extracting(d -> d.key().postId()).containsExactly("a", "b", "c");
            assertThat(store.due(NOW, 2)).extracting(d -> d.key().postId()).containsExactly("a", "b");
            assertThat(store.due(NOW.plusSeconds(1), 10)).extracting(d -> d.key().postId()).containsExactly("a", "b", "c", "later");
        }

        @Test
        void shouldIncludeADeliveryDueExactlyNow() {
            schedule(nextRecord(), "a", 1, NOW, MASTODON);

            assertThat(store.due(NOW, 1)).hasSize(1);
        }

        @Test
        void shouldLeaveOutDeliveriesThatAreNotPending() {
            schedule("flu", 1, MASTODON, X, "bluesky:riverside");
            claimed("flu", 1, MASTODON);
            store.recordCancel(nextRecord(), 1L, "other", "nothing");
            Delivery x = claimed("flu", 1, X);
            store.markPublished(x.key(), Receipt.single("1", null), event(AuditEventType.PUBLISHED, x.key()));

            assertThat(store.due(NOW, 10)).extracting(d -> d.key().target()).containsExactly("bluesky:riverside");
        }

        @Test
        void shouldListARetryAtItsNextAttempt() {
            schedule("flu", 1, MASTODON);
            Delivery d = claimed("flu", 1, MASTODON);
            store.markRetry(d.key(), NOW.plusSeconds(60), "503", event(AuditEventType.RETRY_SCHEDULED, d.key()));

            assertThat(store.due(NOW.plusSeconds(59), 10)).isEmpty();
            assertThat(store.due(NOW.plusSeconds(60), 10)).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(DeliveryState.RETRY);
                assertThat(r.attempts()).isEqualTo(1);
                assertThat(r.claimedBy()).isNull();
            });
        }

        @Test
        void shouldGiveNothingForANonPositiveLimit() {
            schedule("flu", 1, MASTODON);

            assertThat(store.due(NOW, 0)).isEmpty();
            assertThat(store.due(NOW, -1)).isEmpty();
        }

        @Test
        void shouldListTheDueDeliveriesOfTheNamedAccountsOnlyFirstOnesFirstAndNotOfHeldOnes() {
            schedule(nextRecord(), "m2", 1, NOW.minusSeconds(10), MASTODON);
            schedule(nextRecord(), "m1", 1, NOW.minusSeconds(30), MASTODON);
            schedule(nextRecord(), "m3", 1, NOW.minusSeconds(5), MASTODON);
            schedule(nextRecord(), "x1", 1, NOW.minusSeconds(1), X);
            schedule(nextRecord(), "b1", 1, NOW.minusSeconds(50), "bluesky:riverside");
            schedule(nextRecord(), "later", 1, NOW.plusSeconds(1), X);
            Delivery retry = claimed("m3", 1, MASTODON);
            store.markRetry(retry.key(), NOW.minusSeconds(20), "503", event(AuditEventType.RETRY_SCHEDULED, retry.key()));

            // the retry (due 20 s ago) goes between the two scheduled ones; bluesky is not asked for
            assertThat(store.dueFor(NOW, List.of(MASTODON, X), 8, 100)).extracting(d -> d.key().postId())
                    .containsExactly("m1", "x1", "m3", "m2");
            assertThat(store.dueFor(NOW, List.of(MASTODON, X), 2, 100)).extracting(d -> d.key().postId())
                    .containsExactly("m1", "x1", "m3");
            assertThat(store.dueFor(NOW, List.of(MASTODON, X), 8, 2)).extracting(d -> d.key().postId())
                    .containsExactly("m1", "x1");
            assertThat(store.dueFor(NOW, List.of(), 8, 100)).isEmpty();
            assertThat(store.dueTargets(NOW)).containsExactly("bluesky:riverside", MASTODON, X);

            store.holdAccount(MASTODON, NOW.plusSeconds(60), "rate window full");
            assertThat(store.dueFor(NOW, List.of(MASTODON, X), 8, 100)).extracting(d -> d.key().postId()).containsExactly("x1");
            assertThat(store.count(DeliveryState.SCHEDULED)).isEqualTo(5);
            assertThat(store.count(DeliveryState.RETRY)).isEqualTo(1);
        }

        @Test
        void shouldKnowWhenTheNextDeliveryIsDue() {
            assertThat(store.nextDue()).isEmpty();

            schedule(nextRecord(), "b", 1, NOW.plusSeconds(20), MASTODON);
            schedule(nextRecord(), "a", 1, NOW.plusSeconds(10), MASTODON);

            assertThat(store.nextDue()).contains(NOW.plusSeconds(10));
        }
    }

    @Nested
    class Claim {

        @Test
        void shouldMoveAClaimedDeliveryInFlightCountingTheAttempt() {
            schedule("flu", 1, MASTODON);
            Delivery read = row("flu", 1, MASTODON);

            Delivery claimed = store.claim(read, "worker-a", NOW).orElseThrow();

            assertThat(claimed.state()).isEqualTo(DeliveryState.IN_FLIGHT);
            assertThat(claimed.attempts()).isEqualTo(1);
            assertThat(claimed.claimedBy()).isEqualTo("worker-a");
            assertThat(row("flu", 1, MASTODON)).isEqualTo(claimed);
            JsonNode attempt = eventsOf("ATTEMPT").get(0);
            assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
            assertThat(attempt.get("target").asText()).isEqualTo(MASTODON);
            assertThat(attempt.get("contentSha256").asText()).isEqualTo(read.contentSha256());
        }

        @Test
        void shouldRefuseASecondClaimOfTheSameReadRow() {
            schedule("flu", 1, MASTODON);
            Delivery read = row("flu", 1, MASTODON);
            store.claim(read, "worker-a", NOW).orElseThrow();

            Optional<Delivery> second = store.claim(read, "worker-b", NOW);

            assertThat(second).isEmpty();
            assertThat(row("flu", 1, MASTODON).claimedBy()).isEqualTo("worker-a");
            assertThat(row("flu", 1, MASTODON).attempts()).isEqualTo(1);
            assertThat(eventsOf("ATTEMPT")).hasSize(1);
        }

        @Test
        void shouldRefuseAClaimOfARowCancelledSinceItWasRead() {
            schedule("flu", 1, MASTODON);
            Delivery read = row("flu", 1, MASTODON);
            store.recordCancel(nextRecord(), 1L, "flu", "cancelled");

            assertThat(store.claim(read, "worker-a", NOW)).isEmpty();
            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.CANCELLED);
        }

        @Test
        void shouldRefuseAClaimOfAnEarlierAttemptOfARetry() {
            schedule("flu", 1, MASTODON);
            Delivery read = row("flu", 1, MASTODON);
            Delivery first = store.claim(read, "worker-a", NOW).orElseThrow();
            store.markRetry(first.key(), NOW, "503", event(AuditEventType.RETRY_SCHEDULED, first.key()));

            assertThat(store.claim(read, "worker-b", NOW)).as("read before the first attempt").isEmpty();
            assertThat(store.claim(row("flu", 1, MASTODON), "worker-b", NOW)).get()
                    .satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
        }

        @RepeatedTest(20)
        void shouldLetExactlyOneOfManyRacingWorkersClaimADelivery() throws Exception {
            schedule("flu", 1, MASTODON);
            Delivery read = row("flu", 1, MASTODON);
            int workers = 8;
            CyclicBarrier start = new CyclicBarrier(workers);
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                List<Future<Optional<Delivery>>> claims = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    String name = "worker-" + i;
                    Callable<Optional<Delivery>> claim = () -> {
                        start.await(10, TimeUnit.SECONDS);
                        return store.claim(read, name, NOW);
                    };
                    claims.add(pool.submit(claim));
                }
                List<Delivery> won = new ArrayList<>();
                for (Future<Optional<Delivery>> c : claims) {
                    c.get(30, TimeUnit.SECONDS).ifPresent(won::add);
                }

                assertThat(won).hasSize(1);
                Delivery now = row("flu", 1, MASTODON);
                assertThat(now.claimedBy()).isEqualTo(won.get(0).claimedBy());
                assertThat(now.attempts()).isEqualTo(1);
                assertThat(eventsOf("ATTEMPT")).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Outcomes {

        @Test
        void shouldMarkAnAttemptPublishedWithItsEvent() {
            schedule("flu", 1, MASTODON);
            Delivery d = claimed("flu", 1, MASTODON);

            store.markPublished(d.key(), Receipt.single("1134", "https://m/1134"),
                    AuditEvent.of(AuditEventType.PUBLISHED, "flu").revision(1).target(MASTODON).remoteId("1134").build());

            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.PUBLISHED);
            assertThat(eventsOf("PUBLISHED")).singleElement().satisfies(e -> assertThat(e.get("remoteId").asText()).isEqualTo("1134"));
            assertThat(store.due(NOW.plus(Duration.ofDays(1)), 10)).isEmpty();
        }

        @Test
        void shouldRefuseToMarkPublishedADeliveryThatWasNotClaimedWritingNoEvent() {
            schedule("flu", 1, MASTODON);
            DeliveryKey key = new DeliveryKey("flu", 1, MASTODON);
            int before = f.events().size();

            assertThatThrownBy(() -> store.markPublished(key, Receipt.single("1", null), event(AuditEventType.PUBLISHED, key)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("was not IN_FLIGHT");

            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.SCHEDULED);
            assertThat(f.events()).hasSize(before);
        }

        @Test
        void shouldRefuseToMarkPublishedTwice() {
            schedule("flu", 1, MASTODON);
            Delivery d = claimed("flu", 1, MASTODON);
            store.markPublished(d.key(), Receipt.single("1", null), event(AuditEventType.PUBLISHED, d.key()));

            assertThatThrownBy(() -> store.markPublished(d.key(), Receipt.single("2", null), event(AuditEventType.PUBLISHED, d.key())))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(eventsOf("PUBLISHED")).hasSize(1);
        }

        @Test
        void shouldMoveAFailedAttemptToRetryReleasingTheClaim() {
            schedule("flu", 1, MASTODON);
            Delivery d = claimed("flu", 1, MASTODON);

            store.markRetry(d.key(), NOW.plusSeconds(4), "HTTP 503", event(AuditEventType.RETRY_SCHEDULED, d.key()));

            Delivery r = row("flu", 1, MASTODON);
            assertThat(r.state()).isEqualTo(DeliveryState.RETRY);
            assertThat(r.nextAttemptAt()).isEqualTo(NOW.plusSeconds(4));
            assertThat(r.claimedBy()).isNull();
            assertThat(r.publishAt()).isEqualTo(NOW);
            assertThat(store.inFlight("worker-a")).isEmpty();
            assertThat(eventsOf("RETRY_SCHEDULED")).hasSize(1);
        }

        @Test
        void shouldRefuseARetryOfADeliveryNotInFlight() {
            schedule("flu", 1, MASTODON);
            DeliveryKey key = new DeliveryKey("flu", 1, MASTODON);

            assertThatThrownBy(() -> store.markRetry(key, NOW, "x", event(AuditEventType.RETRY_SCHEDULED, key)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.SCHEDULED);
        }

        @ParameterizedTest
        @EnumSource(value = DeliveryState.class, names = {"FAILED", "EXPIRED", "UNKNOWN_OUTCOME"})
        void shouldEndADeliveryInFlightInAFinalState(DeliveryState state) {
            schedule("flu", 1, MASTODON);
            Delivery d = claimed("flu", 1, MASTODON);

            store.markFinal(d.key(), state, "why", event(AuditEventType.valueOf(state.name()), d.key()));

            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(state);
            assertThat(f.types()).endsWith(state.name());
        }

        @Test
        void shouldExpireADeliveryThatWasNeverClaimed() {
            schedule("flu", 1, MASTODON);
            DeliveryKey key = new DeliveryKey("flu", 1, MASTODON);

            store.markFinal(key, DeliveryState.EXPIRED, "expired", event(AuditEventType.EXPIRED, key));

            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.EXPIRED);
        }

        @Test
        void shouldRefuseToEndADeliveryThatHasAlreadyEnded() {
            schedule("flu", 1, MASTODON);
            Delivery d = claimed("flu", 1, MASTODON);
            store.markPublished(d.key(), Receipt.single("1", null), event(AuditEventType.PUBLISHED, d.key()));

            assertThatThrownBy(() -> store.markFinal(d.key(), DeliveryState.FAILED, "late", event(AuditEventType.FAILED, d.key())))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.PUBLISHED);
            assertThat(eventsOf("FAILED")).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = DeliveryState.class, names = {"SCHEDULED", "IN_FLIGHT", "RETRY", "PUBLISHED", "CANCELLED", "SUPERSEDED"})
        void shouldRefuseAStateThatIsNotFinalAsAnEnd(DeliveryState state) {
            schedule("flu", 1, MASTODON);
            DeliveryKey key = new DeliveryKey("flu", 1, MASTODON);

            assertThatThrownBy(() -> store.markFinal(key, state, "x", event(AuditEventType.FAILED, key)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.SCHEDULED);
        }

        @Test
        void shouldRefuseAnOutcomeForAnUnknownDelivery() {
            DeliveryKey key = new DeliveryKey("nope", 1, MASTODON);

            assertThatThrownBy(() -> store.markFinal(key, DeliveryState.FAILED, "x", event(AuditEventType.FAILED, key)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(f.events()).isEmpty();
        }
    }

    @Nested
    class Lookups {

        @Test
        void shouldListTheDeliveriesLeftInFlightByOneInstance() {
            schedule("flu", 1, MASTODON, X, "bluesky:riverside");
            store.claim(row("flu", 1, MASTODON), "instance-a", NOW).orElseThrow();
            store.claim(row("flu", 1, X), "instance-b", NOW).orElseThrow();
            Delivery done = store.claim(row("flu", 1, "bluesky:riverside"), "instance-a", NOW).orElseThrow();
            store.markPublished(done.key(), Receipt.single("1", null), event(AuditEventType.PUBLISHED, done.key()));

            assertThat(store.inFlight("instance-a")).extracting(d -> d.key().target()).containsExactly(MASTODON);
            assertThat(store.inFlight("instance-b")).extracting(d -> d.key().target()).containsExactly(X);
            assertThat(store.inFlight("instance-c")).isEmpty();
        }

        @Test
        void shouldListAPostsDeliveriesByRevisionAndTarget() {
            schedule("flu", 1, X, MASTODON);
            schedule("flu", 2, X, MASTODON);

            assertThat(store.forPost("flu")).extracting(d -> d.key().toString())
                    .containsExactly("flu@1->mastodon:riverside", "flu@1->x:riverside", "flu@2->mastodon:riverside",
                            "flu@2->x:riverside");
            assertThat(store.find(new DeliveryKey("flu", 3, X))).isEmpty();
        }

        @Test
        void shouldCountDeliveriesByState() {
            schedule("flu", 1, X, MASTODON);
            claimed("flu", 1, X);

            assertThat(store.countByState()).isEqualTo(Map.of(DeliveryState.SCHEDULED, 1L, DeliveryState.IN_FLIGHT, 1L));
        }

        @Test
        void shouldKeepEverythingAcrossARestart() {
            schedule("flu", 1, MASTODON);
            claimed("flu", 1, MASTODON);
            f.close();

            f = new StoreFixture(dir);
            store = f.store;

            assertThat(row("flu", 1, MASTODON).state()).isEqualTo(DeliveryState.IN_FLIGHT);
            assertThat(store.inFlight("worker-a")).hasSize(1);
            assertThat(schedule("flu", 1, MASTODON)).isEqualTo(IngestResult.DUPLICATE);
        }
    }
}
