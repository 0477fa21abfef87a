package io.herald.cli;

import io.herald.app.HeraldApplication;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import io.herald.kafka.KafkaClients;
import io.herald.kafka.KafkaUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code herald run}: the pipeline, until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline until it is stopped (SIGTERM or Ctrl-C).",
            "With no Kafka bootstrap configured it starts an embedded broker on 127.0.0.1:9092.",
            "It prints where Kafka is, then 'ready' once it consumes herald.posts.approved."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--sandbox", description = "Publish to the local stand-ins (accounts platform:demo);"
            + " starts them in-process unless they already listen on sandbox.port.")
    boolean sandbox;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the embedded broker, the delivery store and"
            + " the sandbox keep their data (default: dataDir of the configuration, ./data).")
    Path dataDir;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Serve Prometheus metrics on"
            + " http://<metrics.host>:PORT/metrics (overrides metrics.port; 0: any free port).")
    Integer metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        HeraldConfig config = options.config();
        if (dataDir != null) {
            config = config.withDataDir(dataDir.toString());
        }
        if (metricsPort != null) {
            if (metricsPort < 0 || metricsPort > 65535) {
                throw new UserError("--metrics-port must be between 0 and 65535, but was " + metricsPort);
            }
            config = config.withMetrics(new HeraldConfig.Metrics(config.metrics().host(), metricsPort));
        }
        if (!config.kafka().embedded()) {
            // a wrong address is one line within seconds, not a minute of retries or a heap blown by an HTTP reply
            try {
                KafkaClients.requireKafka(config.kafka().bootstrap(), KafkaClients.COMMAND_TIMEOUT);
            } catch (KafkaUnavailableException e) {
                throw new UserError(e.getMessage() + "; " + options.advice());
            }
        }
        HeraldApplication app;
        try {
            app = HeraldApplication.start(config, new HeraldApplication.Options(
                    sandbox, Clock.systemUTC(), System.getenv(), System.out, Gate.checks(config, sandbox, System.out)));
        } catch (ConfigException | KafkaUnavailableException e) {
            throw new UserError(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            app.close();
            System.out.println("stopped");
            stopped.countDown();
        }, "herald-shutdown"));
        stopped.await();
        return 0;
    }
}
