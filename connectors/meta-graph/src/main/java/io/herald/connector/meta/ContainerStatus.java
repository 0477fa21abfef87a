package io.herald.connector.meta;

import java.util.Locale;

/**
 * The publishing status of an Instagram or Threads media container, as {@code GET /{container-id}}
 * answers it ({@code status_code} on Instagram, {@code status} on Threads). Values from Meta's IG
 * Container reference (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container)
 * and the Threads troubleshooting guide (developers.facebook.com/docs/threads/troubleshooting):
 * {@code EXPIRED} (not published within 24 hours), {@code ERROR}, {@code FINISHED} (ready to be
 * published), {@code IN_PROGRESS}, {@code PUBLISHED}. {@link #GONE} is Herald's: the network no
 * longer knows the container.
 */
public enum ContainerStatus {
    IN_PROGRESS, FINISHED, PUBLISHED, ERROR, EXPIRED, GONE;

    /** The status of a network's word for it; an unknown word is {@code IN_PROGRESS} (poll again, bounded). */
    public static ContainerStatus of(String word) {
        if (word == null) {
            return IN_PROGRESS;
        }
        try {
            ContainerStatus s = valueOf(word.strip().toUpperCase(Locale.ROOT));
            return s == GONE ? IN_PROGRESS : s;
        } catch (IllegalArgumentException e) {
            return IN_PROGRESS;
        }
    }

    /** A container in this status will never be published: a new one is needed. */
    public boolean isDead() {
        return this == ERROR || this == EXPIRED || this == GONE;
    }
}
