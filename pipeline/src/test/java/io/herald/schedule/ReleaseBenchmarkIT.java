package io.herald.schedule;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.config.AccountRegistry;
import io.herald.config.HeraldConfig;
import io.herald.connector.Account;
import io.herald.connector.Capabilities;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;
import io.herald.connector.Connectors;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishAttempt;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.dispatch.Dispatcher;
import io.herald.json.Json;
import io.herald.store.Database;
import io.herald.store.Decision;
import io.herald.store.Delivery;
import io.herald.store.DeliveryStore;
import io.herald.store.JdbcDeliveryStore;
import io.herald.store.NewDelivery;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The release benchmark (issue 8): N deliveries due in the same second over M accounts with no rate
 * limit, released by Quartz through the dispatcher to a connector that makes no network call;
 * lateness (publication time minus due time) p50/p99/max and the time until all are out; the
 * lateness of isolated deliveries; and, in the same run, the baseline: the store's bare claim rate
 * (select due fairly, claim, mark published) with no dispatcher and no network.
 *
 * <p>Opt-in, it takes a minute: {@code mvn -B -o -q -pl pipeline -am verify -Dtest=none
 * -Dit.test=ReleaseBenchmarkIT -Dherald.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dherald.bench.posts=10000 -Dherald.bench.accounts=100}; the store is H2 in a temp
 * dir, or {@code -Dherald.bench.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=...}).
 * Prints a table and one line starting {@code bench:}.
 */
class ReleaseBenchmarkIT {

    private static final String CONTENT = Json.write(PlatformPost.of(List.of("Clinic news."), "characters", List.of(12), 500, List.of()));

    @Test
    void releaseBenchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("herald.bench"), "opt-in: -Dherald.bench=true");
        int posts = Integer.getInteger("herald.bench.posts", 10_000);
        int accounts = Integer.getInteger("herald.bench.accounts", 100);
        String url = System.getProperty("herald.bench.url", "");
        Path dir = Files.createTempDirectory("herald-release-bench");
        Clock clock = Clock.systemUTC();
        Map<String, Instant> out = new ConcurrentHashMap<>();
        try (Database db = Database.open(new HeraldConfig.Store(url, url.isEmpty() ? null : "postgres", null, 16), dir, Map.of())) {
            AuditLog audit = new AuditLog(db, new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                    "herald.audit", "bench", clock);
            JdbcDeliveryStore store = new JdbcDeliveryStore(db, audit, clock);
            Timekeeper timekeeper = Timekeeper.create(db, "bench", Timekeeper.Settings.defaults());
            Map<String, Account> registry = new LinkedHashMap<>();
            for (int a = 0; a < accounts; a++) {
                registry.put("bench:a" + a, new Account("bench", "a" + a, URI.create("http://127.0.0.1:1"), Secret.of("t"), Map.of()));
            }
            Dispatcher dispatcher = new Dispatcher(store, audit, new io.herald.network.Networks(connectors(out),
                    new AccountRegistry(registry)), new io.herald.connector.HttpMediaSource(java.net.http.HttpClient.newHttpClient(),
                    Duration.ofSeconds(1), false), "herald.deliveries.dead", clock, "bench",
                    new HeraldConfig.Dispatch(Duration.ofMillis(500), 5, Duration.ofSeconds(2), 8, 0));
            timekeeper.onRelease(dispatcher::wake);
            dispatcher.useAlarm(timekeeper::releaseAt, Duration.ofSeconds(30));
            timekeeper.start();
            dispatcher.start();
            try {
                // 1. the burst: all due within one second, 20 s from now (time to record them)
                Instant due = clock.instant().plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                Map<String, Instant> dueAt = record(store, "burst", posts, accounts, due, 1);
                if (clock.instant().isAfter(due)) {
                    System.out.println("release benchmark: recording took past the due second; the burst figures include it");
                }
                dispatcher.wake();
                Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> out.keySet().containsAll(dueAt.keySet()));
                List<Long> burst = lateness(dueAt, out);
                Instant last = dueAt.keySet().stream().map(out::get).max(Instant::compareTo).orElseThrow();
                double allOut = Duration.between(due, last).toMillis() / 1000.0;

                // 2. isolated: one at a time, 400 ms apart
                Instant iso = clock.instant().plusSeconds(2);
                Map<String, Instant> isoAt = new LinkedHashMap<>();
                for (int i = 0; i < 40; i++) {
                    isoAt.putAll(record(store, "iso" + i, 1, 1, iso.plusMillis(400L * i), 1));
                    dispatcher.wake();
                }
                Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> out.keySet().containsAll(isoAt.keySet()));
                List<Long> isolated = lateness(isoAt, out);
                dispatcher.close();

                // 3. baseline: the store alone, select fairly + claim + mark published, no network
                Map<String, Instant> base = record(store, "base", posts, accounts, clock.instant().minusSeconds(1), 1);
                long t0 = System.nanoTime();
                java.util.Set<String> baseTargets = store.dueTargets(clock.instant());
                int done = 0;
                while (done < base.size()) {
                    List<Delivery> due2 = store.dueFor(clock.instant(), baseTargets, 8, 1000);
                    List<Delivery> claimed = store.claimAll(due2, "bench", clock.instant(), clock.instant().plusSeconds(120));
                    for (Delivery d : claimed) {
                        store.markPublished(d.key(), Receipt.single("r", "http://127.0.0.1:1/r"), io.herald.audit.AuditEvent
                                .of(io.herald.audit.AuditEventType.PUBLISHED, d.key().postId()).revision(1).target(d.key().target())
                                .build());
                    }
                    done += claimed.size();
                }
                double baseRate = base.size() / ((System.nanoTime() - t0) / 1e9);
                double herald = posts / Math.max(0.001, allOut);

                System.out.printf("%nrelease benchmark: %d deliveries due in one second over %d accounts, no rate limit, %s, %d cores%n",
                        posts, accounts, url.isEmpty() ? "H2 (embedded default)" : "PostgreSQL", Runtime.getRuntime().availableProcessors());
                System.out.printf("| measure | value |%n|---|---|%n");
                System.out.printf("| burst lateness p50 / p99 / max | %d / %d / %d ms |%n", pct(burst, 50), pct(burst, 99), pct(burst, 100));
                System.out.printf("| time until all out (from the due second) | %.1f s (%.0f deliveries/s) |%n", allOut, herald);
                System.out.printf("| isolated lateness p50 / p99 / max (40) | %d / %d / %d ms |%n", pct(isolated, 50), pct(isolated, 99),
                        pct(isolated, 100));
                System.out.printf("| baseline: store alone, select + claim + mark published | %.0f deliveries/s |%n", baseRate);
                System.out.printf("bench: release posts=%d accounts=%d burst_p50_ms=%d burst_p99_ms=%d burst_max_ms=%d all_out_s=%.1f"
                        + " isolated_p99_ms=%d store_baseline_per_s=%.0f herald_per_s=%.0f%n", posts, accounts, pct(burst, 50),
                        pct(burst, 99), pct(burst, 100), allOut, pct(isolated, 99), baseRate, herald);
                System.out.flush();
            } finally {
                dispatcher.close();
                timekeeper.close();
            }
        }
    }

    /** Records n deliveries (one record per account batch), due spread over the second from {@code due}. */
    private static Map<String, Instant> record(DeliveryStore store, String prefix, int n, int accounts, Instant due, int spreadMs) {
        Map<String, Instant> dueAt = new LinkedHashMap<>();
        List<DeliveryStore.Incoming> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            Instant at = due.plusMillis((long) (i % 1000) * spreadMs * (n > 1 ? 1 : 0));
            dueAt.put(id, at);
            batch.add(new DeliveryStore.Incoming(new RecordSource("bench-" + prefix, 0, i), 1L, new Decision.Schedule(id, 1,
                    List.of(new NewDelivery("bench:a" + (i % accounts), at, null, CONTENT, "sha", null)), List.of())));
            if (batch.size() == 500) {
                store.recordAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.recordAll(batch);
        }
        return dueAt;
    }

    private static List<Long> lateness(Map<String, Instant> due, Map<String, Instant> out) {
        List<Long> l = new ArrayList<>();
        due.forEach((id, at) -> l.add(Math.max(0, Duration.between(at, out.get(id)).toMillis())));
        Collections.sort(l);
        return l;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static Connectors connectors(Map<String, Instant> out) {
        Connector c = new Connector() {
            @Override
            public String platform() {
                return "bench";
            }

            @Override
            public Capabilities capabilities(Account account) {
                return Capabilities.builder().limit("characters", 500).idempotency(Capabilities.Idempotency.naturalKey()).build();
            }

            @Override
            public PlatformPost adapt(PostContent content, Capabilities caps) {
                return PlatformPost.of(List.of(content.body()), "characters", List.of(content.body().length()), 500, List.of());
            }

            @Override
            public Receipt publish(PublishAttempt attempt) {
                out.put(attempt.delivery().postId(), Instant.now());
                return Receipt.single("r-" + attempt.delivery().postId(), "http://127.0.0.1:1/r");
            }
        };
        return new Connectors(List.of(new ConnectorProvider() {
            @Override
            public String platform() {
                return "bench";
            }

            @Override
            public Connector create(ConnectorContext context) {
                return c;
            }
        }), ConnectorContext.defaults());
    }
}
