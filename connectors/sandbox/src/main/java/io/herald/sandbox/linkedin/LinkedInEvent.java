package io.herald.sandbox.linkedin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** One line of the LinkedIn stand-in's journal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LinkedInEvent.ImageRegistered.class, name = "image-registered"),
    @JsonSubTypes.Type(value = LinkedInEvent.ImageUploaded.class, name = "image-uploaded"),
    @JsonSubTypes.Type(value = LinkedInEvent.PostCreated.class, name = "post-created"),
    @JsonSubTypes.Type(value = LinkedInEvent.PostDeleted.class, name = "post-deleted")
})
sealed interface LinkedInEvent {

    /** {@code initializeUpload}: an image URN and where its bytes go. */
    record ImageRegistered(Image image) implements LinkedInEvent {
    }

    /** The bytes of an image arrived at its upload URL. */
    record ImageUploaded(String imageId, String mimeType, long size) implements LinkedInEvent {
    }

    /** A post was created. */
    record PostCreated(Post post) implements LinkedInEvent {
    }

    /** A post was deleted. */
    record PostDeleted(String postId) implements LinkedInEvent {
    }

    /**
     * An image: its URN, owner, upload token (the last part of its upload URL), status
     * ({@code WAITING_UPLOAD}, then {@code AVAILABLE}), type and size.
     */
    record Image(String id, String owner, String uploadToken, String status, String mimeType, long size,
            Instant createdAt) {
        Image uploaded(String type, long bytes) {
            return new Image(id, owner, uploadToken, "AVAILABLE", type, bytes, createdAt);
        }
    }

    /**
     * A post as stored: the commentary as sent (little text), the text LinkedIn shows for it, its
     * image and alt text, and the {@code LinkedIn-Version} it was created with.
     */
    record Post(String id, String author, String commentary, String shownText, String visibility,
            String feedDistribution, String lifecycleState, String imageId, String altText, Instant createdAt,
            String version) {
    }
}
