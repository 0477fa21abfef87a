package io.herald.correction;

import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.connector.Account;
import io.herald.connector.Connector;
import io.herald.connector.DeliveryKey;
import io.herald.connector.Edit;
import io.herald.connector.PartReceipt;
import io.herald.connector.PlatformPost;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import io.herald.connector.Takedown;
import io.herald.connector.TakedownResult;
import io.herald.json.Json;
import io.herald.network.Networks;
import io.herald.store.Correction;
import io.herald.store.Delivery;
import io.herald.store.DeliveryState;
import io.herald.store.DeliveryStore;
import io.herald.store.JdbcCorrectionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through corrections of published deliveries: takedowns (a person's {@code herald retract},
 * the replace policy) and edits in place (the edit policy). Each is claimed by compare-and-set with
 * a lease, so that one instance works on it and another takes over when its holder dies.
 *
 * <p>A takedown deletes a delivery's parts from the last to the first; each part taken down is
 * recorded (checkpoint {@code deleted-N} and its RETRACTED event, one transaction) before the next
 * is asked for, so that a takedown interrupted by a crash or SIGTERM resumes after restart with the
 * parts still there. A delete whose answer was lost is asked again: the network then answers that
 * the post is gone, which counts as done. Failures are retried with back-off like publishing (a
 * timeout, a 5xx, a 429 after the wait the network asks); credentials refused, or attempts used up,
 * end it RETRACT_FAILED naming the parts still there; a 429 is waited out without using up an attempt,
 * as for publishing. A network whose API cannot delete ends it
 * RETRACT_BY_HAND with the post's URL.
 */
public final class Corrector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Corrector.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final Duration WHILE_PUBLISHING = Duration.ofSeconds(1);
    /** How long to wait after a 429 that does not say: as the dispatcher waits. */
    private static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(1);

    private final JdbcCorrectionStore corrections;
    private final DeliveryStore deliveries;
    private final AuditLog audit;
    private final Networks networks;
    private final Clock clock;
    private final String instance;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration pollInterval;
    private final Runnable onScheduled;
    private final ScheduledExecutorService ticker;
    private final ExecutorService workers;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Set<String> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public Corrector(JdbcCorrectionStore corrections, DeliveryStore deliveries, AuditLog audit, Networks networks, Clock clock,
            String instance, int maxAttempts, Duration initialBackoff, Duration pollInterval, Runnable onScheduled) {
        this.corrections = corrections;
        this.deliveries = deliveries;
        this.audit = audit;
        this.networks = networks;
        this.clock = clock;
        this.instance = instance;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.pollInterval = pollInterval;
        this.onScheduled = onScheduled;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "herald-corrections-select"));
        this.workers = Executors.newFixedThreadPool(2, r -> daemon(r, "herald-corrections"));
    }

    /** Takes up what this instance left in flight, then looks for due corrections now and every poll interval. */
    public void start() {
        int recovered = corrections.recover(instance);
        if (recovered > 0) {
            LOG.info("{} correction(s) left in flight by the last run are resumed", recovered);
        }
        running = true;
        ticker.scheduleWithFixedDelay(this::roundSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks for due corrections now (a person asked for one, ingest recorded one). */
    public void wake() {
        if (running && wakePending.compareAndSet(false, true)) {
            try {
                ticker.execute(this::roundSafely);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false);
            }
        }
    }

    private void roundSafely() {
        wakePending.set(false);
        try {
            round();
        } catch (RuntimeException e) {
            LOG.warn("corrections round failed: {}; trying again in {}", e.getMessage(), pollInterval);
        }
    }

    /** Claims the due corrections not being worked on here and hands them to the workers. */
    void round() {
        if (!running) {
            return;
        }
        Instant now = clock.instant();
        for (Correction c : corrections.due(now, 50)) {
            String id = c.key() + "/" + c.kind();
            if (busy.contains(id)) {
                continue;
            }
            Optional<Correction> claimed = corrections.claim(c, instance, now, now.plus(LEASE));
            if (claimed.isEmpty()) {
                continue;
            }
            busy.add(id);
            try {
                workers.execute(() -> {
                    try {
                        work(claimed.get());
                    } finally {
                        busy.remove(id);
                        audit.signal();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                busy.remove(id); // stopping: the claim is recovered at the next start
            }
        }
    }

    /** One attempt of a claimed correction (tests call it directly). */
    void work(Correction c) {
        try {
            if (c.kind() == Correction.Kind.RETRACT) {
                retract(c);
            } else {
                edit(c);
            }
        } catch (RuntimeException e) {
            if (!running) {
                LOG.info("correction {} of {} interrupted by the stop; it resumes at the next start", c.kind(), c.key());
                return;
            }
            LOG.warn("correction {} of {} failed: {}", c.kind(), c.key(), e.getMessage());
            try {
                retryOrFail(c, PublishException.Kind.RETRYABLE, "Herald could not record it: " + e.getMessage(), null, List.of());
            } catch (RuntimeException again) {
                LOG.warn("correction {} of {} not recorded ({}); its lease runs out and it is taken up again", c.kind(), c.key(),
                        again.getMessage());
            }
        }
    }

    private void retract(Correction c) {
        DeliveryKey key = c.key();
        Delivery d = deliveries.find(key).orElse(null);
        if (d == null) {
            corrections.drop(c, null);
            return;
        }
        if (d.state() == DeliveryState.IN_FLIGHT) {
            corrections.postpone(c, clock.instant().plus(WHILE_PUBLISHING)); // taken down once its attempt ends
            return;
        }
        if (d.state().pending()) {
            corrections.cancelDelivery(c, d);
        }
        List<PartReceipt> parts = corrections.publishedParts(key);
        Set<Integer> gone = corrections.takenDown(key);
        if (parts.isEmpty()) {
            done(c, List.of(event(AuditEventType.RETRACTED, c).reason("retract " + c.who() + "; nothing of revision "
                    + key.revision() + " reached the network").build()));
            return;
        }
        Account account = networks.account(key.target()).orElse(null);
        if (account == null) {
            corrections.fail(c, "no account", event(AuditEventType.RETRACT_FAILED, c).remoteIds(ids(parts))
                    .reason("retract " + c.who() + "; " + key.target() + " is no longer configured: delete by hand "
                            + JdbcCorrectionStore.describeParts(parts)).build());
            return;
        }
        Connector connector = networks.connector(key.target());
        int n = parts.size();
        for (int i = n - 1; i >= 0; i--) {
            if (gone.contains(i)) {
                continue;
            }
            PartReceipt part = parts.get(i);
            TakedownResult result;
            try {
                result = connector.delete(new Takedown(account, key, i, n, part, deliveries.credentials(key.target()), c.reason()));
            } catch (PublishException e) {
                retryOrFail(c, e.kind(), e.getMessage(), e.retryAfter().orElse(null), remaining(parts, gone, i));
                return;
            }
            if (!result.gone()) {
                List<PartReceipt> left = remaining(parts, gone, i);
                corrections.byHand(c, event(AuditEventType.RETRACT_BY_HAND, c).remoteIds(ids(left))
                        .remoteId(left.get(0).remoteId()).remoteUrl(left.get(0).url())
                        .reason("retract " + c.who() + "; delete by hand: " + JdbcCorrectionStore.describeParts(left) + " ("
                                + result.detail() + ")").build());
                LOG.warn("{}: {} cannot delete through its API; delete by hand: {}", key, key.target(),
                        JdbcCorrectionStore.describeParts(left));
                return;
            }
            corrections.recordTakedown(c, i, part, event(AuditEventType.RETRACTED, c).remoteId(part.remoteId())
                    .remoteUrl(part.url()).remoteIds(List.of(part.remoteId())).attempt(c.attempts())
                    .reason("retract " + c.who() + "; part " + (i + 1) + " of " + n + ": " + result.detail()).build(),
                    clock.instant().plus(LEASE));
            gone = new java.util.HashSet<>(gone);
            gone.add(i);
        }
        done(c, List.of());
    }

    private void done(Correction c, List<AuditEvent> events) {
        boolean scheduled = corrections.finishRetraction(c, events);
        LOG.info("{} taken down from {} ({})", c.key(), c.key().target(), c.who());
        if (scheduled) {
            onScheduled.run();
        }
    }

    private void edit(Correction c) {
        DeliveryKey old = c.key();
        DeliveryKey next = new DeliveryKey(old.postId(), c.successorRevision(), old.target());
        Delivery published = deliveries.find(old).orElse(null);
        Delivery successor = deliveries.find(next).orElse(null);
        if (published == null || successor == null || published.state() != DeliveryState.PUBLISHED
                || successor.state() != DeliveryState.CORRECTING) {
            corrections.drop(c, null); // retracted, cancelled or superseded meanwhile
            return;
        }
        Optional<Receipt> receipt = corrections.receipt(old);
        Account account = networks.account(old.target()).orElse(null);
        if (receipt.isEmpty() || account == null) {
            corrections.fail(c, "nothing to edit", AuditEvent.of(AuditEventType.FAILED, next.postId()).revision(next.revision())
                    .target(next.target()).reason(receipt.isEmpty() ? "revision " + old.revision() + " has no receipt of its"
                            + " parts to edit" : next.target() + " is no longer configured").build());
            return;
        }
        PlatformPost post = Json.mapper().convertValue(readTree(successor.content()), PlatformPost.class);
        Receipt edited;
        try {
            edited = networks.connector(old.target()).edit(new Edit(account, next, receipt.get(), post,
                    deliveries.credentials(old.target())));
        } catch (PublishException e) {
            retryOrFail(c, e.kind(), e.getMessage(), e.retryAfter().orElse(null), List.of());
            return;
        }
        corrections.finishEdit(c, edited, AuditEvent.of(AuditEventType.EDITED, next.postId()).revision(next.revision())
                .target(next.target()).attempt(c.attempts()).remoteId(edited.remoteId()).remoteUrl(edited.remoteUrl())
                .remoteIds(edited.partIds()).contentSha256(successor.contentSha256())
                .reason("revision " + old.revision() + " edited in place into revision " + next.revision()
                        + " (the account's corrections policy is edit)").build());
        LOG.info("{} edited in place into revision {}", old, next.revision());
    }

    private void retryOrFail(Correction c, PublishException.Kind kind, String error, Duration retryAfter, List<PartReceipt> left) {
        if (!running) {
            // stopping (SIGTERM): left in flight, taken up at the next start after the parts recorded as gone
            LOG.info("correction {} of {} interrupted by the stop; it resumes at the next start", c.kind(), c.key());
            return;
        }
        boolean transient_ = kind == PublishException.Kind.RETRYABLE || kind == PublishException.Kind.RATE_LIMITED
                // a delete or an edit repeated is harmless: the network answers "gone", or sets the same text
                || kind == PublishException.Kind.OUTCOME_UNKNOWN;
        String what = c.kind() == Correction.Kind.RETRACT ? "takedown" : "edit";
        if (kind == PublishException.Kind.RATE_LIMITED) {
            // as for publishing: waited out when the network asks, not counted against the attempts
            // (a bulk takedown meets X's 50 deletions per 15 minutes)
            Instant next = clock.instant().plus(retryAfter != null ? retryAfter : RATE_LIMIT_WAIT);
            corrections.retry(c, next, error, event(AuditEventType.RETRY_SCHEDULED, c).attempt(c.attempts())
                    .reason(what + " attempt " + c.attempts() + " was refused for now: " + error + "; the network asks to"
                            + " wait; next at " + next).build(), false);
            return;
        }
        if (transient_ && c.attempts() < maxAttempts) {
            Duration wait = retryAfter != null ? retryAfter : backoff(c.attempts());
            Instant next = clock.instant().plus(wait);
            corrections.retry(c, next, error, event(AuditEventType.RETRY_SCHEDULED, c).attempt(c.attempts())
                    .reason(what + " attempt " + c.attempts() + " of " + maxAttempts + " failed: " + error + "; next at " + next)
                    .build());
            return;
        }
        String why = transient_ ? "gave up after " + c.attempts() + " attempts: " + error : error;
        if (c.kind() == Correction.Kind.RETRACT) {
            corrections.fail(c, why, event(AuditEventType.RETRACT_FAILED, c).attempt(c.attempts()).remoteIds(ids(left))
                    .remoteId(left.isEmpty() ? null : left.get(0).remoteId()).remoteUrl(left.isEmpty() ? null : left.get(0).url())
                    .reason("retract " + c.who() + "; " + why + (left.isEmpty() ? "" : "; still on the network: "
                            + JdbcCorrectionStore.describeParts(left) + " (run herald retract again once fixed, or delete by hand)"))
                    .build());
        } else {
            DeliveryKey next = new DeliveryKey(c.key().postId(), c.successorRevision(), c.key().target());
            corrections.fail(c, why, AuditEvent.of(AuditEventType.FAILED, next.postId()).revision(next.revision())
                    .target(next.target()).attempt(c.attempts()).reason("revision " + c.key().revision()
                            + " could not be edited into revision " + next.revision() + ": " + why
                            + "; it stays as published").build());
        }
    }

    private Duration backoff(int attempts) {
        Duration d = initialBackoff.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** The parts not yet taken down, from the first to part {@code upTo}. */
    private static List<PartReceipt> remaining(List<PartReceipt> parts, Set<Integer> gone, int upTo) {
        List<PartReceipt> out = new java.util.ArrayList<>();
        for (int i = 0; i <= upTo; i++) {
            if (!gone.contains(i)) {
                out.add(parts.get(i));
            }
        }
        return out;
    }

    private static List<String> ids(List<PartReceipt> parts) {
        return parts.stream().map(PartReceipt::remoteId).toList();
    }

    private static AuditEvent.Builder event(AuditEventType type, Correction c) {
        return AuditEvent.of(type, c.key().postId()).revision(c.key().revision()).target(c.key().target()).source(c.source());
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored delivery's content is not JSON", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        running = false;
        ticker.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
