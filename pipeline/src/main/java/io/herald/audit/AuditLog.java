package io.herald.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import io.herald.store.Database;
import io.herald.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.erdtman.jcs.JsonCanonicalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit log. Events are written to an outbox table in the same transaction as the
 * state change they describe ({@link #append}), so a transition and its event are recorded
 * together or not at all. {@link #flush} then relays them to the audit topic in sequence order,
 * each hash-chained to the one before from the same instance, and marks them published once Kafka
 * has acknowledged them (acks=all, idempotent producer). A crash between the acknowledgement and
 * the mark re-sends the same bytes (same eventId, seq and hash); readers may see that event twice.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int BATCH = 500;
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Database db;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String instance;
    private final Clock clock;
    private final ReentrantLock relayLock = new ReentrantLock();
    private String lastHash;

    public AuditLog(Database db, Producer<byte[], byte[]> producer, String topic, String instance, Clock clock) {
        this.db = db;
        this.producer = producer;
        this.topic = topic;
        this.instance = instance;
        this.clock = clock;
    }

    /** Writes events to the outbox inside the caller's transaction. Sets eventId, at and instance. */
    public void append(Connection c, List<AuditEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_outbox (event_id, instance, post_id, payload, published, created_at) VALUES (?, ?, ?, ?, FALSE, ?)")) {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            for (AuditEvent e : events) {
                String id = UUID.randomUUID().toString();
                AuditEvent stamped = new AuditEvent(id, e.type(), e.postId(), e.revision(), e.target(),
                        e.at() != null ? e.at() : now.toInstant(), e.attempt(), e.remoteId(), e.remoteUrl(), e.reason(),
                        e.findings(), e.contentSha256(), e.source(), instance, null, null, null);
                ps.setString(1, id);
                ps.setString(2, instance);
                ps.setString(3, e.postId());
                ps.setString(4, Json.write(stamped));
                ps.setObject(5, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Appends events in a transaction of their own. */
    public void append(List<AuditEvent> events) {
        db.inTransaction(c -> {
            append(c, events);
            return null;
        });
    }

    /**
     * Relays every outbox event of this instance not yet on the topic, and waits for Kafka to
     * acknowledge them. Returns when all events appended before the call are durably on the topic.
     */
    public void flush() {
        relayLock.lock();
        try {
            while (relayBatch() == BATCH) {
                // keep going until the outbox is drained
            }
        } finally {
            relayLock.unlock();
        }
    }

    /** Number of events of this instance still waiting for the topic. */
    public long pending() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM audit_outbox WHERE instance = ? AND published = FALSE")) {
                ps.setString(1, instance);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private int relayBatch() {
        List<long[]> seqs = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        db.inTransaction(c -> {
            if (lastHash == null) {
                lastHash = loadLastHash(c);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, post_id, payload, hash FROM audit_outbox WHERE instance = ? AND published = FALSE ORDER BY seq"
                            + " FETCH FIRST " + BATCH + " ROWS ONLY");
                    PreparedStatement setHash = c.prepareStatement("UPDATE audit_outbox SET hash = ?, payload = ? WHERE seq = ?")) {
                ps.setString(1, instance);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        String postId = rs.getString(2);
                        String payload = rs.getString(3);
                        String hash = rs.getString(4);
                        if (hash == null) {
                            ObjectNode chained = chain(payload, seq, lastHash);
                            hash = chained.get("hash").textValue();
                            payload = Json.write(chained);
                            setHash.setString(1, hash);
                            setHash.setString(2, payload);
                            setHash.setLong(3, seq);
                            setHash.addBatch();
                        }
                        lastHash = hash;
                        sends.add(producer.send(new ProducerRecord<>(topic,
                                postId == null ? null : postId.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8))));
                        seqs.add(new long[] {seq});
                    }
                }
                setHash.executeBatch();
            }
            return null;
        });
        if (seqs.isEmpty()) {
            return 0;
        }
        awaitAll(sends);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_outbox SET published = TRUE WHERE seq = ?")) {
                for (long[] s : seqs) {
                    ps.setLong(1, s[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return seqs.size();
    }

    private void awaitAll(List<Future<RecordMetadata>> sends) {
        for (Future<RecordMetadata> f : sends) {
            try {
                f.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuditUnavailableException("interrupted while writing the audit topic", e);
            } catch (ExecutionException | TimeoutException e) {
                // Forget the chain head: the next flush reloads it from the database.
                lastHash = null;
                throw new AuditUnavailableException("cannot write the audit topic " + topic + ": " + e.getMessage(), e);
            }
        }
    }

    private String loadLastHash(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT hash FROM audit_outbox WHERE instance = ? AND hash IS NOT NULL ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : GENESIS;
            }
        }
    }

    /** The previous hash of an instance's first event. */
    public static final String GENESIS = "0".repeat(64);

    /**
     * Sets seq and prevHash, and the hash: SHA-256 over the RFC 8785 canonical JSON of the event
     * without its {@code hash} field.
     */
    static ObjectNode chain(String payload, long seq, String prevHash) {
        try {
            ObjectNode node = (ObjectNode) Json.mapper().readTree(payload);
            node.put("seq", seq);
            node.put("prevHash", prevHash);
            node.remove("hash");
            String hash = hashOf(node);
            node.put("hash", hash);
            return node;
        } catch (java.io.IOException e) {
            throw new StoreException("audit outbox row " + seq + " is not valid JSON", e);
        }
    }

    /** SHA-256 hex of the canonical JSON of an event without its {@code hash}. */
    public static String hashOf(ObjectNode eventWithoutHash) {
        try {
            ObjectNode copy = eventWithoutHash.deepCopy();
            copy.remove("hash");
            String canonical = new JsonCanonicalizer(Json.mapper().writeValueAsString(copy)).getEncodedString();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash an audit event", e);
        }
    }

    public String instance() {
        return instance;
    }

}
