package io.herald.cli;

import static io.herald.cli.CommandRun.configDir;
import static io.herald.cli.CommandRun.run;
import static io.herald.cli.CommandRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald preview}: what each target would receive, with no network and no Kafka. */
class PreviewCommandTest {

    @TempDir
    Path dir;

    Path config;

    @BeforeEach
    void setUp() {
        config = configDir(dir.resolve("config"), "dataDir: ./data\n");
    }

    private static List<JsonNode> lines(CommandRun run) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.outLines()) {
            try {
                out.add(Json.mapper().readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Test
    void shouldPrintOneJsonLinePerTargetWithPartsLengthsAndLimit() {
        Path post = write(dir, "post.json", """
                {"id": "flu-clinic", "body": "Flu shots at our Main Street clinic. Walk-ins welcome.",
                 "link": "https://riverside.example/flu", "hashtags": ["FluSeason"],
                 "targets": ["mastodon:demo", "mastodon:riverside"]}
                """);

        CommandRun run = run("preview", "--config", config.toString(), post.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        List<JsonNode> lines = lines(run);
        assertThat(lines).extracting(l -> l.get("target").asText()).containsExactly("mastodon:demo", "mastodon:riverside");
        JsonNode demo = lines.get(0);
        assertThat(demo.fieldNames()).toIterable().containsExactly("target", "parts", "lengths", "limit");
        assertThat(texts(demo.get("parts"))).singleElement().satisfies(text -> assertThat(text)
                .startsWith("Flu shots at our Main Street clinic. Walk-ins welcome.")
                .contains("https://riverside.example/flu").contains("#FluSeason"));
        assertThat(ints(demo.get("lengths"))).singleElement().satisfies(n -> assertThat(n).isPositive().isLessThanOrEqualTo(500));
        assertThat(demo.get("limit").asInt()).isEqualTo(500);
        assertThat(lines.get(1).get("parts")).isEqualTo(demo.get("parts"));
    }

    @Test
    void shouldShowTheOccurrenceTimesOfARecurringPostInItsZone() {
        Path post = write(dir, "weekly.json", """
                {"id": "weekly-flu", "body": "Flu shots at our Main Street clinic every week.", "targets": ["mastodon:demo"],
                 "zone": "America/New_York", "publishAt": "2026-03-01T09:00",
                 "repeat": {"every": "P7D", "until": "2026-03-15T09:00"}}
                """);

        CommandRun run = run("preview", "--config", config.toString(), post.toString());
        CommandRun table = run("preview", "--config", config.toString(), "--format", "table", post.toString());

        assertThat(run.exit()).isZero();
        assertThat(texts(lines(run).get(0).get("occurrences")))
                .containsExactly("2026-03-01T09:00-05:00", "2026-03-08T09:00-04:00", "2026-03-15T09:00-04:00");
        assertThat(table.out()).contains("occurrences (P7D): 2026-03-01T09:00-05:00, 2026-03-08T09:00-04:00");
    }

    @Test
    void shouldRefuseARepeatWithBothEndsInOneLine() {
        Path post = write(dir, "both.json", """
                {"id": "both", "body": "Flu shots.", "targets": ["mastodon:demo"],
                 "repeat": {"every": "P7D", "count": 3, "until": "2027-01-01T00:00:00Z"}}
                """);

        CommandRun run = run("preview", "--config", config.toString(), post.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").contains("repeat.count").contains("cannot be given with repeat.until")
                .doesNotContain("Exception");
    }

    @Test
    void shouldSplitALongBodyIntoAThreadWithinTheLimit() {
        String sentence = "Our Main Street clinic offers flu shots every weekday from nine to five. ";
        Path post = write(dir, "long.json", Json.write(java.util.Map.of("id", "long", "body", sentence.repeat(20),
                "targets", List.of("mastodon:demo"))));

        CommandRun run = run("preview", "--config", config.toString(), post.toString());

        assertThat(run.exit()).isZero();
        JsonNode line = lines(run).get(0);
        List<Integer> lengths = ints(line.get("lengths"));
        assertThat(texts(line.get("parts"))).hasSizeGreaterThan(1).hasSameSizeAs(lengths);
        assertThat(lengths).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(line.get("limit").asInt()));
    }

    @Test
    void shouldShowEachPartWithItsMeasuresAgainstTheLimitForPeople() {
        String sentence = "Our Main Street clinic offers flu shots every weekday from nine to five. ";
        Path post = write(dir, "long.json", Json.write(java.util.Map.of("id", "long", "body", sentence.repeat(10),
                "targets", List.of("mastodon:demo"), "media", List.of(java.util.Map.of("url", "https://riverside.example/flu.jpg",
                        "altText", "A nurse giving a flu shot", "mimeType", "image/jpeg")))));

        CommandRun table = run("preview", "--config", config.toString(), "--format", "table", post.toString());
        CommandRun jsonl = run("preview", "--config", config.toString(), post.toString());

        assertThat(table.exit()).as(table.err()).isZero();
        JsonNode line = lines(jsonl).get(0);
        List<String> parts = texts(line.get("parts"));
        List<Integer> lengths = ints(line.get("lengths"));
        assertThat(table.out()).startsWith("== mastodon:demo: " + parts.size() + " parts, limits 500 characters\n");
        for (int i = 0; i < parts.size(); i++) {
            assertThat(table.out()).contains("part " + (i + 1) + " of " + parts.size() + ": " + lengths.get(i) + "/500 characters\n  | "
                    + parts.get(i));
        }
        assertThat(table.out()).contains("media 1: image/jpeg https://riverside.example/flu.jpg, alt text \"A nurse giving a flu shot\"");
        assertThat(run("preview", "--config", config.toString(), "--format", "html", post.toString()).err())
                .isEqualTo("herald: --format must be jsonl or table, but was 'html'\n");
    }

    @Test
    void shouldShowThePlatformsOverride() {
        Path post = write(dir, "override.json", """
                {"id": "flu", "body": "The long version for everyone.", "targets": ["mastodon:demo"],
                 "overrides": {"mastodon": {"body": "The Mastodon version."}}}
                """);

        CommandRun run = run("preview", "--config", config.toString(), post.toString());

        assertThat(texts(lines(run).get(0).get("parts"))).containsExactly("The Mastodon version.");
    }

    @Test
    void shouldSayForATargetWithoutConnectorThatItCannotBeAdapted() throws IOException {
        Files.writeString(dir.resolve("config").resolve("accounts.yaml"), """
                accounts:
                  - {target: "tiktok:riverside", baseUrl: "https://open.tiktokapis.com", tokenEnv: NOT_SET}
                """);
        Path post = write(dir, "x.json", "{\"id\": \"flu\", \"body\": \"Flu shots.\", \"targets\": [\"mastodon:demo\", \"tiktok:riverside\"]}");

        CommandRun run = run("preview", "--config", config.toString(), post.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("1 of 2 targets cannot take this post");
        List<JsonNode> lines = lines(run);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).has("parts")).isTrue();
        assertThat(lines.get(1).get("target").asText()).isEqualTo("tiktok:riverside");
        assertThat(lines.get(1).get("error").asText()).contains("unknown platform 'tiktok'").contains("mastodon");
    }

    @Test
    void shouldRefuseAnInvalidPostWithOneLineAndPrintNothing() {
        Path post = write(dir, "bad.json", "{\"id\": \"flu\", \"body\": \"Flu shots.\", \"targets\": [\"mastodon:demo\"],"
                + " \"publishAt\": \"2026-11-26T09:00:00\"}");

        CommandRun run = run("preview", "--config", config.toString(), post.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + post + ": publishAt: must be an ISO-8601 time with an offset");
    }

    @Test
    void shouldNameAMissingFile() {
        CommandRun run = run("preview", "--config", config.toString(), dir.resolve("nope.json").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: " + dir.resolve("nope.json") + ": no such file\n");
    }

    @Test
    void shouldPreviewOneFileAtATime() {
        CommandRun run = run("preview", "a.json", "b.json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Try 'herald preview --help'.");
    }
}
