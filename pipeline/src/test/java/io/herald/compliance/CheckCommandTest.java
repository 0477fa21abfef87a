package io.herald.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.cli.HeraldCli;
import io.herald.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code herald check} as DESIGN.md section 5 describes it. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        List<JsonNode> verdicts() throws IOException {
            List<JsonNode> v = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    v.add(Json.mapper().readTree(line));
                }
            }
            return v;
        }
    }

    private Run run(String... args) {
        CommandLine cl = HeraldCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String policy() {
        return TestPolicies.repoConfig().toString();
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void shouldPrintOneVerdictPerLineInOrderWithExactlyTheDocumentedKeys() throws IOException {
        Path in = file("posts.jsonl", """
                {"id": "a", "body": "Wash your hands for 20 seconds."}

                {"id": "b", "body": "Mr. Harold Jensen, your results are in. Call 555-310-7788."}
                {"body": "This damn flu season."}
                """);
        Run r = run("check", "--jsonl", "--policy", policy(), in.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        List<JsonNode> v = r.verdicts();
        assertThat(v).hasSize(3);
        assertThat(v).extracting(n -> n.get("decision").asText()).containsExactly("PUBLISH", "BLOCK", "HOLD");
        assertThat(v.get(0).get("id").asText()).isEqualTo("a");
        assertThat(v.get(1).get("id").asText()).isEqualTo("b");
        assertThat(v.get(2).get("id").isNull()).as("a line without id gets id null").isTrue();
        for (JsonNode n : v) {
            assertThat(names(n)).containsExactly("id", "decision", "findings");
            for (JsonNode f : n.get("findings")) {
                assertThat(names(f)).containsExactly("rule", "category", "action", "start", "end", "message");
            }
        }
        JsonNode phone = v.get(1).get("findings").get(1);
        assertThat(phone.get("rule").asText()).isEqualTo("phi.phone");
        assertThat(phone.get("category").asText()).isEqualTo("phi");
        assertThat(phone.get("message").asText()).doesNotContain("555");
    }

    @Test
    void shouldCheckAPlainPostFileIncludingItsOverridesLinkAndMedia() throws IOException {
        Path in = file("post.json", """
                {
                  "id": "flu-clinic-2026-11",
                  "revision": 1,
                  "body": "Flu shots are now available at our Oak Street clinic. Walk-ins welcome.",
                  "link": "https://valleyhealth.example/flu",
                  "hashtags": ["FluSeason"],
                  "media": [{"url": "https://valleyhealth.example/flu.jpg", "altText": "A nurse giving a flu shot",
                             "mimeType": "image/jpeg", "showsFace": true, "consentRef": "consent-17"}],
                  "targets": ["mastodon:riverside", "x:riverside"],
                  "overrides": {"x": {"body": "Flu shots now at our Oak St clinic, ask for Mrs. Okafor's old room 12."}},
                  "approval": {"approvedBy": "compliance-officer", "acknowledged": ["phi.name"], "signature": "x"}
                }
                """);
        Run r = run("check", "--policy", policy(), in.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode v = r.verdicts().get(0);
        assertThat(v.get("id").asText()).isEqualTo("flu-clinic-2026-11");
        assertThat(v.get("decision").asText()).as("the override decides, as in the pipeline").isEqualTo("BLOCK");
        assertThat(v.get("findings")).anySatisfy(f -> assertThat(f.get("category").asText()).isEqualTo("phi"));
    }

    @Test
    void shouldRefuseWhatSubmitRefuses() throws IOException {
        Path targets = file("targets.json", "{\"id\": \"a\", \"body\": \"Hi.\", \"targets\": \"mastodon:riverside\"}");
        Path unknown = file("unknown.json", "{\"id\": \"a\", \"body\": \"Hi.\", \"publish_at\": \"2026-11-26T09:00:00Z\"}");
        Path large = file("large.json", "{\"id\": \"a\", \"body\": \"" + "a".repeat(20_000) + "\"}");
        Path dup = file("dup.json", "{\"body\": \"Hi.\", \"body\": \"Ho.\"}");
        Path trailing = file("trailing.json", "{\"body\": \"Hi.\"} and more");

        assertThat(run("check", "--policy", policy(), targets.toString()).err())
                .startsWith("herald: " + targets + ": targets: must be a non-empty array");
        assertThat(run("check", "--policy", policy(), unknown.toString()).err())
                .startsWith("herald: " + unknown + ": unknown field (did you mean publishAt?)");
        assertThat(run("check", "--policy", policy(), large.toString()).err())
                .startsWith("herald: " + large + ": body: is 20000 characters; the most is 10000");
        assertThat(run("check", "--policy", policy(), dup.toString()).err())
                .startsWith("herald: " + dup + ": the field body is given twice");
        assertThat(run("check", "--policy", policy(), trailing.toString()).err())
                .startsWith("herald: " + trailing + ": not valid JSON: there is more text after the end of the post");
        for (Path p : List.of(targets, unknown, large, dup, trailing)) {
            assertThat(run("check", "--policy", policy(), p.toString()).exit()).isEqualTo(2);
        }
    }

    @Test
    void shouldTakeThePolicyOfTheConfigurationWhereverItRuns() throws IOException {
        Path config = dir.resolve("conf");
        Files.createDirectories(config);
        Files.writeString(config.resolve("herald.yaml"), "compliance:\n  policy: lenient.yaml\n");
        Files.writeString(config.resolve("lenient.yaml"), "rules:\n  claims.cure: {action: WARN}\n  claims.misinformation: {action: WARN}\n  conduct.context: {action: WARN}\n");
        Path in = file("p.json", "{\"body\": \"Our tea cures cancer.\"}");

        Run r = run("check", "--config", config.resolve("herald.yaml").toString(), in.toString());
        Run defaults = run("check", in.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.verdicts().get(0).get("decision").asText()).as(r.out()).isEqualTo("PUBLISH");
        assertThat(defaults.verdicts().get(0).get("decision").asText()).isEqualTo("HOLD");
        assertThat(defaults.err()).contains("herald: note: no compliance policy at ").contains("the built-in defaults apply");
    }

    @Test
    void shouldReadStandardInput() throws IOException {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream("{\"id\":\"s\",\"body\":\"Our tea cures cancer.\"}\n"
                    .getBytes(StandardCharsets.UTF_8)));
            Run r = run("check", "--jsonl", "--policy", policy(), "-");
            assertThat(r.exit()).isZero();
            assertThat(r.verdicts()).singleElement().satisfies(n -> assertThat(n.get("decision").asText()).isEqualTo("HOLD"));
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void shouldGiveEveryGoodLineItsVerdictAndEveryBadLineAnErrorInOrder() throws IOException {
        Path in = file("bad.jsonl", "{\"id\":\"a\",\"body\":\"ok\"}\n{\"id\": \"b\", \"body\": \n{\"id\":\"c\",\"body\":\"fine\"}\n");
        Run r = run("check", "--jsonl", "--policy", policy(), in.toString());
        assertThat(r.exit()).isEqualTo(2);
        List<JsonNode> lines = r.verdicts();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("id").asText()).isEqualTo("a");
        assertThat(lines.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(lines.get(1).get("error").asText()).startsWith("not valid JSON: ");
        assertThat(lines.get(2).get("id").asText()).isEqualTo("c");
        assertThat(r.err()).startsWith("herald: " + in + ":2: not valid JSON").hasLineCount(1);
    }

    @Test
    void shouldExitTwoForAPostWithoutABody() throws IOException {
        Path in = file("nobody.jsonl", "{\"id\":\"a\"}\n");
        Run r = run("check", "--jsonl", "--policy", policy(), in.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("herald: " + in + ":1: body: is required" + System.lineSeparator());
    }

    @Test
    void shouldExitTwoForAMissingFile() {
        Run r = run("check", "--policy", policy(), dir.resolve("none.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("none.json: no such file");
    }

    @Test
    void shouldExitTwoNamingTheKeyOfABadPolicy() throws IOException {
        Path bad = file("policy.yaml", "rules:\n  claims.cure: {action: SOMETIMES}\n");
        Path in = file("p.json", "{\"body\":\"hello\"}");
        Run r = run("check", "--policy", bad.toString(), in.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("herald: " + bad + ": rules.claims.cure.action:").hasLineCount(1);
    }

    @Test
    void shouldExitZeroWhateverTheVerdicts() throws IOException {
        Path in = file("all.jsonl", LabelledCases.parse(LabelledCases.PHI).stream()
                .map(c -> Json.write(java.util.Map.of("id", "c" + c.line(), "body", c.body())))
                .reduce("", (a, b) -> a + b + "\n"));
        Run r = run("check", "--jsonl", "--policy", policy(), in.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.verdicts()).allSatisfy(n -> assertThat(n.get("decision").asText()).isEqualTo("BLOCK"));
    }

    @Test
    void shouldUseTheBuiltInDefaultsWhenThereIsNoPolicyFile() throws IOException {
        Path in = file("p.json", "{\"id\":\"d\",\"body\":\"Call 555-010-3000 to book.\"}");
        Run r = run("check", in.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.verdicts()).singleElement().satisfies(n -> assertThat(n.get("id").asText()).isEqualTo("d"));
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
