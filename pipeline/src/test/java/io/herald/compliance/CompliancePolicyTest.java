package io.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompliancePolicyTest {

    @TempDir
    Path dir;

    @Test
    void defaultsSetEveryRuleWithTheIssuesActions() {
        CompliancePolicy d = CompliancePolicy.defaults();
        assertThat(d.rules().keySet()).containsExactlyElementsOf(Rules.ids());
        for (CompliancePolicy.RuleSetting r : d.rules().values()) {
            switch (r.category()) {
                case "phi" -> assertThat(r.action()).as(r.id()).isEqualTo(Action.BLOCK);
                case "conduct", "claims", "disclosure" -> assertThat(r.action()).as(r.id()).isEqualTo(Action.HOLD);
                default -> assertThat(r.action()).as(r.id()).isEqualTo(Action.WARN);
            }
        }
        assertThat(d.rule(Rules.READABILITY_GRADE).param("maxGrade")).isEqualTo(8.0);
        assertThat(d.rule(Rules.PHI_AGE).param("maxAge")).isEqualTo(89.0);
        assertThat(d.practice().phones()).isEmpty();
        assertThat(d.staff()).isEmpty();
        assertThat(d.words("profanity")).contains("damn");
    }

    @Test
    void theShippedConfigIsValidAndNamesEveryRule() throws IOException {
        Path file = TestPolicies.repoConfig();
        CompliancePolicy p = CompliancePolicy.load(file);
        assertThat(p.practice().phones()).isNotEmpty();
        assertThat(p.staff()).isNotEmpty();
        JsonNode rules = Json.yaml().readTree(Files.readString(file)).get("rules");
        Set<String> named = new HashSet<>();
        for (Iterator<String> it = rules.fieldNames(); it.hasNext(); ) {
            named.add(it.next());
        }
        assertThat(named).as("config/compliance.yaml lists each rule's id, action and parameters")
                .containsExactlyInAnyOrderElementsOf(Rules.ids());
    }

    @Test
    void anOperatorFileOverridesActionsAndParametersAndAddsToLists() {
        CompliancePolicy p = CompliancePolicy.parse("""
                practice:
                  phones: ["(555) 010-4000"]
                staff: [Jane Roe]
                rules:
                  readability.grade: {action: HOLD, maxGrade: 10}
                  conduct.shouting: {action: OFF}
                words:
                  profanity: [heck]
                """, "ops.yaml");
        assertThat(p.rule(Rules.READABILITY_GRADE).action()).isEqualTo(Action.HOLD);
        assertThat(p.rule(Rules.READABILITY_GRADE).param("maxGrade")).isEqualTo(10.0);
        assertThat(p.rule(Rules.READABILITY_GRADE).param("minWords")).isEqualTo(10.0);
        assertThat(p.rule(Rules.CONDUCT_SHOUTING).enabled()).isFalse();
        assertThat(p.rule(Rules.CONDUCT_PROFANITY).action()).isEqualTo(Action.HOLD);
        assertThat(p.words("profanity")).contains("damn", "heck");
        assertThat(p.staff()).containsExactly("Jane Roe");
        assertThat(p.source()).isEqualTo("ops.yaml");
    }

    @Test
    void anEmptyFileIsTheDefaults() {
        CompliancePolicy p = CompliancePolicy.parse("", "empty.yaml");
        assertThat(p.rules()).isEqualTo(CompliancePolicy.defaults().rules());
    }

    @Test
    void loadOrDefaultsFallsBackWhenTheFileIsAbsent() {
        assertThat(CompliancePolicy.loadOrDefaults(dir.resolve("none.yaml"))).isSameAs(CompliancePolicy.defaults());
    }

    @Test
    void shouldNameTheFileWhenItIsMissing() {
        Path f = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> CompliancePolicy.load(f)).isInstanceOf(PolicyException.class)
                .hasMessage(f + ": no such file");
    }

    @Test
    void shouldNameFileAndKeyForAnUnknownTopLevelKey() throws IOException {
        Path f = write("colour: red\n");
        assertThatThrownBy(() -> CompliancePolicy.load(f)).hasMessageStartingWith(f + ": colour: unknown key");
    }

    @Test
    void shouldNameTheRuleForAnUnknownRule() throws IOException {
        Path f = write("rules:\n  phi.nam: {action: BLOCK}\n");
        assertThatThrownBy(() -> CompliancePolicy.load(f)).hasMessageStartingWith(f + ": rules.phi.nam: unknown rule");
    }

    @Test
    void shouldRefuseToHoldOrTurnOffPatientIdentifierRules() throws IOException {
        Path f = write("rules:\n  phi.phone: {action: WARN}\n");
        assertThatThrownBy(() -> CompliancePolicy.load(f))
                .hasMessage(f + ": rules.phi.phone.action: must be BLOCK (patient identifiers can be neither held nor"
                        + " turned off), but was \"WARN\"");
        Path g = write("rules:\n  phi.phone: {action: OFF}\n");
        assertThatThrownBy(() -> CompliancePolicy.load(g)).hasMessageContaining("rules.phi.phone.action: must be BLOCK");
    }

    @Test
    void shouldNameTheKeyForABadAction() throws IOException {
        Path f = write("rules:\n  claims.cure: {action: MAYBE}\n");
        assertThatThrownBy(() -> CompliancePolicy.load(f))
                .hasMessage(f + ": rules.claims.cure.action: must be one of BLOCK, HOLD, WARN, OFF, but was \"MAYBE\"");
    }

    @Test
    void shouldNameTheKeyForAParameterOutOfRange() throws IOException {
        Path f = write("rules:\n  readability.grade: {maxGrade: 40}\n");
        assertThatThrownBy(() -> CompliancePolicy.load(f))
                .hasMessage(f + ": rules.readability.grade.maxGrade: must be a number from 1.0 to 20.0, but was 40");
        Path g = write("rules:\n  readability.grade: {maxGrade: high}\n");
        assertThatThrownBy(() -> CompliancePolicy.load(g)).hasMessageContaining("rules.readability.grade.maxGrade");
    }

    @Test
    void shouldNameTheKeyForAnUnknownParameter() throws IOException {
        Path f = write("rules:\n  claims.cure: {action: HOLD, strictness: 3}\n");
        assertThatThrownBy(() -> CompliancePolicy.load(f)).hasMessageStartingWith(f + ": rules.claims.cure.strictness: unknown key");
    }

    @Test
    void shouldNameTheKeyForBadPracticeDetails() throws IOException {
        Path f = write("practice:\n  phones: [\"call us\"]\n");
        assertThatThrownBy(() -> CompliancePolicy.load(f)).hasMessageStartingWith(f + ": practice.phones[0]: must be a phone number");
        Path g = write("practice:\n  emails: [nobody]\n");
        assertThatThrownBy(() -> CompliancePolicy.load(g)).hasMessageStartingWith(g + ": practice.emails[0]: must be an email");
        Path h = write("practice:\n  domains: [\"not a domain\"]\n");
        assertThatThrownBy(() -> CompliancePolicy.load(h)).hasMessageStartingWith(h + ": practice.domains[0]");
        Path i = write("staff: Jane\n");
        assertThatThrownBy(() -> CompliancePolicy.load(i)).hasMessageStartingWith(i + ": staff: must be a list of strings");
    }

    @Test
    void shouldNameFileAndLineForBrokenYaml() throws IOException {
        Path f = write("rules:\n  claims.cure: {action: HOLD\n");
        assertThatThrownBy(() -> CompliancePolicy.load(f)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(f + ": not valid YAML (line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aRuleSwitchedOffFindsNothing() {
        CompliancePolicy p = CompliancePolicy.parse("rules:\n  conduct.profanity: {action: OFF}\n", "t.yaml");
        Verdict v = TestPolicies.rulesOnly(p).check("x", "This damn flu.");
        assertThat(v.findings()).noneMatch(f -> f.rule().equals(Rules.CONDUCT_PROFANITY));
        assertThat(v.decision()).isEqualTo(Decision.PUBLISH);
    }

    @Test
    void readabilityCanBeRaisedToHold() {
        CompliancePolicy p = CompliancePolicy.parse("rules:\n  readability.grade: {action: HOLD}\n", "t.yaml");
        Verdict v = new ComplianceGate(p).check("x", "Comprehensive cardiovascular rehabilitation substantially "
                + "ameliorates functional capacity, psychological wellbeing, and longitudinal mortality outcomes.");
        assertThat(v.decision()).isEqualTo(Decision.HOLD);
        assertThat(v.findings()).anyMatch(f -> f.rule().equals(Rules.READABILITY_GRADE) && f.action() == Action.HOLD);
    }

    @Test
    void extraWordsFromTheConfigAreUsed() {
        CompliancePolicy p = CompliancePolicy.parse("""
                words:
                  profanity: [heck]
                  claims: ["younger in a week"]
                  misinformation: ["moon water heals"]
                  notNames: [Brightwater]
                """, "t.yaml");
        ComplianceGate g = new ComplianceGate(p);
        assertThat(g.check("a", "What the heck, flu season already?").findings())
                .anyMatch(f -> f.rule().equals(Rules.CONDUCT_PROFANITY));
        assertThat(g.check("b", "Look younger in a week with our facials.").decision()).isEqualTo(Decision.HOLD);
        assertThat(g.check("c", "Our moon water heals everything.").findings())
                .anyMatch(f -> f.rule().equals(Rules.CLAIMS_MISINFORMATION));
    }

    private Path write(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "policy", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
