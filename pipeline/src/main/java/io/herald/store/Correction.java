package io.herald.store;

import io.herald.audit.RecordSource;
import io.herald.connector.DeliveryKey;
import java.time.Instant;

/**
 * One correction of a published delivery, as the corrections worker sees it: take it down
 * ({@link Kind#RETRACT}) or change it in place into a later revision ({@link Kind#EDIT}).
 *
 * @param key the published delivery acted on
 * @param successorRevision EDIT: the revision edited in; RETRACT under the replace policy: the
 *     revision published once every part is gone; null for a plain retraction
 * @param source the control record that asked for it (its events carry it, so the person's command
 *     finds them), or null (the replace and edit policies)
 */
public record Correction(DeliveryKey key, Kind kind, State state, Integer successorRevision, int attempts,
        Instant nextAttemptAt, String requestedBy, String reason, RecordSource source) {

    public enum Kind { RETRACT, EDIT }

    public enum State {
        PENDING, RETRY, IN_FLIGHT, DONE, BY_HAND, FAILED, CANCELLED;

        public boolean open() {
            return this == PENDING || this == RETRY || this == IN_FLIGHT;
        }
    }

    /** "by NAME: REASON", as events say who asked and why. */
    public String who() {
        return "by " + requestedBy + ": " + reason;
    }
}
