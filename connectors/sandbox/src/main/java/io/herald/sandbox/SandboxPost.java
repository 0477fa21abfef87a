package io.herald.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.herald.sandbox.internal.JsonMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A post a stand-in holds, in the shape {@code herald sandbox posts} prints.
 *
 * @param target {@code platform:account}, e.g. {@code mastodon:demo}
 * @param remoteId the id the network gave it
 * @param text its text as the network holds it
 * @param replyTo the id of the post it answers in a thread, or null
 * @param createdAt when the stand-in received it
 * @param media what was attached, with its alt text
 * @param state {@code published}, {@code edited} or {@code deleted}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SandboxPost(String target, String remoteId, String text, String replyTo, Instant createdAt,
        List<SandboxMedia> media, String state) {

    /** The states a post can be in on a stand-in. */
    public static final String PUBLISHED = "published";
    public static final String EDITED = "edited";
    public static final String DELETED = "deleted";

    public SandboxPost {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(remoteId, "remoteId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        media = media == null ? List.of() : List.copyOf(media);
        state = state == null ? PUBLISHED : state;
    }

    /** A published post without media. */
    public SandboxPost(String target, String remoteId, String text, String replyTo, Instant createdAt) {
        this(target, remoteId, text, replyTo, createdAt, List.of(), PUBLISHED);
    }

    /** A media item attached to a post: its alt text, type and size as received. */
    public record SandboxMedia(String altText, String mimeType, long bytes, String url) {
    }

    /**
     * One line of JSON: {@code {"target","remoteId","text","replyTo","createdAt"}}, in that order, then
     * {@code media} and {@code state} when the post has media or is not simply published.
     */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("target", target);
        fields.put("remoteId", remoteId);
        fields.put("text", text);
        fields.put("replyTo", replyTo);
        fields.put("createdAt", createdAt.toString());
        if (!media.isEmpty()) {
            fields.put("media", media);
        }
        if (!state.equals(PUBLISHED)) {
            fields.put("state", state);
        }
        try {
            return JsonMapper.MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a sandbox post as JSON", e);
        }
    }
}
