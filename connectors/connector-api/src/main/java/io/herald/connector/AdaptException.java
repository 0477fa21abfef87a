package io.herald.connector;

/** The content cannot be shaped for the network (for example a single word longer than the limit). */
public class AdaptException extends RuntimeException {

    public AdaptException(String message) {
        super(message);
    }
}
