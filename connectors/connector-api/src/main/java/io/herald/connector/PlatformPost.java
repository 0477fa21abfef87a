package io.herald.connector;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A post shaped for one network: the parts of a thread (one part for most posts), each with its
 * lengths as the network counts them and its facets; the limits it was shaped for; the media, which
 * go with the first part; and the link, for networks that carry it apart from the text (a card or a
 * field). Stored as JSON with the delivery and shown by {@code herald preview}.
 *
 * @param limits unit to maximum, as in {@link Capabilities#limits()}
 * @param link the post's link, or null; networks that put it in the text have it in a part already
 * @param language an ISO 639 code, or null
 */
public record PlatformPost(List<Part> parts, Map<String, Integer> limits, List<Media> media, String link, String language) {

    public PlatformPost {
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        limits = limits == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        media = media == null ? List.of() : List.copyOf(media);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("parts must not be empty");
        }
    }

    /** A post of plain parts, each measured in one unit. */
    public static PlatformPost of(List<String> texts, String unit, List<Integer> lengths, int limit, List<Media> media) {
        if (texts.size() != lengths.size()) {
            throw new IllegalArgumentException(
                    "parts and lengths must have the same size, but were " + texts.size() + " and " + lengths.size());
        }
        List<Part> parts = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            parts.add(new Part(texts.get(i), Map.of(unit, lengths.get(i)), List.of()));
        }
        return new PlatformPost(parts, Map.of(unit, limit), media, null, null);
    }

    /** The text of every part, in order. */
    @JsonIgnore
    public List<String> texts() {
        return parts.stream().map(Part::text).toList();
    }

    /** Each part's length in the primary unit. */
    @JsonIgnore
    public List<Integer> lengths() {
        String unit = primaryUnit();
        return parts.stream().map(p -> unit == null ? p.text().length() : p.lengths().getOrDefault(unit, 0)).toList();
    }

    /** The primary unit, or null without limits. */
    @JsonIgnore
    public String primaryUnit() {
        return limits.isEmpty() ? null : limits.keySet().iterator().next();
    }

    /** The primary limit, or {@link Integer#MAX_VALUE} without limits. */
    @JsonIgnore
    public int limit() {
        return limits.isEmpty() ? Integer.MAX_VALUE : limits.values().iterator().next();
    }

    /** The same post with other parts (a thread numbered afresh, say). */
    public PlatformPost withParts(List<Part> other) {
        return new PlatformPost(other, limits, media, link, language);
    }

    /**
     * One part: its text, its length in each unit of the limits, and its facets.
     *
     * @param facets rich-text annotations with UTF-8 byte offsets (the AT Protocol's convention);
     *     empty for networks that find links and tags in the text themselves
     */
    public record Part(String text, Map<String, Integer> lengths, List<Facet> facets) {
        public Part {
            Objects.requireNonNull(text, "text");
            lengths = lengths == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lengths));
            facets = facets == null ? List.of() : List.copyOf(facets);
        }

        /** Reads a part stored as a plain string (deliveries planned before parts had lengths). */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Part ofText(String text) {
            return new Part(text, Map.of(), List.of());
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        static Part of(@com.fasterxml.jackson.annotation.JsonProperty("text") String text,
                @com.fasterxml.jackson.annotation.JsonProperty("lengths") Map<String, Integer> lengths,
                @com.fasterxml.jackson.annotation.JsonProperty("facets") List<Facet> facets) {
            return new Part(text, lengths, facets);
        }
    }

    /**
     * A rich-text annotation of a part: a link, a hashtag or a mention, over UTF-8 bytes
     * {@code [byteStart, byteEnd)} of the part's text.
     *
     * @param type {@code link}, {@code tag} or {@code mention}
     * @param value the link's URI, the tag without {@code #}, or the mentioned handle without {@code @}
     */
    public record Facet(String type, int byteStart, int byteEnd, String value) {
        public Facet {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            if (byteStart < 0 || byteEnd <= byteStart) {
                throw new IllegalArgumentException("a facet must cover at least one byte, but was [" + byteStart + ", " + byteEnd + ")");
            }
        }
    }
}
