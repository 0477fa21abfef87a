package io.herald.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.config.AccountRegistry;
import io.herald.config.HeraldConfig;
import io.herald.connector.Account;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;
import io.herald.connector.Connectors;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.json.Json;
import io.herald.schedule.Timekeeper;
import io.herald.store.Database;
import io.herald.store.DeliveryState;
import io.herald.store.JdbcDeliveryStore;
import io.herald.store.NewDelivery;
import io.herald.store.StoreFixture;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quartz drives release: the dispatcher's own timer is set to a minute, so a delivery that goes out
 * on time went out because the release trigger (Quartz, JDBC job store in the same H2 database)
 * fired at its due time. Real clock, real store, a connector that notes when it was called.
 */
class QuartzReleaseTest {

    private static final String TARGET = "timed:demo";

    @TempDir
    Path dir;

    private Database db;
    private AuditLog audit;
    private JdbcDeliveryStore store;
    private Timekeeper timekeeper;
    private Dispatcher dispatcher;
    private final Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @BeforeEach
    void setUp() {
        db = StoreFixture.open(dir);
        audit = new AuditLog(db, new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                StoreFixture.TOPIC, "i1", clock);
        store = new JdbcDeliveryStore(db, audit, clock);
        timekeeper = Timekeeper.create(db, "i1", Timekeeper.Settings.defaults());
        Account account = new Account("timed", "demo", URI.create("http://127.0.0.1:1"), Secret.of("t"), Map.of());
        Connectors connectors = new Connectors(List.of(new ConnectorProvider() {
            @Override
            public String platform() {
                return "timed";
            }

            @Override
            public Connector create(ConnectorContext context) {
                return new TimedConnector();
            }
        }), ConnectorContext.defaults());
        dispatcher = new Dispatcher(store, audit, new io.herald.network.Networks(connectors,
                new AccountRegistry(Map.of(TARGET, account))),
                new io.herald.connector.HttpMediaSource(java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(1), false),
                "herald.deliveries.dead", clock, "i1",
                new HeraldConfig.Dispatch(Duration.ofMinutes(1), 5, Duration.ofSeconds(2), 2, 100_000));
        timekeeper.onRelease(dispatcher::wake);
        dispatcher.useAlarm(timekeeper::releaseAt, Duration.ofMinutes(1));
        timekeeper.start();
        dispatcher.start();
    }

    @AfterEach
    void tearDown() {
        dispatcher.close();
        timekeeper.close();
        db.close();
    }

    private void schedule(String postId, Instant publishAt, Instant expiresAt) {
        String content = Json.write(PlatformPost.of(List.of("Clinic news."), "characters", List.of(12), 500, List.of()));
        store.recordScheduled(new RecordSource("in", 0, Math.abs(postId.hashCode() % 100_000)), 1L, postId, 1,
                List.of(new NewDelivery(TARGET, publishAt, expiresAt, content, "sha", null)), List.of());
        dispatcher.wake(); // as ingest does
    }

    @Test
    void shouldReleaseEachDeliveryWithin200MillisecondsOfItsTimeThoughTheDispatcherPollsOnlyEveryMinute() {
        Instant first = clock.instant().plusMillis(1500);
        Map<String, Instant> due = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            Instant at = first.plusMillis(i * 230L);
            due.put("p" + i, at);
            schedule("p" + i, at, null);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> publishedAt.size() == due.size());

        List<Long> lateness = new ArrayList<>();
        due.forEach((id, at) -> lateness.add(Duration.between(at, publishedAt.get(id)).toMillis()));
        assertThat(lateness).allSatisfy(ms -> assertThat(ms).isBetween(0L, 200L));
    }

    @Test
    void shouldPublishAtOnceADeliveryWhoseTimePassedBeforeItsExpiryAndExpireOneWhoseExpiryPassed() {
        Instant now = clock.instant();
        schedule("late", now.minusSeconds(30), now.plusSeconds(3600));
        schedule("gone", now.minusSeconds(30), now.minusSeconds(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.find(new DeliveryKey("gone", 1, TARGET)).orElseThrow().state()
                == DeliveryState.EXPIRED && publishedAt.containsKey("late"));
        assertThat(publishedAt).containsOnlyKeys("late");
        assertThat(Duration.between(now, publishedAt.get("late"))).isLessThan(Duration.ofSeconds(2));
    }

    /** Notes when each post was published. */
    private final class TimedConnector implements Connector {
        @Override
        public String platform() {
            return "timed";
        }

        @Override
        public io.herald.connector.Capabilities capabilities(Account account) {
            return io.herald.connector.Capabilities.builder().limit("characters", 500)
                    .idempotency(io.herald.connector.Capabilities.Idempotency.naturalKey()).build();
        }

        @Override
        public PlatformPost adapt(PostContent content, io.herald.connector.Capabilities caps) {
            return PlatformPost.of(List.of(content.body()), "characters", List.of(content.body().length()), 500, List.of());
        }

        @Override
        public Receipt publish(io.herald.connector.PublishAttempt attempt) {
            publishedAt.put(attempt.delivery().postId(), Instant.now());
            return Receipt.single("r-" + attempt.delivery().postId(), "http://127.0.0.1:1/" + attempt.delivery().postId());
        }
    }
}
