package io.herald.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.herald.sandbox.internal.JsonMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A post a stand-in holds, in the shape {@code herald sandbox posts} prints.
 *
 * @param target {@code platform:account}, e.g. {@code mastodon:demo}
 * @param remoteId the id the network gave it
 * @param text its text as sent
 * @param replyTo the id of the post it answers in a thread, or null
 * @param createdAt when the stand-in received it
 */
public record SandboxPost(String target, String remoteId, String text, String replyTo, Instant createdAt) {

    public SandboxPost {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(remoteId, "remoteId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** One line of JSON: {@code {"target","remoteId","text","replyTo","createdAt"}}, in that order. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("target", target);
        fields.put("remoteId", remoteId);
        fields.put("text", text);
        fields.put("replyTo", replyTo);
        fields.put("createdAt", createdAt.toString());
        try {
            return JsonMapper.MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a sandbox post as JSON", e);
        }
    }
}
