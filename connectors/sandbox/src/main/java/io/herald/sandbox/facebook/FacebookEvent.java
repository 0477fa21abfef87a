package io.herald.sandbox.facebook;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** One line of the Facebook stand-in's journal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FacebookEvent.PostCreated.class, name = "post-created"),
    @JsonSubTypes.Type(value = FacebookEvent.PostDeleted.class, name = "post-deleted"),
    @JsonSubTypes.Type(value = FacebookEvent.PostEdited.class, name = "post-edited")
})
sealed interface FacebookEvent {

    /** A Page post was created (by {@code /feed} or by publishing a photo). */
    record PostCreated(Post post) implements FacebookEvent {
    }

    /** A Page post was deleted. */
    record PostDeleted(String postId) implements FacebookEvent {
    }

    /** A Page post's message was changed in place ({@code POST /{page-post-id}} with {@code message}). */
    record PostEdited(String postId, String message) implements FacebookEvent {
    }

    /**
     * A Page post: its id ({@code {page-id}_{n}}), message, link, and the photo it carries (id, type,
     * size, alt text), or none.
     */
    record Post(String id, String pageId, String message, String link, String photoId, String photoType,
            long photoSize, String altText, Instant createdAt) {
    }
}
