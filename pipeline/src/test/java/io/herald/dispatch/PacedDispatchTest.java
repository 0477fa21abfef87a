package io.herald.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.config.AccountRegistry;
import io.herald.config.AccountSchedule;
import io.herald.config.HeraldConfig;
import io.herald.connector.Account;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;
import io.herald.connector.Connectors;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PlatformPost;
import io.herald.connector.Secret;
import io.herald.json.Json;
import io.herald.store.Database;
import io.herald.store.DeliveryState;
import io.herald.store.JdbcDeliveryStore;
import io.herald.store.NewDelivery;
import io.herald.store.StoreFixture;
import io.herald.testing.MovableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiet hours and pacing in dispatch: a due post of an account in its quiet hours waits for their
 * end, and one due within minInterval of the last waits for the interval; the SCHEDULED event says
 * when and why. Time is a clock the test moves.
 */
class PacedDispatchTest {

    private static final String TARGET = "scripted:demo";
    private static final ZoneId NY = ZoneId.of("America/New_York");

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(java.time.LocalDateTime.parse("2026-11-26T22:00").atZone(NY).toInstant());
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private Database db;
    private AuditLog audit;
    private JdbcDeliveryStore store;
    private Dispatcher dispatcher;

    private void start(AccountSchedule schedule) {
        db = StoreFixture.open(dir);
        audit = new AuditLog(db, producer, StoreFixture.TOPIC, "i1", clock);
        store = new JdbcDeliveryStore(db, audit, clock);
        DispatcherTest.ScriptedConnector connector = new DispatcherTest.ScriptedConnector(true);
        Account account = new Account("scripted", "demo", URI.create("http://127.0.0.1:1"), Secret.of("t"), Map.of());
        Connectors connectors = new Connectors(List.of(new ConnectorProvider() {
            @Override
            public String platform() {
                return "scripted";
            }

            @Override
            public Connector create(ConnectorContext context) {
                return connector;
            }
        }), ConnectorContext.defaults());
        dispatcher = new Dispatcher(store, audit, new io.herald.network.Networks(connectors,
                new AccountRegistry(Map.of(TARGET, account), Map.of(TARGET, schedule))),
                new io.herald.connector.HttpMediaSource(java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(1), false),
                "herald.deliveries.dead", clock, "i1", new HeraldConfig.Dispatch(Duration.ofMinutes(1), 5, Duration.ofSeconds(2), 1, 1000));
        dispatcher.start();
    }

    @AfterEach
    void tearDown() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private void schedule(String postId, int offset) {
        String content = Json.write(PlatformPost.of(List.of("Clinic news."), "characters", List.of(12), 500, List.of()));
        store.recordScheduled(new RecordSource("in", 0, offset), 1L, postId, 1,
                List.of(new NewDelivery(TARGET, clock.instant(), null, content, "sha", null)), List.of());
        dispatcher.wake();
    }

    private DeliveryState state(String postId) {
        return store.find(new DeliveryKey(postId, 1, TARGET)).orElseThrow().state();
    }

    private List<JsonNode> events(String type) {
        audit.flush();
        return StoreFixture.sent(producer).stream().filter(e -> e.get("type").asText().equals(type)).toList();
    }

    @Test
    void shouldHoldADuePostUntilQuietHoursEndAndSayWhenAndWhyInTheAudit() {
        start(new AccountSchedule(NY, List.of(), "21:00-07:00", null, List.of()));
        schedule("night", 1);

        Instant morning = java.time.LocalDateTime.parse("2026-11-27T07:00").atZone(NY).toInstant();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.find(new DeliveryKey("night", 1, TARGET)).orElseThrow()
                .nextAttemptAt().equals(morning));
        assertThat(state("night")).isEqualTo(DeliveryState.SCHEDULED);
        assertThat(events("SCHEDULED")).last().satisfies(e -> assertThat(e.get("reason").asText())
                .contains("quiet hours 21:00-07:00 (America/New_York)").contains(morning.toString()));

        clock.set(morning.plusSeconds(1));
        dispatcher.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> state("night") == DeliveryState.PUBLISHED);
    }

    @Test
    void shouldPaceTwoDuePostsByMinInterval() {
        clock.set(Instant.parse("2026-11-26T15:00:00Z"));
        start(new AccountSchedule(NY, List.of(), null, Duration.ofMinutes(20), List.of()));
        schedule("a", 1);
        schedule("b", 2);

        await().atMost(Duration.ofSeconds(5)).until(() -> state("a") == DeliveryState.PUBLISHED
                && store.find(new DeliveryKey("b", 1, TARGET)).orElseThrow().nextAttemptAt().isAfter(clock.instant()));
        Instant b = store.find(new DeliveryKey("b", 1, TARGET)).orElseThrow().nextAttemptAt();
        assertThat(b).isEqualTo(Instant.parse("2026-11-26T15:20:00Z"));
        assertThat(events("SCHEDULED")).last().satisfies(e -> assertThat(e.get("reason").asText()).contains("minInterval PT20M"));

        clock.set(b);
        dispatcher.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> state("b") == DeliveryState.PUBLISHED);
    }
}
