package io.herald.post;

import io.herald.connector.Media;
import io.herald.connector.PostContent;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated post, version 1 of the Post JSON (DESIGN.md section 3). Built only by
 * {@link PostParser}, so every instance is valid.
 */
public record Post(
        String id,
        int revision,
        String body,
        String link,
        List<String> hashtags,
        List<MediaItem> media,
        List<String> targets,
        OffsetDateTime publishAt,
        OffsetDateTime expiresAt,
        Map<String, Override> overrides,
        Approval approval,
        boolean queue,
        java.time.ZoneId zone,
        Repeat repeat) {

    /** With the scheduling fields but no repeat. */
    public Post(String id, int revision, String body, String link, List<String> hashtags, List<MediaItem> media,
            List<String> targets, OffsetDateTime publishAt, OffsetDateTime expiresAt, Map<String, Override> overrides,
            Approval approval, boolean queue, java.time.ZoneId zone) {
        this(id, revision, body, link, hashtags, media, targets, publishAt, expiresAt, overrides, approval, queue, zone, null);
    }

    /** Without the scheduling fields: not queued, times with their offsets. */
    public Post(String id, int revision, String body, String link, List<String> hashtags, List<MediaItem> media,
            List<String> targets, OffsetDateTime publishAt, OffsetDateTime expiresAt, Map<String, Override> overrides,
            Approval approval) {
        this(id, revision, body, link, hashtags, media, targets, publishAt, expiresAt, overrides, approval, false, null, null);
    }

    /**
     * {@code "repeat"}: the same approved content again every {@code every} (an ISO-8601 period such
     * as {@code P7D}, counted on the post's {@code zone}, or a duration such as {@code PT12H}), until
     * {@code until} or for {@code count} occurrences in all (exactly one of the two).
     */
    public record Repeat(String every, OffsetDateTime until, Integer count) {}

    /** The occurrences of this post from {@code first} (its publishAt, or now), or null when it does not repeat. */
    public Recurrence recurrence(java.time.Instant first) {
        if (repeat == null) {
            return null;
        }
        return new Recurrence(repeat.every(), first, zone, repeat.until() == null ? null : repeat.until().toInstant(),
                repeat.count(), expiresAt == null ? null : expiresAt.toInstant());
    }

    /** A network-specific replacement for some fields, keyed by platform. */
    public record Override(String body, String link, List<String> hashtags) {}

    /** A media item; {@code showsFace} and {@code consentRef} feed the compliance gate. */
    public record MediaItem(String url, String altText, String mimeType, boolean showsFace, String consentRef) {
        public Media toMedia() {
            return new Media(url, altText, mimeType);
        }
    }

    /** Who approved the post; checked cryptographically by the approval step. */
    public record Approval(String approvedBy, String approvedAt, String signature, Set<String> acknowledged) {}

    /** The content one platform receives: the post with that platform's overrides applied. */
    public PostContent contentFor(String platform) {
        Override o = overrides.get(platform);
        String b = o != null && o.body() != null ? o.body() : body;
        String l = o != null && o.link() != null ? o.link() : link;
        List<String> h = o != null && o.hashtags() != null ? o.hashtags() : hashtags;
        return new PostContent(b, l, h, media.stream().map(MediaItem::toMedia).toList());
    }

    public static String platformOf(String target) {
        return target.substring(0, target.indexOf(':'));
    }
}
