package io.herald.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka clients configured the one way Herald uses them, and the check that an address is a Kafka
 * broker at all ({@link KafkaProbe}): every factory here first asks each bootstrap address, and
 * refuses one that answers as something else (an HTTP server, a TLS listener), which a Kafka
 * client would otherwise take for a gigabyte-sized reply and die of ({@code OutOfMemoryError}).
 * An address that does not answer at all is left to the client, which retries: the pipeline must
 * survive a broker that is down for a while. Commands that want a quick, clear answer call
 * {@link #requireKafka} first.
 */
public final class KafkaClients {

    /** How long the factories' screening of the bootstrap addresses may take. */
    static final Duration SCREEN_TIMEOUT = Duration.ofSeconds(3);

    /** How long a command waits to know whether Kafka is there: the whole answer within 10 s. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(8);

    private KafkaClients() {}

    /**
     * The producer for Herald's own topics (audit, invalid, held, dead letters): idempotent,
     * acks=all, no linger (every send is awaited before an offset is committed), bytes in and out so
     * that refused records are copied byte for byte.
     *
     * @throws KafkaUnavailableException when a bootstrap address answers, but not as Kafka
     */
    public static Producer<byte[], byte[]> producer(String bootstrap, String clientId) {
        screen(bootstrap);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        bounded(p);
        return create(bootstrap, () -> new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /**
     * @throws KafkaUnavailableException when a bootstrap address answers, but not as Kafka
     */
    public static Admin admin(String bootstrap) {
        screen(bootstrap);
        Map<String, Object> p = new java.util.HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000));
        Properties b = new Properties();
        bounded(b);
        b.forEach((k, v) -> p.put(String.valueOf(k), v));
        return create(bootstrap, () -> Admin.create(p));
    }

    /**
     * A consumer for reading a topic once, as a command does: no group, nothing committed, only
     * committed records, bytes in.
     *
     * @throws KafkaUnavailableException when a bootstrap address answers, but not as Kafka
     */
    public static KafkaConsumer<byte[], byte[]> reader(String bootstrap, String clientId, Duration timeout) {
        screen(bootstrap);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        bounded(p);
        return create(bootstrap, () -> new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    /**
     * Checks, within {@code timeout}, that the bootstrap list reaches a Kafka broker: at least one
     * address answers as Kafka, and none answers as something else.
     *
     * @throws KafkaUnavailableException with one line that names each address and what it is
     */
    public static void requireKafka(String bootstrap, Duration timeout) {
        String problem = KafkaProbe.problem(KafkaProbe.probeAll(bootstrap, timeout));
        if (problem != null) {
            throw new KafkaUnavailableException(problem, null);
        }
    }

    /** Refuses an address that answers, but not as Kafka; leaves silent or absent ones to the client's retries. */
    static void screen(String bootstrap) {
        List<KafkaProbe.Result> results = KafkaProbe.probeAll(bootstrap, SCREEN_TIMEOUT);
        if (results.stream().anyMatch(r -> r.kind() == KafkaProbe.Kind.NOT_KAFKA)) {
            throw new KafkaUnavailableException(KafkaProbe.problem(results), null);
        }
    }

    /** Connection set-up bounded, so that an address that does not answer is given up on quickly and retried. */
    private static void bounded(Properties p) {
        p.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "5000");
        p.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "5000");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    }

    /** A client the Kafka library refuses to build (a host name it cannot resolve) is one line naming the address. */
    private static <T> T create(String bootstrap, java.util.function.Supplier<T> factory) {
        try {
            return factory.get();
        } catch (KafkaException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            throw new KafkaUnavailableException("cannot use the Kafka address " + bootstrap + ": " + m.replaceAll("\\s+", " "), e);
        }
    }
}
