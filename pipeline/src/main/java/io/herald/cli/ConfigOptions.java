package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import io.herald.kafka.KafkaClients;
import io.herald.kafka.KafkaUnavailableException;
import picocli.CommandLine.Option;

/**
 * {@code --config} and {@code --bootstrap}, for every command that talks to Kafka. Use with
 * {@code @Mixin ConfigOptions config;}.
 */
public final class ConfigOptions extends ConfigFile {

    /** Where commands talk to Kafka when nothing else says. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka's bootstrap servers. Default: kafka.bootstrap from the configuration, else the embedded"
                    + " broker's address (" + DEFAULT_BOOTSTRAP + ").")
    String bootstrap;

    @Override
    HeraldConfig adjust(HeraldConfig c) {
        // the option first, named as the user typed it; the file's keys are checked by the loader
        if (bootstrap != null && !bootstrap.isBlank()) {
            try {
                ConfigLoader.checkBootstrap("--bootstrap", bootstrap.trim());
            } catch (ConfigException e) {
                throw new UserError(e.getMessage());
            }
            return c.withKafka(c.kafka().withBootstrap(bootstrap.trim()));
        }
        return c;
    }

    /**
     * The bootstrap a client command uses: {@code --bootstrap}, else the configured one, else the
     * embedded broker's address.
     */
    public String clientBootstrap() {
        HeraldConfig c = config();
        return c.kafka().embedded() ? "127.0.0.1:" + c.kafka().embeddedPort() : c.kafka().bootstrap();
    }

    /**
     * The client bootstrap, once it is known to reach a Kafka broker: within 10 s, else a
     * {@link UserError} that names the address and where it came from.
     */
    public String reachableBootstrap() {
        String b = clientBootstrap();
        try {
            KafkaClients.requireKafka(b, KafkaClients.COMMAND_TIMEOUT);
        } catch (KafkaUnavailableException e) {
            throw new UserError(e.getMessage() + "; " + advice());
        }
        return b;
    }

    /** What to check, named as the user would change it. */
    String advice() {
        if (bootstrap != null && !bootstrap.isBlank()) {
            return "check --bootstrap";
        }
        HeraldConfig c = config();
        if (c.kafka().embedded()) {
            return "is './herald run' up? (" + clientBootstrap() + " is the embedded broker's address; --bootstrap names another)";
        }
        String env = System.getenv("HERALD_KAFKA_BOOTSTRAP");
        if (env != null && !env.isBlank()) {
            return "check HERALD_KAFKA_BOOTSTRAP (or give --bootstrap)";
        }
        return "check kafka.bootstrap in " + c.file() + " (or give --bootstrap)";
    }
}
