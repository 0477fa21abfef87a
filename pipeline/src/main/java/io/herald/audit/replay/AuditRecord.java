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
 */
public record AuditRecord(int partition, long offset, long timestamp, Instant time, String json, JsonNode event) {

    /** A record whose {@link #time()} comes from the event's {@code at}, else from {@code timestamp}. */
    public static AuditRecord of(int partition, long offset, long timestamp, String json, JsonNode event) {
        return new AuditRecord(partition, offset, timestamp, eventTime(event, timestamp), json, event);
    }

    private static Instant eventTime(JsonNode event, long timestamp) {
        JsonNode at = event.get("at");
        if (at != null && at.isTextual()) {
            try {
                return OffsetDateTime.parse(at.asText()).toInstant();
            } catch (DateTimeParseException e) {
                // fall back to the record's time
            }
        }
        return Instant.ofEpochMilli(timestamp);
    }
}
