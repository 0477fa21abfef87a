package io.herald.ingest;

import io.herald.audit.RecordSource;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/** One record from the input topic, untouched: key and value as bytes, with its position. */
public record InputRecord(RecordSource source, long timestamp, byte[] key, byte[] value, Headers headers) {

    /** The key as a post id (UTF-8), or null for a record without key. */
    public String keyString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    public boolean tombstone() {
        return value == null;
    }
}
