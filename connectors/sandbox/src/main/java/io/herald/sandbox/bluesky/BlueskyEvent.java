package io.herald.sandbox.bluesky;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** One line of the Bluesky stand-in's journal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BlueskyEvent.RecordCreated.class, name = "record-created"),
    @JsonSubTypes.Type(value = BlueskyEvent.RecordDeleted.class, name = "record-deleted"),
    @JsonSubTypes.Type(value = BlueskyEvent.BlobStored.class, name = "blob-stored"),
    @JsonSubTypes.Type(value = BlueskyEvent.RefreshRevoked.class, name = "refresh-revoked")
})
sealed interface BlueskyEvent {

    /** {@code com.atproto.repo.createRecord} wrote a record; {@code value} is its JSON as received. */
    record RecordCreated(String uri, String did, String collection, String rkey, String cid, String value, Instant at)
            implements BlueskyEvent {
    }

    /** {@code com.atproto.repo.deleteRecord} removed a record. */
    record RecordDeleted(String uri, Instant at) implements BlueskyEvent {
    }

    /** {@code com.atproto.repo.uploadBlob} stored a blob (its bytes are not kept, only what a record checks). */
    record BlobStored(String cid, String did, String mimeType, long size, Instant at) implements BlueskyEvent {
    }

    /** A refresh token was used (rotated) or its session deleted: it is no longer accepted. */
    record RefreshRevoked(String jti, Instant at) implements BlueskyEvent {
    }
}
