package io.herald.post;

/** A post that breaks the Post JSON contract; the message names the field. */
public class InvalidPostException extends Exception {

    private final String field;

    public InvalidPostException(String field, String problem) {
        super(field == null ? problem : field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the offending field, e.g. {@code targets[1]}, or null for the whole record. */
    public String field() {
        return field;
    }
}
