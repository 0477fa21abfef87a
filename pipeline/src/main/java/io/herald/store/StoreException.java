package io.herald.store;

/** The delivery store failed (a transient database error): the caller retries, nothing is lost. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
