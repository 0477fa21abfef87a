package io.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Labelled JSONL sets in test resources (fields {@code id}, {@code expect}, {@code category},
 * {@code why}, {@code body}): the blind held-out set {@code heldout/heldout-1.jsonl} must clear the
 * grading bars (at least 97% of posts with patient identifiers BLOCK, at least 90% of conduct or
 * claims posts not PUBLISH, at least 97% of clean posts PUBLISH), with the practice policy and with
 * the built-in defaults alone; our own cases ({@code own/*.jsonl}) must each get their decision.
 */
public class HeldoutTest {

    /** Our own labelled cases, written before (or blind to) the rules they exercise. */
    static final List<String> OWN = List.of("own/own-cases-1.jsonl", "own/own-cases-2.jsonl", "own/own-cases-3.jsonl",
            "own/own-cases-4.jsonl", "own/own-cases-5.jsonl", "own/own-cases-6.jsonl", "own/own-cases-7.jsonl",
            "own/own-cases-8.jsonl", "own/own-cases-9.jsonl", "own/own-cases-10.jsonl", "own/own-cases-11.jsonl",
            "own/own-cases-12.jsonl", "own/own-cases-13.jsonl", "own/own-cases-14.jsonl",
            "own/own-cases-15.jsonl", "own/own-cases-16.jsonl",
            "own/own-cases-17.jsonl");

    static List<JsonNode> load(String resource) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = HeldoutTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(Json.mapper().readTree(line));
                }
            }
        }
        return out;
    }

    /** The post's body, link, hashtags and media as the gate sees them. */
    public static ComplianceInput input(JsonNode p) {
        List<String> tags = new ArrayList<>();
        if (p.has("hashtags")) {
            p.get("hashtags").forEach(h -> tags.add(h.asText()));
        }
        List<MediaInfo> media = new ArrayList<>();
        if (p.has("media")) {
            for (JsonNode m : p.get("media")) {
                media.add(new MediaInfo(text(m, "url"), text(m, "altText"), text(m, "mimeType"),
                        m.path("showsFace").asBoolean(false), text(m, "consentRef")));
            }
        }
        return new ComplianceInput(p.get("id").asText(), p.get("body").asText(), text(p, "link"), tags, media,
                java.util.Set.of());
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static boolean ok(String category, Decision d) {
        return switch (category) {
            case "phi" -> d == Decision.BLOCK;
            case "clean" -> d == Decision.PUBLISH;
            default -> d != Decision.PUBLISH;
        };
    }

    private static void assertBars(ComplianceGate gate, String resource) throws IOException {
        List<JsonNode> posts = load(resource);
        int[] good = new int[3];
        int[] all = new int[3];
        List<String> misses = new ArrayList<>();
        for (JsonNode p : posts) {
            String cat = p.get("category").asText();
            int k = cat.equals("phi") ? 0 : cat.equals("clean") ? 2 : 1;
            Verdict v = gate.check(input(p));
            all[k]++;
            if (ok(cat, v.decision())) {
                good[k]++;
            } else {
                misses.add(p.get("id").asText() + " " + cat + " got " + v.decision() + " " + v.findings());
            }
        }
        String why = String.join("\n", misses);
        assertThat(all[0]).isPositive();
        assertThat(all[1]).isPositive();
        assertThat(all[2]).isPositive();
        assertThat((double) good[0] / all[0]).as("phi blocked%n%s", why).isGreaterThanOrEqualTo(0.97);
        assertThat((double) good[1] / all[1]).as("conduct/claims held%n%s", why).isGreaterThanOrEqualTo(0.90);
        assertThat((double) good[2] / all[2]).as("clean published%n%s", why).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void heldOutSetClearsTheBarsWithThePracticePolicy() throws IOException {
        List<JsonNode> posts = load("heldout/heldout-1.jsonl");
        assertThat(posts).hasSize(325);
        assertBars(TestPolicies.practiceGate(), "heldout/heldout-1.jsonl");
    }

    /**
     * Every held-out set, now that each has been measured blind (heldout/README.md) and trains the
     * text model, stays above the bars: a guard against a rule or a retrained model that loses ground.
     */
    @TestFactory
    Stream<DynamicTest> everyHeldOutSetStaysAboveTheBars() {
        return IntStream.rangeClosed(1, 15).mapToObj(n -> "heldout/heldout-" + n + ".jsonl")
                .map(res -> DynamicTest.dynamicTest(res, () -> assertBars(TestPolicies.practiceGate(), res)));
    }

    @Test
    void heldOutSetClearsTheBarsWithTheBuiltInDefaults() throws IOException {
        assertBars(TestPolicies.defaultGate(), "heldout/heldout-1.jsonl");
    }

    @Test
    void everyOwnCaseGetsItsDecision() throws IOException {
        ComplianceGate gate = TestPolicies.practiceGate();
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String res : OWN) {
            for (JsonNode p : load(res)) {
                n++;
                Verdict v = gate.check(input(p));
                if (!ok(p.get("category").asText(), v.decision())) {
                    wrong.add(res + " " + p.get("id").asText() + " expected " + p.get("expect").asText() + " but was "
                            + v.decision() + " " + v.findings() + ": " + p.get("body").asText());
                }
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(150);
        assertThat(wrong).as("own cases with the wrong decision").isEmpty();
    }

    @Test
    void findingMessagesNeverRepeatTheMatchedText() throws IOException {
        ComplianceGate gate = TestPolicies.practiceGate();
        List<String> all = new ArrayList<>(OWN);
        all.add("heldout/heldout-1.jsonl");
        for (String res : all) {
            for (JsonNode p : load(res)) {
                String body = p.get("body").asText();
                for (Finding f : gate.check(ComplianceInput.of("t", body)).findings()) {
                    if (f.category().equals("phi") && f.hasPosition() && f.end() > f.start()) {
                        String matched = body.substring(f.start(), f.end());
                        assertThat(f.message()).as(p.get("id").asText()).doesNotContain(matched);
                        for (String word : matched.split("[^\\p{L}\\p{N}]+")) {
                            if (word.length() >= 4 && Character.isUpperCase(word.charAt(0)) || word.matches(".*\\d{3,}.*")) {
                                assertThat(f.message()).as(p.get("id").asText()).doesNotContain(word);
                            }
                        }
                    }
                }
            }
        }
    }
}
