package io.herald.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Which audit events to keep. Every part is optional (null means any).
 *
 * @param from keep events at or after this time
 * @param to keep events strictly before this time
 * @param postId keep events of this post only
 * @param target keep events of this target only: {@code platform:account}, or just {@code platform}
 *     for all its accounts. Events that concern no target (RECEIVED, REJECTED, ...) do not match.
 */
public record AuditFilter(Instant from, Instant to, String postId, String target) {

    public AuditFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to, but " + from + " is not before " + to);
        }
    }

    /** Every event. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null);
    }

    public AuditFilter withFrom(Instant v) {
        return new AuditFilter(v, to, postId, target);
    }

    public AuditFilter withTo(Instant v) {
        return new AuditFilter(from, v, postId, target);
    }

    public AuditFilter withPostId(String v) {
        return new AuditFilter(from, to, v, target);
    }

    public AuditFilter withTarget(String v) {
        return new AuditFilter(from, to, postId, v);
    }

    /** Whether the event (with the time {@link AuditRecord#time()} gives it) is kept. */
    public boolean matches(AuditRecord record) {
        JsonNode e = record.event();
        if (postId != null && !postId.equals(text(e, "postId"))) {
            return false;
        }
        if (target != null) {
            String t = text(e, "target");
            if (t == null) {
                return false;
            }
            boolean hit = target.contains(":") ? target.equals(t) : t.startsWith(target + ":");
            if (!hit) {
                return false;
            }
        }
        Instant at = record.time();
        if (from != null && at.isBefore(from)) {
            return false;
        }
        return to == null || at.isBefore(to);
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
