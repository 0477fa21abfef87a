package io.herald.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.compliance.ComplianceInput;
import io.herald.compliance.CompliancePolicy;
import io.herald.compliance.Finding;
import io.herald.compliance.HeldoutTest;
import io.herald.compliance.Rules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped text model: current, only ever adding findings, and careful with what it says. */
class TextModelTest {

    private static final CompliancePolicy POLICY = CompliancePolicy.load(TextModelTrainer.POLICY);

    @Test
    void shippedModelWasTrainedOnTheCurrentLabelledPostsAndPolicy() throws IOException {
        assertThat(TextModel.shipped().fingerprint())
                .as("the labelled posts, config/compliance.yaml or the features changed since the model was trained:"
                        + " retrain it (docs/COMPLIANCE.md, 'Retraining the text model') and commit text-model.bin")
                .isEqualTo(TextModelTrainer.fingerprint(TextModelTrainer.DATA, TextModelTrainer.POLICY));
    }

    @Test
    void trainingOnTheRepositorysPostsGivesTheShippedModelByteForByte() throws IOException {
        ByteArrayOutputStream trained = new ByteArrayOutputStream();
        TextModelTrainer.train(TextModelTrainer.load(TextModelTrainer.DATA),
                TextModelTrainer.fingerprint(TextModelTrainer.DATA, TextModelTrainer.POLICY)).write(trained);
        assertThat(trained.toByteArray()).as("retrain and commit text-model.bin (docs/COMPLIANCE.md)")
                .isEqualTo(java.nio.file.Files.readAllBytes(TextModelTrainer.OUT));
    }

    @Test
    void theModelOnlyAddsFindingsToWhatTheRulesFound() throws IOException {
        GateConfig rulesOnly = new GateConfig(POLICY, TextModel.none());
        GateConfig withModel = new GateConfig(POLICY, TextModel.shipped());
        int added = 0;
        for (TextModelTrainer.Post p : TextModelTrainer.load(TextModelTrainer.DATA)) {
            ComplianceInput in = HeldoutTest.input(p.json());
            List<Finding> rules = Checker.findings(rulesOnly, in);
            List<Finding> both = Checker.findings(withModel, in);
            List<Finding> fromModel = both.stream().filter(f -> isModelRule(f.rule())).toList();
            assertThat(both).as(p.body()).containsAll(rules).hasSize(rules.size() + fromModel.size());
            assertThat(fromModel).as(p.body()).hasSizeLessThanOrEqualTo(1);
            added += fromModel.size();
        }
        assertThat(added).as("posts where the model adds a finding").isPositive();
    }

    @Test
    void shouldBlockAPatientStoryThatNoRuleCatches() {
        List<Finding> fs = Checker.findings(new GateConfig(POLICY),
                ComplianceInput.of("t", "Loved seeing little Harper Jones at her well-child visit today. She's growing so fast!"));
        assertThat(fs).extracting(Finding::rule).contains(Rules.PHI_CONTEXT);
    }

    @Test
    void shouldHoldMockeryThatNoRuleCatches() {
        List<Finding> fs = Checker.findings(new GateConfig(POLICY), ComplianceInput.of("t",
                "Some people treat the ER like a drive-thru. A runny nose at 3am is not an emergency, geniuses."));
        assertThat(fs).extracting(Finding::rule).containsExactly(Rules.CONDUCT_CONTEXT);
        assertThat(fs.get(0).message()).contains("model score").contains("acknowledge");
    }

    @Test
    void aPhiFindingOfTheModelRepeatsNoneOfTheText() {
        String body = "Loved seeing little Harper Jones at her well-child visit today. She's growing so fast!";
        Finding f = Checker.findings(new GateConfig(POLICY), ComplianceInput.of("t", body)).stream()
                .filter(x -> x.rule().equals(Rules.PHI_CONTEXT)).findFirst().orElseThrow();
        assertThat(f.start()).isZero();
        assertThat(f.end()).isEqualTo(body.length());
        assertThat(f.message()).matches("reads as a post about an identifiable patient \\(model score 0\\.\\d\\d\\);"
                + " the words that weigh most are at [0-9, -]+; take out what points at one person");
    }

    @Test
    void writtenAndReadBackTheModelScoresTheSame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TextModel.shipped().write(out);
        TextModel back = TextModel.read(new ByteArrayInputStream(out.toByteArray()));
        GateConfig cfg = new GateConfig(POLICY);
        for (String body : List.of("Get your flu shot today.", "Mrs. Okafor went home after 112 days in the ICU!", "")) {
            Text t = new Text(body);
            assertThat(back.probabilities(t, cfg)).containsExactly(TextModel.shipped().probabilities(t, cfg));
        }
        assertThat(back.fingerprint()).isEqualTo(TextModel.shipped().fingerprint());
    }

    @Test
    void aModelFileOfOtherFeaturesIsRefused() {
        assertThatThrownBy(() -> TextModel.read(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class);
    }

    @Test
    void thePracticesOwnDetailsAreSeenAsPlaceholders() {
        GateConfig cfg = new GateConfig(POLICY);
        Text t = new Text("Dr. Shah at Valley Health: call 555-010-3000 or email info@valleyhealth.example");
        StringBuilder forms = new StringBuilder();
        for (int i = 0; i < t.count; i++) {
            forms.append(TextModel.form(t, i, cfg)).append(' ');
        }
        assertThat(forms.toString()).isEqualTo(
                "dr . §staff at §practice §practice : call §practice-phone or email §practice-email ");
    }

    private static boolean isModelRule(String rule) {
        return rule.equals(Rules.PHI_CONTEXT) || rule.equals(Rules.CONDUCT_CONTEXT);
    }
}
