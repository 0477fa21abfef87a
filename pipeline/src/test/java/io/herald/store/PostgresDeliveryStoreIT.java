package io.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.config.HeraldConfig;
import io.herald.connector.DeliveryKey;
import io.herald.connector.Receipt;
import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same delivery store on PostgreSQL, the database several instances share: the migrations run,
 * and claims stay single under concurrency. Uses the PostgreSQL on 127.0.0.1:5432 (database
 * {@code test}, or {@code HERALD_TEST_PG_URL}), in a schema of its own that is dropped afterwards.
 */
class PostgresDeliveryStoreIT {

    private static final String BASE = System.getenv().getOrDefault("HERALD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("HERALD_TEST_PG_USER", "postgres");

    @TempDir
    Path dir;

    private String schema;
    private Database db;
    private AuditLog audit;
    private JdbcDeliveryStore store;
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @BeforeEach
    void setUp() throws SQLException {
        schema = "herald_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(BASE, USER, "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
        } catch (SQLException e) {
            assumeTrue(false, "no PostgreSQL at " + BASE + " (" + e.getMessage() + "); set HERALD_TEST_PG_URL");
        }
        db = Database.open(new HeraldConfig.Store(BASE + "?currentSchema=" + schema, USER, null, 4), dir, Map.of());
        audit = new AuditLog(db, producer, "herald.audit", "pg-1", Clock.system(ZoneOffset.UTC));
        store = new JdbcDeliveryStore(db, audit, Clock.system(ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (db != null) {
            db.close();
        }
        try (Connection c = DriverManager.getConnection(BASE, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void shouldTakeADeliveryThroughItsLifeOnPostgres() {
        assertThat(db.isPostgres()).isTrue();
        var result = store.recordScheduled(new RecordSource("in", 0, 1), 1L, "pg-post", 1,
                List.of(new NewDelivery("mastodon:demo", java.time.Instant.now().minusSeconds(1), null, "{}", "sha", null)),
                List.of(AuditEvent.of(AuditEventType.RECEIVED, "pg-post").revision(1).build()));
        assertThat(result).isEqualTo(DeliveryStore.IngestResult.RECORDED);
        assertThat(store.recordScheduled(new RecordSource("in", 0, 1), 1L, "pg-post", 1, List.of(), List.of()))
                .isEqualTo(DeliveryStore.IngestResult.ALREADY_PROCESSED);

        List<Delivery> due = store.due(java.time.Instant.now(), 10);
        assertThat(due).hasSize(1);
        Delivery claimed = store.claim(due.get(0), "pg-1", java.time.Instant.now()).orElseThrow();
        DeliveryKey key = claimed.key();
        store.markPublished(key, Receipt.single("42", "https://example/42"),
                AuditEvent.of(AuditEventType.PUBLISHED, "pg-post").revision(1).target("mastodon:demo").build());
        audit.flush();

        assertThat(store.find(key)).map(Delivery::state).contains(DeliveryState.PUBLISHED);
        assertThat(producer.history()).hasSize(4); // RECEIVED, SCHEDULED, ATTEMPT, PUBLISHED
        assertThat(store.countByState()).containsEntry(DeliveryState.PUBLISHED, 1L);
    }

    @Test
    void shouldLetExactlyOneOfManyWorkersClaimADelivery() throws Exception {
        store.recordScheduled(new RecordSource("in", 0, 2), 1L, "race", 1,
                List.of(new NewDelivery("mastodon:demo", java.time.Instant.now().minusSeconds(1), null, "{}", "sha", null)), List.of());
        Delivery d = store.due(java.time.Instant.now(), 10).get(0);
        int workers = 4;
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Optional<Delivery>>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < workers; i++) {
                String worker = "w" + i;
                claims.add(pool.submit(() -> {
                    start.await();
                    return store.claim(d, worker, java.time.Instant.now());
                }));
            }
            long winners = 0;
            for (Future<Optional<Delivery>> f : claims) {
                winners += f.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
