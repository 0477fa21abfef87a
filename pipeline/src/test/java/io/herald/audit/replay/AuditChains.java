package io.herald.audit.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.json.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds audit events hash-chained the way {@link AuditLog} chains them, for tests. */
public final class AuditChains {

    private final Map<String, String> last = new HashMap<>();
    private final Instant start;
    private long seq;
    private int offset;

    public AuditChains(Instant start) {
        this.start = start;
    }

    /** The next event of an instance's chain. */
    public ObjectNode next(String instance, AuditEventType type, String postId) {
        seq++;
        AuditEvent e = AuditEvent.of(type, postId).revision(1).at(start.plusSeconds(seq)).build();
        ObjectNode node = (ObjectNode) Json.mapper().valueToTree(e);
        node.put("eventId", "e" + seq).put("instance", instance);
        return link(node, instance, seq);
    }

    /** Sets seq, prevHash (the instance's last hash) and hash on an event. */
    public ObjectNode link(ObjectNode node, String instance, long s) {
        node.put("seq", s).put("prevHash", last.getOrDefault(instance, AuditLog.GENESIS));
        node.remove("hash");
        node.put("hash", AuditLog.hashOf(node));
        last.put(instance, node.get("hash").asText());
        return node;
    }

    /** The event as a record at the next offset of partition 0. */
    public AuditRecord record(ObjectNode node) {
        return AuditRecord.of(0, offset++, 0, Json.write(node), node);
    }
}
