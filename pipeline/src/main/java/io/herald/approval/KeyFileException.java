package io.herald.approval;

import io.herald.config.ConfigException;

/**
 * A key file that cannot be used: missing, unreadable, not PEM, not Ed25519. The message is one line
 * that names the file and never holds key material.
 */
public class KeyFileException extends ConfigException {

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
