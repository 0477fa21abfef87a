package io.herald.connector;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One attempt to publish one delivery, as Herald hands it to {@link Connector#publish} and
 * {@link Connector#readBack}: the account, the adapted post, the delivery's identity, the steps
 * earlier attempts recorded, and the services a connector needs (credentials that refresh, media
 * bytes).
 */
public interface PublishAttempt {

    Account account();

    PlatformPost post();

    DeliveryKey delivery();

    /** This attempt's number, 1 for the first. */
    int number();

    /** When the first attempt of this delivery started: read-backs look for posts from then on. */
    Instant firstAttemptAt();

    /**
     * Nothing the account posted before this instant can be this delivery's own post: for an
     * occurrence of a recurring post, its due time (the earlier occurrences' posts, with the same
     * text, came before it); otherwise the beginning of time. A read-back that searches by text
     * looks from the later of this and {@link #firstAttemptAt()} less its allowance for clocks.
     */
    default Instant notBefore() {
        return Instant.EPOCH;
    }

    /** Every step recorded for this delivery so far, in the order they were recorded. */
    List<Checkpoint> checkpoints();

    /** The recorded step of that name, if any. */
    default Optional<Checkpoint> checkpoint(String step) {
        return checkpoints().stream().filter(c -> c.step().equals(step)).findFirst();
    }

    /**
     * Durably records a completed step before the connector starts the next one. Returns once the
     * step is in the delivery store; a retry then resumes after it.
     *
     * @throws CheckpointException when the step cannot be recorded (the store is unavailable); the
     *     connector lets it propagate: the step is done on the network but not recorded, so Herald
     *     treats the attempt as unclear and reads back before anything is repeated
     */
    void record(Checkpoint checkpoint);

    /** This account's credentials that the network rotates (sessions, refresh tokens), kept by Herald. */
    CredentialStore credentials();

    /** Fetches the bytes of the post's media, checked, for networks that need them uploaded. */
    MediaSource media();
}
