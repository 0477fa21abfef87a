package io.herald.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running inside the
 * JVM. Used by {@code herald run} when no bootstrap is configured, and by the tests when no other
 * Kafka is available. Its data lives under {@code dataDir}, so a restart keeps the topics.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final String host;
    private final int port;
    private final Path logDir;
    private KafkaRaftServer server;

    private EmbeddedKafka(String host, int port, Path logDir) {
        this.host = host;
        this.port = port;
        this.logDir = logDir;
    }

    /**
     * Formats the storage on first use and starts the broker.
     *
     * @param port the client port; 0 picks a free one
     */
    public static EmbeddedKafka start(String host, int port, Path dataDir, int defaultPartitions) {
        try {
            Path logDir = dataDir.toAbsolutePath().resolve("kafka");
            Files.createDirectories(logDir);
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties props = brokerProperties(host, clientPort, controllerPort, logDir, defaultPartitions);
            format(props, logDir);
            EmbeddedKafka kafka = new EmbeddedKafka(host, clientPort, logDir);
            kafka.server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            kafka.server.startup();
            LOG.info("embedded Kafka broker started on {}:{} (data {})", host, clientPort, logDir);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private static Properties brokerProperties(
            String host, int clientPort, int controllerPort, Path logDir, int partitions) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + clientPort + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", String.valueOf(partitions));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    /** Formats the log directory unless it already holds a formatted broker. */
    private static void format(Properties props, Path logDir) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = Files.createTempFile("herald-kraft", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "herald embedded broker");
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int rc = StorageTool.execute(
                    new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                        "--ignore-formatted"},
                    new PrintStream(captured, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IOException("formatting " + logDir + " failed: "
                        + captured.toString(StandardCharsets.UTF_8).trim());
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    /** A port nobody listens on right now (the broker binds it a moment later). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("embedded Kafka broker stopped");
        }
    }
}
