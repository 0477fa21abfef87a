package io.herald.connector;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a network does for one account, declared by its connector: how text is limited and counted,
 * threads, media, links, the network's published rate windows, and how a repeated request is
 * recognised. Herald plans, paces and retries by it; {@code herald preview} shows it.
 *
 * @param limits the text limits, in the order the network checks them: unit name to maximum, e.g.
 *     {@code characters=500}, or {@code graphemes=300, bytes=3000}; the first is the primary unit
 * @param counting how the network counts, where a connector needs more than the unit's name, e.g.
 *     {@code urlWeight=23} (every URL counts 23 characters on Mastodon)
 * @param threads whether a text over the limits may become a reply chain, and at most how many parts
 * @param media what media the network takes
 * @param links how a post's link is carried
 * @param rateWindows the network's published posting limits for one account
 * @param idempotency how the network recognises a repeated request
 * @param readBack whether the connector can look for an earlier attempt's post ({@link Connector#readBack})
 * @param readBackGrace how long after an unclear attempt a post may take to become visible to a
 *     read-back; an attempt not found after it is repeated
 * @param corrections whether the connector can take a published post down ({@link Connector#delete})
 *     or change it in place ({@link Connector#edit}); additive to SPI v2, none by default
 */
public record Capabilities(
        Map<String, Integer> limits,
        Map<String, Integer> counting,
        Threads threads,
        MediaRules media,
        Set<LinkHandling> links,
        List<RateWindow> rateWindows,
        Idempotency idempotency,
        boolean readBack,
        Duration readBackGrace,
        Corrections corrections) {

    /** The capabilities of SPI v2 before corrections: nothing can be deleted or edited. */
    public Capabilities(Map<String, Integer> limits, Map<String, Integer> counting, Threads threads, MediaRules media,
            Set<LinkHandling> links, List<RateWindow> rateWindows, Idempotency idempotency, boolean readBack,
            Duration readBackGrace) {
        this(limits, counting, threads, media, links, rateWindows, idempotency, readBack, readBackGrace, Corrections.none());
    }

    public Capabilities {
        corrections = corrections == null ? Corrections.none() : corrections;
        limits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(limits, "limits")));
        counting = counting == null ? Map.of() : Map.copyOf(counting);
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(media, "media");
        links = Set.copyOf(Objects.requireNonNull(links, "links"));
        rateWindows = List.copyOf(Objects.requireNonNull(rateWindows, "rateWindows"));
        Objects.requireNonNull(idempotency, "idempotency");
        readBackGrace = readBackGrace == null ? Duration.ZERO : readBackGrace;
        if (readBackGrace.isNegative()) {
            throw new IllegalArgumentException("readBackGrace must not be negative, but was " + readBackGrace);
        }
        limits.forEach((unit, max) -> {
            if (max == null || max <= 0) {
                throw new IllegalArgumentException("limit " + unit + " must be positive, but was " + max);
            }
        });
    }

    /** The primary unit ({@code characters}, {@code graphemes}, {@code weighted}), or null without limits. */
    public String primaryUnit() {
        return limits.isEmpty() ? null : limits.keySet().iterator().next();
    }

    /** The primary limit, or {@link Integer#MAX_VALUE} without limits. */
    public int primaryLimit() {
        return limits.isEmpty() ? Integer.MAX_VALUE : limits.values().iterator().next();
    }

    /** The same capabilities with other limits (an instance announcing its own). */
    public Capabilities withLimits(Map<String, Integer> other) {
        return new Capabilities(other, counting, threads, media, links, rateWindows, idempotency, readBack, readBackGrace, corrections);
    }

    /** The same capabilities counting otherwise (an instance's own URL weight). */
    public Capabilities withCounting(Map<String, Integer> other) {
        return new Capabilities(limits, other, threads, media, links, rateWindows, idempotency, readBack, readBackGrace, corrections);
    }

    /** The same capabilities with other media rules (an instance's own limits). */
    public Capabilities withMedia(MediaRules other) {
        return new Capabilities(limits, counting, threads, other, links, rateWindows, idempotency, readBack, readBackGrace, corrections);
    }

    /** A counting parameter, or {@code fallback}. */
    public int counting(String name, int fallback) {
        return counting.getOrDefault(name, fallback);
    }

    /** Threads: whether a long text may become a reply chain, and the most parts. */
    public record Threads(boolean supported, int maxParts) {
        public Threads {
            if (supported && maxParts < 2) {
                throw new IllegalArgumentException("a network with threads takes at least 2 parts, but maxParts was " + maxParts);
            }
        }

        public static Threads none() {
            return new Threads(false, 1);
        }

        public static Threads replyChain(int maxParts) {
            return new Threads(true, maxParts);
        }
    }

    /**
     * Media rules.
     *
     * @param maxItems the most media items on one post (0: no media)
     * @param mimeTypes the accepted types, e.g. {@code image/jpeg}
     * @param maxBytes the largest item
     * @param maxAltText the longest alt text, 0 when the network has none
     * @param required whether a post must carry at least one item (Instagram)
     * @param fetchedByNetwork whether the network fetches the item from its URL itself (Instagram,
     *     Threads) instead of Herald uploading it
     */
    public record MediaRules(int maxItems, Set<String> mimeTypes, long maxBytes, int maxAltText, boolean required,
            boolean fetchedByNetwork) {
        public MediaRules {
            mimeTypes = Set.copyOf(mimeTypes);
            if (maxItems < 0 || maxBytes < 0 || maxAltText < 0) {
                throw new IllegalArgumentException("media limits must not be negative");
            }
        }

        public static MediaRules none() {
            return new MediaRules(0, Set.of(), 0, 0, false, false);
        }

        public boolean accepts(String mimeType) {
            return mimeType != null && mimeTypes.contains(mimeType.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** How a post's link reaches the network. */
    public enum LinkHandling {
        /** The URL is part of the text. */
        IN_TEXT,
        /** The text carries a facet (a rich-text annotation) that makes the URL a link (Bluesky). */
        FACET,
        /** The network shows a preview card for it. */
        CARD,
        /** The URL goes in a field of its own (Facebook's {@code link}). */
        FIELD
    }

    /** At most {@code posts} posts per {@code per}. */
    public record RateWindow(int posts, Duration per) {
        public RateWindow {
            if (posts <= 0) {
                throw new IllegalArgumentException("a rate window's posts must be positive, but was " + posts);
            }
            if (per == null || per.isZero() || per.isNegative()) {
                throw new IllegalArgumentException("a rate window's period must be positive, but was " + per);
            }
        }
    }

    /**
     * How the network recognises a repeated request.
     *
     * @param kind none, a key it remembers for {@code window}, or a key that is part of the record
     * @param window how long a key is remembered ({@link Duration#ZERO} for none; for a natural key
     *     the key is permanent)
     * @param trusted whether a repeat within the window is known to create nothing; false where some
     *     servers of this API ignore the key (Herald then reads back before any repeat)
     */
    public record Idempotency(Kind kind, Duration window, boolean trusted) {
        public enum Kind { NONE, KEYED, NATURAL_KEY }

        public Idempotency {
            Objects.requireNonNull(kind, "kind");
            window = window == null ? Duration.ZERO : window;
        }

        public static Idempotency none() {
            return new Idempotency(Kind.NONE, Duration.ZERO, false);
        }

        public static Idempotency keyed(Duration window, boolean trusted) {
            return new Idempotency(Kind.KEYED, window, trusted);
        }

        public static Idempotency naturalKey() {
            return new Idempotency(Kind.NATURAL_KEY, FOREVER, true);
        }

        /** Whether repeating a request first sent {@code since} ago is known to create nothing. */
        public boolean safeToRepeat(Duration since) {
            return trusted && kind != Kind.NONE && since.compareTo(window) < 0;
        }
    }

    /**
     * What the network lets a connector do to a post already published (additive to SPI v2).
     *
     * @param delete whether {@link Connector#delete} takes a published part down (Mastodon
     *     {@code DELETE /api/v1/statuses/:id}); false where the network's API cannot delete
     *     (Instagram): Herald then tells the operator to delete it by hand, with its URL
     * @param edit whether {@link Connector#edit} changes a published post's text in place
     *     (Mastodon {@code PUT /api/v1/statuses/:id}); a revision under the account's {@code edit}
     *     corrections policy is otherwise refused
     * @param note one line on where this comes from or what limits it, for operators
     *     ({@code "DELETE /{threads-media-id}, 100 deletes per account per day"}); may be empty
     */
    public record Corrections(boolean delete, boolean edit, String note) {
        public Corrections {
            note = note == null ? "" : note;
        }

        /** Nothing can be deleted or edited through the API. */
        public static Corrections none() {
            return new Corrections(false, false, "");
        }

        public static Corrections deleteOnly(String note) {
            return new Corrections(true, false, note);
        }

        public static Corrections deleteAndEdit(String note) {
            return new Corrections(true, true, note);
        }
    }

    /** How long a natural key is remembered: as long as the record exists. */
    public static final Duration FOREVER = Duration.ofDays(365L * 1000);

    /** A small builder, so connectors say only what differs from "nothing supported". */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds capabilities; every part defaults to none. */
    public static final class Builder {
        private final Map<String, Integer> limits = new LinkedHashMap<>();
        private final Map<String, Integer> counting = new LinkedHashMap<>();
        private Threads threads = Threads.none();
        private MediaRules media = MediaRules.none();
        private Set<LinkHandling> links = Set.of(LinkHandling.IN_TEXT);
        private List<RateWindow> rateWindows = List.of();
        private Idempotency idempotency = Idempotency.none();
        private boolean readBack;
        private Duration readBackGrace = Duration.ZERO;
        private Corrections corrections = Corrections.none();

        /** What the network lets a connector do to a published post (delete it, edit it). */
        public Builder corrections(Corrections c) {
            this.corrections = Objects.requireNonNull(c, "corrections");
            return this;
        }

        private Builder() {
        }

        public Builder limit(String unit, int max) { limits.put(unit, max); return this; }
        public Builder counting(String name, int value) { counting.put(name, value); return this; }
        public Builder threads(Threads v) { this.threads = v; return this; }
        public Builder media(MediaRules v) { this.media = v; return this; }
        public Builder links(LinkHandling... v) { this.links = Set.of(v); return this; }
        public Builder rateWindows(RateWindow... v) { this.rateWindows = List.of(v); return this; }
        public Builder idempotency(Idempotency v) { this.idempotency = v; return this; }
        public Builder readBack(Duration grace) { this.readBack = true; this.readBackGrace = grace; return this; }

        public Capabilities build() {
            return new Capabilities(limits, counting, threads, media, links, rateWindows, idempotency, readBack, readBackGrace, corrections);
        }
    }
}
