package io.herald.sandbox.standin;

/**
 * An error answer, thrown by a stand-in (or the server, for a request it cannot read) and answered
 * as {@code {"error": message}} with its status, the shape most networks use.
 */
public class SandboxApiException extends RuntimeException {

    private final int status;

    public SandboxApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }
}
