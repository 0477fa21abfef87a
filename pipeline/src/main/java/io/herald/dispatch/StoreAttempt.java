package io.herald.dispatch;

import io.herald.connector.Account;
import io.herald.connector.Checkpoint;
import io.herald.connector.CheckpointException;
import io.herald.connector.CredentialStore;
import io.herald.connector.DeliveryKey;
import io.herald.connector.MediaSource;
import io.herald.connector.PlatformPost;
import io.herald.connector.PublishAttempt;
import io.herald.store.Delivery;
import io.herald.store.DeliveryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt of a claimed delivery, backed by the delivery store: checkpoints are read once and
 * each new one is written to the store before {@link #record} returns.
 */
final class StoreAttempt implements PublishAttempt {

    private final Delivery delivery;
    private final Account account;
    private final PlatformPost post;
    private final DeliveryStore store;
    private final MediaSource media;
    private final List<Checkpoint> checkpoints;

    StoreAttempt(Delivery delivery, Account account, PlatformPost post, DeliveryStore store, MediaSource media) {
        this(delivery, account, post, store, media, false);
    }

    /**
     * @param neverAttempted the delivery had no attempt before this one (its first attempt time was
     *     unset when claimed), so it can have no checkpoint and the store is not asked for them
     */
    StoreAttempt(Delivery delivery, Account account, PlatformPost post, DeliveryStore store, MediaSource media,
            boolean neverAttempted) {
        this.delivery = delivery;
        this.account = account;
        this.post = post;
        this.store = store;
        this.media = media;
        this.checkpoints = neverAttempted ? new ArrayList<>() : new ArrayList<>(store.checkpoints(delivery.key()));
    }

    @Override
    public Account account() {
        return account;
    }

    @Override
    public PlatformPost post() {
        return post;
    }

    @Override
    public DeliveryKey delivery() {
        return delivery.key();
    }

    @Override
    public int number() {
        return delivery.attempts();
    }

    @Override
    public Instant firstAttemptAt() {
        return delivery.firstAttemptAt() == null ? delivery.nextAttemptAt() : delivery.firstAttemptAt();
    }

    /** An occurrence after the first of a recurring post: its due time (the earlier ones have the same text). */
    @Override
    public Instant notBefore() {
        return delivery.key().occurrence() > 1 ? delivery.publishAt() : Instant.EPOCH;
    }

    @Override
    public synchronized List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public void record(Checkpoint checkpoint) {
        try {
            store.recordCheckpoint(delivery.key(), checkpoint);
        } catch (RuntimeException e) {
            throw new CheckpointException("cannot record step " + checkpoint.step() + " of " + delivery.key() + ": "
                    + e.getMessage(), e);
        }
        synchronized (this) {
            checkpoints.removeIf(c -> c.step().equals(checkpoint.step()));
            checkpoints.add(checkpoint);
        }
    }

    @Override
    public CredentialStore credentials() {
        return store.credentials(account.target());
    }

    @Override
    public MediaSource media() {
        return media;
    }
}
