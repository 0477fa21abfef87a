package io.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    private static List<String> strings(Database db, String sql) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static long count(Database db, String table) {
        return Long.parseLong(strings(db, "SELECT COUNT(*) FROM " + table).get(0));
    }

    @Test
    void shouldCreateAFileDatabaseUnderTheDataDirectoryWithTheWholeSchema() {
        try (Database db = StoreFixture.open(dir)) {
            assertThat(dir.resolve("store").resolve("herald.mv.db")).exists();
            assertThat(db.isPostgres()).isFalse();
            assertThat(strings(db, "SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = 'PUBLIC'"))
                    .contains("post_revision", "delivery", "ingested_record", "audit_outbox");
            assertThat(strings(db, "SELECT LOWER(column_name) FROM information_schema.columns WHERE LOWER(table_name) = 'audit_outbox'"))
                    .contains("seq", "event_id", "instance", "payload", "hash", "chain_seq", "published");
        }
    }

    @Test
    void shouldOpenAnExistingDatabaseKeepingItsRows() {
        try (Database db = StoreFixture.open(dir)) {
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO post_revision (post_id, revision, outcome, updated_at) VALUES ('flu', 2, 'SCHEDULED', CURRENT_TIMESTAMP)"));
        }

        try (Database db = StoreFixture.open(dir)) {
            assertThat(strings(db, "SELECT revision FROM post_revision WHERE post_id = 'flu'")).containsExactly("2");
        }
    }

    @Test
    void shouldCommitWorkThatReturns() {
        try (Database db = StoreFixture.open(dir)) {
            int inserted = db.inTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO post_revision (post_id, revision, outcome, updated_at) VALUES ('a', 1, 'HELD', CURRENT_TIMESTAMP)"));

            assertThat(inserted).isEqualTo(1);
            assertThat(count(db, "post_revision")).isEqualTo(1);
        }
    }

    @Test
    void shouldRollBackWorkThatThrowsAndHandOnTheException() {
        try (Database db = StoreFixture.open(dir)) {
            IllegalStateException boom = new IllegalStateException("boom");

            assertThatThrownBy(() -> db.inTransaction(c -> {
                c.createStatement().executeUpdate(
                        "INSERT INTO post_revision (post_id, revision, outcome, updated_at) VALUES ('a', 1, 'HELD', CURRENT_TIMESTAMP)");
                throw boom;
            })).isSameAs(boom);

            assertThat(count(db, "post_revision")).isZero();
        }
    }

    @Test
    void shouldTurnADatabaseErrorIntoAStoreExceptionAfterRollingBack() {
        try (Database db = StoreFixture.open(dir)) {
            assertThatThrownBy(() -> db.inTransaction(c -> {
                c.createStatement().executeUpdate(
                        "INSERT INTO post_revision (post_id, revision, outcome, updated_at) VALUES ('a', 1, 'HELD', CURRENT_TIMESTAMP)");
                return c.createStatement().executeUpdate("INSERT INTO no_such_table VALUES (1)");
            })).isInstanceOf(StoreException.class).hasMessageStartingWith("delivery store: ").hasCauseInstanceOf(SQLException.class);

            assertThat(count(db, "post_revision")).isZero();
        }
    }

    @Test
    void shouldGiveEveryTransactionAConnectionInAutoCommitAfterwards() throws SQLException {
        try (Database db = StoreFixture.open(dir)) {
            db.inTransaction(c -> null);
            try (Connection c = db.connection()) {
                assertThat(c.getAutoCommit()).isTrue();
            }
        }
    }

    @Test
    void shouldRefuseAPasswordVariableThatIsNotSet() {
        HeraldConfig.Store store = new HeraldConfig.Store(null, "herald", "HERALD_TEST_NO_SUCH_PASSWORD", null);

        assertThatThrownBy(() -> Database.open(store, dir, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("store.passwordEnv: environment variable HERALD_TEST_NO_SUCH_PASSWORD is not set");
    }

    @Test
    void shouldNameStoreUrlAndHideThePasswordWhenTheDatabaseCannotBeOpened() {
        HeraldConfig.Store store = new HeraldConfig.Store("jdbc:h2:tcp://127.0.0.1:1/nowhere;PASSWORD=hunter2", null, null, null);

        assertThatThrownBy(() -> Database.open(store, dir, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("store.url: cannot open the delivery store at ")
                .hasMessageContaining("PASSWORD=******")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldRefuseAStoreWhoseSchemaHistoryWasTamperedWithInOneLine() {
        try (Database db = StoreFixture.open(dir)) {
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'"));
        }

        assertThatThrownBy(() -> StoreFixture.open(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("store.url: cannot prepare the delivery store at jdbc:h2:file:")
                .hasMessageContaining("checksum")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldContinueAChainWrittenBeforeChainPositionsWereStored() throws Exception {
        // a store as the first release left it: one event relayed, its seq the outbox position
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store").resolve("herald");
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration").target("1").load().migrate();
        String oldHash = "ab".repeat(32);
        try (Connection c = java.sql.DriverManager.getConnection(url);
                PreparedStatement ps = c.prepareStatement("INSERT INTO audit_outbox (seq, event_id, instance, post_id, payload,"
                        + " hash, published, created_at) VALUES (41, 'e-41', ?, 'old', '{}', ?, TRUE, ?)")) {
            ps.setString(1, StoreFixture.INSTANCE);
            ps.setString(2, oldHash);
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }

        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        try (StoreFixture f = new StoreFixture(dir, producer, StoreFixture.INSTANCE)) {
            f.audit.append(List.of(AuditEvent.of(AuditEventType.RECEIVED, "new").build()));
            JsonNode next = f.events().get(0);

            assertThat(next.get("prevHash").asText()).isEqualTo(oldHash);
            assertThat(next.get("seq").asLong()).isEqualTo(42);
            assertThat(next.get("hash").asText()).isNotEqualTo(AuditLog.GENESIS);
        }
    }

    @Test
    void shouldCommitTheWorkOfManyThreadsInGroupsAndRollBackOnlyAFailingPiece() throws Exception {
        try (Database db = StoreFixture.open(dir)) {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("CREATE TABLE grouped (n INT PRIMARY KEY)")) {
                    ps.execute();
                }
                return null;
            });
            int threads = 8;
            int each = 50;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            try {
                List<java.util.concurrent.Future<?>> all = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int base = t * each;
                    all.add(pool.submit(() -> {
                        for (int i = base; i < base + each; i++) {
                            int n = i;
                            // every tenth piece inserts a key twice: it fails, and only its own insert goes
                            boolean bad = n % 10 == 0;
                            try {
                                int r = db.inGroupTransaction(c -> {
                                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO grouped (n) VALUES (?)")) {
                                        ps.setInt(1, n);
                                        ps.executeUpdate();
                                        if (bad) {
                                            ps.executeUpdate();
                                        }
                                    }
                                    return n;
                                });
                                assertThat(r).isEqualTo(n);
                                // returned: committed, visible to any other connection now
                                assertThat(strings(db, "SELECT n FROM grouped WHERE n = " + n)).containsExactly(String.valueOf(n));
                            } catch (StoreException e) {
                                assertThat(bad).isTrue();
                                refused.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : all) {
                    f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            int total = threads * each;
            assertThat(refused.get()).isEqualTo(total / 10);
            assertThat(count(db, "grouped")).isEqualTo(total - total / 10);
            assertThat(strings(db, "SELECT COUNT(*) FROM grouped WHERE MOD(n, 10) = 0")).containsExactly("0");
            long[] stats = db.groupCommits();
            assertThat(stats[0]).isEqualTo(total);
            assertThat(stats[1]).isBetween(1L, (long) total);
        }
    }

    @Test
    void shouldPassOnARuntimeFailureOfAGroupedPieceAsItIs() {
        try (Database db = StoreFixture.open(dir)) {
            assertThatThrownBy(() -> db.inGroupTransaction(c -> {
                throw new IllegalStateException("changed meanwhile");
            })).isInstanceOf(IllegalStateException.class).hasMessage("changed meanwhile");
            assertThat(db.<Integer>inGroupTransaction(c -> 7)).isEqualTo(7);
        }
    }

    @Test
    void shouldLetTheOutboxSequencesOfTheEmbeddedStoreCacheAThousandValues() {
        try (Database db = StoreFixture.open(dir)) {
            assertThat(strings(db, "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) IN"
                    + " ('audit_outbox', 'outbox_record') AND LOWER(COLUMN_NAME) = 'seq'")).containsExactly("1000", "1000");
        }
    }
}
