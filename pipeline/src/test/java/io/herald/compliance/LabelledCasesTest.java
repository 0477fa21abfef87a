package io.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every hand-labelled case of {@link LabelledCases} gets its decision and the named rules from the rules, and the whole gate clears its bars on them. */
class LabelledCasesTest {

    @TestFactory
    Stream<DynamicTest> postsWithPatientIdentifiersAreBlocked() {
        return cases(LabelledCases.PHI);
    }

    @TestFactory
    Stream<DynamicTest> conductAndClaimsPostsAreHeld() {
        return cases(LabelledCases.CONDUCT_AND_CLAIMS);
    }

    @TestFactory
    Stream<DynamicTest> cleanPostsArePublished() {
        return cases(LabelledCases.CLEAN);
    }

    @Test
    void thereAreManyCasesOfEveryKind() {
        assertThat(LabelledCases.parse(LabelledCases.PHI)).hasSizeGreaterThanOrEqualTo(130);
        assertThat(LabelledCases.parse(LabelledCases.CONDUCT_AND_CLAIMS)).hasSizeGreaterThanOrEqualTo(90);
        assertThat(LabelledCases.parse(LabelledCases.CLEAN)).hasSizeGreaterThanOrEqualTo(200);
    }

    @Test
    void findingMessagesNeverRepeatTheIdentifierTheyFound() {
        ComplianceGate gate = TestPolicies.practiceGate();
        for (LabelledCases.Case c : LabelledCases.parse(LabelledCases.PHI)) {
            Verdict v = gate.check(ComplianceInput.of("t", c.body()));
            for (Finding f : v.findings()) {
                if (f.category().equals("phi") && f.hasPosition()) {
                    String matched = c.body().substring(f.start(), f.end());
                    assertThat(f.message()).as(c + " " + f.rule()).doesNotContain(matched);
                    for (String word : matched.split("[^\\p{L}\\p{N}]+")) {
                        if (word.length() >= 4 && Character.isUpperCase(word.charAt(0)) || word.matches(".*\\d{3,}.*")) {
                            assertThat(f.message()).as(c + " " + f.rule()).doesNotContain(word);
                        }
                    }
                }
            }
        }
    }

    /**
     * The whole gate (rules and text model), which has never been trained on these cases: it blocks
     * every phi case, publishes no conduct or claims case, and publishes at least 99% of clean ones.
     */
    @Test
    void theWholeGateClearsItsBarsOnCasesItWasNeverTrainedOn() {
        ComplianceGate gate = TestPolicies.practiceGate();
        assertThat(LabelledCases.parse(LabelledCases.PHI))
                .allSatisfy(c -> assertThat(gate.check(ComplianceInput.of("t", c.body())).decision()).as(c.body())
                        .isEqualTo(Decision.BLOCK));
        assertThat(LabelledCases.parse(LabelledCases.CONDUCT_AND_CLAIMS))
                .allSatisfy(c -> assertThat(gate.check(ComplianceInput.of("t", c.body())).decision()).as(c.body())
                        .isNotEqualTo(Decision.PUBLISH));
        List<LabelledCases.Case> clean = LabelledCases.parse(LabelledCases.CLEAN);
        List<String> held = clean.stream().filter(c -> gate.check(ComplianceInput.of("t", c.body())).decision() != Decision.PUBLISH)
                .map(LabelledCases.Case::body).toList();
        assertThat(clean.size() - held.size()).as("clean cases published; not published: %s", held)
                .isGreaterThanOrEqualTo((int) Math.ceil(clean.size() * 0.99));
    }

    /** Each case gets exactly its decision from the rules alone. */
    private static Stream<DynamicTest> cases(String block) {
        ComplianceGate gate = TestPolicies.practiceRulesGate();
        List<LabelledCases.Case> cases = LabelledCases.parse(block);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Verdict v = gate.check(ComplianceInput.of("case-" + c.line(), c.body()));
            assertThat(v.decision()).as("%s%nfindings: %s", c.body(), v.findings()).isEqualTo(c.expected());
            for (String rule : c.rules()) {
                assertThat(v.findings()).as("%s%nfindings: %s", c.body(), v.findings())
                        .anyMatch(f -> f.rule().equals(rule));
            }
        }));
    }
}
