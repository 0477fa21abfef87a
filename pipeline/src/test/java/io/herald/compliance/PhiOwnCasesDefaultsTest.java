package io.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The patient-identifier recall cases (own-cases-11 to -17: lone given names with a condition,
 * ages over 89 in any phrasing, definite descriptions of one person, patient-specific URLs, and
 * tricky clean posts) also get their decision with the built-in defaults alone, without the
 * practice's staff list.
 */
class PhiOwnCasesDefaultsTest {

    static final List<String> PHI_OWN = List.of("own/own-cases-11.jsonl", "own/own-cases-12.jsonl",
            "own/own-cases-13.jsonl", "own/own-cases-14.jsonl", "own/own-cases-15.jsonl", "own/own-cases-16.jsonl",
            "own/own-cases-17.jsonl");

    @Test
    void everyPhiOwnCaseGetsItsDecisionWithTheDefaults() throws IOException {
        ComplianceGate gate = TestPolicies.defaultGate();
        List<String> wrong = new ArrayList<>();
        for (String res : PHI_OWN) {
            for (JsonNode p : HeldoutTest.load(res)) {
                Verdict v = gate.check(HeldoutTest.input(p));
                Decision want = Decision.valueOf(p.get("expect").asText());
                if (v.decision() != want) {
                    wrong.add(res + " " + p.get("id").asText() + " expected " + want + " but was " + v.decision());
                }
            }
        }
        assertThat(wrong).as("own phi cases with the wrong decision under the defaults").isEmpty();
    }

    @Test
    void findingsNeverEchoTheMatchedText() throws IOException {
        ComplianceGate gate = TestPolicies.practiceGate();
        for (String res : PHI_OWN) {
            for (JsonNode p : HeldoutTest.load(res)) {
                String body = p.get("body").asText();
                for (Finding f : gate.check(HeldoutTest.input(p)).findings()) {
                    if (f.rule().startsWith("phi.") && f.start() >= 0 && f.end() > f.start() + 2) {
                        String matched = body.substring(f.start(), f.end());
                        assertThat(f.message()).as(p.get("id").asText()).doesNotContain(matched);
                    }
                }
            }
        }
    }
}
