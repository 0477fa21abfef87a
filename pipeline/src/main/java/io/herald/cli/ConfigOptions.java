package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config} and {@code --bootstrap}, shared by every command that reads the configuration or
 * talks to Kafka. Use with {@code @Mixin ConfigOptions config;}.
 */
public final class ConfigOptions {

    /** Where commands talk to Kafka when nothing else says. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: config/herald.yaml).")
    Path configFile;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: from the configuration, else " + DEFAULT_BOOTSTRAP + ").")
    String bootstrap;

    private HeraldConfig loaded;

    /** The configuration with {@code --bootstrap} applied; a mistake in it is a {@link UserError}. */
    public HeraldConfig config() {
        if (loaded == null) {
            try {
                // the option first, named as the user typed it; then the file, named by its keys
                boolean given = bootstrap != null && !bootstrap.isBlank();
                if (given) {
                    ConfigLoader.checkBootstrap("--bootstrap", bootstrap.trim());
                }
                HeraldConfig c = ConfigLoader.load(configFile == null ? ConfigLoader.DEFAULT_FILE : configFile);
                if (given) {
                    c = c.withKafka(c.kafka().withBootstrap(bootstrap));
                }
                loaded = c;
            } catch (ConfigException e) {
                throw new UserError(e.getMessage());
            }
        }
        return loaded;
    }

    /**
     * The bootstrap a client command uses: {@code --bootstrap}, else the configured one, else the
     * embedded broker's address.
     */
    public String clientBootstrap() {
        HeraldConfig c = config();
        return c.kafka().embedded() ? "127.0.0.1:" + c.kafka().embeddedPort() : c.kafka().bootstrap();
    }
}
