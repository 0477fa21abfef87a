package io.herald.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import io.herald.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code config/herald.yaml}, then applies environment overrides
 * ({@code HERALD_KAFKA_BOOTSTRAP}, {@code HERALD_DATA_DIR}, {@code HERALD_STORE_URL}), then checks
 * every value. Every error names the file and the key.
 */
public final class ConfigLoader {

    /**
     * The default configuration file: {@code config/herald.yaml} in the working directory, else in
     * Herald's home (the launcher sets {@code herald.home} to the repository root).
     */
    public static final Path DEFAULT_FILE = defaultFile();

    private static Path defaultFile() {
        Path local = Path.of("config", "herald.yaml");
        String home = System.getProperty("herald.home");
        if (Files.exists(local) || home == null) {
            return local;
        }
        return Path.of(home).resolve(local);
    }

    private ConfigLoader() {}

    public static HeraldConfig load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * @param file the file; when it is the default file and absent, the built-in defaults apply
     */
    public static HeraldConfig load(Path file, Map<String, String> env) {
        HeraldConfig config;
        if (file == null) {
            file = DEFAULT_FILE;
        }
        if (!Files.exists(file) && file.equals(DEFAULT_FILE)) {
            config = new HeraldConfig(null, null, null, null, null, null, null, null, null);
        } else {
            config = read(file, HeraldConfig.class);
        }
        config = config.withFile(file);
        config = applyEnv(config, env);
        validate(config);
        return config;
    }

    /** Environment values are checked here, so that a mistake in one names the variable, not the file. */
    private static HeraldConfig applyEnv(HeraldConfig c, Map<String, String> env) {
        String bootstrap = env.get("HERALD_KAFKA_BOOTSTRAP");
        if (bootstrap != null && !bootstrap.isBlank()) {
            checkBootstrap("HERALD_KAFKA_BOOTSTRAP", bootstrap.trim());
            c = c.withKafka(c.kafka().withBootstrap(bootstrap));
        }
        String dataDir = env.get("HERALD_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            c = c.withDataDir(dataDir);
        }
        String storeUrl = env.get("HERALD_STORE_URL");
        if (storeUrl != null && !storeUrl.isBlank()) {
            checkJdbcUrl("HERALD_STORE_URL", storeUrl.trim());
            HeraldConfig.Store s = c.store();
            c = c.withStore(new HeraldConfig.Store(storeUrl, s.username(), s.passwordEnv(), s.poolSize()));
        }
        return c;
    }

    /** Checks every value once, so that a mistake is found at start-up, not at the first post. */
    public static void validate(HeraldConfig c) {
        String f = String.valueOf(c.file());
        HeraldConfig.Kafka k = c.kafka();
        if (!k.bootstrap().isEmpty()) {
            checkBootstrap(f + ": kafka.bootstrap", k.bootstrap());
        }
        range(f, "kafka.embeddedPort", k.embeddedPort(), 0, 65535);
        range(f, "kafka.partitions", k.partitions(), 1, 1000);
        range(f, "kafka.maxPollRecords", k.maxPollRecords(), 1, 10000);
        HeraldConfig.Topics t = k.topics();
        topic(f, "kafka.topics.approved", t.approved());
        topic(f, "kafka.topics.held", t.held());
        topic(f, "kafka.topics.invalid", t.invalid());
        topic(f, "kafka.topics.dead", t.dead());
        topic(f, "kafka.topics.audit", t.audit());
        topic(f, "kafka.topics.control", t.control());
        range(f, "store.poolSize", c.store().poolSize(), 2, 100);
        if (!c.store().url().isEmpty()) {
            checkJdbcUrl(f + ": store.url", c.store().url());
        }
        range(f, "sandbox.port", c.sandbox().port(), 0, 65535);
        if (c.metrics().enabled()) {
            range(f, "metrics.port", c.metrics().port(), 0, 65535);
        }
        range(f, "dispatch.maxAttempts", c.dispatch().maxAttempts(), 1, 100);
        range(f, "dispatch.threads", c.dispatch().threads(), 1, 256);
        range(f, "dispatch.postsPerMinutePerAccount", c.dispatch().postsPerMinutePerAccount(), 1, 100000);
        positive(f, "dispatch.pollInterval", c.dispatch().pollInterval());
        positive(f, "dispatch.initialBackoff", c.dispatch().initialBackoff());
        if (c.dispatch().readBackGrace() != null && c.dispatch().readBackGrace().isNegative()) {
            throw new ConfigException(f + ": dispatch.readBackGrace must not be negative, but was " + c.dispatch().readBackGrace());
        }
        if (c.approval().maxAge() != null) {
            positive(f, "approval.maxAge", c.approval().maxAge());
        }
        range(f, "audit.checkpointEvents", c.audit().checkpointEvents(), 1, 1_000_000);
        positive(f, "audit.checkpointInterval", c.audit().checkpointInterval());
        if (!c.audit().signingKeyFile().isEmpty() && !c.audit().signingKeyEnv().isEmpty()) {
            throw new ConfigException(f + ": audit.signingKeyFile and audit.signingKeyEnv are both set; give one");
        }
    }

    /**
     * Checks a Kafka bootstrap list: {@code host:port[,host:port...]}, ports 1 to 65535.
     *
     * @param where what the value is called in the message: a file and key, a variable or an option
     */
    public static void checkBootstrap(String where, String value) {
        boolean ok = value.matches("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*");
        if (ok) {
            for (String server : value.split(",")) {
                int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
                ok &= port >= 1 && port <= 65535;
            }
        }
        if (!ok) {
            throw new ConfigException(where + " must be host:port[,host:port...], but was '" + value + "'");
        }
    }

    private static void checkJdbcUrl(String where, String value) {
        if (!value.startsWith("jdbc:")) {
            throw new ConfigException(where + " must be a JDBC URL (jdbc:h2:... or jdbc:postgresql:...), but was '" + value + "'");
        }
    }

    /** Kafka's rule for topic names: letters, digits, '.', '_' and '-', at most 249, not "." or "..". */
    private static void topic(String file, String key, String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,249}") || name.equals(".") || name.equals("..")) {
            throw new ConfigException(file + ": " + key + " must be a Kafka topic name (letters, digits, '.', '_', '-';"
                    + " at most 249), but was '" + name + "'");
        }
    }

    private static void positive(String file, String key, java.time.Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(file + ": " + key + " must be longer than zero, such as 500ms or 2s, but was " + d);
        }
    }

    private static void range(String file, String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(
                    file + ": " + key + " must be between " + min + " and " + max + ", but was " + value);
        }
    }

    /**
     * The YAML mapper for configuration files: durations in the forms people write
     * ({@link Durations}), and in messages no Java type names.
     */
    private static final ObjectMapper YAML = Json.yaml().copy().registerModule(new SimpleModule("herald-config")
            .addDeserializer(Duration.class, new DurationDeserializer()));

    /** Reads a YAML file into a type, turning Jackson's errors into one line naming file and key. */
    public static <T> T read(Path file, Class<T> type) {
        try {
            String text = Files.readString(file);
            JsonNode tree = YAML.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                // blank, or nothing but comments: every key takes its default
                text = "{}";
            } else if (!tree.isObject()) {
                throw new ConfigException(file + ": must be a mapping of keys (key: value lines), but is "
                        + (tree.isArray() ? "a list" : "a single value"));
            }
            // a key the type ignores (such as HeraldConfig's own file) is as unknown as a misspelt one
            return YAML.readerFor(type).with(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES).readValue(text);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (PropertyBindingException e) {
            throw new ConfigException(file + ": unknown key '" + path(e) + "'");

        } catch (JsonMappingException e) {
            if (e.getCause() instanceof AccountsFile.Entry.UnknownKey unknown) {
                throw new ConfigException(file + ": unknown key '" + path(e) + "." + unknown.key + "'");
            }
            throw new ConfigException(file + ": " + (path(e).isEmpty() ? "" : path(e) + ": ") + typeProblem(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": "
                    + String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** What is wrong with a value, in the configuration's terms: never a Java type's name. */
    static String typeProblem(JsonMappingException e) {
        if (e.getCause() instanceof IllegalArgumentException bad && !(e instanceof InvalidFormatException)) {
            return String.valueOf(bad.getMessage());
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (e instanceof InvalidFormatException f && f.getValue() != null) {
            return "'" + shown(String.valueOf(f.getValue())) + "' is not " + expected(target);
        }
        if (target != null) {
            return "must be " + expected(target);
        }
        return "is not a value this key takes";
    }

    /** What a value of a Java type looks like in YAML, as a person says it. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value this key takes";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number, such as 6";
        }
        if (type == Double.class || type == double.class) {
            return "a number, such as 0.5";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration: " + Durations.FORMS;
        }
        if (type == String.class) {
            return "text (a single value, not a list or mapping)";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys (key: value lines)";
    }

    private static String shown(String v) {
        String s = v.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** Durations in the forms of {@link Durations}; anything else names the forms. */
    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
            }
            String text = p.getValueAsString();
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }

    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
