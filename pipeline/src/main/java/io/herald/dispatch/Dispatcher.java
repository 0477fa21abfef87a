package io.herald.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditFinding;
import io.herald.audit.AuditLog;
import io.herald.audit.AuditLog.OutgoingRecord;
import io.herald.config.HeraldConfig;
import io.herald.connector.Account;
import io.herald.connector.Capabilities;
import io.herald.connector.Checkpoint;
import io.herald.connector.CheckpointException;
import io.herald.connector.Connector;
import io.herald.connector.DeliveryKey;
import io.herald.connector.MediaSource;
import io.herald.connector.PlatformPost;
import io.herald.connector.PublishException;
import io.herald.connector.ReadBack;
import io.herald.connector.Receipt;
import io.herald.json.Json;
import io.herald.network.Networks;
import io.herald.store.Delivery;
import io.herald.store.DeliveryState;
import io.herald.store.DeliveryStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes due deliveries from the delivery store, in three pieces:
 * <ol>
 *   <li><b>selection</b> ({@link #round}): the first due deliveries of every account not held back,
 *       round-robin across accounts; an account whose rate window is full or whose network's breaker
 *       is open is held in the store until it may go again ({@link AccountGate}), so it is not
 *       selected again meanwhile and never delays another account;</li>
 *   <li><b>one attempt</b> ({@link #attempt}): claimed by compare-and-set with a lease (another
 *       instance takes over a claim whose lease ran out), read back first when the last attempt was
 *       unclear, published through the connector with durable checkpoints;</li>
 *   <li><b>the outcome</b>: {@link OutcomePolicy}, a pure function of the failure, the network's
 *       capabilities and the attempts, recorded with its audit event (and dead letter) in one
 *       transaction.</li>
 * </ol>
 * Deliveries of one account go out in order (a lane per account); accounts in parallel.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Due deliveries looked at in one round. */
    private static final int ROUND = 1000;
    /** Of which at most this many per account (taken in order, one after the other, in its lane). */
    private static final int PER_ACCOUNT = 8;
    /** How often claims whose lease ran out are looked for. */
    private static final Duration LEASE_SWEEP = Duration.ofSeconds(5);
    /** How long a wake waits before its round, so that wakes close together share one round. */
    private static final long WAKE_GATHER_MS = 2;

    private final DeliveryStore store;
    private final AuditLog audit;
    private final Networks networks;
    private final MediaSource media;
    private final String deadTopic;
    private final Clock clock;
    private final String instance;
    private final HeraldConfig.Dispatch settings;
    private final OutcomePolicy policy;
    private final AccountGate gate;
    private volatile Duration lease;
    private final ScheduledExecutorService ticker;
    private final ExecutorService workers;
    private final Lanes lanes;
    /** Deliveries claimed and waiting or running in a lane, per account. */
    private final Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile ScheduledFuture<?> nextRound;
    private volatile Instant lastLeaseSweep = Instant.EPOCH;
    private volatile Instant lastOrphanLook = Instant.EPOCH;
    /** Rounds so far (only the selection thread counts them). */
    private long rounds;
    private volatile boolean running;
    private volatile boolean closed;
    /** Sets an alarm at a time (Quartz's release trigger), or null: then the dispatcher's own timer waits. */
    private volatile java.util.function.Consumer<Instant> alarm;
    /** With an alarm: how often the dispatcher looks anyway (a safety sweep, not what makes it timely). */
    private volatile Duration sweep;
    /** Whether expired leases are swept in rounds (false when housekeeping on Quartz does it). */
    private volatile boolean sweepLeasesInRounds = true;
    private volatile MeterRegistry meters = new CompositeMeterRegistry(); // records nothing until metrics are served

    public Dispatcher(DeliveryStore store, AuditLog audit, Networks networks, MediaSource media, String deadTopic, Clock clock,
            String instance, HeraldConfig.Dispatch settings) {
        this.store = store;
        this.audit = audit;
        this.networks = networks;
        this.media = media;
        this.deadTopic = deadTopic;
        this.clock = clock;
        this.instance = instance;
        this.settings = settings;
        this.policy = new OutcomePolicy(settings.maxAttempts(), OutcomePolicy.backoff(settings.initialBackoff()),
                settings.readBackGrace());
        this.gate = new AccountGate(settings.postsPerMinutePerAccount(), clock);
        this.lease = Duration.ofMinutes(2);
        this.ticker = Executors.newSingleThreadScheduledExecutor(named("herald-dispatch-select"));
        this.workers = Executors.newFixedThreadPool(settings.threads(), named("herald-dispatch"));
        this.lanes = new Lanes(workers);
    }

    /**
     * Lets {@code alarm} drive time: after a round that found nothing to do, it is set at the store's
     * next due time (and the end of holds), so the next round starts when the alarm rings instead of
     * at the next poll; the dispatcher's own timer then only sweeps every {@code sweep}.
     */
    public void useAlarm(java.util.function.Consumer<Instant> alarm, Duration sweep) {
        this.alarm = alarm;
        this.sweep = sweep;
    }

    /** How long a claim lasts before another instance may take it over (default two minutes). */
    public Dispatcher withLease(Duration lease) {
        this.lease = lease;
        return this;
    }

    /** Leaves the sweep for expired leases to housekeeping (one instance at a time, on Quartz). */
    public void sweepLeasesElsewhere() {
        this.sweepLeasesInRounds = false;
    }

    /** Recovers attempts this instance left unfinished, then selects due deliveries whenever there may be some. */
    public void start() {
        recover();
        running = true;
        wake();
    }

    /** Looks for due deliveries now (ingest scheduled some, an attempt ended), without waiting for the timer. */
    public void wake() {
        if (running && wakePending.compareAndSet(false, true)) {
            try {
                // a moment's gathering: lanes draining together are selected and claimed in one round
                ticker.schedule(this::roundSafely, WAKE_GATHER_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false);
            }
        }
    }

    private void roundSafely() {
        wakePending.set(false);
        Duration next = settings.pollInterval();
        try {
            next = round();
        } catch (RuntimeException e) {
            LOG.warn("dispatch round failed: {}; trying again in {}", e.getMessage(), settings.pollInterval());
        }
        scheduleRound(next);
    }

    private void scheduleRound(Duration after) {
        if (!running) {
            return;
        }
        ScheduledFuture<?> previous = nextRound;
        if (previous != null) {
            previous.cancel(false);
        }
        Duration cap = alarm != null ? sweep : settings.pollInterval();
        long ms = Math.max(1, Math.min(after.toMillis(), cap.toMillis()));
        try {
            nextRound = ticker.schedule(this::roundSafely, ms, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /**
     * One selection round: takes the accounts' due deliveries fairly, holds back accounts that may
     * not send, claims the rest in one transaction and hands them to their accounts' lanes.
     *
     * @return how long until the next round should look again
     */
    Duration round() {
        if (!running || closed) {
            return settings.pollInterval();
        }
        Instant now = clock.instant();
        if (sweepLeasesInRounds && Duration.between(lastLeaseSweep, now).compareTo(LEASE_SWEEP) >= 0) {
            lastLeaseSweep = now;
            takeOverExpiredLeases(now);
        }
        // only the accounts whose lane is idle are read (each by its own index range): an account still
        // at work keeps its order anyway, and a round costs what can be taken now, not every due row
        List<String> idle = new ArrayList<>();
        for (String target : networks.targets()) {
            AtomicInteger n = busy.get(target);
            if (n == null || n.get() == 0) {
                idle.add(target);
            }
        }
        if (Duration.between(lastOrphanLook, now).compareTo(LEASE_SWEEP) >= 0) {
            // now and then: due deliveries of accounts no longer configured, to fail them
            lastOrphanLook = now;
            for (String target : store.dueTargets(now)) {
                if (!networks.has(target)) {
                    idle.add(target);
                }
            }
        }
        if (idle.size() > 1) {
            // each round starts at another account, so that a round's limit never keeps the same ones last
            java.util.Collections.rotate(idle, -(int) (rounds++ % idle.size()));
        }
        Map<String, List<Delivery>> byAccount = new LinkedHashMap<>();
        for (Delivery d : store.dueFor(now, idle, PER_ACCOUNT, ROUND)) {
            byAccount.computeIfAbsent(d.key().target(), t -> new ArrayList<>()).add(d);
        }
        List<Delivery> toClaim = new ArrayList<>();
        Map<DeliveryKey, CircuitBreaker> breakers = new LinkedHashMap<>();
        for (Map.Entry<String, List<Delivery>> e : byAccount.entrySet()) {
            String target = e.getKey();
            if (busy.getOrDefault(target, new AtomicInteger()).get() > 0) {
                continue; // its lane still works on earlier ones: keep the account's order
            }
            Optional<Account> account = networks.account(target);
            if (account.isEmpty()) {
                e.getValue().forEach(d -> failUnconfigured(d));
                continue;
            }
            Capabilities caps = networks.capabilities(target);
            io.herald.config.AccountSchedule schedule = networks.accounts().schedule(target);
            if (paced(target, schedule, now)) {
                continue;
            }
            int taken = 0;
            for (Delivery d : e.getValue()) {
                if (schedule.minInterval() != null && taken++ > 0) {
                    break; // paced: the next one waits for the interval after this one
                }
                AccountGate.Admission admission = gate.admit(account.get(), caps, networks.accounts().schedule(target).limits());
                if (admission instanceof AccountGate.Admission.Held held) {
                    store.holdAccount(target, held.until(), held.reason());
                    LOG.debug("{} held until {}: {}", target, held.until(), held.reason());
                    break;
                }
                toClaim.add(d);
                breakers.put(d.key(), ((AccountGate.Admission.Admitted) admission).breaker());
            }
        }
        if (toClaim.isEmpty()) {
            return untilNextDue(now);
        }
        List<Delivery> claimed = store.claimAll(toClaim, instance, now, now.plus(lease));
        java.util.Set<DeliveryKey> won = new java.util.HashSet<>();
        claimed.forEach(c -> won.add(c.key()));
        java.util.Set<DeliveryKey> fresh = new java.util.HashSet<>();
        for (Delivery d : toClaim) {
            if (d.firstAttemptAt() == null && !d.unclear()) {
                fresh.add(d.key());
            }
            if (!won.contains(d.key())) {
                breakers.remove(d.key()).releasePermission(); // another worker had it
            }
        }
        audit.signal();
        for (Delivery d : claimed) {
            String target = d.key().target();
            busy.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
            CircuitBreaker breaker = breakers.get(d.key());
            boolean neverAttempted = fresh.contains(d.key());
            try {
                lanes.submit(target, () -> {
                    try {
                        attempt(d, breaker, neverAttempted);
                    } finally {
                        if (busy.get(target).decrementAndGet() == 0) {
                            wake(); // the account's lane is free: its next deliveries may be taken
                        }
                    }
                });
            } catch (RuntimeException rejected) {
                busy.get(target).decrementAndGet(); // stopping: the claim's lease runs out and it is recovered
            }
        }
        // the next round comes when a lane drains or ingest schedules (wake), else at the poll interval:
        // not at once, where it would find the accounts just claimed still busy and only cost a query
        return settings.pollInterval();
    }

    /**
     * Quiet hours and pacing: when the account may not post now, its due deliveries move to the time
     * it may, each with a SCHEDULED event saying when and why.
     */
    private boolean paced(String target, io.herald.config.AccountSchedule schedule, Instant now) {
        if (schedule.quietHours() == null && schedule.minInterval() == null) {
            return false;
        }
        Instant last = schedule.minInterval() == null ? null : store.lastRelease(target).orElse(null);
        Optional<io.herald.schedule.Pacing.Wait> wait = io.herald.schedule.Pacing.check(schedule, now, last);
        if (wait.isEmpty()) {
            return false;
        }
        int n = store.defer(target, now, wait.get().until(), wait.get().reason());
        LOG.info("{}: {} due deliveries {}", target, n, wait.get().reason());
        audit.signal();
        return true;
    }

    private Duration untilNextDue(Instant now) {
        Optional<Instant> next = store.nextRelease(now);
        java.util.function.Consumer<Instant> a = alarm;
        if (next.isEmpty()) {
            return a != null ? sweep : settings.pollInterval();
        }
        Duration d = Duration.between(now, next.get());
        if (d.isNegative() || d.isZero()) {
            return settings.pollInterval(); // due, but its account's lane is busy: the lane wakes us when done
        }
        if (a != null) {
            a.accept(next.get());
            return sweep;
        }
        return d;
    }

    /** Claims of any instance whose lease ran out: taken over and recovered (housekeeping calls it). */
    public void sweepLeases() {
        if (running && !closed) {
            takeOverExpiredLeases(clock.instant());
            audit.signal();
            wake(); // a recovered delivery's retry is due soon: the next round sets the alarm for it
        }
    }

    /** Takes one delivery through claim, network call and outcome (tests call it directly). */
    void deliver(Delivery d) {
        if (closed) {
            return;
        }
        Optional<Account> account = networks.account(d.key().target());
        if (account.isEmpty()) {
            failUnconfigured(d);
            return;
        }
        AccountGate.Admission admission = gate.admit(account.get(), networks.capabilities(d.key().target()),
                networks.accounts().schedule(d.key().target()).limits());
        if (admission instanceof AccountGate.Admission.Held held) {
            store.holdAccount(d.key().target(), held.until(), held.reason());
            return;
        }
        CircuitBreaker breaker = ((AccountGate.Admission.Admitted) admission).breaker();
        Instant now = clock.instant();
        List<Delivery> claimed = store.claimAll(List.of(d), instance, now, now.plus(lease));
        if (claimed.isEmpty()) {
            breaker.releasePermission();
            return;
        }
        attempt(claimed.get(0), breaker);
    }

    /** One attempt of a claimed delivery: read back if unclear, publish, record the outcome. */
    void attempt(Delivery d, CircuitBreaker breaker) {
        attempt(d, breaker, false);
    }

    /** @param neverAttempted no attempt came before this one: there are no checkpoints to read */
    void attempt(Delivery d, CircuitBreaker breaker, boolean neverAttempted) {
        DeliveryKey key = d.key();
        Instant now = clock.instant();
        Account account = networks.account(key.target()).orElse(null);
        if (account == null) {
            breaker.releasePermission();
            failUnconfigured(d);
            return;
        }
        Connector connector = networks.connector(key.target());
        Capabilities caps = networks.capabilities(key.target());
        boolean expired = d.expiresAt() != null && !now.isBefore(d.expiresAt());
        if (expired && !d.unclear()) {
            breaker.releasePermission();
            store.markFinal(key, DeliveryState.EXPIRED, "expired at " + d.expiresAt(), event(AuditEventType.EXPIRED, key)
                    .attempt(d.attempts()).reason("not published before expiresAt " + d.expiresAt()).build());
            audit.signal();
            return;
        }
        PlatformPost post = Json.mapper().convertValue(readTree(d.content()), PlatformPost.class);
        StoreAttempt attempt = new StoreAttempt(d, account, post, store, media, neverAttempted);
        long start = System.nanoTime();
        try {
            String note = null;
            if (d.unclear()) {
                ReadBack found = connector.readBack(attempt);
                switch (found.outcome()) {
                    case FOUND -> note = "reconciled: " + found.detail();
                    case NOT_FOUND -> {
                        if (expired) {
                            breaker.releasePermission();
                            store.markFinal(key, DeliveryState.EXPIRED, found.detail(), event(AuditEventType.EXPIRED, key)
                                    .attempt(d.attempts()).reason("the unclear attempt is not on the account (" + found.detail()
                                            + ") and expiresAt " + d.expiresAt() + " has passed").build());
                            audit.signal();
                            return;
                        }
                        LOG.info("{}: read-back found nothing ({}); publishing", key, found.detail());
                    }
                    case UNSUPPORTED -> {
                        if (expired || !caps.idempotency().safeToRepeat(Duration.between(attempt.firstAttemptAt(), now))) {
                            breaker.releasePermission();
                            unknown(d, "the last attempt may have gone out and " + found.detail());
                            return;
                        }
                    }
                }
            }
            Receipt receipt = connector.publish(attempt);
            gate.onSuccess(breaker, System.nanoTime() - start);
            observe(d, connector.platform(), start, "published");
            published(d, note == null ? receipt : receipt.withNote(note));
        } catch (PublishException e) {
            gate.onError(breaker, System.nanoTime() - start, e);
            observe(d, connector.platform(), start, e.kind().name().toLowerCase(java.util.Locale.ROOT));
            failed(d, caps, e.kind(), e.getMessage(), e.retryAfter().orElse(null), now);
        } catch (CheckpointException e) {
            // a step is done on the network but could not be recorded: unclear, read back before any repeat
            gate.onSuccess(breaker, System.nanoTime() - start);
            failed(d, caps, PublishException.Kind.OUTCOME_UNKNOWN, e.getMessage(), null, now);
        } catch (RuntimeException e) {
            // a connector bug: the request may have gone out
            gate.onError(breaker, System.nanoTime() - start, e);
            LOG.error("connector {} failed unexpectedly on {}", connector.platform(), key, e);
            failed(d, caps, PublishException.Kind.OUTCOME_UNKNOWN, "unexpected connector error: " + e, null, now);
        }
    }

    /**
     * Records a publication. Outside the attempt's try: a failure to record it must never be taken for
     * a failed publication; the claim's lease runs out and the delivery is read back.
     */
    private void published(Delivery d, Receipt receipt) {
        DeliveryKey key = d.key();
        store.markPublished(key, receipt, event(AuditEventType.PUBLISHED, key).attempt(d.attempts())
                .remoteId(receipt.remoteId()).remoteUrl(receipt.remoteUrl()).remoteIds(receipt.partIds())
                .contentSha256(d.contentSha256()).reason(receipt.note()).findings(warnings(d)).build());
        LOG.info("published {} as {}", key, String.join(", ", receipt.partIds()));
        audit.signal();
    }

    private void failed(Delivery d, Capabilities caps, PublishException.Kind kind, String message, Duration retryAfter,
            Instant attemptStart) {
        Instant now = clock.instant();
        OutcomePolicy.Outcome outcome = policy.afterFailure(kind, message, retryAfter, caps, d.attempts(), now, d.expiresAt(),
                d.unclearSince() != null ? d.unclearSince() : attemptStart);
        record(d, outcome);
        if (kind == PublishException.Kind.RATE_LIMITED && outcome instanceof OutcomePolicy.Outcome.Retry r) {
            store.holdAccount(d.key().target(), r.at(), "the network asked to wait: " + message);
        }
    }

    private void record(Delivery d, OutcomePolicy.Outcome outcome) {
        DeliveryKey key = d.key();
        if (outcome instanceof OutcomePolicy.Outcome.Retry r) {
            store.markRetry(key, r.at(), r.reason(), r.unclear(), event(AuditEventType.RETRY_SCHEDULED, key)
                    .attempt(d.attempts()).reason(r.reason() + "; next attempt at " + r.at()).build());
            LOG.info("{} failed ({}); next attempt at {}", key, r.reason(), r.at());
        } else if (outcome instanceof OutcomePolicy.Outcome.Fail f) {
            fail(d, f.reason());
        } else if (outcome instanceof OutcomePolicy.Outcome.Unknown u) {
            unknown(d, u.reason());
        } else if (outcome instanceof OutcomePolicy.Outcome.Expire x) {
            store.markFinal(key, DeliveryState.EXPIRED, x.reason(),
                    event(AuditEventType.EXPIRED, key).attempt(d.attempts()).reason(x.reason()).build());
        }
        audit.signal();
    }

    private void unknown(Delivery d, String why) {
        store.markFinal(d.key(), DeliveryState.UNKNOWN_OUTCOME, why, event(AuditEventType.UNKNOWN_OUTCOME, d.key())
                .attempt(d.attempts()).reason(why).build());
        LOG.warn("{}: unknown outcome, a person must check the account: {}", d.key(), why);
        audit.signal();
    }

    /** Failed for good: the FAILED event and the dead letter (to re-drive) in one transaction. */
    private void fail(Delivery d, String error) {
        DeliveryKey key = d.key();
        Map<String, Object> dead = new LinkedHashMap<>();
        dead.put("postId", key.postId());
        dead.put("revision", key.revision());
        dead.put("target", key.target());
        dead.put("attempts", d.attempts());
        dead.put("lastError", error);
        dead.put("failedAt", clock.instant().toString());
        dead.put("content", readTree(d.content()));
        store.markFinal(key, DeliveryState.FAILED, error, event(AuditEventType.FAILED, key).attempt(d.attempts()).reason(error).build(),
                List.of(new OutgoingRecord(deadTopic, key.postId().getBytes(StandardCharsets.UTF_8),
                        Json.write(dead).getBytes(StandardCharsets.UTF_8), List.of())));
        LOG.warn("{} failed for good: {}", key, error);
        audit.signal();
    }

    private void failUnconfigured(Delivery d) {
        String why = "account " + d.key().target() + " is no longer configured";
        try {
            fail(d, why);
        } catch (IllegalStateException e) {
            // changed meanwhile
        }
    }

    /**
     * Attempts this instance left in flight when it stopped without finishing them: unclear, so read
     * back (or, where nothing can be read back and the network does not de-duplicate, left for a person).
     */
    void recover() {
        for (Delivery d : store.inFlight(instance)) {
            recover(d, "attempt " + d.attempts() + " was interrupted (Herald stopped during the network call)");
        }
        audit.signal();
    }

    /** Claims of any instance whose lease ran out (it died, or lost its store): taken over and recovered. */
    private void takeOverExpiredLeases(Instant now) {
        for (Delivery d : store.expiredLeases(now, 100)) {
            if (d.claimedBy() != null && d.claimedBy().equals(instance) && busy.getOrDefault(d.key().target(), new AtomicInteger()).get() > 0) {
                continue; // ours and still under way
            }
            store.takeOver(d, instance, now, now.plus(lease)).ifPresent(t -> recover(t, "the claim of " + d.claimedBy()
                    + " on attempt " + d.attempts() + " ran out without an outcome"));
        }
    }

    private void recover(Delivery d, String why) {
        try {
            Capabilities caps = networks.account(d.key().target()).isPresent() ? networks.capabilities(d.key().target())
                    : Capabilities.builder().build();
            record(d, policy.unclear(why, caps, d.attempts(), clock.instant(), d.expiresAt(),
                    d.claimedAt() == null ? clock.instant() : d.claimedAt()));
            LOG.warn("recovered delivery {}: {}", d.key(), why);
        } catch (IllegalStateException e) {
            // finished meanwhile: nothing to recover
        }
    }

    private static AuditEvent.Builder event(AuditEventType type, DeliveryKey key) {
        return AuditEvent.of(type, key.postId()).revision(key.revision()).target(key.target());
    }

    private static List<AuditFinding> warnings(Delivery d) {
        if (d.warnings() == null) {
            return List.of();
        }
        try {
            return Arrays.asList(Json.mapper().readValue(d.warnings(), AuditFinding[].class));
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored delivery content is not JSON", e);
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Where publish timings are recorded (a Prometheus registry when metrics are served; nowhere before). */
    public void metrics(MeterRegistry registry) {
        this.meters = registry;
    }

    /** Times a network call by outcome, and a publication's delay after its due time. */
    private void observe(Delivery d, String platform, long startNanos, String outcome) {
        MeterRegistry m = meters;
        Timer.builder("herald.publish").description("Network calls that publish a delivery, by platform and outcome")
                .tag("platform", platform).tag("outcome", outcome).publishPercentileHistogram()
                .register(m).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        if ("published".equals(outcome) && d.nextAttemptAt() != null) {
            Duration delay = Duration.between(d.nextAttemptAt(), clock.instant());
            Timer.builder("herald.publish.delay").description("From a delivery's due time to its publication, by platform")
                    .tag("platform", platform).publishPercentileHistogram()
                    .register(m).record(delay.isNegative() ? Duration.ZERO : delay);
        }
    }

    /** The breakers' states, for metrics. */
    public Map<String, CircuitBreaker.State> breakerStates() {
        return gate.breakerStates();
    }

    /** Deliveries claimed and not yet finished, per account. */
    public Map<String, Integer> inFlight() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        busy.forEach((t, n) -> out.put(t, n.get()));
        return out;
    }

    /** Stops selecting and waits for network calls under way to finish and be recorded. */
    @Override
    public void close() {
        running = false;
        closed = true;
        ticker.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
