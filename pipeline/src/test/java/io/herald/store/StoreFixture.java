package io.herald.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.audit.AuditLog;
import io.herald.config.HeraldConfig;
import io.herald.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real delivery store for tests: an H2 file database in a folder, an audit log relaying to a
 * {@link MockProducer}, and a fixed clock. {@link #events()} flushes the audit log and reads back
 * what reached the "topic".
 */
public final class StoreFixture implements AutoCloseable {

    public static final String TOPIC = "herald.audit";
    public static final String INSTANCE = "instance-1";
    public static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");

    public final Database db;
    public final MockProducer<byte[], byte[]> producer;
    public final AuditLog audit;
    public final JdbcDeliveryStore store;
    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    public StoreFixture(Path dir) {
        this(dir, new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()), INSTANCE);
    }

    public StoreFixture(Path dir, MockProducer<byte[], byte[]> producer, String instance) {
        this.db = open(dir);
        this.producer = producer;
        this.audit = new AuditLog(db, producer, TOPIC, instance, clock);
        this.store = new JdbcDeliveryStore(db, audit, clock);
    }

    /** The default database of a data directory: an H2 file under {@code store/}. */
    public static Database open(Path dir) {
        return Database.open(new HeraldConfig.Store(null, null, null, null), dir, Map.of());
    }

    /** Flushes the audit log and returns every event the producer was given, in order. */
    public List<JsonNode> events() {
        audit.flush();
        return sent(producer);
    }

    /** The events a producer was given, in order. */
    public static List<JsonNode> sent(MockProducer<byte[], byte[]> producer) {
        return producer.history().stream().map(StoreFixture::json).toList();
    }

    public static JsonNode json(ProducerRecord<byte[], byte[]> r) {
        try {
            return Json.mapper().readTree(new String(r.value(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The types of the events sent so far (after a flush). */
    public List<String> types() {
        return events().stream().map(e -> e.get("type").asText()).toList();
    }

    @Override
    public void close() {
        db.close();
    }
}
