package io.herald.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One audit event as read from the topic.
 *
 * @param partition the record's partition
 * @param offset the record's offset
 * @param timestamp the record's timestamp (epoch milliseconds)
 * @param time when the event happened: its {@code at} field, or the record's timestamp when
 *     {@code at} is absent or not an ISO-8601 time
 * @param json the event exactly as on the topic, with any line breaks between tokens removed so that
 *     it is one line (unknown fields and number formats kept)
 * @param event the parsed event (a JSON object)
 * @param contentHash the SHA-256 of the event's canonical JSON without its hash (what its {@code hash}
 *     should be), when the reader computed it already; else null
 */
public record AuditRecord(int partition, long offset, long timestamp, Instant time, String json, JsonNode event,
        String contentHash) {

    /** A record whose {@link #time()} comes from the event's {@code at}, else from {@code timestamp}. */
    public static AuditRecord of(int partition, long offset, long timestamp, String json, JsonNode event) {
        return new AuditRecord(partition, offset, timestamp, eventTime(event, timestamp), json, event, null);
    }

    /** This record with its content hash computed. */
    public AuditRecord withContentHash(String hash) {
        return new AuditRecord(partition, offset, timestamp, time, json, event, hash);
    }

    private static Instant eventTime(JsonNode event, long timestamp) {
        JsonNode at = event.get("at");
        if (at != null && at.isTextual()) {
            Instant fast = utc(at.textValue());
            if (fast != null) {
                return fast;
            }
            try {
                return OffsetDateTime.parse(at.asText()).toInstant();
            } catch (DateTimeParseException e) {
                // fall back to the record's time
            }
        }
        return Instant.ofEpochMilli(timestamp);
    }

    /**
     * The common form Herald writes, {@code 2026-12-07T10:00:00[.f{1,9}]Z}, read without a
     * formatter (it is read for every event); null for any other form (then {@link
     * OffsetDateTime#parse} decides), or for an impossible date or time.
     */
    static Instant utc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = digits(s, 20, n - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The non-negative number of {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
