package io.herald.compliance;

/**
 * A compliance policy file that cannot be used. The message is one line naming the file and the
 * key, e.g. {@code config/compliance.yaml: rules.readability.grade.maxGrade: must be a number
 * between 1 and 20, but was "high"}.
 */
public class PolicyException extends RuntimeException {

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
