package io.herald.store;

import java.time.Instant;

/**
 * A delivery ingest plans: the adapted content for one target and its times.
 *
 * @param queue whether it takes the account's next free posting slot at or after {@code publishAt}
 * @param repeat the occurrences of a recurring post (the first at {@code publishAt}), or null
 */
public record NewDelivery(
        String target, Instant publishAt, Instant expiresAt, String content, String contentSha256, String warnings,
        boolean queue, io.herald.post.Recurrence repeat) {

    /** Not recurring. */
    public NewDelivery(String target, Instant publishAt, Instant expiresAt, String content, String contentSha256, String warnings,
            boolean queue) {
        this(target, publishAt, expiresAt, content, contentSha256, warnings, queue, null);
    }

    /** Released at {@code publishAt}, not queued. */
    public NewDelivery(String target, Instant publishAt, Instant expiresAt, String content, String contentSha256, String warnings) {
        this(target, publishAt, expiresAt, content, contentSha256, warnings, false);
    }
}
