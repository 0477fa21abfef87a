package io.herald.sandbox.threads;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** One line of the Threads stand-in's journal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ThreadsEvent.ContainerCreated.class, name = "container-created"),
    @JsonSubTypes.Type(value = ThreadsEvent.ContainerPublished.class, name = "container-published"),
    @JsonSubTypes.Type(value = ThreadsEvent.MediaDeleted.class, name = "media-deleted")
})
sealed interface ThreadsEvent {

    /** {@code POST /{threads-user-id}/threads} made a container. */
    record ContainerCreated(Container container) implements ThreadsEvent {
    }

    /** {@code POST /{threads-user-id}/threads_publish} published a container as media {@code mediaId}. */
    record ContainerPublished(String containerId, String mediaId, String shortcode, Instant at) implements ThreadsEvent {
    }

    /** {@code DELETE /{threads-media-id}} deleted a published post. */
    record MediaDeleted(String mediaId, Instant at) implements ThreadsEvent {
    }

    /**
     * A Threads media container: {@code TEXT} or {@code IMAGE} (then the fetched image), its text, and
     * the post it replies to.
     */
    record Container(String id, String userId, String mediaType, String text, String imageUrl, String mimeType, long bytes,
            String altText, String replyToId, Instant createdAt, Instant readyAt) {
    }
}
