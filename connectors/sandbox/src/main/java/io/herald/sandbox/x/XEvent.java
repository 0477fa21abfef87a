package io.herald.sandbox.x;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;

/** One line of the X stand-in's journal. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = XEvent.Posted.class, name = "posted"),
    @JsonSubTypes.Type(value = XEvent.Deleted.class, name = "deleted"),
    @JsonSubTypes.Type(value = XEvent.MediaReady.class, name = "media-ready"),
    @JsonSubTypes.Type(value = XEvent.TokensIssued.class, name = "tokens-issued")
})
sealed interface XEvent {

    /** {@code POST /2/tweets} created a post. */
    record Posted(String id, String text, String replyTo, List<String> mediaIds, Instant at) implements XEvent {
        public Posted {
            mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
        }
    }

    /** {@code DELETE /2/tweets/:id}. */
    record Deleted(String id, Instant at) implements XEvent {
    }

    /** An upload was finalized, or its alt text set. */
    record MediaReady(String id, String mimeType, long bytes, String altText) implements XEvent {
    }

    /** {@code POST /2/oauth2/token} issued an access and a refresh token, using up {@code usedRefresh}. */
    record TokensIssued(String access, Instant accessExpiresAt, String refresh, String usedRefresh) implements XEvent {
    }
}
