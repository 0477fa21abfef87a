package io.herald.store;

/** Where a delivery is in its life. */
public enum DeliveryState {
    /** Waiting for its publish time. */
    SCHEDULED,
    /** Claimed by an instance; the network call is under way. */
    IN_FLIGHT,
    /** Failed for now; waiting for its next attempt. */
    RETRY,
    PUBLISHED,
    /** Failed for good; copied to the dead-letter topic. */
    FAILED,
    CANCELLED,
    EXPIRED,
    /** Replaced by a higher revision before it was published. */
    SUPERSEDED,
    /**
     * A revision of a post already published to the target, refused by the account's corrections
     * policy: nothing to re-drive (it would post a second time).
     */
    REFUSED,
    /**
     * A new revision of a post already published to the target, waiting for the published one to be
     * edited in place (policy edit) or taken down (policy replace) before it counts as published or
     * goes out.
     */
    CORRECTING,
    /** Published, then taken down from the network (every part deleted or found gone). */
    RETRACTED,
    /** Published, then changed in place into a later revision (that revision's delivery now holds the post). */
    EDITED,
    /** An attempt was interrupted and the network cannot tell us: a person must resolve it. */
    UNKNOWN_OUTCOME;

    /** States in which a delivery may still be published. */
    public boolean pending() {
        return this == SCHEDULED || this == RETRY;
    }
}
