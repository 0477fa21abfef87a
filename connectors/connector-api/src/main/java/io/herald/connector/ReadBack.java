package io.herald.connector;

import java.util.Objects;

/**
 * What a read-back found about the step an earlier attempt left unclear.
 *
 * @param outcome found (its checkpoint is recorded), not found, or unsupported
 * @param detail one line for the audit: where it looked, what it found
 */
public record ReadBack(Outcome outcome, String detail) {

    public enum Outcome {
        /** The step is on the network; its checkpoint is recorded, {@link Connector#publish} resumes after it. */
        FOUND,
        /** Not on the network (yet): after the grace period the step is repeated. */
        NOT_FOUND,
        /** This connector or account cannot look: a person must check unless the network de-duplicates. */
        UNSUPPORTED
    }

    public ReadBack {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public static ReadBack found(String detail) {
        return new ReadBack(Outcome.FOUND, detail);
    }

    /** Found with nothing to say beyond it. */
    public static ReadBack found() {
        return found("found on the account");
    }

    public static ReadBack notFound(String detail) {
        return new ReadBack(Outcome.NOT_FOUND, detail);
    }

    public static ReadBack unsupported(String detail) {
        return new ReadBack(Outcome.UNSUPPORTED, detail);
    }
}
