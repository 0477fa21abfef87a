package io.herald.audit.replay;

import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An audit topic with three partitions and a known history, for the replay tests. Events of post
 * {@code flu} are on partition 0, {@code dental} on 1, {@code vax} on 2; their times interleave so
 * that the merged order differs from any one partition's. Times are an hour or two ago, so that the
 * broker accepts them as record timestamps.
 */
public final class AuditReplayFixture {

    /** A record as produced: where, and its exact value. */
    public record Produced(int partition, Instant at, String json) {}

    public final String bootstrap;
    public final String topic;
    public final Instant base = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    public final List<Produced> events = new ArrayList<>();

    public AuditReplayFixture(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /** Creates the topic and produces the history; returns the events in the order replay must print them. */
    public AuditReplayFixture create() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            send(producer, 0, event(AuditEventType.RECEIVED, "flu", null, 0)
                    .targets(List.of("mastodon:riverside", "bluesky:riverside")).build(), 1, null);
            send(producer, 1, event(AuditEventType.RECEIVED, "dental", null, 1)
                    .targets(List.of("mastodon:riverside")).build(), 1, null);
            send(producer, 0, event(AuditEventType.SCHEDULED, "flu", "mastodon:riverside", 2).build(), 1, null);
            send(producer, 2, event(AuditEventType.RECEIVED, "vax", null, 3)
                    .targets(List.of("bluesky:riverside")).build(), 1, null);
            send(producer, 1, event(AuditEventType.HELD, "dental", null, 4)
                    .reason("tone: \"too casual\", see report").build(), 2, null);
            send(producer, 0, event(AuditEventType.PUBLISHED, "flu", "mastodon:riverside", 5)
                    .attempt(1).remoteId("1134").remoteUrl("https://mastodon.example/@riverside/1134").build(), 3,
                    "\"futureField\":{\"kept\":true},\"amount\":1.50");
            send(producer, 2, event(AuditEventType.SCHEDULED, "vax", "bluesky:riverside", 6).build(), 2, null);
            send(producer, 0, event(AuditEventType.SCHEDULED, "flu", "bluesky:riverside", 7).build(), 4, null);
            send(producer, 2, event(AuditEventType.FAILED, "vax", "bluesky:riverside", 8).attempt(5)
                    .reason("HTTP 503").build(), 3, null);
            // a record written pretty-printed over several lines
            send(producer, 1, event(AuditEventType.CANCELLED, "dental", "mastodon:riverside", 9).build(), 3, "PRETTY");
            producer.flush();
        }
        return this;
    }

    /** Appends one raw value to a partition (a tombstone when null). */
    public void raw(int partition, String value, Instant timestamp) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), "x".getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** The JSON lines replay prints for the history: every event in time order, one line each. */
    public List<String> expectedLines() {
        return events.stream().sorted(java.util.Comparator.comparing(Produced::at)).map(Produced::json).toList();
    }

    public Instant at(int minute) {
        return base.plus(minute, ChronoUnit.MINUTES);
    }

    private AuditEvent.Builder event(AuditEventType type, String post, String target, int minute) {
        return AuditEvent.of(type, post).revision(1).target(target).at(at(minute));
    }

    private void send(KafkaProducer<byte[], byte[]> producer, int partition, AuditEvent event, long seq, String extra)
            throws Exception {
        AuditEvent chained = event.withChain(UUID.randomUUID().toString(), "herald-1", seq, "prev" + seq, "hash" + seq);
        String json = Json.write(chained);
        String value = json;
        if ("PRETTY".equals(extra)) {
            value = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(chained);
            json = value.replace("\r", "").replace("\n", "").strip();
        } else if (extra != null) {
            json = json.substring(0, json.length() - 1) + "," + extra + "}";
            value = json;
        }
        producer.send(new ProducerRecord<>(topic, partition, chained.at().toEpochMilli(),
                chained.postId().getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))).get();
        events.add(new Produced(partition, chained.at(), json));
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }
}
