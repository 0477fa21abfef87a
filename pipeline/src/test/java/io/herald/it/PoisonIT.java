package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.herald.ingest.IngestService;
import io.herald.kafka.KafkaClients;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import io.herald.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A bad record never stops Herald: poison records of every kind on every partition, carrying a
 * patient's name, birth date and record number, are each quarantined (copied byte for byte to the
 * invalid topic with an INVALID event), the good post behind them is published, and neither the
 * audit nor the log repeats the patient's details or shows a stack trace for them.
 */
@ExtendWith(KafkaExtension.class)
class PoisonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAME = "Margaret Okonkwo";
    private static final String DOB = "03/14/1951";
    private static final String MRN = "4471920";
    private static final List<String> PLANTED = List.of("Okonkwo", DOB, MRN);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureTheLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    /** Malformed records of every kind, each naming the patient somewhere. */
    static List<byte[][]> poison() {
        String who = NAME + " DOB " + DOB + " MRN " + MRN;
        List<byte[][]> out = new ArrayList<>();
        out.add(record("p-unquoted", "{\"id\": \"p-unquoted\", \"body\": " + who + ", \"targets\": [\"mastodon:demo\"]}"));
        out.add(record(("Margaret-Okonkwo-" + MRN + "-").repeat(12), "{\"id\": \"p-longkey\", \"body\": \"Clinic news.\","
                + " \"targets\": [\"mastodon:demo\"]}"));
        out.add(record("p-types", "{\"id\": \"p-types\", \"body\": 42, \"targets\": \"" + who + "\"}"));
        out.add(record("p-unknown", "{\"id\": \"p-unknown\", \"body\": \"x\", \"" + who + "\": 1, \"targets\": [\"mastodon:demo\"]}"));
        out.add(record("p-dup", "{\"id\": \"p-dup\", \"body\": \"x\", \"body\": \"" + who + "\", \"targets\": [\"mastodon:demo\"]}"));
        out.add(record("p-trailing", "{\"id\": \"p-trailing\", \"body\": \"x\", \"targets\": [\"mastodon:demo\"]} " + who));
        out.add(record("p-date", "{\"id\": \"p-date\", \"body\": \"x\", \"publishAt\": \"" + who + "\", \"targets\": [\"mastodon:demo\"]}"));
        out.add(record("p-target", "{\"id\": \"p-target\", \"body\": \"x\", \"targets\": [\"Okonkwo:" + MRN + "\"]}"));
        out.add(record("p-big", "{\"id\": \"p-big\", \"body\": \"" + (who + " ").repeat(800) + "\", \"targets\": [\"mastodon:demo\"]}"));
        out.add(new byte[][] {("Okonkwo-" + MRN + " " + DOB).getBytes(StandardCharsets.UTF_8), null});
        out.add(new byte[][] {"p-bytes".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe, 'O', 'k', 'o', 'n', 'k', 'w', 'o'}});
        out.add(record("p-notobject", "[\"" + who + "\"]"));
        return out;
    }

    private static byte[][] record(String key, String value) {
        return new byte[][] {key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)};
    }

    @Test
    void shouldQuarantineEveryPoisonRecordOnEveryPartitionAndPublishThePostBehindThem(TestKafka kafka) throws Exception {
        try (TestHerald herald = new TestHerald(kafka, "poison", List.of()).start()) {
            List<byte[][]> poison = poison();
            int partitions = 3;
            try (Producer<byte[], byte[]> p = KafkaClients.producer(kafka.bootstrapServers(), "it-poison")) {
                for (int partition = 0; partition < partitions; partition++) {
                    for (byte[][] r : poison) {
                        p.send(new ProducerRecord<>(herald.topics().approved(), partition, r[0], r[1])).get(30, TimeUnit.SECONDS);
                    }
                }
            }
            herald.produce("good-1", TestHerald.post("good-1", 1, "Flu shots are here. Walk-ins welcome."));

            await().atMost(WAIT).until(() -> herald.auditTypes("good-1").contains("PUBLISHED"));
            int expected = partitions * poison.size();
            await().atMost(WAIT).until(() -> herald.audit().stream().filter(e -> e.get("type").asText().equals("INVALID")).count()
                    >= expected);

            List<ConsumerRecord<byte[], byte[]>> invalid = TopicReader.readAll(kafka.bootstrapServers(), herald.topics().invalid());
            assertThat(invalid).hasSize(expected);
            for (byte[][] r : poison) {
                assertThat(invalid.stream().filter(c -> Arrays.equals(c.key(), r[0]) && Arrays.equals(c.value(), r[1])).count())
                        .as("byte-for-byte copies of one poison record, one per partition").isEqualTo(partitions);
            }
            assertThat(invalid).allSatisfy(c -> assertThat(c.headers().lastHeader(IngestService.HEADER_INVALID_REASON)).isNotNull());
            for (ConsumerRecord<byte[], byte[]> c : invalid) {
                String reason = new String(c.headers().lastHeader(IngestService.HEADER_INVALID_REASON).value(), StandardCharsets.UTF_8);
                assertThat(PLANTED).as("reason %s", reason).noneMatch(reason::contains);
            }
            List<JsonNode> audit = herald.audit();
            assertThat(audit).allSatisfy(e -> assertThat(PLANTED).as("audit event %s", e).noneMatch(e.toString()::contains));
            assertThat(log.list).allSatisfy(e -> {
                assertThat(PLANTED).as("log line %s", e.getFormattedMessage()).noneMatch(e.getFormattedMessage()::contains);
                if (e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)) {
                    assertThat(e.getThrowableProxy()).as("a stack trace at %s: %s", e.getLevel(), e.getFormattedMessage()).isNull();
                }
            });
            assertThat(herald.posts()).hasSize(1);
        }
    }
}
