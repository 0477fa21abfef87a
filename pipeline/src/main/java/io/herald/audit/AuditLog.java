package io.herald.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import io.herald.store.Database;
import io.herald.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit log. Events are written to an outbox table in the same transaction as the
 * state change they describe ({@link #append}), so a transition and its event are recorded
 * together or not at all. {@link #flush} then relays them to the audit topic in order, each
 * hash-chained to the one before from the same instance, and marks them published once Kafka has
 * acknowledged them (acks=all, idempotent producer). A crash between the acknowledgement and the
 * mark re-sends the same bytes (same eventId, seq and hash); readers may see that event twice.
 *
 * <p>An event's {@code seq} is its place in its instance's chain (1, 2, 3, ...), given when it is
 * chained, in a committed transaction, just before it is first sent: transactions that append
 * concurrently may commit in another order than they took their outbox rows, and the chain follows
 * the order in which events become visible, so it never has to reach back before an event already
 * on the topic. The chain's head lives in the database, so a restart continues it.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int BATCH = 500;
    private static final long SEND_TIMEOUT_SECONDS = 30;
    /** How long the background relay lets events gather after a signal before it sends. */
    private static final long RELAY_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Database db;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String instance;
    private final Clock clock;
    private final ReentrantLock relayLock = new ReentrantLock();
    private final Object relaySignal = new Object();
    private boolean signalled;
    private volatile boolean stopping;
    private Thread relay;
    private volatile boolean approvalsOff;
    private volatile CheckpointPolicy checkpoints;
    // under relayLock: the chain's signing state in this process
    private long sinceCheckpoint;
    private java.time.Instant lastCheckpoint;
    private boolean finalRequested;

    public AuditLog(Database db, Producer<byte[], byte[]> producer, String topic, String instance, Clock clock) {
        this.db = db;
        this.producer = producer;
        this.topic = topic;
        this.instance = instance;
        this.clock = clock;
    }

    /**
     * Marks every event from now on {@code "approvalsOff": true}: this run does not require signed
     * approvals ({@code approval.required: false}), so a reader can tell its events from a verified run's.
     */
    public AuditLog markApprovalsOff(boolean off) {
        this.approvalsOff = off;
        return this;
    }

    /**
     * Signs the chain: from the next flush on, a CHECKPOINT first (a restart is signed before
     * anything else), then one every {@link CheckpointPolicy#everyEvents()} events and at least every
     * {@link CheckpointPolicy#every()} (while the relay runs), and a final one when the relay stops.
     */
    public AuditLog signWith(CheckpointPolicy policy) {
        relayLock.lock();
        try {
            this.checkpoints = policy;
            this.lastCheckpoint = null;
            this.sinceCheckpoint = 0;
        } finally {
            relayLock.unlock();
        }
        return this;
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
                AuditEvent stamped = e.stamped(id, now.toInstant(), instance, approvalsOff);
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

    /**
     * A Kafka record Herald writes besides audit events (a held, invalid or dead-letter copy): kept in
     * the outbox in the transaction of the state it belongs to, relayed with the events.
     */
    public record OutgoingRecord(String topic, byte[] key, byte[] value, java.util.List<org.apache.kafka.common.header.Header> headers) {
        public OutgoingRecord {
            java.util.Objects.requireNonNull(topic, "topic");
            headers = headers == null ? List.of() : List.copyOf(headers);
        }
    }

    /** Writes topic records to the outbox inside the caller's transaction. */
    public void appendRecords(Connection c, List<OutgoingRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_record (instance, topic, record_key, record_value,"
                + " headers, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            for (OutgoingRecord r : records) {
                ps.setString(1, instance);
                ps.setString(2, r.topic());
                ps.setBytes(3, r.key());
                ps.setBytes(4, r.value());
                ps.setBytes(5, Headers.encode(r.headers()));
                ps.setObject(6, now);
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
            while (relayBatch() >= BATCH) {
                // keep going until the outbox is drained
            }
            while (relayRecords() == BATCH) {
                // likewise for the held, invalid and dead-letter copies
            }
        } finally {
            relayLock.unlock();
        }
    }

    /**
     * Starts relaying in the background: whenever {@link #signal()} is called, and every
     * {@code interval} in case a signal was missed or Kafka was away. Failures are logged once per
     * outage and retried; nothing is lost, the outbox keeps what is not yet acknowledged.
     */
    public synchronized void startRelay(java.time.Duration interval) {
        if (relay != null) {
            return;
        }
        relay = new Thread(() -> relayLoop(interval.toMillis()), "herald-outbox-relay");
        relay.setDaemon(true);
        relay.start();
    }

    /** Asks the background relay to send what is waiting now (returns at once). */
    public void signal() {
        if (relay == null) {
            return;
        }
        synchronized (relaySignal) {
            signalled = true;
            relaySignal.notifyAll();
        }
    }

    /** Stops the background relay after one last flush attempt. */
    public void stopRelay() {
        Thread t;
        synchronized (this) {
            t = relay;
            relay = null;
        }
        if (t == null) {
            return;
        }
        stopping = true;
        synchronized (relaySignal) {
            relaySignal.notifyAll();
        }
        try {
            t.join(java.time.Duration.ofSeconds(35).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relayLoop(long intervalMs) {
        boolean failing = false;
        long wait = intervalMs;
        while (!stopping) {
            boolean woken;
            synchronized (relaySignal) {
                if (!signalled) {
                    try {
                        relaySignal.wait(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = signalled;
                signalled = false;
            }
            if (woken && !stopping) {
                // a signal comes with every outcome: what the next few ms append goes in the same batch,
                // so a busy relay pays its commits and its Kafka round trip per batch, not per event
                java.util.concurrent.locks.LockSupport.parkNanos(RELAY_GATHER_NANOS);
            }
            try {
                flush();
                if (failing) {
                    LOG.info("the outbox relays again");
                }
                failing = false;
                wait = intervalMs;
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warn("outbox events and records wait in the store: {}; retrying", e.getMessage());
                }
                failing = true;
                wait = Math.min(5000, Math.max(intervalMs, wait * 2));
            }
        }
        try {
            flush();
            finalCheckpoint();
        } catch (RuntimeException e) {
            LOG.warn("stopping with outbox entries not yet relayed ({}); they go out at the next start", e.getMessage());
        }
    }

    /**
     * Writes the shutdown checkpoint (promising nothing more) and relays it. Called when the relay
     * stops; callers that never started the relay may call it themselves.
     */
    public void finalCheckpoint() {
        if (checkpoints == null) {
            return;
        }
        relayLock.lock();
        try {
            finalRequested = true;
            try {
                flush();
            } finally {
                finalRequested = false;
            }
        } finally {
            relayLock.unlock();
        }
    }

    /** Relays one batch of topic records, oldest first; deletes those Kafka acknowledged. */
    private int relayRecords() {
        List<long[]> seqs = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, topic, record_key, record_value, headers FROM outbox_record"
                    + " WHERE instance = ? ORDER BY seq FETCH FIRST " + BATCH + " ROWS ONLY")) {
                ps.setString(1, instance);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(new long[] {rs.getLong(1)});
                        records.add(new ProducerRecord<>(rs.getString(2), null, rs.getBytes(3), rs.getBytes(4),
                                Headers.decode(rs.getBytes(5))));
                    }
                }
            }
            return null;
        });
        if (records.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        records.forEach(r -> sends.add(producer.send(r)));
        int acknowledged = 0;
        try {
            awaitAll(sends);
            acknowledged = sends.size();
        } catch (AwaitFailure failure) {
            acknowledged = failure.acknowledged;
            throw failure.cause;
        } finally {
            List<long[]> done = seqs.subList(0, acknowledged);
            if (!done.isEmpty()) {
                db.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_record WHERE seq = ?")) {
                        for (long[] seq : done) {
                            ps.setLong(1, seq[0]);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
            }
        }
        return records.size();
    }

    /** When the oldest event of this instance still waiting for the topic was written, if any (the relay's lag). */
    public java.util.Optional<java.time.Instant> oldestPending() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at FROM audit_outbox WHERE instance = ?"
                    + " AND published = FALSE ORDER BY seq FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, instance);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant())
                            : java.util.Optional.<java.time.Instant>empty();
                }
            }
        });
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

    /** An outbox row on its way to the topic; {@code newCheckpoint} when it was signed in this batch. */
    private record Outgoing(long seq, long chainSeq, String postId, String payload, boolean newCheckpoint) {
        Outgoing(long seq, long chainSeq, String postId, String payload) {
            this(seq, chainSeq, postId, payload, false);
        }
    }

    /**
     * Relays one batch: chains the events not yet chained (after those chained but not yet
     * acknowledged), commits the chain, and only then sends, so that what reaches the topic is
     * always what the database holds. Returns how many events were sent.
     */
    private int relayBatch() {
        java.time.Instant savedLast = lastCheckpoint;
        long savedSince = sinceCheckpoint;
        List<Outgoing> batch;
        try {
            batch = db.inTransaction(this::chainBatch);
        } catch (RuntimeException e) {
            // rolled back: the checkpoints it made are not in the outbox
            lastCheckpoint = savedLast;
            sinceCheckpoint = savedSince;
            throw e;
        }
        if (batch.isEmpty()) {
            return 0;
        }
        witness(batch);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (Outgoing o : batch) {
            sends.add(producer.send(new ProducerRecord<>(topic,
                    o.postId() == null ? null : o.postId().getBytes(StandardCharsets.UTF_8), o.payload().getBytes(StandardCharsets.UTF_8))));
        }
        int acknowledged = 0;
        try {
            awaitAll(sends);
            acknowledged = sends.size();
        } catch (AwaitFailure failure) {
            acknowledged = failure.acknowledged;
            throw failure.cause;
        } finally {
            markPublished(batch.subList(0, acknowledged));
        }
        return batch.size();
    }

    /**
     * In one transaction: the pending events of this instance, those already chained first in chain
     * order (they were sent before and not acknowledged: they go again, same bytes), then the new
     * ones in outbox order, each chained to the one before it.
     */
    private List<Outgoing> chainBatch(Connection c) throws SQLException {
        long headSeq = 0;
        String headHash = GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_seq, hash FROM audit_outbox WHERE instance = ?"
                + " AND chain_seq IS NOT NULL ORDER BY chain_seq DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    headSeq = rs.getLong(1);
                    headHash = rs.getString(2);
                }
            }
        }
        Head head = new Head(headSeq, headHash);
        CheckpointPolicy policy = checkpoints;
        List<Outgoing> out = new ArrayList<>();
        // two index range reads, never a sort of every pending row: first those chained but not yet
        // acknowledged (sent before: they go again, same bytes), in chain order; then new ones in outbox order
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, chain_seq, post_id, payload FROM audit_outbox"
                + " WHERE instance = ? AND chain_seq IS NOT NULL AND published = FALSE ORDER BY chain_seq FETCH FIRST " + BATCH
                + " ROWS ONLY")) {
            ps.setString(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Outgoing(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        if (out.size() >= BATCH) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, post_id, payload FROM audit_outbox"
                + " WHERE instance = ? AND published = FALSE AND chain_seq IS NULL ORDER BY seq FETCH FIRST "
                + (BATCH - out.size()) + " ROWS ONLY");
                PreparedStatement setChain = c.prepareStatement(
                        "UPDATE audit_outbox SET chain_seq = ?, hash = ?, payload = ? WHERE seq = ? AND hash IS NULL")) {
            ps.setString(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    String postId = rs.getString(2);
                    if (policy != null && lastCheckpoint == null) {
                        // a start (or restart) is signed before anything new
                        out.add(checkpoint(c, head, policy, false));
                    }
                    head.seq++;
                    ObjectNode chained = chain(rs.getString(3), head.seq, head.hash);
                    head.hash = chained.get("hash").textValue();
                    String payload = Json.write(chained);
                    setChain.setLong(1, head.seq);
                    setChain.setString(2, head.hash);
                    setChain.setString(3, payload);
                    setChain.setLong(4, seq);
                    setChain.addBatch();
                    sinceCheckpoint++;
                    out.add(new Outgoing(seq, head.seq, postId, payload));
                    if (policy != null && sinceCheckpoint >= policy.everyEvents()) {
                        out.add(checkpoint(c, head, policy, false));
                    }
                }
            }
            setChain.executeBatch();
        }
        if (policy != null && out.size() < BATCH) {
            java.time.Instant now = clock.instant();
            boolean due = lastCheckpoint == null || !now.isBefore(lastCheckpoint.plus(policy.every()));
            if (finalRequested || due) {
                out.add(checkpoint(c, head, policy, finalRequested));
            }
        }
        return out;
    }

    /** A chain's head while a batch is chained. */
    private static final class Head {
        long seq;
        String hash;

        Head(long seq, String hash) {
            this.seq = seq;
            this.hash = hash;
        }
    }

    /** Chains and signs a checkpoint at the head, in the outbox (the caller's transaction). */
    private Outgoing checkpoint(Connection c, Head head, CheckpointPolicy policy, boolean isFinal) throws SQLException {
        java.time.Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        AuditEvent e = AuditEvent.of(AuditEventType.CHECKPOINT, null).at(now).build().stamped(id, now, instance, approvalsOff);
        ObjectNode node = Json.mapper().valueToTree(e);
        node.set(Checkpoints.CHECKPOINT, Checkpoints.body(policy.keyFingerprint(), now.plus(policy.promise()), isFinal));
        head.seq++;
        node.put("seq", head.seq);
        node.put("prevHash", head.hash);
        Checkpoints.signAndHash(node, policy.key());
        head.hash = node.get("hash").textValue();
        String payload = Json.write(node);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_outbox (event_id, instance, post_id, payload, hash,"
                + " chain_seq, published, created_at) VALUES (?, ?, NULL, ?, ?, ?, FALSE, ?)")) {
            ps.setString(1, id);
            ps.setString(2, instance);
            ps.setString(3, payload);
            ps.setString(4, head.hash);
            ps.setLong(5, head.seq);
            ps.setObject(6, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        long rowSeq;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_outbox WHERE event_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rowSeq = rs.getLong(1);
            }
        }
        lastCheckpoint = now;
        sinceCheckpoint = 0;
        return new Outgoing(rowSeq, head.seq, null, payload, true);
    }

    /** Appends the batch's new checkpoints to the witness file, if there is one (best effort, logged once). */
    private void witness(List<Outgoing> batch) {
        CheckpointPolicy policy = checkpoints;
        if (policy == null || policy.witness() == null) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        batch.stream().filter(Outgoing::newCheckpoint).forEach(o -> lines.append(o.payload()).append('\n'));
        if (lines.length() == 0) {
            return;
        }
        try {
            java.nio.file.Files.writeString(policy.witness(), lines, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            LOG.warn("cannot append checkpoints to the witness file {}: {}", policy.witness(), e.getMessage());
        }
    }

    private void markPublished(List<Outgoing> sent) {
        if (sent.isEmpty()) {
            return;
        }
        // the topic is the record now; the outbox keeps only its chain's head (to continue it). The last
        // event sent is at or before the head: it is marked published (it may be the head), every event
        // sent before it goes at once (one write per event, not a mark and then a delete), and so does
        // what was published before it (an earlier head), by an index range on (instance, chain_seq)
        long last = sent.stream().mapToLong(Outgoing::chainSeq).max().getAsLong();
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM audit_outbox WHERE seq = ?");
                    PreparedStatement mark = c.prepareStatement("UPDATE audit_outbox SET published = TRUE WHERE seq = ?")) {
                boolean deleting = false;
                for (Outgoing o : sent) {
                    if (o.chainSeq() < last) {
                        del.setLong(1, o.seq());
                        del.addBatch();
                        deleting = true;
                    } else {
                        mark.setLong(1, o.seq());
                        mark.executeUpdate();
                    }
                }
                if (deleting) {
                    del.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_outbox WHERE instance = ? AND chain_seq < ?"
                    + " AND published = TRUE")) {
                ps.setString(1, instance);
                ps.setLong(2, last);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A send that failed, and how many before it were acknowledged. */
    private static final class AwaitFailure extends Exception {
        final int acknowledged;
        final AuditUnavailableException cause;

        AwaitFailure(int acknowledged, AuditUnavailableException cause) {
            super(null, null, false, false);
            this.acknowledged = acknowledged;
            this.cause = cause;
        }
    }

    private void awaitAll(List<Future<RecordMetadata>> sends) throws AwaitFailure {
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AwaitFailure(i, new AuditUnavailableException("interrupted while writing the audit topic", e));
            } catch (ExecutionException | TimeoutException e) {
                Throwable why = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                throw new AwaitFailure(i, new AuditUnavailableException(
                        "cannot write the audit topic " + topic + ": " + why.getMessage(), e));
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

    /**
     * SHA-256 hex of the canonical JSON of an event without its {@code hash} (the event is not
     * changed or copied; see {@link Canonical}).
     */
    public static String hashOf(ObjectNode eventWithoutHash) {
        return Canonical.get().sha256Hex(eventWithoutHash, "hash");
    }

    public String instance() {
        return instance;
    }

}
