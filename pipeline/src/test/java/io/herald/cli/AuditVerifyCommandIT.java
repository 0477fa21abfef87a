package io.herald.cli;

import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditEventType;
import io.herald.audit.replay.AuditChains;
import io.herald.json.Json;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class AuditVerifyCommandIT {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private final AuditChains c = new AuditChains(Instant.now().minus(1, ChronoUnit.HOURS));

    /** Two instances, each with a start and a shutdown checkpoint. */
    private List<ObjectNode> history() {
        java.time.Duration promise = java.time.Duration.ofMinutes(2);
        List<ObjectNode> events = new ArrayList<>();
        events.add(c.checkpoint("herald-1", false, promise));
        events.add(c.checkpoint("herald-2", false, promise));
        events.add(c.next("herald-1", AuditEventType.RECEIVED, "flu"));
        events.add(c.next("herald-2", AuditEventType.RECEIVED, "vax"));
        events.add(c.next("herald-1", AuditEventType.SCHEDULED, "flu"));
        events.add(c.next("herald-1", AuditEventType.PUBLISHED, "flu"));
        events.add(c.next("herald-2", AuditEventType.HELD, "vax"));
        events.add(c.checkpoint("herald-1", true, promise));
        events.add(c.checkpoint("herald-2", true, promise));
        return events;
    }

    /** The instances folder: both instances' public keys. */
    private String instances() throws Exception {
        java.nio.file.Path folder = dir.resolve("instances");
        java.nio.file.Files.createDirectories(folder);
        for (String name : List.of("herald-1", "herald-2")) {
            java.nio.file.Files.writeString(folder.resolve(name + ".pub"),
                    io.herald.approval.KeyFiles.publicPem(c.key(name).getPublic()));
        }
        return folder.toString();
    }

    private static String topic(TestKafka kafka, String name, List<ObjectNode> events) throws Exception {
        String topic = TestKafka.uniquePrefix(name) + "audit";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (ObjectNode e : events) {
                producer.send(new ProducerRecord<>(topic, e.path("postId").asText(null), Json.write(e))).get();
            }
        }
        return topic;
    }

    @Test
    void shouldSayAnIntactLogIsIntact(TestKafka kafka) throws Exception {
        List<ObjectNode> events = history();
        events.add(5, events.get(4).deepCopy()); // re-sent after a crash
        String topic = topic(kafka, "intact", events);

        CommandRun run = run("audit", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic", topic,
                "--instances", instances());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("audit log intact: 9 events in 2 chains (herald-1: seq 1..5, 2 checkpoints signed by"
                + " herald-1; herald-2: seq 1..4, 2 checkpoints signed by herald-2); 1 re-sent copies ignored\n");
    }

    @Test
    void shouldNameTheFirstBrokenEvent(TestKafka kafka) throws Exception {
        List<ObjectNode> events = history();
        events.get(4).put("type", "CANCELLED");
        String topic = topic(kafka, "broken", events);

        CommandRun run = run("audit", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic", topic,
                "--instances", instances());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("herald: audit log BROKEN at event e5 (instance herald-1, seq 3) at partition 0,"
                + " offset 4: altered: its content does not match its hash (changed after it was written)\n");
        assertThat(run.out()).hasLineCount(1).startsWith("event e5 ");
    }

    @Test
    void shouldRefuseAChainOfAnInstanceWhoseKeyIsNotTrusted(TestKafka kafka) throws Exception {
        String topic = topic(kafka, "untrusted", history());
        java.nio.file.Path none = java.nio.file.Files.createDirectories(dir.resolve("no-keys"));

        CommandRun run = run("audit", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic", topic,
                "--instances", none.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("unknown instance herald-1").contains("unknown instance herald-2");
    }

    @Test
    void shouldNameBootstrapWhenNoBrokerAnswers() {
        CommandRun run = run("audit", "verify", "--bootstrap", "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("--bootstrap");
    }
}
