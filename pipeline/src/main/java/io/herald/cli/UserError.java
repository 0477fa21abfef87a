package io.herald.cli;

/**
 * A mistake of the user's (bad input, a bad option, a missing file): printed as one line
 * {@code herald: <message>} with exit code 2, never with a stack trace. The message names the
 * field, option or file.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
