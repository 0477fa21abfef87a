package io.herald.connector.meta;

import io.herald.connector.PublishException;
import java.time.Duration;

/**
 * Waits between two polls of a container's status. The network gives nothing to wait on but time, so
 * production sleeps; tests pass one that only counts.
 */
@FunctionalInterface
public interface Pause {

    /** Sleeps the thread; an interrupt ends the attempt as retryable. */
    Pause SLEEP = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.retryable("interrupted while waiting for a media container", e);
        }
    };

    void pause(Duration duration) throws PublishException;
}
