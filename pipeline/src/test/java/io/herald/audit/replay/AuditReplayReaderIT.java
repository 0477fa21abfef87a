package io.herald.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class AuditReplayReaderIT {

    @Test
    void shouldReadEveryPartitionMergedByTime(TestKafka kafka) throws Exception {
        AuditReplayFixture f = new AuditReplayFixture(kafka.bootstrapServers(), TestKafka.uniquePrefix("reader") + "audit").create();

        List<AuditRecord> records = new AuditReader(f.bootstrap, f.topic).readAll(AuditFilter.all());

        assertThat(records).extracting(AuditRecord::json).containsExactlyElementsOf(f.expectedLines());
        assertThat(records).extracting(AuditRecord::partition).containsExactly(0, 1, 0, 2, 1, 0, 2, 0, 2, 1);
    }

    @Test
    void shouldFilterAndSeekByTime(TestKafka kafka) throws Exception {
        AuditReplayFixture f = new AuditReplayFixture(kafka.bootstrapServers(), TestKafka.uniquePrefix("seek") + "audit").create();

        List<JsonNode> fromFive = AuditReader.read(f.bootstrap, f.topic, AuditFilter.all().withFrom(f.at(5)).withTo(f.at(8)));
        List<JsonNode> vax = AuditReader.read(f.bootstrap, f.topic, AuditFilter.all().withPostId("vax").withTarget("bluesky"));

        assertThat(fromFive).extracting(e -> e.get("type").asText()).containsExactly("PUBLISHED", "SCHEDULED", "SCHEDULED");
        assertThat(vax).extracting(e -> e.get("type").asText()).as("the post-level RECEIVED of a post naming the target is kept").containsExactly("RECEIVED", "SCHEDULED", "FAILED");
        assertThat(AuditReader.read(f.bootstrap, f.topic, AuditFilter.all().withFrom(Instant.now().plusSeconds(3600)))).isEmpty();
    }

    @Test
    void shouldSkipTombstonesNonJsonAndRepeatsSayingSo(TestKafka kafka) throws Exception {
        AuditReplayFixture f = new AuditReplayFixture(kafka.bootstrapServers(), TestKafka.uniquePrefix("odd") + "audit").create();
        f.raw(0, null, f.at(20));
        f.raw(1, "this is not json", f.at(21));
        f.raw(2, f.events.get(3).json(), f.at(22)); // the vax RECEIVED event, re-sent after a crash
        List<String> warnings = new ArrayList<>();
        AuditReader reader = new AuditReader(f.bootstrap, f.topic, Duration.ofSeconds(10), warnings::add);

        List<AuditRecord> records = reader.readAll(AuditFilter.all());

        assertThat(records).extracting(AuditRecord::json).containsExactlyElementsOf(f.expectedLines());
        assertThat(warnings).singleElement().asString().contains("partition 1, offset 3").contains("not a JSON object");
        assertThat(reader.repeatsSkipped()).isEqualTo(1);
    }

    @Test
    void shouldStopAtTheEndSeenAtStartWhileEventsKeepComing(TestKafka kafka) throws Exception {
        AuditReplayFixture f = new AuditReplayFixture(kafka.bootstrapServers(), TestKafka.uniquePrefix("busy") + "audit").create();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong extra = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (KafkaProducer<byte[], byte[]> producer = AuditReplayFixture.producer(f.bootstrap)) {
                while (!stop.get()) {
                    String json = "{\"eventId\":\"x" + extra.incrementAndGet() + "\",\"type\":\"ATTEMPT\",\"postId\":\"busy\"}";
                    producer.send(new ProducerRecord<>(f.topic, (int) (extra.get() % 3), null, json.getBytes(StandardCharsets.UTF_8))).get();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> extra.get() > 20);

            List<AuditRecord> records = CompletableFuture.supplyAsync(() -> new AuditReader(f.bootstrap, f.topic).readAll(AuditFilter.all()))
                    .get(60, TimeUnit.SECONDS);

            assertThat(records.size()).isGreaterThanOrEqualTo(f.events.size() + 20);
        } finally {
            stop.set(true);
            writer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldSayThereIsNoSuchTopic(TestKafka kafka) {
        String topic = TestKafka.uniquePrefix("none") + "audit";

        assertThatThrownBy(() -> AuditReader.read(kafka.bootstrapServers(), topic, AuditFilter.all()))
                .isInstanceOfSatisfying(AuditReadException.class, e -> assertThat(e.kind()).isEqualTo(AuditReadException.Kind.NO_TOPIC))
                .hasMessageContaining(topic);
    }
}
