package io.herald.audit.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.approval.KeyFiles;
import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.audit.Checkpoints;
import io.herald.json.Json;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds audit events hash-chained and signed the way {@link AuditLog} chains and signs them, for
 * tests: one dense chain per instance, each instance with its own Ed25519 key.
 */
public final class AuditChains {

    private final Map<String, String> last = new HashMap<>();
    private final Map<String, Long> seqs = new HashMap<>();
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final Instant start;
    private long events;
    private int offset;

    public AuditChains(Instant start) {
        this.start = start;
    }

    /** The next event of an instance's chain. */
    public ObjectNode next(String instance, AuditEventType type, String postId) {
        return next(instance, type, postId, node -> { });
    }

    /** The next event of an instance's chain, with fields set by {@code fill} before it is linked. */
    public ObjectNode next(String instance, AuditEventType type, String postId, java.util.function.Consumer<ObjectNode> fill) {
        events++;
        AuditEvent e = AuditEvent.of(type, postId).revision(1).at(start.plusSeconds(events)).build();
        ObjectNode node = (ObjectNode) Json.mapper().valueToTree(e);
        node.put("eventId", "e" + events).put("instance", instance);
        fill.accept(node);
        return link(node, instance, nextSeq(instance));
    }

    /** A checkpoint of the instance's chain, signed with its key, promising the next within {@code promise}. */
    public ObjectNode checkpoint(String instance, boolean isFinal, Duration promise) {
        events++;
        Instant at = start.plusSeconds(events);
        AuditEvent e = AuditEvent.of(AuditEventType.CHECKPOINT, null).at(at).build();
        ObjectNode node = (ObjectNode) Json.mapper().valueToTree(e);
        node.put("eventId", "e" + events).put("instance", instance);
        KeyPair key = key(instance);
        node.set(Checkpoints.CHECKPOINT, Checkpoints.body(KeyFiles.fingerprint(key.getPublic()), at.plus(promise), isFinal));
        node.put("seq", nextSeq(instance)).put("prevHash", last.getOrDefault(instance, AuditLog.GENESIS));
        Checkpoints.signAndHash(node, key.getPrivate());
        last.put(instance, node.get("hash").asText());
        return node;
    }

    /** The instance's key pair (made on first use). */
    public KeyPair key(String instance) {
        return keys.computeIfAbsent(instance, k -> KeyFiles.generate());
    }

    /** Every instance's public key, by instance name: what config/instances would hold. */
    public TrustedInstances trusted() {
        Map<String, PublicKey> pubs = new LinkedHashMap<>();
        keys.forEach((name, pair) -> pubs.put(name, pair.getPublic()));
        return TrustedInstances.of(pubs);
    }

    /** Sets seq, prevHash (the instance's last hash) and hash on an event. */
    public ObjectNode link(ObjectNode node, String instance, long s) {
        node.put("seq", s).put("prevHash", last.getOrDefault(instance, AuditLog.GENESIS));
        node.remove("hash");
        node.put("hash", AuditLog.hashOf(node));
        last.put(instance, node.get("hash").asText());
        return node;
    }

    /** The time of the n-th event made so far. */
    public Instant at(long n) {
        return start.plusSeconds(n);
    }

    private long nextSeq(String instance) {
        return seqs.merge(instance, 1L, Long::sum);
    }

    /** The event as a record at the next offset of partition 0. */
    public AuditRecord record(ObjectNode node) {
        return AuditRecord.of(0, offset++, 0, Json.write(node), node);
    }
}
