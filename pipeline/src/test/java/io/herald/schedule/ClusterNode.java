package io.herald.schedule;

import io.herald.audit.AuditLog;
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
import io.herald.store.Database;
import io.herald.store.JdbcDeliveryStore;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One Herald instance of a cluster, as a process of its own (so that a test can SIGKILL it): the
 * delivery store on PostgreSQL, Quartz clustered on it, the dispatcher driven by the release trigger
 * and the housekeeping routes on camel-quartz. Its connector writes each publication to a table
 * {@code cluster_published} in the same database; in mode {@code hang} it never returns.
 *
 * <p>Arguments: JDBC URL, user, instance id, mode ({@code ok} or {@code hang}). Prints "ready".
 */
public final class ClusterNode {

    static final List<String> TARGETS = List.of("cluster:a", "cluster:b", "cluster:c", "cluster:d", "cluster:slow");

    private ClusterNode() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String instance = args[2];
        boolean hang = args[3].equals("hang");
        Clock clock = Clock.systemUTC();
        Database db = Database.open(new HeraldConfig.Store(url, user, null, 6), Files.createTempDirectory("node"), Map.of());
        AuditLog audit = new AuditLog(db, new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                "herald.audit", instance, clock);
        JdbcDeliveryStore store = new JdbcDeliveryStore(db, audit, clock).withLease(Duration.ofSeconds(3));
        Timekeeper timekeeper = Timekeeper.create(db, instance, Timekeeper.Settings.defaults());
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (String t : TARGETS) {
            accounts.put(t, new Account("cluster", t.substring(8), URI.create("http://127.0.0.1:1"), Secret.of("t"), Map.of()));
        }
        Connector connector = new Connector() {
            @Override
            public String platform() {
                return "cluster";
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
                if (hang) {
                    try {
                        new CountDownLatch(1).await(); // a network call that never ends: the process dies in it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("interrupted");
                }
                try (Connection c = DriverManager.getConnection(url, user, "");
                        PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO cluster_published (post_id, target, instance, published_at) VALUES (?, ?, ?, ?)")) {
                    // an occurrence of a recurring post counts on its own: "r#2"
                    ps.setString(1, attempt.delivery().postId()
                            + (attempt.delivery().recurring() ? "#" + attempt.delivery().occurrence() : ""));
                    ps.setString(2, attempt.delivery().target());
                    ps.setString(3, instance);
                    ps.setLong(4, System.currentTimeMillis());
                    ps.executeUpdate();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                return Receipt.single(attempt.delivery().postId() + "@" + instance, "http://127.0.0.1:1/" + attempt.delivery().postId());
            }
        };
        Connectors connectors = new Connectors(List.of(new ConnectorProvider() {
            @Override
            public String platform() {
                return "cluster";
            }

            @Override
            public Connector create(ConnectorContext context) {
                return connector;
            }
        }), ConnectorContext.defaults());
        Dispatcher dispatcher = new Dispatcher(store, audit, new io.herald.network.Networks(connectors, new AccountRegistry(accounts)),
                new io.herald.connector.HttpMediaSource(java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(1), false),
                "herald.deliveries.dead", clock, instance,
                new HeraldConfig.Dispatch(Duration.ofMillis(500), 5, Duration.ofMillis(200), 8, 100_000));
        dispatcher.withLease(Duration.ofSeconds(3));
        timekeeper.onRelease(dispatcher::wake);
        dispatcher.useAlarm(timekeeper::releaseAt, Duration.ofSeconds(30));
        dispatcher.sweepLeasesElsewhere();
        dispatcher.start();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("herald");
        QuartzComponent quartz = new QuartzComponent();
        quartz.setScheduler(timekeeper.scheduler());
        camel.addComponent("quartz", quartz);
        camel.addRoutes(new HousekeepingRoutes(dispatcher::sweepLeases, store, clock, Duration.ofDays(30), "0/2 * * * * ?"));
        camel.start();
        audit.startRelay(Duration.ofMillis(200));
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
