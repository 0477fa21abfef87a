package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import io.herald.kafka.KafkaClients;
import io.herald.sandbox.SandboxClient;
import io.herald.sandbox.SandboxFault;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.SandboxServer;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import io.herald.testing.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures measured against a Mastodon-API server that ignores {@code Idempotency-Key} and
 * announces its own limits on {@code /api/v1/instance} only, replayed against the stand-in set up
 * so: an attempt cut short by a crash is read back, never sent twice; a thread cut short in part 2
 * resumes at part 2; a server announcing 100,000 characters gets one status for 805 characters.
 */
@ExtendWith(KafkaExtension.class)
class MastodonServersIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Map<String, String> IGNORES_KEYS = Map.of("idempotencyKeys", "ignore", "instanceApi", "v1");

    @Test
    void shouldLeaveOneStatusWhenAnAttemptIsCutShortByACrashOnAServerThatIgnoresIdempotencyKeys(TestKafka kafka,
            @TempDir Path dir) throws Exception {
        String prefix = TestKafka.uniquePrefix("ignorekey");
        try (SandboxServer sandbox = SandboxServer.start(0, dir.resolve("sandbox"))) {
            sandbox.configure("mastodon", IGNORES_KEYS);
            URI base = URI.create("http://127.0.0.1:" + sandbox.port());
            Path config = writeConfig(dir, prefix, kafka, sandbox.port());
            // the status is created 4 s after the request arrives: Herald is killed before it hears the answer
            sandbox.inject(SandboxFault.delay("mastodon", Duration.ofSeconds(4)).onPath("/api/v1/statuses$"));

            HeraldProcess first = HeraldProcess.start(config, dir.resolve("data"));
            produce(kafka, prefix, "cut-1", "Our Main Street clinic opens at eight on Saturdays.");
            await().atMost(WAIT).until(() -> types(kafka, prefix, "cut-1").contains("ATTEMPT"));
            first.kill();
            await().atMost(WAIT).until(() -> SandboxClient.posts(base, null).size() == 1);

            HeraldProcess second = HeraldProcess.start(config, dir.resolve("data"));
            try {
                await().atMost(WAIT).until(() -> types(kafka, prefix, "cut-1").contains("PUBLISHED"));
            } finally {
                second.stop();
            }
            List<SandboxPost> posts = SandboxClient.posts(base, null);
            assertThat(posts).hasSize(1);
            JsonNode published = event(kafka, prefix, "cut-1", "PUBLISHED");
            assertThat(published.get("remoteId").asText()).isEqualTo(posts.get(0).remoteId());
            assertThat(published.get("reason").asText()).contains("reconciled");
        }
    }

    @Test
    void shouldResumeAThreadCutShortInPartTwoAtPartTwo(TestKafka kafka, @TempDir Path dir) throws Exception {
        String prefix = TestKafka.uniquePrefix("threadcut");
        try (SandboxServer sandbox = SandboxServer.start(0, dir.resolve("sandbox"))) {
            sandbox.configure("mastodon", IGNORES_KEYS);
            URI base = URI.create("http://127.0.0.1:" + sandbox.port());
            Path config = writeConfig(dir, prefix, kafka, sandbox.port());
            // part 1 answers at once; part 2 is created 4 s after it arrives, when Herald is gone
            sandbox.inject(SandboxFault.delay("mastodon", Duration.ofMillis(1)).onPath("/api/v1/statuses$"));
            sandbox.inject(SandboxFault.delay("mastodon", Duration.ofSeconds(4)).onPath("/api/v1/statuses$"));

            HeraldProcess first = HeraldProcess.start(config, dir.resolve("data"));
            produce(kafka, prefix, "thread-1", body805());
            await().atMost(WAIT).until(() -> SandboxClient.posts(base, null).size() == 1);
            first.kill();
            await().atMost(WAIT).until(() -> SandboxClient.posts(base, null).size() == 2);

            HeraldProcess second = HeraldProcess.start(config, dir.resolve("data"));
            try {
                await().atMost(WAIT).conditionEvaluationListener(c -> {
                    if (c.getRemainingTimeInMS() < 1000) {
                        System.out.println("thread-1 events: " + events(kafka, prefix, "thread-1"));
                    }
                }).alias("audit of thread-1").failFast(() -> !second.alive())
                        .until(() -> types(kafka, prefix, "thread-1").contains("PUBLISHED"));
            } finally {
                second.stop();
            }
            List<SandboxPost> posts = SandboxClient.posts(base, null);
            assertThat(posts).hasSize(2);
            assertThat(posts.get(1).replyTo()).isEqualTo(posts.get(0).remoteId());
            JsonNode published = event(kafka, prefix, "thread-1", "PUBLISHED");
            assertThat(published.toString()).contains(posts.get(0).remoteId()).contains(posts.get(1).remoteId());
        }
    }

    @Test
    void shouldPostOneStatusWhereTheServerAnnouncesAHundredThousandCharacters(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "bigserver", List.of())) {
            herald.sandbox().configure("mastodon", Map.of("maxCharacters", "100000", "instanceApi", "v1"));
            herald.start();

            herald.produce("big-1", TestHerald.post("big-1", 1, body805()));
            await().atMost(WAIT).until(() -> herald.auditTypes("big-1").contains("PUBLISHED"));

            assertThat(herald.posts()).singleElement().satisfies(p -> assertThat(p.text()).hasSize(805));
        }
    }

    private static String body805() {
        String sentence = "Flu shots are available at our Main Street clinic on weekdays from nine to five. "; // 81 characters
        String body = sentence.repeat(10).trim();
        return body.substring(0, 804) + ".";
    }

    private static void produce(TestKafka kafka, String prefix, String id, String body) {
        String json = Json.write(Map.of("id", id, "body", body, "targets", List.of("mastodon:demo")));
        try (Producer<byte[], byte[]> p = KafkaClients.producer(kafka.bootstrapServers(), "mastodon-servers-it")) {
            p.send(new ProducerRecord<>(prefix + "approved", id.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
            p.flush();
        }
    }

    private static List<JsonNode> events(TestKafka kafka, String prefix, String postId) {
        List<JsonNode> out = new ArrayList<>();
        for (var r : TopicReader.readAll(kafka.bootstrapServers(), prefix + "audit")) {
            try {
                JsonNode e = Json.mapper().readTree(r.value());
                if (postId.equals(e.path("postId").asText())) {
                    out.add(e);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }

    private static List<String> types(TestKafka kafka, String prefix, String postId) {
        return events(kafka, prefix, postId).stream().map(e -> e.path("type").asText()).toList();
    }

    private static JsonNode event(TestKafka kafka, String prefix, String postId, String type) {
        return events(kafka, prefix, postId).stream().filter(e -> type.equals(e.path("type").asText())).reduce((a, b) -> b)
                .orElseThrow();
    }

    private static Path writeConfig(Path dir, String prefix, TestKafka kafka, int sandboxPort) throws IOException {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(configDir.resolve("sandbox/approvers"));
        Files.writeString(configDir.resolve("sandbox/accounts.yaml"), """
                accounts:
                  - target: mastodon:demo
                    baseUrl: "{sandbox}/mastodon"
                    sandboxToken: sandbox-mastodon-demo
                """);
        return Files.writeString(configDir.resolve("herald.yaml"), """
                kafka:
                  bootstrap: %s
                  partitions: 3
                  consumerGroup: %sgroup
                  topics: {approved: %sapproved, held: %sheld, invalid: %sinvalid, dead: %sdead, audit: %saudit, control: %scontrol}
                sandbox:
                  port: %d
                approval:
                  required: false
                dispatch:
                  pollInterval: PT0.1S
                  initialBackoff: PT0.2S
                  readBackGrace: PT1S
                """.formatted(kafka.bootstrapServers(), prefix, prefix, prefix, prefix, prefix, prefix, prefix, sandboxPort));
    }

    /** {@code herald run} as its own process, so that it can be killed as a crash kills it. */
    private static final class HeraldProcess {
        private final Process process;

        private HeraldProcess(Process process) {
            this.process = process;
        }

        static HeraldProcess start(Path config, Path dataDir) throws IOException {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                    System.getProperty("java.class.path"), "io.herald.cli.HeraldCli", "run", "--sandbox", "--config", config.toString(),
                    "--data-dir", dataDir.toString());
            Path out = dataDir.resolveSibling("herald-" + System.nanoTime() + ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            await().atMost(WAIT).until(() -> !p.isAlive() || Files.readAllLines(out).contains("ready"));
            assertThat(p.isAlive()).as("herald run is up: %s", Files.readString(out)).isTrue();
            return new HeraldProcess(p);
        }

        boolean alive() {
            return process.isAlive();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, the request in flight is never answered
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
