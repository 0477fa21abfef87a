package io.herald.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A completed step of a publication, recorded on the delivery before the next step begins:
 * {@code part-0} with the remote id of the first status, {@code media-0} with an uploaded media id,
 * {@code container} with a container id. {@code data} holds what a later attempt needs to resume
 * (ids, URIs, content ids); never a credential.
 */
public record Checkpoint(String step, Map<String, String> data) {

    /** The step of thread part {@code index} (0-based). */
    public static String part(int index) {
        return "part-" + index;
    }

    /** The step of media item {@code index} (0-based). */
    public static String media(int index) {
        return "media-" + index;
    }

    public Checkpoint {
        Objects.requireNonNull(step, "step");
        if (!step.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a checkpoint step is lower-case letters, digits, '.', '_' or '-', but was '" + step + "'");
        }
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A posted part: its remote id and URL, plus what the network needs to reply to it. */
    public static Checkpoint posted(int index, PartReceipt receipt) {
        Map<String, String> data = new LinkedHashMap<>(receipt.refs());
        data.put("remoteId", receipt.remoteId());
        if (receipt.url() != null) {
            data.put("url", receipt.url());
        }
        return new Checkpoint(part(index), data);
    }

    /** The value of a data key, or null. */
    public String get(String key) {
        return data.get(key);
    }

    /** For a {@link #posted} checkpoint: the part's receipt. */
    public PartReceipt asPartReceipt() {
        Map<String, String> refs = new LinkedHashMap<>(data);
        String id = refs.remove("remoteId");
        String url = refs.remove("url");
        if (id == null) {
            throw new IllegalStateException("checkpoint " + step + " records no remoteId");
        }
        return new PartReceipt(id, url, refs);
    }
}
