package io.herald.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.app.HeraldApplication;
import io.herald.config.HeraldConfig;
import io.herald.ingest.PostCheck;
import io.herald.json.Json;
import io.herald.kafka.KafkaClients;
import io.herald.sandbox.SandboxClient;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.SandboxServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One Herald under test: its own topics (a unique prefix on the shared broker), consumer group,
 * data directory and sandbox stand-ins on a free port, which outlive restarts of the pipeline as
 * a real network would. Start, stop and restart it to test what survives.
 */
public final class TestHerald implements AutoCloseable {

    private final TestKafka kafka;
    private final Path dir;
    private HeraldConfig config;
    private final SandboxServer sandbox;
    private List<PostCheck> checks;
    private HeraldApplication app;

    public TestHerald(TestKafka kafka, String name, List<PostCheck> checks) {
        this.kafka = kafka;
        this.checks = checks;
        try {
            this.dir = Files.createTempDirectory("herald-it-" + name);
            Files.createDirectories(dir.resolve("config/sandbox/approvers"));
            Files.createDirectories(dir.resolve("config/approvers"));
            Files.writeString(dir.resolve("config/sandbox/accounts.yaml"), """
                    accounts:
                      - target: mastodon:demo
                        baseUrl: "{sandbox}/mastodon"
                        sandboxToken: sandbox-mastodon-demo
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sandbox = SandboxServer.start(0, dir.resolve("sandbox-state"));
        String prefix = TestKafka.uniquePrefix(name);
        HeraldConfig.Topics topics = new HeraldConfig.Topics(prefix + "approved", prefix + "held", prefix + "invalid",
                prefix + "dead", prefix + "audit", prefix + "control");
        this.config = new HeraldConfig(
                new HeraldConfig.Kafka(kafka.bootstrapServers(), null, 3, topics, prefix + "group", null),
                null, dir.resolve("data").toString(), null,
                new HeraldConfig.Sandbox(sandbox.port(), null, null), null, null,
                new HeraldConfig.Dispatch(Duration.ofMillis(100), 5, Duration.ofMillis(200), 4, 600, Duration.ofSeconds(1)),
                dir.resolve("config/herald.yaml"));
    }

    /** The config folder of this Herald: approvers/, sandbox/accounts.yaml, compliance.yaml. */
    public Path configDir() {
        return dir.resolve("config");
    }

    /** Other dispatch settings (before start). */
    public TestHerald withDispatch(HeraldConfig.Dispatch dispatch) {
        this.config = config.withDispatch(dispatch);
        return this;
    }

    /** Other audit settings (before start): checkpoint interval, witness file, signing key. */
    public TestHerald withAudit(HeraldConfig.Audit audit) {
        this.config = config.withAudit(audit);
        return this;
    }

    /** Serves the Prometheus endpoint on a free port (before start; see {@code app().metricsPort()}). */
    public TestHerald withMetrics() {
        this.config = config.withMetrics(new HeraldConfig.Metrics(null, 0));
        return this;
    }

    /** Uses the real gate (approval, then compliance) built from this Herald's configuration. */
    public TestHerald withGate() {
        this.checks = io.herald.cli.Gate.checks(config, true, new PrintStream(PrintStream.nullOutputStream()));
        return this;
    }

    public TestHerald start() {
        app = HeraldApplication.start(config, new HeraldApplication.Options(
                true, Clock.systemUTC(), Map.of(), new PrintStream(PrintStream.nullOutputStream()), checks));
        return this;
    }

    /** Stops the pipeline (not the stand-ins), as SIGTERM would. */
    public void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    public HeraldApplication app() {
        return app;
    }

    public HeraldConfig config() {
        return config;
    }

    public HeraldConfig.Topics topics() {
        return config.kafka().topics();
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public SandboxServer sandbox() {
        return sandbox;
    }

    /** Produces a record to the input topic and waits for the broker's acknowledgement. */
    public void produce(String key, byte[] value) {
        try (Producer<byte[], byte[]> p = KafkaClients.producer(kafka.bootstrapServers(), "it-producer")) {
            p.send(new ProducerRecord<>(topics().approved(), key == null ? null : key.getBytes(StandardCharsets.UTF_8), value))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("produce failed", e);
        }
    }

    public void produce(String key, String json) {
        produce(key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** What the stand-ins hold, read over HTTP as {@code herald sandbox posts} does. */
    public List<SandboxPost> posts() {
        try {
            return SandboxClient.posts(URI.create("http://127.0.0.1:" + sandbox.port()), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event on the audit topic, in order. */
    public List<JsonNode> audit() {
        List<JsonNode> out = new ArrayList<>();
        for (var r : TopicReader.readAll(kafka.bootstrapServers(), topics().audit())) {
            try {
                out.add(Json.mapper().readTree(r.value()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The audit event types of one post, in order. */
    public List<String> auditTypes(String postId) {
        return audit().stream().filter(e -> postId.equals(e.path("postId").asText(null)))
                .map(e -> e.get("type").asText()).toList();
    }

    /** A minimal valid post to mastodon:demo. */
    public static String post(String id, int revision, String body) {
        return Json.write(Map.of("id", id, "revision", revision, "body", body, "targets", List.of("mastodon:demo")));
    }

    @Override
    public void close() {
        stop();
        sandbox.close();
    }
}
