package io.herald.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainVerifierTest {

    private static AuditChainVerifier.Report verify(AuditChains chains, List<ObjectNode> events) {
        AuditChainVerifier v = new AuditChainVerifier();
        events.forEach(e -> v.accept(chains.record(e)));
        return v.report();
    }

    private static List<ObjectNode> history(AuditChains c) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(c.next("herald-1", AuditEventType.RECEIVED, "flu"));
        events.add(c.next("herald-2", AuditEventType.RECEIVED, "vax"));
        events.add(c.next("herald-1", AuditEventType.SCHEDULED, "flu"));
        events.add(c.next("herald-1", AuditEventType.PUBLISHED, "flu"));
        events.add(c.next("herald-2", AuditEventType.HELD, "vax"));
        return events;
    }

    @Test
    void shouldFindAnIntactLogIntact() {
        AuditChains c = new AuditChains(Instant.parse("2026-11-26T14:00:00Z"));

        AuditChainVerifier.Report report = verify(c, history(c));

        assertThat(report.intact()).isTrue();
        assertThat(report.events()).isEqualTo(5);
        assertThat(report.chains()).containsOnlyKeys("herald-1", "herald-2");
        assertThat(report.summary()).isEqualTo("audit log intact: 5 events in 2 chains (herald-1: seq 1..4, herald-2: seq 2..5)");
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void shouldFindAnEmptyLogIntact() {
        assertThat(new AuditChainVerifier().report().summary()).isEqualTo("audit log intact: 0 events in 0 chains");
    }

    @Test
    void shouldNameAnEventChangedAfterItWasWritten() {
        AuditChains c = new AuditChains(Instant.parse("2026-11-26T14:00:00Z"));
        List<ObjectNode> events = history(c);
        events.get(2).put("type", "CANCELLED");

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("e3");
            assertThat(p.describe()).isEqualTo("event e3 (instance herald-1, seq 3) at partition 0, offset 2:"
                    + " its content does not match its hash (changed after it was written)");
        });
        assertThat(report.summary()).startsWith("audit log BROKEN at event e3");
    }

    @Test
    void shouldNoticeAChangedAndReHashedEventByTheNextLink() {
        AuditChains c = new AuditChains(Instant.parse("2026-11-26T14:00:00Z"));
        List<ObjectNode> events = history(c);
        ObjectNode changed = events.get(2);
        changed.put("type", "CANCELLED");
        changed.remove("hash");
        changed.put("hash", AuditLog.hashOf(changed));

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.eventId()).isEqualTo("e4");
            assertThat(p.reason()).contains("prevHash is not the hash of the chain's event before it (seq 3)");
        });
    }

    @Test
    void shouldNoticeAMissingEvent() {
        AuditChains c = new AuditChains(Instant.parse("2026-11-26T14:00:00Z"));
        List<ObjectNode> events = history(c);
        events.remove(2);

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.eventId()).isEqualTo("e4"));
    }

    @Test
    void shouldIgnoreReSentCopiesButNotADifferentEventUnderTheSameId() {
        AuditChains c = new AuditChains(Instant.parse("2026-11-26T14:00:00Z"));
        List<ObjectNode> events = history(c);
        events.add(3, events.get(2).deepCopy());
        AuditChainVerifier.Report resent = verify(c, events);

        assertThat(resent.intact()).isTrue();
        assertThat(resent.repeats()).isEqualTo(1);
        assertThat(resent.summary()).endsWith("; 1 re-sent copies ignored");

        ObjectNode impostor = events.get(2).deepCopy().put("reason", "different");
        c.link(impostor, "herald-3", 1);
        events.add(impostor);
        assertThat(verify(c, events).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("seen before with different content"));
    }

    @Test
    void shouldFollowSeqNotTopicOrderWithinAChain() {
        AuditChains c = new AuditChains(Instant.parse("2026-11-26T14:00:00Z"));
        List<ObjectNode> events = history(c);
        ObjectNode third = events.remove(2);
        events.add(third);

        assertThat(verify(c, events).intact()).isTrue();
    }

    @Test
    void shouldNoteAChainWhoseStartIsGone() {
        AuditChains c = new AuditChains(Instant.parse("2026-11-26T14:00:00Z"));
        List<ObjectNode> events = history(c);
        events.remove(0);

        AuditChainVerifier.Report report = verify(c, events);

        assertThat(report.intact()).isTrue();
        assertThat(report.notes()).singleElement().asString().contains("instance herald-1 starts at seq 3");
    }

    @Test
    void shouldCallAnEventWithoutChainFieldsAProblem() {
        AuditChains c = new AuditChains(Instant.parse("2026-11-26T14:00:00Z"));
        List<ObjectNode> events = history(c);
        events.get(1).remove("hash");

        assertThat(verify(c, events).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("no hash chain"));
    }
}
