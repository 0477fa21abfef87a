package io.herald.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.config.HeraldConfig;
import io.herald.connector.DeliveryKey;
import io.herald.store.Database;
import io.herald.store.DeliveryState;
import io.herald.store.JdbcDeliveryStore;
import io.herald.store.NewDelivery;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Herald instances (processes) on one PostgreSQL (127.0.0.1:5432, database {@code test}, a
 * schema of its own): Quartz clustered on the store's database. Every due delivery goes out once
 * across both; one instance killed with SIGKILL in the middle of a network call leaves its claimed
 * delivery and the release triggers to the other, which finishes everything.
 */
class TwoInstancesPostgresIT {

    private static final String BASE = System.getenv().getOrDefault("HERALD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("HERALD_TEST_PG_USER", "postgres");

    private static final String CONTENT = io.herald.json.Json.write(io.herald.connector.PlatformPost.of(List.of("Clinic news."),
            "characters", List.of(12), 500, List.of()));

    @TempDir
    Path dir;

    private String schema;
    private String url;
    private Database db;
    private JdbcDeliveryStore store;
    private Timekeeper ingestSide;
    private final List<Process> nodes = new ArrayList<>();
    private long offset;

    @BeforeEach
    void setUp() throws SQLException {
        schema = "herald_two_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(BASE, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "no PostgreSQL at " + BASE + " (" + e.getMessage() + "); set HERALD_TEST_PG_URL");
        }
        url = BASE + "?currentSchema=" + schema;
        db = Database.open(new HeraldConfig.Store(url, USER, null, 4), dir, Map.of());
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cluster_published (post_id VARCHAR(128), target VARCHAR(100), instance VARCHAR(100),"
                    + " published_at BIGINT)");
        }
        AuditLog audit = new AuditLog(db, new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                "herald.audit", "ingest", Clock.systemUTC());
        store = new JdbcDeliveryStore(db, audit, Clock.systemUTC());
        // the instance that ingests sets release triggers, as ingest does; it is not started: the nodes fire them
        ingestSide = Timekeeper.create(db, "ingest", Timekeeper.Settings.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : nodes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (ingestSide != null) {
            ingestSide.close();
        }
        if (db != null) {
            db.close();
            try (Connection c = DriverManager.getConnection(BASE, USER, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private Process node(String instance, String mode) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ClusterNode.class.getName(), url, USER, instance, mode);
        Path log = Path.of("target", "two-instances", schema + "-" + instance + ".log").toAbsolutePath();
        java.nio.file.Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        nodes.add(p);
        List<String> out = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process died
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> out.contains("ready") || !p.isAlive());
        assertThat(p.isAlive()).as("node %s started", instance).isTrue();
        return p;
    }

    private void schedule(String postId, String target, Instant at) {
        store.recordScheduled(new RecordSource("in", 0, offset++), 1L, postId, 1,
                List.of(new NewDelivery(target, at, null, CONTENT, "sha", null)), List.of());
        ingestSide.releaseAt(at);
    }

    /** How often each post was published, by post id. */
    private Map<String, Integer> publications() throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT post_id, COUNT(*) FROM cluster_published GROUP BY post_id")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private String publishedBy(String postId) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT instance FROM cluster_published WHERE post_id = '" + postId + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void shouldPublishEveryDueDeliveryOnceAcrossTwoInstances() throws Exception {
        node("node-a", "ok");
        node("node-b", "ok");
        Instant first = Instant.now().plusSeconds(3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "p" + i;
            ids.add(id);
            schedule(id, ClusterNode.TARGETS.get(i % 4), first.plusMillis(100L * i));
        }

        // and a recurring post: four occurrences two seconds apart, each its own delivery, each once across both
        Instant repeatFrom = first.plusSeconds(1);
        store.recordScheduled(new RecordSource("in", 0, offset++), 1L, "r", 1, List.of(new NewDelivery("cluster:d", repeatFrom,
                null, CONTENT, "sha", null, false, new io.herald.post.Recurrence("PT2S", repeatFrom, null, null, 4, null))),
                List.of());
        ingestSide.releaseAt(repeatFrom);
        for (int k = 1; k <= 4; k++) {
            ids.add("r#" + k);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> publications().size() == ids.size());

        assertThat(publications()).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        ids.removeIf(id -> id.startsWith("r#"));
        for (String id : ids) {
            assertThat(store.find(new DeliveryKey(id, 1, ClusterNode.TARGETS.get(ids.indexOf(id) % 4))).orElseThrow().state())
                    .isEqualTo(DeliveryState.PUBLISHED);
        }
    }

    @Test
    void shouldFinishOnTheOtherInstanceWhatAKilledOneLeft() throws Exception {
        Process a = node("node-a", "hang");
        schedule("stuck", "cluster:slow", Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> store.find(new DeliveryKey("stuck", 1, "cluster:slow")).orElseThrow()
                .state() == DeliveryState.IN_FLIGHT);
        node("node-b", "ok");
        Instant later = Instant.now().plusSeconds(4);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add("q" + i);
            schedule("q" + i, ClusterNode.TARGETS.get(i % 4), later.plusMillis(250L * i));
        }

        a.destroyForcibly(); // SIGKILL in the middle of the network call: no shutdown hook, the claim stays
        a.waitFor(30, TimeUnit.SECONDS);

        List<String> all = new ArrayList<>(ids);
        all.add("stuck");
        await().atMost(Duration.ofSeconds(90)).until(() -> publications().size() == all.size());
        assertThat(publications()).containsOnlyKeys(all).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(publishedBy("stuck")).isEqualTo("node-b");
        assertThat(store.find(new DeliveryKey("stuck", 1, "cluster:slow")).orElseThrow().attempts()).isEqualTo(2);
    }
}
