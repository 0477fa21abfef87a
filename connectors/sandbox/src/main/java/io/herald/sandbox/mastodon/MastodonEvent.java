package io.herald.sandbox.mastodon;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** One line of the Mastodon stand-in's journal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MastodonEvent.Created.class, name = "created"),
    @JsonSubTypes.Type(value = MastodonEvent.Deleted.class, name = "deleted"),
    @JsonSubTypes.Type(value = MastodonEvent.Edited.class, name = "edited"),
    @JsonSubTypes.Type(value = MastodonEvent.KeyUsed.class, name = "key-used"),
    @JsonSubTypes.Type(value = MastodonEvent.MediaUploaded.class, name = "media-uploaded")
})
sealed interface MastodonEvent {

    /** A status was created, with the {@code Idempotency-Key} it was created under (or null). */
    record Created(Status status, String idempotencyKey) implements MastodonEvent {
    }

    /** A status was deleted ({@code deletedAt} null in journals written before it was recorded). */
    record Deleted(String statusId, Instant deletedAt) implements MastodonEvent {
    }

    /** A status's text was edited in place ({@code PUT /api/v1/statuses/:id}). */
    record Edited(String statusId, String text, Instant editedAt) implements MastodonEvent {
    }

    /** A key still in force whose status was deleted (written when the journal is compacted). */
    record KeyUsed(IdempotencyKey key) implements MastodonEvent {
    }

    /** A media item was uploaded ({@code POST /api/v2/media}). */
    record MediaUploaded(Media media) implements MastodonEvent {
    }

    /** A status as stored: its source text, not the rendered HTML, and the ids of its media. */
    record Status(String id, String accountId, String text, String spoilerText, boolean sensitive,
            String visibility, String language, String inReplyToId, String inReplyToAccountId, Instant createdAt,
            java.util.List<String> mediaIds, Instant editedAt) {
        public Status {
            mediaIds = mediaIds == null ? java.util.List.of() : java.util.List.copyOf(mediaIds);
        }

        Status withText(String newText, Instant at) {
            return new Status(id, accountId, newText, spoilerText, sensitive, visibility, language, inReplyToId,
                    inReplyToAccountId, createdAt, mediaIds, at);
        }
    }

    /** An uploaded media item: its description (alt text), type and size. */
    record Media(String id, String accountId, String description, String mimeType, long size, Instant createdAt) {
    }

    /** An {@code Idempotency-Key} an account used, and the status it created. */
    record IdempotencyKey(String accountId, String key, String statusId, Instant createdAt) {
    }
}
