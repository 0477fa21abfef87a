package io.herald.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditFinding;
import io.herald.audit.AuditLog;
import io.herald.config.AccountRegistry;
import io.herald.config.HeraldConfig;
import io.herald.connector.Account;
import io.herald.connector.Connector;
import io.herald.connector.Connectors;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PlatformPost;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import io.herald.json.Json;
import io.herald.post.Post;
import io.herald.store.Delivery;
import io.herald.store.DeliveryState;
import io.herald.store.DeliveryStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes due deliveries from the delivery store. Each delivery is claimed by compare-and-set
 * before its network call, so no two workers (threads or instances) publish the same one. Lanes
 * keep one account's deliveries in order while accounts go out in parallel. Failures are sorted by
 * the connector: retried with back-off, waited out (rate limits), or failed for good and copied to
 * the dead-letter topic. An attempt cut short by a crash is retried with the same idempotency key
 * when the network de-duplicates, and otherwise left as UNKNOWN_OUTCOME for a person.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 200;

    private final DeliveryStore store;
    private final AuditLog audit;
    private final io.herald.network.Networks networks;
    private final io.herald.connector.MediaSource media;
    private final Producer<byte[], byte[]> producer;
    private final String deadTopic;
    private final Clock clock;
    private final String instance;
    private final HeraldConfig.Dispatch settings;
    private final Backoff backoff;
    private final NetworkGuards guards;
    private final Set<DeliveryKey> queued = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;
    private final ExecutorService workers;
    private final Lanes lanes;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile boolean running;
    private volatile boolean closed;

    public Dispatcher(DeliveryStore store, AuditLog audit, io.herald.network.Networks networks,
            io.herald.connector.MediaSource media,
            Producer<byte[], byte[]> producer, String deadTopic, Clock clock, String instance, HeraldConfig.Dispatch settings) {
        this.store = store;
        this.audit = audit;
        this.networks = networks;
        this.media = media;
        this.producer = producer;
        this.deadTopic = deadTopic;
        this.clock = clock;
        this.instance = instance;
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff());
        this.guards = new NetworkGuards(settings.postsPerMinutePerAccount());
        this.ticker = Executors.newSingleThreadScheduledExecutor(named("herald-dispatch-poll"));
        this.workers = Executors.newFixedThreadPool(settings.threads(), named("herald-dispatch"));
        this.lanes = new Lanes(workers);
    }

    /** Recovers attempts interrupted by a crash, then polls for due deliveries. */
    public void start() {
        recover();
        running = true;
        long ms = settings.pollInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::pollSafely, 0, ms, TimeUnit.MILLISECONDS);
    }

    /** Looks for due deliveries now (after ingest scheduled one), without waiting for the next tick. */
    public void wake() {
        if (running && wakePending.compareAndSet(false, true)) {
            ticker.execute(() -> {
                wakePending.set(false);
                pollSafely();
            });
        }
    }

    private void pollSafely() {
        try {
            flushAudit();
            sweepOrphans();
            poll();
        } catch (RuntimeException e) {
            LOG.warn("dispatch poll failed: {}; trying again in {}", e.getMessage(), settings.pollInterval());
        }
    }

    /** Submits every due delivery not already queued to its account's lane. */
    void poll() {
        if (!running) {
            return;
        }
        for (Delivery d : store.due(clock.instant(), BATCH)) {
            if (queued.add(d.key())) {
                lanes.submit(d.key().target(), () -> {
                    try {
                        deliver(d);
                    } finally {
                        queued.remove(d.key());
                    }
                });
            }
        }
    }

    /** Takes one delivery through claim, network call and outcome. */
    void deliver(Delivery d) {
        if (closed) {
            return;
        }
        DeliveryKey key = d.key();
        Instant now = clock.instant();
        if (d.expiresAt() != null && !now.isBefore(d.expiresAt())) {
            store.markFinal(key, DeliveryState.EXPIRED, "expired at " + d.expiresAt(), event(AuditEventType.EXPIRED, key)
                    .reason("not published before expiresAt " + d.expiresAt()).build());
            flushAudit();
            return;
        }
        Optional<Account> account = networks.account(key.target());
        if (account.isEmpty()) {
            fail(d, d.attempts(), "account " + key.target() + " is no longer configured");
            return;
        }
        CircuitBreaker breaker = guards.breaker(account.get());
        RateLimiter limiter = guards.limiter(account.get());
        if (!breaker.tryAcquirePermission()) {
            return; // the network is failing: leave the delivery pending, look again later
        }
        if (!limiter.acquirePermission()) {
            breaker.releasePermission();
            return; // over this account's rate: leave it pending, it keeps its attempt
        }
        Optional<Delivery> claimed = store.claim(d, instance, now);
        if (claimed.isEmpty()) {
            breaker.releasePermission();
            return; // another worker has it
        }
        flushAudit();
        publish(claimed.get(), account.get(), breaker);
    }

    private void publish(Delivery d, Account account, CircuitBreaker breaker) {
        DeliveryKey key = d.key();
        Connector connector = networks.connector(key.target());
        PlatformPost post = Json.mapper().convertValue(readTree(d.content()), PlatformPost.class);
        long start = System.nanoTime();
        Receipt receipt;
        try {
            StoreAttempt attempt = new StoreAttempt(d, account, post, store, media);
            String reconciled = null;
            if (d.unclear()) {
                // the last attempt may have reached the network: look before repeating anything
                io.herald.connector.ReadBack found = connector.readBack(attempt);
                switch (found.outcome()) {
                    case FOUND -> reconciled = "reconciled: " + found.detail();
                    case NOT_FOUND -> LOG.info("{}: read-back found nothing ({}); publishing", key, found.detail());
                    case UNSUPPORTED -> {
                        if (!networks.capabilities(key.target()).idempotency()
                                .safeToRepeat(Duration.between(attempt.firstAttemptAt(), clock.instant()))) {
                            breaker.releasePermission();
                            store.markFinal(key, DeliveryState.UNKNOWN_OUTCOME, found.detail(), event(AuditEventType.UNKNOWN_OUTCOME, key)
                                    .attempt(d.attempts()).reason("the last attempt may have been published and " + found.detail()
                                            + "; check the account, then settle it with herald resolve").build());
                            flushAudit();
                            return;
                        }
                    }
                }
            }
            receipt = connector.publish(attempt);
            if (reconciled != null) {
                receipt = receipt.withNote(reconciled);
            }
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (io.herald.connector.CheckpointException e) {
            // a step is done on the network but not recorded: unclear, read back before anything is repeated
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            onFailure(d, connector, PublishException.outcomeUnknown(e.getMessage(), e));
            flushAudit();
            return;
        } catch (PublishException e) {
            if (e.kind() == PublishException.Kind.PERMANENT || e.kind() == PublishException.Kind.AUTHENTICATION) {
                breaker.onResult(System.nanoTime() - start, TimeUnit.NANOSECONDS, null);
            } else {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            }
            onFailure(d, connector, e);
            flushAudit();
            return;
        } catch (RuntimeException e) {
            // a connector bug: the request may have gone out, so it is treated as an unknown outcome
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            LOG.error("connector {} failed unexpectedly on {}", connector.platform(), key, e);
            onFailure(d, connector, PublishException.outcomeUnknown("unexpected connector error: " + e, e));
            flushAudit();
            return;
        }
        // Outside the try: a failure to record a publication must never be taken for a failed
        // publication. The row stays IN_FLIGHT and the orphan sweep (or a restart) recovers it.
        store.markPublished(key, receipt, event(AuditEventType.PUBLISHED, key).attempt(d.attempts())
                .remoteId(receipt.remoteId()).remoteUrl(receipt.remoteUrl()).remoteIds(receipt.partIds())
                .contentSha256(d.contentSha256()).reason(receipt.note()).findings(warnings(d)).build());
        LOG.info("published {} as {}", key, receipt.remoteId());
        flushAudit();
    }

    private void onFailure(Delivery d, Connector connector, PublishException e) {
        DeliveryKey key = d.key();
        switch (e.kind()) {
            case PERMANENT, AUTHENTICATION -> fail(d, d.attempts(), e.getMessage());
            case OUTCOME_UNKNOWN -> unclear(d, e.getMessage(), clock.instant());
            case RATE_LIMITED -> retry(d, e.getMessage(), e.retryAfter().orElse(backoff.after(d.attempts())));
            case RETRYABLE -> retry(d, e.getMessage(), backoff.after(d.attempts()));
        }
    }

    /**
     * An attempt without a clear answer: where the connector can read back (or the network
     * de-duplicates for sure), retried after the grace period, reading back first; else left for a person.
     */
    private void unclear(Delivery d, String why, Instant since) {
        io.herald.connector.Capabilities caps = networks.capabilities(d.key().target());
        if (caps.readBack() || caps.idempotency().trusted()) {
            Duration grace = settings.readBackGrace() != null ? settings.readBackGrace()
                    : caps.readBackGrace().isZero() ? backoff.after(d.attempts()) : caps.readBackGrace();
            Duration wait = Duration.between(clock.instant(), since.plus(grace));
            retry(d, why + (caps.readBack() ? "; reading the account back before any repeat" : "; the network de-duplicates"),
                    wait.isNegative() ? Duration.ZERO : wait, true);
        } else {
            store.markFinal(d.key(), DeliveryState.UNKNOWN_OUTCOME, why, event(AuditEventType.UNKNOWN_OUTCOME, d.key())
                    .attempt(d.attempts()).reason(why + "; " + Post.platformOf(d.key().target())
                            + " can neither de-duplicate nor be read back, so a person must check the account").build());
        }
    }

    private void retry(Delivery d, String error, Duration wait) {
        retry(d, error, wait, false);
    }

    private void retry(Delivery d, String error, Duration wait, boolean unclear) {
        if (d.attempts() >= settings.maxAttempts()) {
            fail(d, d.attempts(), "gave up after " + d.attempts() + " attempts: " + error);
            return;
        }
        Instant next = clock.instant().plus(wait);
        if (d.expiresAt() != null && !next.isBefore(d.expiresAt())) {
            store.markFinal(d.key(), DeliveryState.EXPIRED, error, event(AuditEventType.EXPIRED, d.key()).attempt(d.attempts())
                    .reason("the next attempt would fall after expiresAt " + d.expiresAt() + "; last error: " + error).build());
            return;
        }
        store.markRetry(d.key(), next, error, unclear, event(AuditEventType.RETRY_SCHEDULED, d.key()).attempt(d.attempts())
                .reason(error + "; next attempt at " + next).build());
        LOG.info("{} failed ({}); retrying at {}", d.key(), error, next);
    }

    private void fail(Delivery d, int attempts, String error) {
        DeliveryKey key = d.key();
        Map<String, Object> dead = new LinkedHashMap<>();
        dead.put("postId", key.postId());
        dead.put("revision", key.revision());
        dead.put("target", key.target());
        dead.put("attempts", attempts);
        dead.put("lastError", error);
        dead.put("failedAt", clock.instant().toString());
        dead.put("content", readTree(d.content()));
        try {
            producer.send(new ProducerRecord<>(deadTopic, key.postId().getBytes(StandardCharsets.UTF_8),
                    Json.write(dead).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("cannot write dead letter for {} to {}: {}", key, deadTopic, e.getMessage());
        }
        store.markFinal(key, DeliveryState.FAILED, error, event(AuditEventType.FAILED, key).attempt(attempts).reason(error).build());
        LOG.warn("{} failed for good: {}", key, error);
    }

    /**
     * Attempts this instance left IN_FLIGHT when it stopped without finishing them: retried with
     * the same idempotency key where the network de-duplicates, else UNKNOWN_OUTCOME.
     */
    void recover() {
        for (Delivery d : store.inFlight(instance)) {
            recover(d, "attempt " + d.attempts() + " was interrupted (Herald stopped during the network call)");
        }
        flushAudit();
    }

    /**
     * Attempts of this instance left IN_FLIGHT while it runs, by a worker whose outcome could not be
     * recorded (the database failed after the network call): recovered as after a restart.
     */
    private void sweepOrphans() {
        for (Delivery d : store.inFlight(instance)) {
            if (!queued.contains(d.key())) {
                try {
                    recover(d, "attempt " + d.attempts() + " ended without its outcome being recorded");
                } catch (IllegalStateException e) {
                    // finished meanwhile: nothing to recover
                }
            }
        }
    }

    private void recover(Delivery d, String why) {
        unclear(d, why, d.claimedAt() == null ? clock.instant() : d.claimedAt());
        LOG.warn("recovered delivery {}: {}", d.key(), why);
    }

    /**
     * Relays recorded events to the audit topic. When Kafka does not answer, the events stay in the
     * outbox (in order) and the next poll relays them: a delivery never stalls on the audit topic.
     */
    private void flushAudit() {
        audit.signal();
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

    /** Stops polling and waits for network calls under way to finish and be recorded. */
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
