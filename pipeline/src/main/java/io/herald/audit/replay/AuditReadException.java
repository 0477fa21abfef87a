package io.herald.audit.replay;

/** The audit topic could not be read; the message is one line that names the broker or topic. */
public class AuditReadException extends RuntimeException {

    /** What went wrong, so that a command can name the option to fix. */
    public enum Kind {
        /** No broker answered at the bootstrap address in time. */
        UNREACHABLE,
        /** The topic does not exist. */
        NO_TOPIC,
        /** The broker stopped answering part-way. */
        STALLED,
        /** Anything else Kafka refused (authorisation, a broken record batch, ...). */
        FAILED
    }

    private final Kind kind;

    public AuditReadException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
