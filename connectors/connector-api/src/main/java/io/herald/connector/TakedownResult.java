package io.herald.connector;

import java.util.Objects;

/**
 * What {@link Connector#delete} did with one published part.
 *
 * @param outcome deleted now, already gone, or the network cannot delete it through its API
 * @param detail one line for the audit and the operator (never a credential)
 */
public record TakedownResult(Outcome outcome, String detail) {

    public enum Outcome {
        /** The network confirmed the deletion. */
        DELETED,
        /**
         * The network says there is no such post (a 404 for an id Herald published): deleted before, by
         * an earlier attempt whose answer was lost or by a person. A retraction counts it as done.
         */
        ALREADY_GONE,
        /** The network's API cannot delete it: a person deletes it by hand, at its URL. */
        UNSUPPORTED
    }

    public TakedownResult {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public static TakedownResult deleted(String detail) {
        return new TakedownResult(Outcome.DELETED, detail);
    }

    public static TakedownResult alreadyGone(String detail) {
        return new TakedownResult(Outcome.ALREADY_GONE, detail);
    }

    public static TakedownResult unsupported(String detail) {
        return new TakedownResult(Outcome.UNSUPPORTED, detail);
    }

    /** Whether the part is no longer on the network. */
    public boolean gone() {
        return outcome != Outcome.UNSUPPORTED;
    }
}
