package io.herald.post;

/** A post that breaks the Post JSON contract; the message names the field. */
public class InvalidPostException extends Exception {

    private final String field;

    /**
     * @param field the JSON path of the offending field, or null for the whole record
     * @param problem what is wrong with it. Control characters and line breaks in either (they
     *     may come from the record itself) are escaped, so the message is always one line.
     */
    public InvalidPostException(String field, String problem) {
        super(oneLine(field == null ? problem : field + ": " + problem));
        this.field = field;
    }

    /** The JSON path of the offending field, e.g. {@code targets[1]}, or null for the whole record. */
    public String field() {
        return field;
    }

    private static String oneLine(String message) {
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
