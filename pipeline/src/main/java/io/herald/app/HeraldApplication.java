package io.herald.app;

import io.herald.audit.AuditLog;
import io.herald.config.AccountRegistry;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Connectors;
import io.herald.dispatch.Dispatcher;
import io.herald.ingest.IngestRoute;
import io.herald.ingest.IngestService;
import io.herald.ingest.PipelineErrors;
import io.herald.ingest.PostCheck;
import io.herald.kafka.EmbeddedKafka;
import io.herald.kafka.HeraldTopics;
import io.herald.kafka.KafkaClients;
import io.herald.post.PostParser;
import io.herald.sandbox.SandboxServer;
import io.herald.store.Database;
import io.herald.store.DeliveryStore;
import io.herald.store.JdbcDeliveryStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald, assembled: Kafka (embedded or a cluster), the sandbox stand-ins when asked, the delivery
 * store and audit log, the connectors, the ingest route (camel-main) and the dispatcher. Started by
 * {@code herald run} and, in-process, by the integration tests. Closing stops everything in the
 * reverse order, finishing work under way.
 */
public final class HeraldApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldApplication.class);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private String bootstrap;
    private Database database;
    private DeliveryStore store;
    private AuditLog audit;
    private Dispatcher dispatcher;
    private io.herald.schedule.Timekeeper timekeeper;
    private io.herald.store.JdbcCorrectionStore corrections;
    private io.herald.correction.Corrector corrector;
    private SandboxServer sandboxServer;
    private String instance;
    private io.herald.metrics.HeraldMetrics metrics;

    private HeraldApplication() {}

    /** What a start needs beyond the configuration. */
    public record Options(boolean sandbox, Clock clock, Map<String, String> env, PrintStream out, List<PostCheck> checks) {}

    /** Starts Herald and returns once the ingest route consumes. */
    public static HeraldApplication start(HeraldConfig config, Options options) {
        HeraldApplication app = new HeraldApplication();
        try {
            app.doStart(config, options);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void doStart(HeraldConfig config, Options o) {
        Path dataDir = config.dataPath().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigException("dataDir: cannot create " + dataDir + ": " + e.getMessage());
        }
        instance = instanceId(dataDir);
        Clock clock = o.clock();

        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Connectors connectors = Connectors.load(new ConnectorContext(http, clock, Duration.ofSeconds(15)));
        String sandboxBase = o.sandbox() ? startSandbox(config, dataDir, o.out()) : null;
        AccountRegistry accounts = loadAccounts(config, sandboxBase, connectors, o.env());
        io.herald.network.Networks networks = new io.herald.network.Networks(connectors, accounts);
        networks.discoverAll();
        Thread health = new Thread(() -> networks.logHealth(Duration.ofSeconds(20)), "account-health-at-start");
        health.setDaemon(true); // tells the operator; never holds up the start
        health.start();

        HeraldConfig.Kafka k = config.kafka();
        if (k.embedded()) {
            if (k.embeddedPort() != 0 && io.herald.sandbox.SandboxServer.isListening("127.0.0.1", k.embeddedPort())) {
                throw new ConfigException("kafka.embeddedPort: 127.0.0.1:" + k.embeddedPort() + " is already in use (another Herald"
                        + " or Kafka?); to use that broker set kafka.bootstrap (or HERALD_KAFKA_BOOTSTRAP), else choose another port");
            }
            EmbeddedKafka broker = EmbeddedKafka.start("127.0.0.1", k.embeddedPort(), dataDir, k.partitions());
            resources.push(broker);
            bootstrap = broker.bootstrapServers();
            o.out().println("kafka: embedded broker at " + bootstrap + " (data in " + broker.logDir() + ")");
        } else {
            bootstrap = k.bootstrap();
            o.out().println("kafka: cluster at " + bootstrap);
        }
        Admin admin = KafkaClients.admin(bootstrap);
        resources.push(admin);
        HeraldTopics.ensure(admin, k);

        database = Database.open(config.store(), dataDir, o.env());
        resources.push(database);
        Producer<byte[], byte[]> producer = KafkaClients.producer(bootstrap, "herald-" + instance);
        resources.push(producer);
        audit = new AuditLog(database, producer, k.topics().audit(), instance, clock);
        audit.markApprovalsOff(!config.approval().required());
        audit.signWith(checkpointPolicy(config, dataDir, o));
        store = new JdbcDeliveryStore(database, audit, clock)
                .withSlots(slotsOf(accounts))
                .withCorrections(correctionRules(accounts, networks));
        audit.flush(); // anything a crash left in the outbox goes out first
        audit.startRelay(Duration.ofMillis(200));
        resources.push(audit::stopRelay);

        // Quartz on the store's database drives time: the release trigger at the next due time, housekeeping
        timekeeper = io.herald.schedule.Timekeeper.create(database, instance, io.herald.schedule.Timekeeper.Settings.defaults());
        resources.push(timekeeper);
        dispatcher = new Dispatcher(store, audit, networks,
                new io.herald.connector.HttpMediaSource(http, Duration.ofSeconds(15), o.sandbox()),
                k.topics().dead(), clock, instance, config.dispatch());
        resources.push(dispatcher);
        timekeeper.onRelease(dispatcher::wake);
        dispatcher.useAlarm(timekeeper::releaseAt, Duration.ofSeconds(5));
        dispatcher.sweepLeasesElsewhere();
        dispatcher.start();
        corrections = new io.herald.store.JdbcCorrectionStore(database, audit, clock, (JdbcDeliveryStore) store);
        corrector = new io.herald.correction.Corrector(corrections, store, audit, networks, clock, instance,
                config.dispatch().maxAttempts(), config.dispatch().initialBackoff(), config.dispatch().pollInterval(), dispatcher::wake);
        resources.push(corrector);
        corrector.start();
        if (config.metrics().enabled()) {
            metrics = new io.herald.metrics.HeraldMetrics(store, audit, dispatcher, admin, k.consumerGroup(), k.topics().approved(),
                    clock).serve(config.metrics().host(), config.metrics().port());
            resources.push(metrics);
            o.out().println("metrics: http://" + config.metrics().host() + ":" + metrics.port() + "/metrics");
        }

        PostParser parser = new PostParser(accounts::has, accounts::targetsHint);
        IngestService ingest = new IngestService(parser, o.checks(), networks, store, audit, k.topics(), clock,
                dispatcher::wake, IngestService.Settings.defaults());
        Main main = new Main();
        main.configure().setName("herald");
        main.configure().setShutdownTimeout(30);
        KafkaComponent kafkaComponent = new KafkaComponent();
        kafkaComponent.setKafkaManualCommitFactory(new DefaultKafkaManualAsyncCommitFactory());
        main.bind("kafka", kafkaComponent);
        org.apache.camel.component.quartz.QuartzComponent quartz = new org.apache.camel.component.quartz.QuartzComponent();
        quartz.setScheduler(timekeeper.scheduler()); // camel-quartz starts it with the context
        main.bind("quartz", quartz);
        main.configure().addRoutesBuilder(new io.herald.schedule.HousekeepingRoutes(dispatcher::sweepLeases, store, clock,
                Duration.ofDays(30), "0/5 * * * * ?"));
        main.configure().addRoutesBuilder(new PipelineErrors());
        main.configure().addRoutesBuilder(new IngestRoute(k, bootstrap, ingest, instance));
        main.configure().addRoutesBuilder(new io.herald.control.ControlRoute(k, bootstrap, store, audit, () -> {
            dispatcher.wake();
            corrector.wake();
        }, instance).withCorrections(corrections, corrector::wake));
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Camel routes: " + e.getMessage(), e);
        }
        resources.push(() -> main.stop());
        timekeeper.start(); // started by camel-quartz with the context; made sure of
        // first of all at shutdown: a batch waiting out an outage gives up (it is redelivered after the restart)
        resources.push(ingest);
        awaitConsuming(admin, k.consumerGroup(), Duration.ofSeconds(60));
        o.out().println("ready");
        o.out().flush();
    }

    /** Each account's corrections policy, and whether its network can edit in place. */
    private static io.herald.store.CorrectionPolicy.Rules correctionRules(AccountRegistry accounts,
            io.herald.network.Networks networks) {
        for (String target : accounts.targets()) {
            if (accounts.corrections(target) == io.herald.store.CorrectionPolicy.EDIT
                    && !networks.capabilities(target).corrections().edit()) {
                LOG.warn("{}: corrections: edit, but its network cannot edit a published post through its API; revisions of"
                        + " published posts are refused there (set corrections: replace to take down and publish anew)", target);
            }
        }
        return new io.herald.store.CorrectionPolicy.Rules() {
            @Override
            public io.herald.store.CorrectionPolicy policy(String target) {
                return accounts.corrections(target);
            }

            @Override
            public boolean canEdit(String target) {
                return networks.has(target) && networks.capabilities(target).corrections().edit();
            }
        };
    }

    /**
     * The accounts {@code run} would publish to (the sandbox ones when {@code sandboxBase} is set),
     * with their secrets, each checked by its connector; a problem is a ConfigException naming the file.
     */
    public static AccountRegistry loadAccounts(HeraldConfig config, String sandboxBase, Connectors connectors,
            Map<String, String> env) {
        Path file = config.resolve(sandboxBase != null ? config.sandbox().accounts() : config.accounts());
        AccountRegistry registry = AccountRegistry.load(file, sandboxBase, env, connectors::has,
                String.join(", ", connectors.platforms()));
        for (String target : registry.targets()) {
            var account = registry.get(target).orElseThrow();
            try {
                var connector = connectors.get(account.platform());
                var known = connector.settingNames();
                for (String setting : account.settings().keySet()) {
                    if (!known.isEmpty() && !known.contains(setting)) {
                        throw new IllegalArgumentException("account " + target + ": unknown setting '" + setting + "'; "
                                + account.platform() + " accounts take " + String.join(", ", new java.util.TreeSet<>(known)));
                    }
                }
                connector.validate(account);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": " + e.getMessage());
            }
        }
        LOG.info("accounts from {}: {}", file, registry.targetsHint());
        return registry;
    }

    /** Each account's posting slots, read once. */
    private static java.util.function.Function<String, io.herald.config.PostingSlots> slotsOf(AccountRegistry accounts) {
        Map<String, io.herald.config.PostingSlots> slots = new java.util.concurrent.ConcurrentHashMap<>();
        return t -> slots.computeIfAbsent(t, x -> io.herald.config.PostingSlots.of(accounts.schedule(x)));
    }

    /** Starts the stand-ins unless some already listen on the port; returns their address. */
    private String startSandbox(HeraldConfig config, Path dataDir, PrintStream out) {
        int port = config.sandbox().port();
        if (port != 0 && SandboxServer.isListening("127.0.0.1", port)) {
            out.println("sandbox: using the stand-ins already listening on 127.0.0.1:" + port);
            return "http://127.0.0.1:" + port;
        }
        sandboxServer = SandboxServer.start(port, dataDir.resolve("sandbox"));
        resources.push(sandboxServer);
        out.println("sandbox: stand-ins started in-process on 127.0.0.1:" + sandboxServer.port());
        return "http://127.0.0.1:" + sandboxServer.port();
    }

    /** Waits until the consumer group has a member with partitions: the pipeline consumes. */
    private static void awaitConsuming(Admin admin, String group, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(5, TimeUnit.SECONDS).get(group);
                if (d != null && d.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the consumer", e);
            } catch (Exception e) {
                LOG.debug("consumer group not described yet: {}", e.getMessage());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100); // polling an external condition, not synchronising a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the consumer", e);
            }
        }
        throw new IllegalStateException("the ingest consumer did not join group '" + group + "' within " + timeout);
    }

    /** The instance's checkpoint signing (audit.* in the configuration); one line says where the key is. */
    private io.herald.audit.CheckpointPolicy checkpointPolicy(HeraldConfig config, Path dataDir, Options o) {
        HeraldConfig.Audit a = config.audit();
        io.herald.audit.InstanceKeys.Loaded key;
        try {
            key = io.herald.audit.InstanceKeys.load(a.signingKeyFile().isEmpty() ? null : config.resolve(a.signingKeyFile()),
                    a.signingKeyEnv(), o.env(), dataDir,
                    config.resolve(a.instances()), instance);
        } catch (io.herald.approval.KeyFileException e) {
            throw new ConfigException(config.file() + ": " + e.getMessage());
        }
        o.out().println("audit: instance " + instance + " signs checkpoints with the key " + key.note());
        return new io.herald.audit.CheckpointPolicy(key.key(), key.fingerprint(), a.checkpointEvents(), a.checkpointInterval(),
                a.witnessFile().isEmpty() ? null : config.resolve(a.witnessFile()));
    }

    /** A stable id for this instance: kept in the data dir, so a restart recovers its own attempts. */
    private static String instanceId(Path dataDir) {
        Path file = dataDir.resolve("instance-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "herald";
            }
            String id = host.replaceAll("[^A-Za-z0-9.-]", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + file, e);
        }
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** The corrections of published deliveries (retractions, edits), for tests and tools. */
    public io.herald.store.JdbcCorrectionStore corrections() {
        return corrections;
    }

    public DeliveryStore store() {
        return store;
    }

    /** The store's database (for the bench's commit figures). */
    public Database database() {
        return database;
    }

    public AuditLog audit() {
        return audit;
    }

    public String instance() {
        return instance;
    }

    public io.herald.schedule.Timekeeper timekeeper() {
        return timekeeper;
    }

    public SandboxServer sandbox() {
        return sandboxServer;
    }

    /** The port of the metrics endpoint, or -1 when it is not served. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** Stops routes first (no new records), then dispatch (finishing calls under way), then the rest. */
    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("while stopping {}: {}", r.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
