package io.herald.connector;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed publish, classified so that the dispatcher knows what to do. Messages never contain a
 * credential.
 */
public class PublishException extends Exception {

    /** What kind of failure this is, and so what the dispatcher does next. */
    public enum Kind {
        /** Transient (a 5xx, a refused connection): retry with back-off. */
        RETRYABLE,
        /** The network asks us to slow down: retry after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The request was wrong or refused for good (a 422, content rejected): do not retry. */
        PERMANENT,
        /** The credential is missing, wrong or revoked: do not retry until an operator fixes it. */
        AUTHENTICATION,
        /**
         * The request may have reached the network but no answer came back (a timeout after
         * sending). Safe to retry only when the connector is {@link Connector#idempotent()}.
         */
        OUTCOME_UNKNOWN
    }

    private final Kind kind;
    private final transient Duration retryAfter;
    private final int httpStatus;

    public PublishException(Kind kind, String message, Duration retryAfter, int httpStatus, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
        this.httpStatus = httpStatus;
    }

    public static PublishException retryable(String message, Throwable cause) {
        return new PublishException(Kind.RETRYABLE, message, null, 0, cause);
    }

    public static PublishException rateLimited(String message, Duration retryAfter) {
        return new PublishException(Kind.RATE_LIMITED, message, retryAfter, 429, null);
    }

    public static PublishException permanent(String message) {
        return new PublishException(Kind.PERMANENT, message, null, 0, null);
    }

    public static PublishException authentication(String message) {
        return new PublishException(Kind.AUTHENTICATION, message, null, 0, null);
    }

    public static PublishException outcomeUnknown(String message, Throwable cause) {
        return new PublishException(Kind.OUTCOME_UNKNOWN, message, null, 0, cause);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The HTTP status the network answered, or 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean isRetryable() {
        return kind == Kind.RETRYABLE || kind == Kind.RATE_LIMITED;
    }
}
