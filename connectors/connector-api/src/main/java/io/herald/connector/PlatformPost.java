package io.herald.connector;

import java.util.List;
import java.util.Objects;

/**
 * A post shaped for one network: the text of each part of the thread (one part for most posts),
 * each part's length as the network counts it, the network's limit, and the media, which go with
 * the first part.
 */
public record PlatformPost(List<String> parts, List<Integer> lengths, int limit, List<Media> media) {

    public PlatformPost {
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        lengths = List.copyOf(Objects.requireNonNull(lengths, "lengths"));
        media = media == null ? List.of() : List.copyOf(media);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("parts must not be empty");
        }
        if (parts.size() != lengths.size()) {
            throw new IllegalArgumentException(
                    "parts and lengths must have the same size, but were " + parts.size() + " and " + lengths.size());
        }
    }
}
