package io.herald.cli;

import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.approval.ApprovalSigner;
import io.herald.approval.KeyFiles;
import io.herald.audit.AuditLog;
import io.herald.config.HeraldConfig;
import io.herald.json.Json;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import io.herald.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The acceptance of tamper evidence on the real broker: a Herald with the real gate publishes signed
 * posts to the sandbox and stops (shutdown checkpoint); then copies of its audit topic are tampered
 * with as an intruder with write access would (kcat's way: a plain producer), and {@code herald audit
 * verify} must exit non-zero and name each: a forged event under a new instance, a deleted event, an
 * altered event, a truncated chain (by the witness file at once, by the broken promise without it).
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTamperIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestKafka kafka;
    private TestHerald herald;
    private List<ConsumerRecord<byte[], byte[]>> original;
    private Path witness;

    @BeforeAll
    void publishAndStop(TestKafka kafka) {
        this.kafka = kafka;
        KeyPair approver = KeyFiles.generate();
        herald = new TestHerald(kafka, "tamper", List.of());
        KeyFiles.write(approver, herald.configDir().resolve("approvers"), "officer");
        witness = herald.dataDir().resolveSibling("witness.jsonl");
        herald.withAudit(new HeraldConfig.Audit(null, null, null, 4, Duration.ofSeconds(1), witness.toString()))
                .withGate().start();
        for (int i = 1; i <= 3; i++) {
            ObjectNode post = (ObjectNode) Json.mapper().valueToTree(Map.of("id", "tamper-" + i, "revision", 1,
                    "body", "Flu shots are available this week at clinic " + i + ". Walk-ins welcome.",
                    "targets", List.of("mastodon:demo")));
            herald.produce("tamper-" + i, Json.write(ApprovalSigner.sign(post, approver.getPrivate(), "officer", Instant.now(),
                    Set.of())));
        }
        await().atMost(WAIT).until(() -> herald.posts().size() == 3);
        await().atMost(WAIT).until(() -> herald.audit().stream().filter(e -> e.get("type").asText().equals("PUBLISHED")).count() == 3);
        herald.stop();
        original = TopicReader.readAll(kafka.bootstrapServers(), herald.topics().audit());
    }

    @AfterAll
    void close() {
        if (herald != null) {
            herald.close();
        }
    }

    private String instances() {
        return herald.configDir().resolve("instances").toString();
    }

    private CommandRun verify(String topic, String... more) {
        List<String> args = new ArrayList<>(List.of("audit", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic", topic,
                "--instances", instances()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** A copy of the audit topic, each record passed through {@code edit} (null drops it), plus {@code extra}. */
    private String copy(String name, UnaryOperator<ObjectNode> edit, List<ObjectNode> extra) throws Exception {
        String topic = TestKafka.uniquePrefix(name) + "audit";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<ObjectNode> out = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : original) {
                ObjectNode e = edit.apply((ObjectNode) Json.mapper().readTree(r.value()));
                if (e != null) {
                    out.add(e);
                }
            }
            out.addAll(extra);
            for (ObjectNode e : out) {
                p.send(new ProducerRecord<>(topic, e.path("postId").isTextual() ? e.get("postId").asText().getBytes(StandardCharsets.UTF_8)
                        : null, Json.write(e).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        return topic;
    }

    private List<JsonNode> events() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : original) {
            out.add(Json.mapper().readTree(r.value()));
        }
        return out;
    }

    private JsonNode first(String type, String postId) throws Exception {
        return events().stream().filter(e -> e.get("type").asText().equals(type) && postId.equals(e.path("postId").asText(null)))
                .findFirst().orElseThrow();
    }

    @Test
    void shouldFindTheUntouchedLogIntactAndSigned() throws Exception {
        CommandRun run = verify(herald.topics().audit(), "--witness", witness.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String instance = events().get(0).get("instance").asText();
        assertThat(run.out()).startsWith("audit log intact: ").contains(" events in 1 chain (" + instance + ": seq 1..")
                .contains("checkpoints signed by " + instance);
        List<JsonNode> events = events();
        assertThat(events.get(0).get("type").asText()).as("a start is signed first").isEqualTo("CHECKPOINT");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("CHECKPOINT");
        assertThat(last.get("checkpoint").get("final").asBoolean()).as("the shutdown checkpoint").isTrue();
    }

    @Test
    void shouldNameTheApproverInReceived() throws Exception {
        JsonNode received = first("RECEIVED", "tamper-1");

        assertThat(received.get("approval").get("verified").asBoolean()).isTrue();
        assertThat(received.get("approval").get("approvedBy").asText()).isEqualTo("officer");
        assertThat(received.get("approval").get("approvedAt").asText()).isNotBlank();
        assertThat(received.get("approval").get("keyFingerprint").asText()).hasSize(64);
        assertThat(received.has("approvalsOff")).isFalse();
    }

    @Test
    void shouldNameAForgedEventOfANewInstance() throws Exception {
        JsonNode published = first("PUBLISHED", "tamper-1");
        ObjectNode forged = ((ObjectNode) published.deepCopy()).put("eventId", "forged-1").put("postId", "fake-post")
                .put("instance", "herald-intruder").put("seq", 1).put("prevHash", AuditLog.GENESIS);
        forged.remove("hash");
        forged.put("hash", AuditLog.hashOf(forged));
        String topic = copy("forged", e -> e, List.of(forged));

        CommandRun run = verify(topic);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("event forged-1 (instance herald-intruder, seq 1)")
                .contains("unknown instance herald-intruder: none of its 1 event is signed by a checkpoint of a trusted key");
    }

    @Test
    void shouldNameADeletedEvent() throws Exception {
        String deleted = first("SCHEDULED", "tamper-2").get("eventId").asText();
        long seq = first("SCHEDULED", "tamper-2").get("seq").asLong();
        String topic = copy("deleted", e -> e.get("eventId").asText().equals(deleted) ? null : e, List.of());

        CommandRun run = verify(topic);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("seq " + seq + " is missing before this event (deleted)");
    }

    @Test
    void shouldNameAnAlteredEvent() throws Exception {
        String altered = first("PUBLISHED", "tamper-3").get("eventId").asText();
        String topic = copy("altered", e -> e.get("eventId").asText().equals(altered) ? e.put("remoteId", "666") : e, List.of());

        CommandRun run = verify(topic);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("event " + altered + " (instance ").contains("altered: its content does not match its hash");
    }

    @Test
    void shouldNameATruncatedChainByTheWitnessAndByTheBrokenPromise() throws Exception {
        List<JsonNode> events = events();
        long keep = events.get(events.size() - 1).get("seq").asLong() - 3; // the shutdown checkpoint and two before it go
        String topic = copy("truncated", e -> e.get("seq").asLong() > keep ? null : e, List.of());

        CommandRun byWitness = verify(topic, "--witness", witness.toString());
        assertThat(byWitness.exit()).isEqualTo(1);
        assertThat(byWitness.out()).contains("which is not on the topic: the topic was truncated or rewritten");

        // without the witness: once the last remaining checkpoint's promise (2 x 1 s) has passed
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            CommandRun run = verify(topic);
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).containsAnyOf("truncated: the chain ends at this checkpoint", "not signed: ");
        });
    }
}
