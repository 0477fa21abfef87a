package io.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The labelled development corpus (shared/corpus/compliance-dev.jsonl, fields {@code expect} and
 * {@code why}): every post must get its expected decision, with the practice's policy and also
 * with the built-in defaults alone (no practice details), which keeps the rules general.
 *
 * <p>Found through the system property {@code herald.corpus.dir}, else {@code ../../shared/corpus}
 * relative to the pipeline module directory; skipped with a message when absent.
 */
class DevCorpusTest {

    static Path corpus() {
        String dir = System.getProperty("herald.corpus.dir");
        Path base = dir != null ? Path.of(dir) : Path.of("..", "..", "shared", "corpus");
        return base.resolve("compliance-dev.jsonl");
    }

    private static List<JsonNode> posts() throws IOException {
        Path file = corpus();
        assumeTrue(Files.exists(file), "development corpus not found at " + file.toAbsolutePath()
                + " (set -Dherald.corpus.dir=DIR to point at it); skipping");
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(Json.mapper().readTree(line));
            }
        }
        return out;
    }

    @Test
    void everyDevelopmentPostGetsItsExpectedDecisionWithThePracticePolicy() throws IOException {
        assertAll(TestPolicies.practiceGate());
    }

    @Test
    void everyDevelopmentPostGetsItsExpectedDecisionWithTheBuiltInDefaults() throws IOException {
        assertAll(TestPolicies.defaultGate());
    }

    private static void assertAll(ComplianceGate gate) throws IOException {
        List<JsonNode> posts = posts();
        assertThat(posts).hasSize(37);
        List<String> wrong = new ArrayList<>();
        for (JsonNode p : posts) {
            Verdict v = gate.check(ComplianceInput.of(p.get("id").asText(), p.get("body").asText()));
            String expected = p.get("expect").asText();
            if (!v.decision().name().equals(expected)) {
                wrong.add(p.get("id").asText() + " expected " + expected + " (" + p.get("why").asText() + ") but was "
                        + v.decision() + " " + v.findings());
            }
        }
        assertThat(wrong).as("posts with the wrong decision").isEmpty();
    }
}
