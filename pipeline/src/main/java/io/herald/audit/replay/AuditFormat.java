package io.herald.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import java.io.PrintWriter;
import java.time.Instant;
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
     * hold a comma, a quote, a line break or leading/trailing spaces. Every cell is plain text: times
     * in UTC with milliseconds, the approval in its own columns, findings as {@code rule ACTION
     * start-end[ acknowledged]} joined by "; ", lists joined by spaces, the source as
     * {@code topic/partition/offset}.
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
                        row.add(csv(plain(record, column)));
                    }
                    out.print(String.join(",", row) + "\r\n");
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
    /** Aligned columns for people: at, type, postId, revision, target, attempt, remoteId, approver, instance, reason. */
    TABLE {
        @Override
        public Printer printer(PrintWriter out) {
            return new Printer() {
                private final List<String[]> rows = new ArrayList<>();

                @Override
                public void print(AuditRecord record) {
                    String[] row = new String[TABLE_COLUMNS.size()];
                    for (int i = 0; i < row.length; i++) {
                        String v = plain(record, TABLE_COLUMNS.get(i));
                        if (TABLE_COLUMNS.get(i).equals("target") && record.event().hasNonNull("occurrence")) {
                            v = v + " #" + record.event().path("occurrence").asText(); // the occurrence of a recurring post
                        }
                        row[i] = v.isEmpty() ? "-" : clean(v);
                    }
                    if (row[0].equals("-")) {
                        row[0] = millis(record.time());
                    }
                    rows.add(row);
                }

                @Override
                public void finish() {
                    List<String> headers = List.of("AT", "TYPE", "POST", "REV", "TARGET", "ATTEMPT", "REMOTE ID", "APPROVER",
                            "INSTANCE", "REASON");
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

    /** The CSV columns: the audit event's fields (DESIGN.md section 4), each plain text. */
    public static final List<String> CSV_COLUMNS = List.of(
            "eventId", "type", "at", "instance", "seq", "postId", "revision", "target", "targets", "attempt", "remoteId",
            "remoteUrl", "reason", "approvedBy", "approvedAt", "approvalKey", "acknowledged", "approvalsOff", "findings",
            "contentSha256", "source", "prevHash", "hash");

    static final List<String> TABLE_COLUMNS =
            List.of("at", "type", "postId", "revision", "target", "attempt", "remoteId", "approvedBy", "instance", "reason");

    private static final java.time.format.DateTimeFormatter MILLIS =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** A time as people read it: UTC, milliseconds. */
    public static String millis(java.time.Instant t) {
        return MILLIS.format(t);
    }

    /** An ISO time in UTC with milliseconds; any other text as it is. */
    static String millisOrAsIs(String v) {
        if (v.isEmpty()) {
            return v;
        }
        Instant t = AuditRecord.utc(v);
        if (t == null) {
            try {
                t = java.time.OffsetDateTime.parse(v).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return v;
            }
        }
        return millis(t);
    }

    /** A column as plain text (no JSON): see {@link #CSV}. */
    static String plain(AuditRecord record, String column) {
        JsonNode e = record.event();
        JsonNode approval = e.path("approval");
        switch (column) {
            case "at":
                return e.hasNonNull("at") ? millis(record.time()) : "";
            case "approvedBy":
                return approval.path("approvedBy").asText("");
            case "approvedAt":
                return millisOrAsIs(approval.path("approvedAt").asText(""));
            case "approvalKey":
                return approval.path("keyFingerprint").asText("");
            case "acknowledged":
                return join(approval.path("acknowledged"), " ");
            case "targets":
            case "remoteIds":
                return join(e.path(column), " ");
            case "approvalsOff":
                return e.path("approvalsOff").asBoolean(false) ? "true" : "";
            case "findings":
                return findings(e.path("findings"));
            case "reason":
                return io.herald.audit.AuditEvent.millis(cell(e, column));
            case "source": {
                JsonNode src = e.path("source");
                return src.isObject() ? src.path("topic").asText("") + "/" + src.path("partition").asText("") + "/"
                        + src.path("offset").asText("") : cell(e, column);
            }
            default:
                return cell(e, column);
        }
    }

    /** Findings as {@code rule ACTION start-end[ acknowledged]}, joined by "; ". */
    public static String findings(JsonNode findings) {
        if (!findings.isArray()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode f : findings) {
            String p = f.path("rule").asText("?") + " " + f.path("action").asText("");
            if (f.has("start") && f.has("end") && f.path("end").asInt() > f.path("start").asInt()) {
                p += " " + f.path("start").asInt() + "-" + f.path("end").asInt();
            }
            if (f.path("acknowledged").asBoolean(false)) {
                p += " acknowledged";
            }
            parts.add(p.strip());
        }
        return String.join("; ", parts);
    }

    private static String join(JsonNode list, String sep) {
        if (!list.isArray()) {
            return list.isMissingNode() || list.isNull() ? "" : list.asText();
        }
        List<String> parts = new ArrayList<>();
        list.forEach(v -> parts.add(v.asText()));
        return String.join(sep, parts);
    }

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
