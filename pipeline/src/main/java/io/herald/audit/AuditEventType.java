package io.herald.audit;

/** Every transition Herald records (DESIGN.md section 4). */
public enum AuditEventType {
    RECEIVED,
    INVALID,
    REJECTED,
    BLOCKED,
    HELD,
    SCHEDULED,
    CANCELLED,
    EXPIRED,
    ATTEMPT,
    PUBLISHED,
    RETRY_SCHEDULED,
    FAILED,
    DUPLICATE_SUPPRESSED,
    UNKNOWN_OUTCOME,
    RETRACTED,
    /** A person's command (redrive, resolve, retract) that found nothing to act on; the reason says why. */
    NOT_APPLIED,
    /** An instance's Ed25519 signature over its chain's head (seq and hash), every N events or T seconds and at shutdown. */
    CHECKPOINT
}
