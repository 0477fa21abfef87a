package io.herald.post;

/**
 * A post that breaks the Post JSON contract. The message is in Herald's own words: the field's
 * path, what is wrong with it and, where the record's text is at hand, the line and column. It
 * never quotes the record (not a value, not an unknown field name, not a token the JSON parser
 * stumbled on): the message goes to the audit log and the logs, and a post may hold a patient's
 * details.
 */
public class InvalidPostException extends Exception {

    private final String field;
    private final String problem;
    private final int line;
    private final int column;

    /**
     * @param field the JSON path of the offending field ({@code targets[1]}), or null for the whole record
     * @param problem what is wrong with it, in Herald's words
     */
    public InvalidPostException(String field, String problem) {
        this(field, problem, 0, 0);
    }

    /**
     * @param line the line of the offending text, from 1; 0 when unknown
     * @param column its column (in characters), from 1; 0 when unknown
     */
    public InvalidPostException(String field, String problem, int line, int column) {
        super(message(field, problem, line, column));
        this.field = field;
        this.problem = problem;
        this.line = Math.max(0, line);
        this.column = line > 0 ? Math.max(0, column) : 0;
    }

    /** The JSON path of the offending field, e.g. {@code targets[1]}, or null for the whole record. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field and the position. */
    public String problem() {
        return problem;
    }

    /** The line of the offending text, from 1; 0 when unknown. */
    public int line() {
        return line;
    }

    /** The column of the offending text, from 1; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The same problem, placed at a line and column. */
    public InvalidPostException at(int line, int column) {
        return new InvalidPostException(field, problem, line, column);
    }

    private static String message(String field, String problem, int line, int column) {
        String where = line > 0 ? " (line " + line + (column > 0 ? ", column " + column : "") + ")" : "";
        return oneLine((field == null ? "" : field + ": ") + problem + where);
    }

    /** Herald's words carry no line break, but a caller's might: the message stays one line. */
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
