package io.herald.connector;

import java.util.List;
import java.util.Objects;

/**
 * The content of a post as one network should receive it: Herald has already applied that
 * network's {@code overrides}. {@code link} may be null; lists are never null.
 */
public record PostContent(String body, String link, List<String> hashtags, List<Media> media) {

    public PostContent {
        Objects.requireNonNull(body, "body");
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        media = media == null ? List.of() : List.copyOf(media);
    }

    public static PostContent text(String body) {
        return new PostContent(body, null, List.of(), List.of());
    }
}
