package io.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Conduct, claims and disclosure recall beyond the best-known phrases: misinformation patterns
 * (unproven remedy + strong efficacy + vaccine or disease, "X is poisoning you", "skip the shot"),
 * masked and compound profanity, contempt for a group of patients without stock insults, and
 * testimonials or affiliate posts without a disclosure; and the tricky clean posts next to them
 * (myth-busting, a patient's question, neutral facts about a group, kind staff humour, disclosed
 * posts). Cases in {@code conduct-claims-extra.jsonl}; each must get its decision with the practice
 * policy and with the built-in defaults.
 */
class ConductClaimsRecallTest {

    static final String RESOURCE = "conduct-claims-extra.jsonl";

    @TestFactory
    Stream<DynamicTest> everyCaseGetsItsDecisionWithThePracticePolicy() throws IOException {
        return cases(TestPolicies.practiceRulesGate());
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGetsItsDecisionWithTheDefaults() throws IOException {
        return cases(TestPolicies.rulesOnly(CompliancePolicy.defaults()));
    }

    @Test
    void thereAreManyCasesOfBothKinds() throws IOException {
        List<JsonNode> posts = HeldoutTest.load(RESOURCE);
        assertThat(posts.stream().filter(p -> p.get("expect").asText().equals("HOLD"))).hasSizeGreaterThanOrEqualTo(50);
        assertThat(posts.stream().filter(p -> p.get("category").asText().equals("clean"))).hasSizeGreaterThanOrEqualTo(100);
    }

    private static Stream<DynamicTest> cases(ComplianceGate gate) throws IOException {
        return HeldoutTest.load(RESOURCE).stream().map(p -> DynamicTest.dynamicTest(
                p.get("id").asText() + " " + p.get("expect").asText() + ": " + p.get("body").asText(), () -> {
                    Verdict v = gate.check(HeldoutTest.input(p));
                    assertThat(v.decision()).as("%s%nfindings: %s", p.get("body").asText(), v.findings())
                            .isEqualTo(Decision.valueOf(p.get("expect").asText()));
                }));
    }
}
