package io.herald.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the network answered for one part: its id, its URL when the network gives one, and what a
 * reply to it needs (Bluesky's {@code uri} and {@code cid}).
 */
public record PartReceipt(String remoteId, String url, Map<String, String> refs) {

    public PartReceipt {
        Objects.requireNonNull(remoteId, "remoteId");
        refs = refs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refs));
    }

    public static PartReceipt of(String remoteId, String url) {
        return new PartReceipt(remoteId, url, Map.of());
    }

    public String ref(String key) {
        return refs.get(key);
    }
}
