package io.herald.cli;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config}, for every command that reads the configuration. Every command finds it the
 * one way {@code run} does: {@code --config FILE}, else {@code config/herald.yaml} in the working
 * directory, else in Herald's home (where the launcher lives). Use with
 * {@code @Mixin ConfigFile config;}.
 */
public class ConfigFile {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file. Default: config/herald.yaml in the working directory, else in Herald's home.")
    Path configFile;

    private HeraldConfig loaded;

    /** The configuration; a mistake in it is a {@link UserError} naming the file and the key. */
    public HeraldConfig config() {
        if (loaded == null) {
            try {
                loaded = adjust(ConfigLoader.load(configFile == null ? ConfigLoader.DEFAULT_FILE : configFile));
            } catch (ConfigException e) {
                throw new UserError(e.getMessage());
            }
        }
        return loaded;
    }

    /** What a subclass changes in the configuration as read (an option that overrides a key). */
    HeraldConfig adjust(HeraldConfig config) {
        return config;
    }
}
