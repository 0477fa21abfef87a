package io.herald.sandbox.instagram;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** One line of the Instagram stand-in's journal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InstagramEvent.ContainerCreated.class, name = "container-created"),
    @JsonSubTypes.Type(value = InstagramEvent.ContainerPublished.class, name = "container-published")
})
sealed interface InstagramEvent {

    /** {@code POST /{ig-user-id}/media} made a container of a fetched image. */
    record ContainerCreated(Container container) implements InstagramEvent {
    }

    /** {@code POST /{ig-user-id}/media_publish} published a container as media {@code mediaId}. */
    record ContainerPublished(String containerId, String mediaId, String shortcode, Instant at) implements InstagramEvent {
    }

    /** An IG Container: what will be published, and when it is ready (its image "processed"). */
    record Container(String id, String userId, String imageUrl, String mimeType, long bytes, String caption, String altText,
            Instant createdAt, Instant readyAt) {
    }
}
