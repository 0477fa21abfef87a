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
    /** One published part taken down (or found already gone); the reason says who asked and why. */
    RETRACTED,
    /** A person (or the replace policy) asked for a published delivery to be taken down; its parts follow as RETRACTED. */
    RETRACT_REQUESTED,
    /** A published part the network's API cannot delete: a person deletes it by hand, at its remoteUrl. */
    RETRACT_BY_HAND,
    /** A takedown that failed for good (credentials refused, attempts used up): the parts not gone are named. */
    RETRACT_FAILED,
    /** A published post changed in place to a new revision (the account's corrections policy is edit). */
    EDITED,
    /** A person's command (redrive, resolve, retract) that found nothing to act on; the reason says why. */
    NOT_APPLIED,
    /** An instance's Ed25519 signature over its chain's head (seq and hash), every N events or T seconds and at shutdown. */
    CHECKPOINT
}
