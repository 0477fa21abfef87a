package io.herald.connector.testkit;

import io.herald.connector.Account;
import io.herald.connector.Checkpoint;
import io.herald.connector.CheckpointException;
import io.herald.connector.CredentialStore;
import io.herald.connector.DeliveryKey;
import io.herald.connector.HttpMediaSource;
import io.herald.connector.MediaSource;
import io.herald.connector.PlatformPost;
import io.herald.connector.PublishAttempt;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An attempt held in memory, for connector tests: checkpoints are kept in a list that outlives the
 * attempt ({@link #next()} makes the following attempt of the same delivery), credentials in memory,
 * media fetched over HTTP with loopback allowed (the sandbox serves sample images). A test can make
 * recording fail after a number of checkpoints, as a crash right after a step would.
 */
public final class TestAttempt implements PublishAttempt {

    private final Account account;
    private final PlatformPost post;
    private final DeliveryKey delivery;
    private final int number;
    private final Instant firstAttemptAt;
    private final List<Checkpoint> checkpoints;
    private final CredentialStore credentials;
    private final MediaSource media;
    private volatile int failRecordAfter = Integer.MAX_VALUE;

    private TestAttempt(Account account, PlatformPost post, DeliveryKey delivery, int number, Instant firstAttemptAt,
            List<Checkpoint> checkpoints, CredentialStore credentials, MediaSource media) {
        this.account = Objects.requireNonNull(account, "account");
        this.post = Objects.requireNonNull(post, "post");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.number = number;
        this.firstAttemptAt = firstAttemptAt;
        this.checkpoints = checkpoints;
        this.credentials = credentials;
        this.media = media;
    }

    /** The first attempt of a delivery. */
    public static TestAttempt first(Account account, PlatformPost post, DeliveryKey delivery) {
        return new TestAttempt(account, post, delivery, 1, Instant.now(), new ArrayList<>(), CredentialStore.inMemory(),
                new HttpMediaSource(HttpClient.newHttpClient(), Duration.ofSeconds(5), true));
    }

    /** The next attempt of the same delivery: same checkpoints, credentials and first-attempt time. */
    public TestAttempt next() {
        return new TestAttempt(account, post, delivery, number + 1, firstAttemptAt, checkpoints, credentials, media);
    }

    /** The same attempt for another account (a wrong credential, an unreachable server). */
    public TestAttempt withAccount(Account other) {
        return new TestAttempt(other, post, delivery, number, firstAttemptAt, checkpoints, credentials, media);
    }

    /** Another attempt of the same delivery that shares this one's credentials but none of its checkpoints. */
    public TestAttempt forgettingCheckpoints() {
        return new TestAttempt(account, post, delivery, number + 1, firstAttemptAt, new ArrayList<>(), credentials, media);
    }

    /** From now on, recording fails once {@code n} checkpoints are kept (the store went away after a step). */
    public TestAttempt failRecordingAfter(int n) {
        this.failRecordAfter = n;
        return this;
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
        return delivery;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public Instant firstAttemptAt() {
        return firstAttemptAt;
    }

    @Override
    public synchronized List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public synchronized void record(Checkpoint checkpoint) {
        if (checkpoints.size() >= failRecordAfter) {
            throw new CheckpointException("the test store refuses checkpoint " + checkpoint.step(), null);
        }
        checkpoints.removeIf(c -> c.step().equals(checkpoint.step()));
        checkpoints.add(checkpoint);
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public MediaSource media() {
        return media;
    }
}
