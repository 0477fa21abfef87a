package io.herald.store;

import io.herald.audit.AuditEvent;
import io.herald.audit.RecordSource;
import io.herald.connector.DeliveryKey;
import io.herald.connector.Receipt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delivery store: one row per delivery {@code (postId, revision, target)}. Every method is one
 * transaction that also writes the audit events describing it, so state and audit never disagree.
 * Implementations: {@link JdbcDeliveryStore} (H2 embedded, PostgreSQL for several instances).
 */
public interface DeliveryStore {

    /** What became of an input record. */
    enum IngestResult {
        /** Recorded now. */
        RECORDED,
        /** The same revision (or a higher one) was already recorded: a DUPLICATE_SUPPRESSED event was written. */
        DUPLICATE,
        /** This very record was processed before (redelivered after a crash): nothing was written. */
        ALREADY_PROCESSED
    }

    /**
     * Records a post that passed its checks: supersedes pending deliveries of lower revisions and
     * inserts one SCHEDULED row per delivery, with {@code events} (RECEIVED, ...) plus one SCHEDULED
     * event per delivery. A revision not above the highest recorded one is a duplicate.
     */
    IngestResult recordScheduled(RecordSource source, long recordTimestamp, String postId, int revision,
            List<NewDelivery> deliveries, List<AuditEvent> events);

    /**
     * Records a post that stops here (REJECTED, BLOCKED, HELD, INVALID) with its events.
     *
     * @param decisive whether the revision counts as decided (held and blocked do; a rejected
     *     signature or an invalid record does not, so the author may fix it under the same revision)
     */
    IngestResult recordStopped(RecordSource source, long recordTimestamp, String postId, Integer revision,
            boolean decisive, String outcome, List<AuditEvent> events);

    /** One input record and what ingest decided about it. */
    record Incoming(RecordSource source, long timestamp, Decision decision) {
        public Incoming {
            java.util.Objects.requireNonNull(source, "source");
            java.util.Objects.requireNonNull(decision, "decision");
        }
    }

    /**
     * Records a batch of input records, in their order, in one transaction: their deliveries, audit
     * events and copies for other topics (held, invalid), and that each record was processed (a
     * record processed before is recognised and changes nothing). All or nothing.
     *
     * @return what became of each record, in the batch's order
     */
    List<IngestResult> recordAll(List<Incoming> batch);

    /** How a person settles an UNKNOWN_OUTCOME. */
    enum Resolution {
        /** It was published (the person found it): PUBLISHED with the remote id given. */
        PUBLISHED,
        /** It was not: publish it again (RETRY, now). */
        RETRY,
        /** Give it up: FAILED. */
        ABANDON
    }

    /**
     * A person re-drives deliveries of a post that failed for good (all its targets, or one): they go
     * again now with their attempts counted afresh, resuming after their recorded steps. The events
     * carry {@code source}, the control record, so the person's command can find its answer; nothing
     * to re-drive is a NOT_APPLIED event saying why. A control record processed before changes nothing.
     */
    IngestResult redrive(RecordSource source, long timestamp, String postId, String target, String by, String reason);

    /** A person settles a delivery left UNKNOWN_OUTCOME; audited like {@link #redrive}. */
    IngestResult resolve(RecordSource source, long timestamp, String postId, String target, Resolution resolution,
            String remoteId, String by, String reason);

    /** A tombstone: cancels every pending delivery of the post, one CANCELLED event each. */
    IngestResult recordCancel(RecordSource source, long recordTimestamp, String postId, String reason);

    /** Pending deliveries whose next attempt is due, oldest first. */
    List<Delivery> due(Instant now, int limit);

    /** The earliest next attempt of any pending delivery, to know when to look again. */
    Optional<Instant> nextDue();

    /**
     * When the next pending delivery may be released: its next attempt, or the end of its account's
     * hold when that is later. The time the release alarm is set at.
     */
    default Optional<Instant> nextRelease(Instant now) {
        return nextDue();
    }

    /**
     * Claims a delivery by compare-and-set (state and attempts unchanged since read), moving it to
     * IN_FLIGHT with attempts + 1 and writing an ATTEMPT event. Empty when another worker won.
     */
    Optional<Delivery> claim(Delivery delivery, String instance, Instant now);

    /** IN_FLIGHT → PUBLISHED, with the PUBLISHED event. */
    void markPublished(DeliveryKey key, Receipt receipt, AuditEvent event);

    /** IN_FLIGHT → RETRY at {@code nextAttemptAt}, with the RETRY_SCHEDULED event. */
    default void markRetry(DeliveryKey key, Instant nextAttemptAt, String error, AuditEvent event) {
        markRetry(key, nextAttemptAt, error, false, event);
    }

    /**
     * IN_FLIGHT → RETRY at {@code nextAttemptAt}, with the RETRY_SCHEDULED event.
     *
     * @param unclear whether the attempt ended without a clear answer (it is then read back first)
     */
    void markRetry(DeliveryKey key, Instant nextAttemptAt, String error, boolean unclear, AuditEvent event);

    /** The steps recorded for a delivery, in the order they were recorded. */
    List<io.herald.connector.Checkpoint> checkpoints(DeliveryKey key);

    /** Records a completed step of a delivery (replacing one of the same name), in its own transaction. */
    void recordCheckpoint(DeliveryKey key, io.herald.connector.Checkpoint checkpoint);

    /** The credentials Herald keeps for one account (sessions, rotated refresh tokens). */
    io.herald.connector.CredentialStore credentials(String target);

    /** A pending or in-flight delivery → a final state (FAILED, EXPIRED, UNKNOWN_OUTCOME), with its event. */
    default void markFinal(DeliveryKey key, DeliveryState state, String error, AuditEvent event) {
        markFinal(key, state, error, event, List.of());
    }

    /** As {@link #markFinal(DeliveryKey, DeliveryState, String, AuditEvent)}, with records for other topics (a dead letter). */
    void markFinal(DeliveryKey key, DeliveryState state, String error, AuditEvent event,
            List<io.herald.audit.AuditLog.OutgoingRecord> copies);

    /**
     * Due deliveries for a fair round of the accounts named (those idle in this instance): at most
     * {@code perAccount} of each account not held back, oldest first within an account, the accounts'
     * first ones before anyone's second. Each account is read by its own range of the (state, target,
     * next_attempt_at) index, so a round costs what the idle accounts have due, not a pass over every
     * due delivery of every account.
     */
    List<Delivery> dueFor(Instant now, java.util.Collection<String> targets, int perAccount, int limit);

    /** The accounts that have a delivery due at {@code now} (to find due deliveries of accounts no longer configured). */
    java.util.Set<String> dueTargets(Instant now);

    /**
     * Moves every due delivery of an account (due at {@code now}) to {@code until}, each with a
     * SCHEDULED event saying when and why (quiet hours, pacing); the delivery stays waiting.
     *
     * @return how many were moved
     */
    default int defer(String target, Instant now, Instant until, String reason) {
        throw new UnsupportedOperationException("defer");
    }

    /** When the account's latest delivery was released (claimed for publication), or empty: for pacing. */
    default Optional<Instant> lastRelease(String target) {
        return Optional.empty();
    }

    /** Holds an account back until {@code until}: its deliveries are not selected before then. */
    void holdAccount(String target, Instant until, String reason);

    /** The accounts held back now, with until when. */
    java.util.Map<String, Instant> holds(Instant now);

    /**
     * Claims deliveries by compare-and-set in one transaction, each with a lease until
     * {@code leaseUntil} and an ATTEMPT event; returns those won (others were taken meanwhile).
     */
    List<Delivery> claimAll(List<Delivery> candidates, String instance, Instant now, Instant leaseUntil);

    /** Deliveries in flight whose lease ran out: their holder died or hangs. */
    List<Delivery> expiredLeases(Instant now, int limit);

    /** Takes over an expired claim by compare-and-set; empty when another instance did first. */
    Optional<Delivery> takeOver(Delivery delivery, String instance, Instant now, Instant leaseUntil);

    /** Deliveries left IN_FLIGHT by an instance (after a crash), for recovery at start. */
    List<Delivery> inFlight(String instance);

    /**
     * Store retention: forgets what is no longer needed (input records processed before
     * {@code before}, holds that ended, the recorded steps of deliveries that ended for good before
     * {@code before}). Never a delivery, never an audit event.
     *
     * @return how many rows were removed
     */
    default int purge(Instant before, Instant now) {
        return 0;
    }

    /** Deliveries waiting or under way whose next attempt is in {@code [from, to)}, in time order (for {@code herald schedule}). */
    default List<Delivery> waiting(Instant from, Instant to, String target) {
        return List.of();
    }

    /** The posting slots of an account taken in {@code [from, to)} (by deliveries waiting, under way or published). */
    default java.util.Set<Instant> takenSlots(String target, Instant from, Instant to) {
        return java.util.Set.of();
    }

    /** One delivery, for tests and tools. */
    Optional<Delivery> find(DeliveryKey key);

    /** Deliveries of a post, any state. */
    List<Delivery> forPost(String postId);

    /** How many deliveries are in one state (read from the state index, not by grouping every row). */
    long count(DeliveryState state);

    /** How many deliveries are in each state (states with none are absent). */
    java.util.Map<DeliveryState, Long> countByState();

    /** Deliveries waiting to go out (scheduled or to be retried), per target: the accounts' queue depths, for metrics. */
    java.util.Map<String, Long> waitingByTarget();

    /** The occurrences of a recurring delivery's series, or null when it does not repeat. */
    default io.herald.post.Recurrence recurrence(DeliveryKey key) {
        return null;
    }
}
