package io.herald.store;

/**
 * The store cannot be reached (the database is down, the pool has no connection): an outage, not a
 * problem of the data. Callers pause and try again; they never quarantine a record for it.
 */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
