package io.herald.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** How {@code herald audit replay} prints events. */
public enum AuditFormat {
    /** One event a line, exactly the JSON on the topic (unknown fields kept). */
    JSONL {
        @Override
        public Printer printer(PrintWriter out) {
            return new Printer() {
                @Override
                public void print(AuditRecord record) {
                    out.println(record.json());
                    out.flush();
                }

                @Override
                public void finish() {
                    out.flush();
                }
            };
        }
    },
    /**
     * RFC 4180 CSV: a header line, then one line per event, CRLF line ends, fields quoted when they
     * hold a comma, a quote, a line break or leading/trailing spaces. Objects and lists (findings,
     * source) are compact JSON.
     */
    CSV {
        @Override
        public Printer printer(PrintWriter out) {
            return new Printer() {
                private boolean started;

                @Override
                public void print(AuditRecord record) {
                    header();
                    List<String> row = new ArrayList<>();
                    for (String column : CSV_COLUMNS) {
                        row.add(csv(cell(record.event(), column)));
                    }
                    out.print(String.join(",", row) + "\r\n");
                    out.flush();
                }

                @Override
                public void finish() {
                    header();
                    out.flush();
                }

                private void header() {
                    if (!started) {
                        started = true;
                        out.print(String.join(",", CSV_COLUMNS) + "\r\n");
                    }
                }
            };
        }
    },
    /** Aligned columns for people: at, type, postId, revision, target, attempt, remoteId, reason. */
    TABLE {
        @Override
        public Printer printer(PrintWriter out) {
            return new Printer() {
                private final List<String[]> rows = new ArrayList<>();

                @Override
                public void print(AuditRecord record) {
                    String[] row = new String[TABLE_COLUMNS.size()];
                    for (int i = 0; i < row.length; i++) {
                        String v = cell(record.event(), TABLE_COLUMNS.get(i));
                        row[i] = v.isEmpty() ? "-" : clean(v);
                    }
                    if (row[0].equals("-")) {
                        row[0] = record.time().toString();
                    }
                    rows.add(row);
                }

                @Override
                public void finish() {
                    List<String> headers = List.of("AT", "TYPE", "POST", "REV", "TARGET", "ATTEMPT", "REMOTE ID", "REASON");
                    int[] width = new int[headers.size()];
                    for (int i = 0; i < width.length; i++) {
                        width[i] = headers.get(i).length();
                    }
                    for (String[] row : rows) {
                        for (int i = 0; i < width.length - 1; i++) {
                            row[i] = shorten(row[i]);
                            width[i] = Math.max(width[i], row[i].length());
                        }
                    }
                    out.println(line(headers.toArray(String[]::new), width));
                    rows.forEach(r -> out.println(line(r, width)));
                    if (rows.isEmpty()) {
                        out.println("(no events)");
                    }
                    out.flush();
                }
            };
        }
    };

    /** The CSV columns: the audit event's fields (DESIGN.md section 4), in its order. */
    public static final List<String> CSV_COLUMNS = List.of(
            "eventId", "type", "postId", "revision", "target", "at", "attempt", "remoteId", "remoteUrl", "reason",
            "findings", "contentSha256", "source", "instance", "seq", "prevHash", "hash");

    static final List<String> TABLE_COLUMNS =
            List.of("at", "type", "postId", "revision", "target", "attempt", "remoteId", "reason");

    private static final int MAX_CELL = 40;

    /** Prints records in the order given, then {@link #finish()} once. */
    public interface Printer {
        void print(AuditRecord record);

        void finish();
    }

    /** A printer writing to {@code out}. */
    public abstract Printer printer(PrintWriter out);

    /** A field as text: empty when absent or null, compact JSON for objects and lists. */
    static String cell(JsonNode event, String field) {
        JsonNode v = event.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isContainerNode()) {
            return Json.write(v);
        }
        return v.asText();
    }

    /** RFC 4180 quoting. */
    static String csv(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || (!value.isEmpty() && (value.charAt(0) == ' '
                        || value.charAt(value.length() - 1) == ' '));
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String clean(String v) {
        StringBuilder b = new StringBuilder(v.length());
        v.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString();
    }

    private static String shorten(String v) {
        return v.length() <= MAX_CELL ? v : v.substring(0, MAX_CELL - 1) + "…";
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i == cells.length - 1) {
                b.append(cells[i]);
            } else {
                b.append(cells[i]).append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        return b.toString().stripTrailing();
    }
}
