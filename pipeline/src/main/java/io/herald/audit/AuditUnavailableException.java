package io.herald.audit;

/**
 * The audit topic did not acknowledge in time. The events stay in the outbox and are relayed by
 * the next flush; the input offset is not committed, so nothing is lost.
 */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
