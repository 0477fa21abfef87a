package io.herald.store;

import java.time.Instant;

/** A delivery ingest plans: the adapted content for one target and its times. */
public record NewDelivery(
        String target, Instant publishAt, Instant expiresAt, String content, String contentSha256, String warnings) {}
