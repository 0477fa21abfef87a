package io.herald.store;

import io.herald.audit.AuditEvent;
import io.herald.audit.AuditLog.OutgoingRecord;
import java.util.List;
import java.util.Objects;

/**
 * What ingest decided about one input record: a value, recorded by the store in one call
 * ({@link DeliveryStore#recordAll}). Deciding is pure work (parse, verify, check,
 * adapt); recording is the transaction.
 */
public sealed interface Decision {

    /** The post id the decision is about, or null (a record without a usable key). */
    String postId();

    /**
     * A post that passed its checks: its deliveries, and the events that go with them (RECEIVED, and
     * FAILED for a target it could not be adapted to).
     */
    record Schedule(String postId, int revision, List<NewDelivery> deliveries, List<AuditEvent> events) implements Decision {
        public Schedule {
            Objects.requireNonNull(postId, "postId");
            deliveries = List.copyOf(deliveries);
            events = List.copyOf(events);
        }
    }

    /**
     * A post that stops here: REJECTED (approval), HELD or BLOCKED (compliance).
     *
     * @param decisive whether the revision counts as decided (held and blocked do; a rejected
     *     signature does not, so the author may fix it under the same revision)
     * @param copies what goes to other topics with it (the held copy for a reviewer)
     */
    record Stop(String postId, int revision, boolean decisive, String outcome, List<AuditEvent> events,
            List<OutgoingRecord> copies) implements Decision {
        public Stop {
            Objects.requireNonNull(postId, "postId");
            events = List.copyOf(events);
            copies = List.copyOf(copies);
        }
    }

    /**
     * A record that is not a valid post, or that Herald could not process: copied byte for byte to the
     * invalid topic (with the reason in a header) and an INVALID event. The reason is Herald's own
     * words, never the record's text.
     */
    record Invalid(String postId, AuditEvent event, OutgoingRecord copy) implements Decision {
        public Invalid {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(copy, "copy");
        }
    }

    /** A tombstone: cancel every waiting delivery of the post. */
    record Cancel(String postId, String reason) implements Decision {
        public Cancel {
            Objects.requireNonNull(postId, "postId");
        }
    }
}
