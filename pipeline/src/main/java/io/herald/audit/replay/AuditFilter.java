package io.herald.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which audit events to keep. Every part is optional (null means any).
 *
 * @param from keep events at or after this time
 * @param to keep events strictly before this time
 * @param postId keep events of this post only
 * @param target keep events of this target only: {@code platform:account}, or just {@code platform}
 *     for all its accounts; the post-level events (RECEIVED, REJECTED, HELD, BLOCKED, a cancel of the
 *     whole post, ...) of the posts that name the target are kept too
 * @param instance keep events written by this Herald instance only
 */
public record AuditFilter(Instant from, Instant to, String postId, String target, String instance) {

    public AuditFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to, but " + from + " is not before " + to);
        }
    }

    public AuditFilter(Instant from, Instant to, String postId, String target) {
        this(from, to, postId, target, null);
    }

    /** Every event. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null);
    }

    public AuditFilter withFrom(Instant v) {
        return new AuditFilter(v, to, postId, target, instance);
    }

    public AuditFilter withTo(Instant v) {
        return new AuditFilter(from, v, postId, target, instance);
    }

    public AuditFilter withPostId(String v) {
        return new AuditFilter(from, to, v, target, instance);
    }

    public AuditFilter withTarget(String v) {
        return new AuditFilter(from, to, postId, v, instance);
    }

    public AuditFilter withInstance(String v) {
        return new AuditFilter(from, to, postId, target, v);
    }

    /**
     * A matcher for one read, in topic order: it remembers which posts name the target (from their
     * RECEIVED event's {@code targets}, or any event of the target), so that their post-level events
     * are kept. A post whose RECEIVED is before the read started is known from its target's events.
     */
    public Predicate<AuditRecord> matcher() {
        Set<String> posts = new HashSet<>();
        return record -> matches(record, posts);
    }

    /**
     * Whether the event is kept, without memory: an event with no target does not match a target
     * filter. Prefer {@link #matcher()}.
     */
    public boolean matches(AuditRecord record) {
        return matches(record, null);
    }

    private boolean matches(AuditRecord record, Set<String> posts) {
        JsonNode e = record.event();
        String post = text(e, "postId");
        if (postId != null && !postId.equals(post)) {
            return false;
        }
        if (instance != null && !instance.equals(text(e, "instance"))) {
            return false;
        }
        if (target != null) {
            String t = text(e, "target");
            if (t == null) {
                boolean named = posts != null && post != null && (namesTarget(e) || posts.contains(post));
                if (!named) {
                    return false;
                }
                posts.add(post);
            } else {
                if (!hit(t)) {
                    return false;
                }
                if (posts != null && post != null) {
                    posts.add(post);
                }
            }
        }
        Instant at = record.time();
        if (from != null && at.isBefore(from)) {
            return false;
        }
        return to == null || at.isBefore(to);
    }

    private boolean hit(String t) {
        return target.contains(":") ? target.equals(t) : t.startsWith(target + ":");
    }

    /** Whether a post-level event lists the target: its {@code targets}, or an older RECEIVED's "targets a, b" reason. */
    private boolean namesTarget(JsonNode e) {
        JsonNode targets = e.get("targets");
        if (targets != null && targets.isArray()) {
            for (JsonNode t : targets) {
                if (t.isTextual() && hit(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        String reason = text(e, "reason");
        if ("RECEIVED".equals(text(e, "type")) && reason != null && reason.startsWith("targets ")) {
            for (String t : reason.substring("targets ".length()).split(",\\s*")) {
                if (hit(t.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
