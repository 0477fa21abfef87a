package io.herald.connector;

/** Thrown when a target names a platform no connector on the class path serves. */
public class UnknownPlatformException extends RuntimeException {

    public UnknownPlatformException(String message) {
        super(message);
    }
}
