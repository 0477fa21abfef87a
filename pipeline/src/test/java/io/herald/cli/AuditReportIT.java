package io.herald.cli;

import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.approval.ApprovalSigner;
import io.herald.approval.KeyFiles;
import io.herald.audit.report.Chromium;
import io.herald.json.Json;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald audit report} on real traffic: a Herald with the real gate publishes, holds (then
 * publishes an acknowledged revision), blocks and rejects posts on the sandbox; the HTML report is
 * opened in headless Chromium (Debian's chromium, which .ci/run installs) and its rendered counts
 * must be the ones {@code herald audit replay} gives for the period, with the approver of every
 * published post named and no text of the blocked post anywhere; the PDF is printed by Chromium.
 */
@ExtendWith(KafkaExtension.class)
class AuditReportIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PATIENT = "Margaret Okonkwo";

    @TempDir
    Path dir;

    private static ObjectNode sign(KeyPair key, String id, int revision, String body, Set<String> acknowledge) {
        ObjectNode post = (ObjectNode) Json.mapper().valueToTree(Map.of("id", id, "revision", revision, "body", body,
                "targets", List.of("mastodon:demo")));
        return ApprovalSigner.sign(post, key.getPrivate(), "officer", Instant.now(), acknowledge);
    }

    @Test
    void shouldRenderAReportInChromiumWhoseCountsAreReplays(TestKafka kafka) throws Exception {
        Path chromium = Chromium.find(System.getenv()).orElseThrow(() -> new AssertionError(
                "this test looks at the report in headless Chromium: apt-get install chromium (.ci/run does)"));
        Instant from = Instant.now().minusSeconds(60);
        KeyPair key = KeyFiles.generate();
        String held = "Our new supplement is a miracle cure for arthritis, guaranteed to work with no risk.";
        try (TestHerald herald = new TestHerald(kafka, "report", List.of())) {
            KeyFiles.write(key, herald.configDir().resolve("approvers"), "officer");
            herald.withGate().start();
            herald.produce("clean-1", Json.write(sign(key, "clean-1", 1, "Flu shots are available this week. Walk-ins welcome.", Set.of())));
            herald.produce("clean-2", Json.write(sign(key, "clean-2", 1, "Reminder: our clinic closes early on Friday.", Set.of())));
            herald.produce("phi-1", Json.write(sign(key, "phi-1", 1, "Happy to report that our patient " + PATIENT
                    + " went home from room 412 on March 3rd after her hip surgery!", Set.of())));
            herald.produce("unsigned-1", TestHerald.post("unsigned-1", 1, "Our clinic opens at 8 tomorrow."));
            herald.produce("held-1", Json.write(sign(key, "held-1", 1, held, Set.of())));
            await().atMost(WAIT).until(() -> herald.auditTypes("held-1").contains("HELD"));
            Set<String> holdRules = new TreeSet<>();
            herald.audit().stream().filter(e -> "held-1".equals(e.path("postId").asText()) && "HELD".equals(e.path("type").asText()))
                    .forEach(e -> e.get("findings").forEach(f -> {
                        if ("HOLD".equals(f.get("action").asText())) {
                            holdRules.add(f.get("rule").asText());
                        }
                    }));
            herald.produce("held-1", Json.write(sign(key, "held-1", 2, held, holdRules)));
            await().atMost(WAIT).until(() -> herald.auditTypes("held-1").contains("PUBLISHED")
                    && herald.auditTypes("clean-1").contains("PUBLISHED") && herald.auditTypes("clean-2").contains("PUBLISHED")
                    && herald.auditTypes("phi-1").contains("BLOCKED") && herald.auditTypes("unsigned-1").contains("REJECTED"));
            JsonNode published = herald.audit().stream().filter(e -> "held-1".equals(e.path("postId").asText())
                    && "PUBLISHED".equals(e.path("type").asText())).findFirst().orElseThrow();
            assertThat(published.get("findings")).as("published with its findings, each HOLD one acknowledged")
                    .anySatisfy(f -> assertThat(f.path("acknowledged").asBoolean()).isTrue())
                    .allSatisfy(f -> assertThat(!"HOLD".equals(f.get("action").asText()) || f.path("acknowledged").asBoolean()).isTrue());
            herald.stop();
            Instant to = Instant.now().plusSeconds(60);

            String bootstrap = kafka.bootstrapServers();
            String topic = herald.topics().audit();
            String instances = herald.configDir().resolve("instances").toString();
            Path html = dir.resolve("report.html");
            Path pdf = dir.resolve("report.pdf");
            CommandRun report = run("audit", "report", "--bootstrap", bootstrap, "--topic", topic, "--instances", instances,
                    "--from", from.toString(), "--to", to.toString(), "--html", html.toString(), "--pdf", pdf.toString());
            assertThat(report.exit()).as(report.out() + report.err()).isZero();
            assertThat(report.out()).contains("verify: audit log intact");

            // what replay gives for the period
            CommandRun replay = run("audit", "replay", "--bootstrap", bootstrap, "--topic", topic, "--from", from.toString(),
                    "--to", to.toString());
            Map<String, Long> replayCounts = new java.util.HashMap<>();
            for (String line : replay.outLines()) {
                JsonNode e = Json.mapper().readTree(line);
                replayCounts.merge(e.get("type").asText(), 1L, Long::sum);
            }
            assertThat(replayCounts).containsEntry("PUBLISHED", 3L).containsEntry("HELD", 1L).containsEntry("BLOCKED", 1L);

            // the page as Chromium renders it
            String dom = Chromium.run(chromium, List.of("--dump-dom"), html);
            assertThat(dom).contains("Herald audit report").contains("audit log intact");
            for (String outcome : List.of("PUBLISHED", "FAILED", "EXPIRED", "CANCELLED", "HELD", "BLOCKED")) {
                Matcher m = Pattern.compile("<tr id=\"totals\">.*?data-outcome=\"" + outcome + "\">(\\d+)<", Pattern.DOTALL).matcher(dom);
                assertThat(m.find()).as("the totals cell of %s", outcome).isTrue();
                assertThat(Long.parseLong(m.group(1))).as("%s in the report and in replay", outcome)
                        .isEqualTo(replayCounts.getOrDefault(outcome, 0L));
            }
            Matcher demo = Pattern.compile("<tr data-target=\"mastodon:demo\">.*?data-outcome=\"PUBLISHED\">(\\d+)<", Pattern.DOTALL)
                    .matcher(dom);
            assertThat(demo.find()).isTrue();
            assertThat(demo.group(1)).isEqualTo("3");
            for (String post : List.of("clean-1", "clean-2", "held-1")) {
                Matcher approver = Pattern.compile("data-post=\"" + post + "\">.*?class=\"approver\">([^<]*)<", Pattern.DOTALL)
                        .matcher(dom);
                assertThat(approver.find()).as("the timeline of %s", post).isTrue();
                assertThat(approver.group(1)).isEqualTo("officer");
            }
            assertThat(dom).contains(String.join(", ", holdRules)).contains("acknowledged");
            assertThat(dom).contains("nobody (REJECTED");
            assertThat(dom).doesNotContain("Okonkwo").doesNotContain("room 412");
            assertThat(dom).contains("<svg id=\"chart\"");

            Path png = dir.resolve("report.png");
            Chromium.run(chromium, List.of("--screenshot=" + png, "--window-size=1200,1600"), html);
            assertThat(Files.size(png)).as("a rendered screenshot").isGreaterThan(10_000);
            assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes());
            // kept for a person to look at: target/audit-report.{html,png,pdf}
            for (Path f : List.of(html, png, pdf)) {
                Files.copy(f, Path.of("target").resolve("audit-" + f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void shouldSayInOneLineWhatIsWrongWithTheOptions() {
        CommandRun run = run("audit", "report", "--from", "yesterday", "--bootstrap", "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("--from");
    }
}
