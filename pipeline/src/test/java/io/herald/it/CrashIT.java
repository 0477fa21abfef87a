package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.json.Json;
import io.herald.kafka.KafkaClients;
import io.herald.sandbox.SandboxClient;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.SandboxServer;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestKafka;
import io.herald.testing.TopicReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code herald run} with SIGKILL while it publishes, restarts it on the same data dir, and
 * checks that every post is published exactly once: nothing lost, nothing twice.
 */
@ExtendWith(KafkaExtension.class)
class CrashIT {

    private static final int POSTS = 30;

    @Test
    void shouldPublishEveryPostExactlyOnceAcrossAKill9(TestKafka kafka, @TempDir Path dir) throws Exception {
        String prefix = TestKafka.uniquePrefix("crash");
        try (SandboxServer sandbox = SandboxServer.start(0, dir.resolve("sandbox"))) {
            Path config = writeConfig(dir, prefix, kafka, sandbox.port());

            Herald first = Herald.start(config, dir.resolve("data"));
            try (Producer<byte[], byte[]> p = KafkaClients.producer(kafka.bootstrapServers(), "crash-it")) {
                for (int i = 0; i < POSTS; i++) {
                    String id = "crash-" + i;
                    String json = Json.write(Map.of("id", id, "body", "Clinic update " + i + ": flu shots are available this week.",
                            "targets", List.of("mastodon:demo")));
                    p.send(new ProducerRecord<>(prefix + "approved", id.getBytes(StandardCharsets.UTF_8),
                            json.getBytes(StandardCharsets.UTF_8)));
                }
                p.flush();
            }
            URI base = URI.create("http://127.0.0.1:" + sandbox.port());
            await().atMost(Duration.ofSeconds(60)).until(() -> SandboxClient.posts(base, null).size() >= 3);
            first.kill();

            Herald second = Herald.start(config, dir.resolve("data"));
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> SandboxClient.posts(base, null).size() >= POSTS
                        && publishedCount(kafka, prefix) >= POSTS);
                List<SandboxPost> posts = SandboxClient.posts(base, null);
                assertThat(posts).hasSize(POSTS);
                assertThat(posts).extracting(SandboxPost::text).doesNotHaveDuplicates();
            } finally {
                second.stop();
            }
            // SIGTERM: the JVM exits 143 after the shutdown hook has stopped Herald in order
            assertThat(second.output()).endsWith("stopping", "stopped");
        }
    }

    private static long publishedCount(TestKafka kafka, String prefix) {
        return TopicReader.readAll(kafka.bootstrapServers(), prefix + "audit").stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .filter(s -> s.contains("\"type\":\"PUBLISHED\""))
                .map(s -> s.replaceAll(".*\"postId\":\"([^\"]+)\".*", "$1"))
                .distinct().count();
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
        Path config = configDir.resolve("herald.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap: %s
                  partitions: 3
                  consumerGroup: %sgroup
                  topics:
                    approved: %sapproved
                    held: %sheld
                    invalid: %sinvalid
                    dead: %sdead
                    audit: %saudit
                sandbox:
                  port: %d
                approval:
                  required: false
                dispatch:
                  pollInterval: PT0.1S
                  initialBackoff: PT0.2S
                  postsPerMinutePerAccount: 6000
                """.formatted(kafka.bootstrapServers(), prefix, prefix, prefix, prefix, prefix, prefix, sandboxPort));
        return config;
    }

    /** {@code herald run} as its own process, as an operator runs it. */
    private static final class Herald {
        private final Process process;
        private final List<String> out = new CopyOnWriteArrayList<>();

        private Herald(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        out.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Herald start(Path config, Path dataDir) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.herald.cli.HeraldCli",
                    "run", "--sandbox", "--config", config.toString(), "--data-dir", dataDir.toString()));
            Path log = dataDir.resolveSibling("herald-" + System.nanoTime() + ".log");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            Herald h = new Herald(p);
            await().atMost(Duration.ofSeconds(90)).until(() -> h.out.contains("ready") || !p.isAlive());
            assertThat(p.isAlive()).as("herald run is up; it printed %s", h.out).isTrue();
            return h;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            // SIGTERM through the handle: Process.destroy() would also close our end of its stdout
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        List<String> output() {
            await().atMost(Duration.ofSeconds(10)).alias("herald run printed " + out).until(() -> out.contains("stopped"));
            return List.copyOf(out);
        }
    }
}
