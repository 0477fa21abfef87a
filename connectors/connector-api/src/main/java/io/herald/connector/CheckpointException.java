package io.herald.connector;

/** A checkpoint could not be recorded: the delivery store is unavailable. */
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
