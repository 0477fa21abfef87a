package io.herald.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.approval.KeyFiles;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.audit.Checkpoints;
import io.herald.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChainVerifierTest {

    private static final Instant START = Instant.parse("2026-11-26T14:00:00Z");
    private static final Duration PROMISE = Duration.ofMinutes(2);
    /** When verify runs: long after every promise. */
    private static final Instant LATER = START.plus(Duration.ofDays(1));

    private static AuditChainVerifier.Report verify(AuditChains chains, List<ObjectNode> events) {
        return verify(chains, events, LATER);
    }

    private static AuditChainVerifier.Report verify(AuditChains chains, List<ObjectNode> events, Instant now) {
        AuditChainVerifier v = new AuditChainVerifier(chains.trusted(), now);
        events.forEach(e -> v.accept(chains.record(e)));
        return v.report();
    }

    /** Two instances: a start checkpoint each, their events, a shutdown checkpoint each. */
    private static List<ObjectNode> history(AuditChains c) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(c.checkpoint("herald-1", false, PROMISE)); // e1, herald-1 seq 1
        events.add(c.checkpoint("herald-2", false, PROMISE)); // e2, herald-2 seq 1
        events.add(c.next("herald-1", AuditEventType.RECEIVED, "flu")); // e3, seq 2
        events.add(c.next("herald-2", AuditEventType.RECEIVED, "vax")); // e4, seq 2
        events.add(c.next("herald-1", AuditEventType.SCHEDULED, "flu")); // e5, seq 3
        events.add(c.next("herald-1", AuditEventType.PUBLISHED, "flu")); // e6, seq 4
        events.add(c.next("herald-2", AuditEventType.HELD, "vax")); // e7, seq 3
        events.add(c.checkpoint("herald-1", true, PROMISE)); // e8, seq 5
        events.add(c.checkpoint("herald-2", true, PROMISE)); // e9, seq 4
        return events;
    }

    private static ObjectNode byId(List<ObjectNode> events, String id) {
        return events.stream().filter(e -> e.get("eventId").asText().equals(id)).findFirst().orElseThrow();
    }

    private static void rehash(ObjectNode e) {
        e.remove("hash");
        e.put("hash", AuditLog.hashOf(e));
    }

    @Test
    void shouldFindAnIntactSignedLogIntact() {
        AuditChains c = new AuditChains(START);

        AuditChainVerifier.Report report = verify(c, history(c));

        assertThat(report.intact()).as(report.summary()).isTrue();
        assertThat(report.events()).isEqualTo(9);
        assertThat(report.chains()).containsOnlyKeys("herald-1", "herald-2");
        assertThat(report.summary()).isEqualTo("audit log intact: 9 events in 2 chains (herald-1: seq 1..5, 2 checkpoints"
                + " signed by herald-1; herald-2: seq 1..4, 2 checkpoints signed by herald-2)");
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void shouldFindAnEmptyLogIntact() {
        assertThat(new AuditChainVerifier(TrustedInstances.none(), LATER).report().summary())
                .isEqualTo("audit log intact: 0 events in 0 chains");
    }

    @Test
    void shouldNameAnAlteredEvent() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        byId(events, "e5").put("type", "CANCELLED");

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("e5");
            assertThat(p.describe()).isEqualTo("event e5 (instance herald-1, seq 3) at partition 0, offset 4:"
                    + " altered: its content does not match its hash (changed after it was written)");
        });
        assertThat(report.summary()).startsWith("audit log BROKEN at event e5");
    }

    @Test
    void shouldNameAnAlteredAndReHashedEventByTheNextLink() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        ObjectNode changed = byId(events, "e5");
        changed.put("type", "CANCELLED");
        rehash(changed);

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("e6");
            assertThat(p.reason()).isEqualTo("does not link to seq 3 (event e5): that event was altered and re-hashed,"
                    + " or this one was put in place of the real one");
        });
    }

    @Test
    void shouldNameADeletedEvent() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        events.remove(byId(events, "e5"));

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("e6");
            assertThat(p.reason()).isEqualTo("seq 3 is missing before this event (deleted): the chain goes from seq 2"
                    + " (event e3) to seq 4");
        });
    }

    @Test
    void shouldNameAnInsertedEvent() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        ObjectNode forged = byId(events, "e5").deepCopy();
        forged.put("eventId", "forged").put("type", "PUBLISHED").put("remoteId", "999");
        rehash(forged);
        events.add(5, forged);

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("forged");
            assertThat(p.reason()).isEqualTo("inserted: seq 3 is used twice in this chain; the chain's own event with this"
                    + " seq is e5 (the next event links to it)");
        });
    }

    @Test
    void shouldNameTheForgeryNotTheSignedCheckpointWhenAForgedEventTakesTheNextSeqFirst() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        ObjectNode last = byId(events, "e8"); // herald-1 seq 5, its shutdown checkpoint
        // a forger appends the chain's next seq, linked to its head, before the instance's next checkpoint
        ObjectNode forged = last.deepCopy();
        forged.put("eventId", "forged").put("type", "PUBLISHED").put("postId", "fake").put("seq", last.get("seq").asLong() + 1)
                .put("prevHash", last.get("hash").asText()).remove(java.util.List.of("checkpoint", "signature"));
        rehash(forged);
        events.add(forged);
        events.add(c.checkpoint("herald-1", false, java.time.Duration.ofDays(3650)));

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("forged");
            assertThat(p.reason()).endsWith("(a checkpoint the instance signed)");
        });
    }

    @Test
    void shouldNameAReorderedEvent() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        ObjectNode e5 = byId(events, "e5");
        events.remove(e5);
        events.add(events.indexOf(byId(events, "e6")) + 1, e5);

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("e6");
            assertThat(p.reason()).startsWith("reordered: it is on the topic at offset 4, before seq 3 (event e5, offset 5)");
        });
    }

    @Test
    void shouldCallAChainWithoutATrustedCheckpointAnUnknownInstance() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        events.add(c.next("intruder", AuditEventType.PUBLISHED, "flu"));

        AuditChainVerifier v = new AuditChainVerifier(TrustedInstances.of(Map.of("herald-1", c.key("herald-1").getPublic(),
                "herald-2", c.key("herald-2").getPublic())), LATER);
        events.forEach(e -> v.accept(c.record(e)));

        assertThat(v.report().problems()).singleElement().satisfies(p -> {
            assertThat(p.instance()).isEqualTo("intruder");
            assertThat(p.reason()).startsWith("unknown instance intruder: none of its 1 event is signed by a checkpoint of a"
                    + " trusted key");
        });
    }

    @Test
    void shouldNameACheckpointOfAnUntrustedKey() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        AuditChains other = new AuditChains(START);
        AuditChainVerifier v = new AuditChainVerifier(TrustedInstances.of(Map.of("herald-1", c.key("herald-1").getPublic(),
                "herald-2", other.key("herald-2").getPublic())), LATER);
        events.forEach(e -> v.accept(c.record(e)));

        AuditChainVerifier.Report report = v.report();

        assertThat(report.problems()).extracting(AuditChainVerifier.Problem::reason)
                .anyMatch(r -> r.startsWith("forged checkpoint: signed by a key that is not trusted (fingerprint "
                        + KeyFiles.fingerprint(c.key("herald-2").getPublic())))
                .anyMatch(r -> r.startsWith("unknown instance herald-2"));
        assertThat(report.problems()).allMatch(p -> p.instance().equals("herald-2"));
    }

    @Test
    void shouldNameACheckpointWhoseSignatureDoesNotVerify() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        ObjectNode cp = byId(events, "e1");
        ((ObjectNode) cp.get(Checkpoints.CHECKPOINT)).put(Checkpoints.NEXT_BY, LATER.plusSeconds(60).toString());
        rehash(cp);
        // the next event links to the re-hashed checkpoint, as a forger would make it
        ObjectNode e3 = byId(events, "e3");
        e3.put("prevHash", cp.get("hash").asText());
        rehash(e3);
        ObjectNode e5 = byId(events, "e5");
        e5.put("prevHash", e3.get("hash").asText());
        rehash(e5);
        ObjectNode e6 = byId(events, "e6");
        e6.put("prevHash", e5.get("hash").asText());
        rehash(e6);
        ObjectNode e8 = byId(events, "e8");
        e8.put("prevHash", e6.get("hash").asText());
        rehash(e8);

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).extracting(AuditChainVerifier.Problem::describe)
                .contains("event e1 (instance herald-1, seq 1) at partition 0, offset 0: forged checkpoint: its signature"
                        + " does not verify with the trusted key herald-1 (the checkpoint was altered or made without that key)",
                        "event e8 (instance herald-1, seq 5) at partition 0, offset 7: forged checkpoint: its signature"
                        + " does not verify with the trusted key herald-1 (the checkpoint was altered or made without that key)");
    }

    @Test
    void shouldNameATruncatedChain() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        events.remove(byId(events, "e8")); // herald-1's shutdown checkpoint
        events.remove(byId(events, "e6"));

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("e3");
            assertThat(p.reason()).isEqualTo("not signed: 2 events (seq 2..3) follow the last checkpoint (seq 1), which"
                    + " promised another by " + c.at(1).plus(PROMISE) + ": added after the fact, or the chain's end was cut"
                    + " off (truncated) with the checkpoints that signed it");
        });
    }

    @Test
    void shouldNameAChainThatEndsAtACheckpointWhosePromiseHasPassed() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = new ArrayList<>();
        events.add(c.checkpoint("herald-1", false, PROMISE));
        events.add(c.next("herald-1", AuditEventType.RECEIVED, "flu"));
        events.add(c.checkpoint("herald-1", false, PROMISE));

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("e3");
            assertThat(p.reason()).startsWith("truncated: the chain ends at this checkpoint, which promised another by "
                    + c.at(3).plus(PROMISE));
        });
        assertThat(verify(c, events, c.at(3).plusSeconds(1)).intact()).isTrue();
    }

    @Test
    void shouldNoteRecentEventsNotYetSigned() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = new ArrayList<>();
        events.add(c.checkpoint("herald-1", false, PROMISE));
        events.add(c.next("herald-1", AuditEventType.RECEIVED, "flu"));

        AuditChainVerifier.Report report = verify(c, events, c.at(2));

        assertThat(report.intact()).isTrue();
        assertThat(report.notes()).singleElement().asString().isEqualTo("1 events of instance herald-1 (seq 2..2) are not"
                + " signed yet: the next checkpoint is due by " + c.at(1).plus(PROMISE));
    }

    @Test
    void shouldNameAnEventAppendedAfterTheShutdownCheckpoint() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        events.add(c.next("herald-1", AuditEventType.PUBLISHED, "flu"));

        AuditChainVerifier.Report report = verify(c, events, c.at(10));

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("e10");
            assertThat(p.reason()).startsWith("appended after the instance stopped");
        });
    }

    @Test
    void shouldAcceptARestartThatBeginsWithACheckpoint() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        events.add(c.checkpoint("herald-1", false, PROMISE));
        events.add(c.next("herald-1", AuditEventType.RECEIVED, "dental"));
        events.add(c.checkpoint("herald-1", true, PROMISE));

        assertThat(verify(c, events).intact()).isTrue();
    }

    @Test
    void shouldNameAWitnessedCheckpointThatIsNotOnTheTopic() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        ObjectNode last = byId(events, "e8");
        events.remove(last);
        events.remove(byId(events, "e6"));
        AuditChainVerifier v = new AuditChainVerifier(c.trusted(), c.at(6));
        v.witness("witness.jsonl", List.of(Json.write(byId(events, "e1")), Json.write(last)));
        events.forEach(e -> v.accept(c.record(e)));

        assertThat(v.report().problems()).extracting(AuditChainVerifier.Problem::describe).containsExactly(
                "the witness witness.jsonl line 2 holds checkpoint seq 5 of instance herald-1, which is not on the topic:"
                        + " the topic was truncated or rewritten");
    }

    @Test
    void shouldIgnoreReSentCopiesButNotADifferentEventUnderTheSameId() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        events.add(5, byId(events, "e5").deepCopy());
        AuditChainVerifier.Report resent = verify(c, events);

        assertThat(resent.intact()).as(resent.summary()).isTrue();
        assertThat(resent.repeats()).isEqualTo(1);
        assertThat(resent.summary()).endsWith("; 1 re-sent copies ignored");

        ObjectNode impostor = byId(events, "e5").deepCopy().put("reason", "different");
        rehash(impostor);
        events.add(impostor);
        assertThat(verify(c, events).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("seen before with different content"));
    }

    @Test
    void shouldNoteAChainWhoseStartIsGone() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        events.remove(byId(events, "e1"));
        events.remove(byId(events, "e3"));

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.intact()).as(report.summary()).isTrue();
        assertThat(report.notes()).singleElement().asString().contains("instance herald-1 starts at seq 3");
    }

    @Test
    void shouldCallAnEventWithoutChainFieldsAProblem() {
        AuditChains c = new AuditChains(START);
        List<ObjectNode> events = history(c);
        byId(events, "e4").remove("hash");

        assertThat(verify(c, events).problems()).extracting(AuditChainVerifier.Problem::reason)
                .anyMatch(r -> r.startsWith("no hash chain"));
    }
}
