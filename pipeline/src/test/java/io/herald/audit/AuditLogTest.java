package io.herald.audit;

import static io.herald.store.StoreFixture.INSTANCE;
import static io.herald.store.StoreFixture.NOW;
import static io.herald.store.StoreFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.replay.AuditChainVerifier;
import io.herald.audit.replay.AuditRecord;
import io.herald.audit.replay.TrustedInstances;
import io.herald.json.Json;
import io.herald.store.Database;
import io.herald.store.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    StoreFixture f;
    Database db;
    AuditLog audit;
    MockProducer<byte[], byte[]> producer;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
        db = f.db;
        audit = f.audit;
        producer = f.producer;
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static AuditEvent event(String postId, AuditEventType type) {
        return AuditEvent.of(type, postId).revision(1).target("mastodon:riverside").reason("because").build();
    }

    private void appendInTransaction(AuditEvent... events) {
        db.inTransaction(c -> {
            audit.append(c, List.of(events));
            return null;
        });
    }

    private static MockProducer<byte[], byte[]> manualProducer() {
        return new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Asserts that events form one intact chain from GENESIS, in the order given. */
    private static void assertIntactChain(List<JsonNode> events) {
        String prev = AuditLog.GENESIS;
        long prevSeq = 0;
        for (JsonNode e : events) {
            assertThat(e.get("seq").asLong()).as("seq of %s", e).isGreaterThan(prevSeq);
            assertThat(e.get("prevHash").asText()).as("prevHash of seq %s", e.get("seq")).isEqualTo(prev);
            ObjectNode withoutHash = ((ObjectNode) e).deepCopy();
            withoutHash.remove("hash");
            assertThat(e.get("hash").asText()).as("hash of seq %s", e.get("seq")).isEqualTo(AuditLog.hashOf(withoutHash));
            prev = e.get("hash").asText();
            prevSeq = e.get("seq").asLong();
        }
    }

    /**
     * What {@code herald audit verify} says about these records' hash chains. The log in these tests
     * does not sign (signing has tests of its own below), so the one problem allowed is that its
     * instance is unknown.
     */
    private static AuditChainVerifier.Report verify(List<ProducerRecord<byte[], byte[]>> records) {
        AuditChainVerifier.Report r = verify(records, TrustedInstances.none());
        List<AuditChainVerifier.Problem> chainProblems = r.problems().stream()
                .filter(p -> !p.reason().startsWith("unknown instance")).toList();
        return new AuditChainVerifier.Report(r.events(), r.repeats(), r.chains(), chainProblems, r.notes());
    }

    private static AuditChainVerifier.Report verify(List<ProducerRecord<byte[], byte[]>> records, TrustedInstances trusted) {
        AuditChainVerifier verifier = new AuditChainVerifier(trusted, NOW.plus(Duration.ofDays(1)));
        for (int i = 0; i < records.size(); i++) {
            String json = new String(records.get(i).value(), StandardCharsets.UTF_8);
            verifier.accept(AuditRecord.of(0, i, 0L, json, StoreFixture.json(records.get(i))));
        }
        return verifier.report();
    }

    @Test
    void shouldKeepEventsOfATransactionInTheOutboxUntilFlushed() {
        appendInTransaction(event("flu", AuditEventType.RECEIVED), event("flu", AuditEventType.SCHEDULED));

        assertThat(audit.pending()).isEqualTo(2);
        assertThat(producer.history()).isEmpty();

        audit.flush();

        assertThat(producer.history()).hasSize(2);
        assertThat(audit.pending()).isZero();
    }

    @Test
    void shouldForgetEventsOfATransactionThatRolledBack() {
        assertThatThrownBy(() -> db.inTransaction(c -> {
            audit.append(c, List.of(event("flu", AuditEventType.RECEIVED)));
            throw new IllegalStateException("the state change failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(audit.pending()).isZero();
        audit.flush();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldSendEventsInTheOrderTheyWereAppendedKeyedByPostId() {
        audit.append(List.of(event("a", AuditEventType.RECEIVED), event("b", AuditEventType.RECEIVED)));
        audit.append(List.of(event("c", AuditEventType.SCHEDULED)));

        List<JsonNode> sent = f.events();

        assertThat(sent).extracting(e -> e.get("postId").asText()).containsExactly("a", "b", "c");
        assertThat(producer.history()).allSatisfy(r -> assertThat(r.topic()).isEqualTo(TOPIC));
        assertThat(producer.history()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("a", "b", "c");
    }

    @Test
    void shouldSendAnEventWithoutPostIdWithoutKey() {
        audit.append(List.of(AuditEvent.of(AuditEventType.INVALID, null).reason("not valid JSON").build()));
        audit.flush();

        assertThat(producer.history()).singleElement().satisfies(r -> assertThat(r.key()).isNull());
    }

    @Test
    void shouldStampEveryEventWithIdTimeAndInstance() {
        audit.append(List.of(event("flu", AuditEventType.RECEIVED),
                AuditEvent.of(AuditEventType.PUBLISHED, "flu").at(NOW.minusSeconds(5)).build()));

        List<JsonNode> sent = f.events();

        assertThat(sent).allSatisfy(e -> {
            assertThat(UUID.fromString(e.get("eventId").asText())).isNotNull();
            assertThat(e.get("instance").asText()).isEqualTo(INSTANCE);
        });
        assertThat(sent.get(0).get("eventId").asText()).isNotEqualTo(sent.get(1).get("eventId").asText());
        assertThat(sent.get(0).get("at").asText()).as("from the clock").isEqualTo(NOW.toString());
        assertThat(sent.get(1).get("at").asText()).as("as given").isEqualTo(NOW.minusSeconds(5).toString());
        assertThat(sent.get(0).get("reason").asText()).isEqualTo("because");
    }

    @Test
    void shouldSendNothingTwice() {
        audit.append(List.of(event("flu", AuditEventType.RECEIVED)));
        audit.flush();
        audit.flush();

        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void shouldChainEveryEventToThePreviousOneFromGenesis() {
        for (int i = 0; i < 5; i++) {
            audit.append(List.of(event("p" + i, AuditEventType.RECEIVED), event("p" + i, AuditEventType.SCHEDULED)));
            if (i % 2 == 0) {
                audit.flush();
            }
        }

        List<JsonNode> sent = f.events();

        assertThat(sent).hasSize(10);
        assertThat(sent.get(0).get("prevHash").asText()).isEqualTo(AuditLog.GENESIS);
        assertIntactChain(sent);
        assertThat(verify(producer.history()).intact()).isTrue();
    }

    @Test
    void shouldHashTheCanonicalFormSoThatFieldOrderDoesNotMatter() {
        audit.append(List.of(event("flu", AuditEventType.RECEIVED)));
        JsonNode sent = f.events().get(0);
        ObjectNode reordered = Json.mapper().createObjectNode();
        List<String> names = new ArrayList<>();
        sent.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            reordered.set(names.get(i), sent.get(names.get(i)));
        }

        assertThat(AuditLog.hashOf(reordered)).isEqualTo(sent.get("hash").asText());
    }

    @Test
    void shouldRelayMoreEventsThanOneBatchInOrder() {
        List<AuditEvent> many = IntStream.range(0, 1203).mapToObj(i -> event("p" + i, AuditEventType.RECEIVED)).toList();
        audit.append(many);

        List<JsonNode> sent = f.events();

        assertThat(sent).hasSize(1203);
        assertThat(sent).extracting(e -> e.get("postId").asText()).containsExactlyElementsOf(
                IntStream.range(0, 1203).mapToObj(i -> "p" + i).toList());
        assertIntactChain(sent);
        assertThat(audit.pending()).isZero();
    }

    @Test
    void shouldContinueTheChainAfterARestart() {
        audit.append(List.of(event("a", AuditEventType.RECEIVED), event("a", AuditEventType.SCHEDULED)));
        audit.flush();

        AuditLog restarted = new AuditLog(db, producer, TOPIC, INSTANCE, f.clock);
        restarted.append(List.of(event("b", AuditEventType.RECEIVED)));
        restarted.flush();

        List<JsonNode> sent = StoreFixture.sent(producer);
        assertThat(sent).hasSize(3);
        assertIntactChain(sent);
    }

    @Test
    void shouldKeepOneChainPerInstanceAndRelayOnlyItsOwnEvents() {
        MockProducer<byte[], byte[]> otherProducer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        AuditLog other = new AuditLog(db, otherProducer, TOPIC, "instance-2", f.clock);
        audit.append(List.of(event("a", AuditEventType.RECEIVED)));
        other.append(List.of(event("b", AuditEventType.RECEIVED), event("b", AuditEventType.SCHEDULED)));
        audit.append(List.of(event("c", AuditEventType.RECEIVED)));

        audit.flush();
        other.flush();

        List<JsonNode> mine = StoreFixture.sent(producer);
        List<JsonNode> theirs = StoreFixture.sent(otherProducer);
        assertThat(mine).extracting(e -> e.get("postId").asText()).containsExactly("a", "c");
        assertThat(theirs).extracting(e -> e.get("postId").asText()).containsExactly("b", "b");
        assertThat(theirs).allSatisfy(e -> assertThat(e.get("instance").asText()).isEqualTo("instance-2"));
        assertIntactChain(mine);
        assertIntactChain(theirs);
        List<ProducerRecord<byte[], byte[]>> topic = new ArrayList<>(producer.history());
        topic.addAll(otherProducer.history());
        assertThat(verify(topic).intact()).isTrue();
    }

    @Test
    void shouldLeaveEventsPendingWhenTheTopicFailsAndResendTheSameBytesLater() throws Exception {
        MockProducer<byte[], byte[]> manual = manualProducer();
        AuditLog log = new AuditLog(db, manual, TOPIC, INSTANCE, f.clock);
        log.append(List.of(event("flu", AuditEventType.RECEIVED), event("flu", AuditEventType.SCHEDULED)));
        ExecutorService flusher = Executors.newSingleThreadExecutor();
        try {
            Future<?> failing = flusher.submit(log::flush);
            await().atMost(Duration.ofSeconds(10)).until(() -> manual.history().size() == 2);
            manual.errorNext(new TimeoutException("broker down"));

            assertThat(failing).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                    .isInstanceOf(AuditUnavailableException.class).withMessageContaining("broker down");
            assertThat(log.pending()).isEqualTo(2);
            List<byte[]> firstTry = manual.history().stream().map(ProducerRecord::value).toList();

            manual.clear();
            Future<?> retry = flusher.submit(log::flush);
            await().atMost(Duration.ofSeconds(10)).until(() -> manual.history().size() == 2);
            while (manual.completeNext()) {
                // acknowledge everything sent
            }
            retry.get(10, TimeUnit.SECONDS);

            assertThat(log.pending()).isZero();
            List<byte[]> secondTry = manual.history().stream().map(ProducerRecord::value).toList();
            assertThat(secondTry).hasSize(2);
            assertThat(secondTry.get(0)).isEqualTo(firstTry.get(0));
            assertThat(secondTry.get(1)).isEqualTo(firstTry.get(1));
            assertIntactChain(StoreFixture.sent(manual));
        } finally {
            flusher.shutdownNow();
        }
    }

    @Test
    void shouldChainEventsAppendedAfterAFailureAfterThoseWaiting() throws Exception {
        MockProducer<byte[], byte[]> manual = manualProducer();
        AuditLog log = new AuditLog(db, manual, TOPIC, INSTANCE, f.clock);
        log.append(List.of(event("a", AuditEventType.RECEIVED)));
        ExecutorService flusher = Executors.newSingleThreadExecutor();
        try {
            Future<?> failing = flusher.submit(log::flush);
            await().atMost(Duration.ofSeconds(10)).until(() -> manual.history().size() == 1);
            manual.errorNext(new TimeoutException("broker down"));
            assertThat(failing).failsWithin(Duration.ofSeconds(10));
            manual.clear();

            log.append(List.of(event("b", AuditEventType.RECEIVED)));
            Future<?> retry = flusher.submit(log::flush);
            await().atMost(Duration.ofSeconds(10)).until(() -> manual.history().size() == 2);
            while (manual.completeNext()) {
                // acknowledge everything sent
            }
            retry.get(10, TimeUnit.SECONDS);

            List<JsonNode> sent = StoreFixture.sent(manual);
            assertThat(sent).extracting(e -> e.get("postId").asText()).containsExactly("a", "b");
            assertIntactChain(sent);
        } finally {
            flusher.shutdownNow();
        }
    }

    @Test
    void shouldChainInTheOrderEventsReachTheTopicWhenTransactionsCommitOutOfOrder() throws Exception {
        // A takes the first outbox position but commits last, after B was relayed
        try (Connection a = db.connection()) {
            a.setAutoCommit(false);
            audit.append(a, List.of(event("slow", AuditEventType.ATTEMPT)));
            appendInTransaction(event("fast", AuditEventType.ATTEMPT));
            audit.flush();
            a.commit();
        }
        audit.flush();

        List<JsonNode> sent = StoreFixture.sent(producer);
        assertThat(sent).extracting(e -> e.get("postId").asText()).containsExactly("fast", "slow");
        assertIntactChain(sent);
        assertThat(verify(producer.history()).summary()).startsWith("audit log intact");

        AuditLog restarted = new AuditLog(db, producer, TOPIC, INSTANCE, f.clock);
        restarted.append(List.of(event("next", AuditEventType.RECEIVED)));
        restarted.flush();
        assertIntactChain(StoreFixture.sent(producer));
    }

    @Test
    void shouldKeepTheChainIntactUnderConcurrentWritersAndFlushers() throws Exception {
        int writers = 6;
        int perWriter = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String post = "w" + w;
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        appendInTransaction(event(post, AuditEventType.ATTEMPT));
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 30; i++) {
                    audit.flush();
                }
                return null;
            }));
            start.countDown();
            for (Future<?> w : work) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        audit.flush();

        List<JsonNode> sent = StoreFixture.sent(producer);
        assertThat(sent).hasSize(writers * perWriter);
        assertIntactChain(sent);
        assertThat(verify(producer.history()).intact()).isTrue();
    }

    // --- signed checkpoints -------------------------------------------------------------------

    private static final java.security.KeyPair KEY = io.herald.approval.KeyFiles.generate();

    private static CheckpointPolicy policy(int everyEvents, Path witness) {
        return new CheckpointPolicy(KEY.getPrivate(), io.herald.approval.KeyFiles.fingerprint(KEY.getPublic()), everyEvents,
                Duration.ofMinutes(1), witness);
    }

    private static TrustedInstances trusted() {
        return TrustedInstances.of(java.util.Map.of("herald-test", KEY.getPublic()));
    }

    private static List<String> types(List<JsonNode> sent) {
        return sent.stream().map(e -> e.get("type").asText()).toList();
    }

    @Test
    void shouldSignTheStartEveryNEventsAndTheShutdown() throws Exception {
        Path witness = dir.resolve("witness.jsonl");
        audit.signWith(policy(3, witness));
        for (int i = 0; i < 7; i++) {
            audit.append(List.of(event("p" + i, AuditEventType.RECEIVED)));
        }
        audit.flush();
        audit.finalCheckpoint();

        List<JsonNode> sent = StoreFixture.sent(producer);
        assertThat(types(sent)).containsExactly("CHECKPOINT", "RECEIVED", "RECEIVED", "RECEIVED", "CHECKPOINT", "RECEIVED",
                "RECEIVED", "RECEIVED", "CHECKPOINT", "RECEIVED", "CHECKPOINT");
        assertIntactChain(sent);
        JsonNode last = sent.get(sent.size() - 1);
        assertThat(last.get("checkpoint").get("final").asBoolean()).isTrue();
        assertThat(last.get("checkpoint").get("keyFingerprint").asText())
                .isEqualTo(io.herald.approval.KeyFiles.fingerprint(KEY.getPublic()));
        assertThat(Checkpoints.verifies(last, KEY.getPublic())).isTrue();
        assertThat(java.nio.file.Files.readAllLines(witness)).hasSize(4);

        AuditChainVerifier.Report report = verify(producer.history(), trusted());
        assertThat(report.intact()).as(report.summary()).isTrue();
        assertThat(report.summary()).contains("4 checkpoints signed by herald-test");
    }

    @Test
    void shouldSignARestartBeforeAnythingNewAndCheckpointWhenIdle() {
        audit.signWith(policy(1000, null));
        audit.append(List.of(event("a", AuditEventType.RECEIVED)));
        audit.flush();
        audit.finalCheckpoint();

        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        java.time.Clock moving = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        AuditLog restarted = new AuditLog(db, producer, TOPIC, INSTANCE, moving).signWith(policy(1000, null));
        restarted.append(List.of(event("b", AuditEventType.RECEIVED)));
        restarted.flush();
        restarted.flush(); // nothing new, not yet due: no checkpoint
        now.set(NOW.plus(Duration.ofMinutes(1)));
        restarted.flush(); // idle for the interval: a checkpoint keeps the promise

        List<JsonNode> sent = StoreFixture.sent(producer);
        assertThat(types(sent)).containsExactly("CHECKPOINT", "RECEIVED", "CHECKPOINT", "CHECKPOINT", "RECEIVED", "CHECKPOINT");
        assertIntactChain(sent);
        AuditChainVerifier.Report report = verify(producer.history(), trusted());
        assertThat(report.problems()).extracting(AuditChainVerifier.Problem::reason)
                .allMatch(r -> r.startsWith("truncated")); // verified a day later: the running instance's promise passed
    }

    @Test
    void shouldMarkEveryEventWhenApprovalsAreOff() {
        audit.markApprovalsOff(true).signWith(policy(1000, null));
        audit.append(List.of(event("a", AuditEventType.RECEIVED)));
        audit.flush();

        assertThat(StoreFixture.sent(producer)).hasSize(2).allSatisfy(e -> assertThat(e.get("approvalsOff").asBoolean()).isTrue());
    }
}
