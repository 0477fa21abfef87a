package io.herald.testing;

import io.herald.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives an integration test a real Kafka, one per test run, shared by every test class:
 * {@code HERALD_TEST_BOOTSTRAP} when set, else Testcontainers' Kafka when Docker answers, else the
 * embedded KRaft broker on a free port. Inject it as a {@link TestKafka} parameter.
 */
public final class KafkaExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExtension.class);
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == TestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return c.getRoot().getStore(NS).getOrComputeIfAbsent("kafka", k -> start(), Holder.class).kafka;
    }

    private static Holder start() {
        String external = System.getenv("HERALD_TEST_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            LOG.info("tests use the Kafka at {} (HERALD_TEST_BOOTSTRAP)", external);
            return new Holder(new TestKafka(external, "external"), () -> {});
        }
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka-native:4.0.0");
            container.start();
            LOG.info("tests use a Testcontainers Kafka at {}", container.getBootstrapServers());
            return new Holder(new TestKafka(container.getBootstrapServers(), "testcontainers"), container::stop);
        }
        try {
            Path dir = Files.createTempDirectory("herald-test-kafka");
            EmbeddedKafka kafka = EmbeddedKafka.start("127.0.0.1", 0, dir, 3);
            LOG.info("tests use an embedded Kafka at {}", kafka.bootstrapServers());
            return new Holder(new TestKafka(kafka.bootstrapServers(), "embedded"), kafka::close);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Closed by JUnit when the root context closes, at the end of the run. */
    static final class Holder implements ExtensionContext.Store.CloseableResource {
        final TestKafka kafka;
        final Runnable stop;

        Holder(TestKafka kafka, Runnable stop) {
            this.kafka = kafka;
            this.stop = stop;
        }

        @Override
        public void close() {
            stop.run();
        }
    }
}
