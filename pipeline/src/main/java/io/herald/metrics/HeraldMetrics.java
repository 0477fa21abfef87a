package io.herald.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.herald.audit.AuditLog;
import io.herald.config.ConfigException;
import io.herald.dispatch.Dispatcher;
import io.herald.store.DeliveryState;
import io.herald.store.DeliveryStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald's metrics in a Prometheus registry, served on {@code GET /metrics} (docs/OPERATIONS.md):
 * deliveries by state, each account's queue depth and calls in flight, each network breaker's
 * state, publish timings (recorded by the {@link Dispatcher}), the ingest consumer's lag and the
 * audit relay's lag. Values read from the store or Kafka are read when scraped, at most once a second.
 */
public final class HeraldMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldMetrics.class);
    private static final Duration FRESH = Duration.ofSeconds(1);
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DeliveryStore store;
    private final AuditLog audit;
    private final Dispatcher dispatcher;
    private final Admin admin;
    private final String group;
    private final String inputTopic;
    private final Clock clock;
    private final MultiGauge queueDepth;
    private final MultiGauge inFlight;
    private final MultiGauge breakerState;
    private final Cached<Map<DeliveryState, Long>> states;
    private final Cached<Long> ingestLag;
    private HttpServer server;
    private ExecutorService executor;

    public HeraldMetrics(DeliveryStore store, AuditLog audit, Dispatcher dispatcher, Admin admin, String group,
            String inputTopic, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.dispatcher = dispatcher;
        this.admin = admin;
        this.group = group;
        this.inputTopic = inputTopic;
        this.clock = clock;
        this.states = new Cached<>(store::countByState);
        this.ingestLag = new Cached<>(this::readIngestLag);
        for (DeliveryState s : DeliveryState.values()) {
            Gauge.builder("herald.deliveries", () -> states.get().getOrDefault(s, 0L))
                    .description("Deliveries in the store by state").tag("state", s.name()).register(registry);
        }
        queueDepth = MultiGauge.builder("herald.account.queue.depth")
                .description("Deliveries waiting to go out (scheduled or to be retried), per account").register(registry);
        inFlight = MultiGauge.builder("herald.account.in.flight")
                .description("Deliveries claimed and not yet finished, per account").register(registry);
        breakerState = MultiGauge.builder("herald.breaker.state")
                .description("1 for each network breaker's current state (closed, open, half_open, ...), else 0")
                .register(registry);
        Gauge.builder("herald.ingest.lag", () -> ingestLag.get()).baseUnit("records")
                .description("Records on the input topic not yet committed by the ingest consumer group (-1: unknown)")
                .register(registry);
        Gauge.builder("herald.audit.outbox.pending", audit::pending).baseUnit("events")
                .description("Audit events written but not yet acknowledged by the audit topic").register(registry);
        Gauge.builder("herald.audit.relay.lag", this::relayLagSeconds).baseUnit("seconds")
                .description("Age of the oldest audit event not yet on the audit topic (0 when none waits)")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        dispatcher.metrics(registry);
    }

    /** The registry (the dispatcher records its timers here). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The exposition text, as {@code GET /metrics} answers. */
    public String scrape() {
        refresh();
        return registry.scrape();
    }

    /**
     * Serves {@code GET /metrics} on {@code host:port} (0: a free port).
     *
     * @throws ConfigException naming {@code metrics.port} when the port cannot be had
     */
    public HeraldMetrics serve(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            throw new ConfigException("metrics.port: cannot listen on " + host + ":" + port + ": the port is in use");
        } catch (IOException e) {
            throw new ConfigException("metrics.port: cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "herald-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", this::handle);
        server.start();
        return this;
    }

    /** The port served, or -1. */
    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().add("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            int status = 200;
            try {
                body = scrape().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                LOG.warn("metrics scrape failed: {}", e.getMessage());
                status = 503;
                body = ("metrics unavailable: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().add("Content-Type", status == 200 ? CONTENT_TYPE : "text/plain; charset=utf-8");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The per-account and per-breaker rows, as they are now. */
    private synchronized void refresh() {
        List<MultiGauge.Row<?>> depth = new ArrayList<>();
        store.waitingByTarget().forEach((target, n) -> depth.add(MultiGauge.Row.of(Tags.of("target", target), n)));
        queueDepth.register(depth, true);
        List<MultiGauge.Row<?>> flying = new ArrayList<>();
        dispatcher.inFlight().forEach((target, n) -> flying.add(MultiGauge.Row.of(Tags.of("target", target), n)));
        inFlight.register(flying, true);
        List<MultiGauge.Row<?>> breakers = new ArrayList<>();
        dispatcher.breakerStates().forEach((name, state) -> {
            for (CircuitBreaker.State s : CircuitBreaker.State.values()) {
                breakers.add(MultiGauge.Row.of(Tags.of("breaker", name, "state", s.name().toLowerCase(java.util.Locale.ROOT)),
                        s == state ? 1 : 0));
            }
        });
        breakerState.register(breakers, true);
    }

    private double relayLagSeconds() {
        return audit.oldestPending().map(t -> Math.max(0, Duration.between(t, clock.instant()).toMillis()) / 1000.0)
                .orElse(0.0);
    }

    private long readIngestLag() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            List<TopicPartition> parts = admin.describeTopics(List.of(inputTopic)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(inputTopic).partitions().stream().map(p -> new TopicPartition(inputTopic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            parts.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : parts) {
                OffsetAndMetadata c = committed.get(tp);
                lag += Math.max(0, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            LOG.debug("ingest lag unknown: {}", e.getMessage());
            return -1;
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
        registry.close();
    }

    /** A value read at most once per {@link #FRESH}. */
    private static final class Cached<T> {
        private final Supplier<T> read;
        private T value;
        private long readAt;

        Cached(Supplier<T> read) {
            this.read = read;
        }

        synchronized T get() {
            long now = System.nanoTime();
            if (value == null || now - readAt > FRESH.toNanos()) {
                value = read.get();
                readAt = now;
            }
            return value;
        }
    }
}
