package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("herald.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private HeraldConfig load(String yaml) throws IOException {
        return ConfigLoader.load(file(yaml), Map.of());
    }

    /** Loads and expects a refusal; the message is returned for checking. */
    private String refusal(String yaml) throws IOException {
        Path f = file(yaml);
        try {
            ConfigLoader.load(f, Map.of());
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected " + yaml + " to be refused");
    }

    @Nested
    class Defaults {

        @Test
        void shouldUseTheBuiltInDefaultsWhenTheDefaultFileIsAbsent() {
            assertThat(ConfigLoader.DEFAULT_FILE).as("tests run where there is no config/herald.yaml").doesNotExist();

            HeraldConfig c = ConfigLoader.load(null, Map.of());

            assertThat(c.file()).isEqualTo(ConfigLoader.DEFAULT_FILE);
            assertThat(c.kafka().embedded()).isTrue();
            assertThat(c.withFile(null)).isEqualTo(new HeraldConfig(null, null, null, null, null, null, null, null, null));
            assertThat(ConfigLoader.load(ConfigLoader.DEFAULT_FILE, Map.of())).isEqualTo(c);
        }

        @Test
        void shouldGiveEveryKeyADocumentedDefault() {
            HeraldConfig c = ConfigLoader.load(null, Map.of());

            assertThat(c.kafka().bootstrap()).isEmpty();
            assertThat(c.kafka().embeddedPort()).isEqualTo(9092);
            assertThat(c.kafka().partitions()).isEqualTo(6);
            assertThat(c.kafka().consumerGroup()).isEqualTo("herald");
            assertThat(c.kafka().maxPollRecords()).isEqualTo(500);
            assertThat(c.kafka().topics()).isEqualTo(new HeraldConfig.Topics("herald.posts.approved", "herald.posts.held",
                    "herald.posts.invalid", "herald.deliveries.dead", "herald.audit"));
            assertThat(c.store()).isEqualTo(new HeraldConfig.Store("", "", "", 8));
            assertThat(c.dataDir()).isEqualTo("./data");
            assertThat(c.accounts()).isEqualTo("accounts.yaml");
            assertThat(c.sandbox()).isEqualTo(new HeraldConfig.Sandbox(8089, "sandbox/accounts.yaml", "sandbox/approvers"));
            assertThat(c.approval().required()).isTrue();
            assertThat(c.approval().approvers()).isEqualTo("approvers");
            assertThat(c.approval().maxAge()).isNull();
            assertThat(c.compliance().policy()).isEqualTo("compliance.yaml");
            assertThat(c.dispatch().pollInterval()).isEqualTo(Duration.ofMillis(500));
            assertThat(c.dispatch().maxAttempts()).isEqualTo(5);
            assertThat(c.dispatch().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
            assertThat(c.dispatch().threads()).isEqualTo(4);
        }

        @Test
        void shouldTreatAnEmptyFileAsAllDefaults() throws IOException {
            assertThat(load("").withFile(null)).isEqualTo(ConfigLoader.load(null, Map.of()).withFile(null));
            assertThat(load("# nothing but a comment\n").withFile(null)).isEqualTo(ConfigLoader.load(null, Map.of()).withFile(null));
        }

        @Test
        void shouldShipAConfigurationFileThatHoldsExactlyTheDefaults() {
            Path shipped = Path.of("..", "config", "herald.yaml");
            assertThat(shipped).exists();

            HeraldConfig c = ConfigLoader.load(shipped, Map.of());

            assertThat(c.withFile(null)).isEqualTo(ConfigLoader.load(null, Map.of()).withFile(null));
        }

        @Test
        void shouldRefuseANamedFileThatDoesNotExist() {
            Path missing = dir.resolve("nope.yaml");

            assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                    .isInstanceOf(ConfigException.class).hasMessage(missing + ": no such file");
        }
    }

    @Nested
    class Reading {

        @Test
        void shouldReadEveryKey() throws IOException {
            HeraldConfig c = load("""
                    kafka:
                      bootstrap: "k1:9092,k2:9093"
                      embeddedPort: 19092
                      partitions: 12
                      consumerGroup: herald-eu
                      maxPollRecords: 50
                      topics: {approved: a.in, held: a.held, invalid: a.bad, dead: a.dead, audit: a.audit}
                    store: {url: "jdbc:postgresql://db:5432/herald", username: herald, passwordEnv: DB_PW, poolSize: 20}
                    dataDir: /var/lib/herald
                    accounts: prod-accounts.yaml
                    sandbox: {port: 18089, accounts: sb.yaml, approvers: sb-approvers}
                    approval: {required: false, approvers: keys, maxAge: P7D}
                    compliance: {policy: policy.yaml}
                    dispatch: {pollInterval: PT1S, maxAttempts: 9, initialBackoff: PT10S, threads: 16}
                    """);

            assertThat(c.kafka().bootstrap()).isEqualTo("k1:9092,k2:9093");
            assertThat(c.kafka().embedded()).isFalse();
            assertThat(c.kafka().embeddedPort()).isEqualTo(19092);
            assertThat(c.kafka().partitions()).isEqualTo(12);
            assertThat(c.kafka().consumerGroup()).isEqualTo("herald-eu");
            assertThat(c.kafka().maxPollRecords()).isEqualTo(50);
            assertThat(c.kafka().topics()).isEqualTo(new HeraldConfig.Topics("a.in", "a.held", "a.bad", "a.dead", "a.audit"));
            assertThat(c.store()).isEqualTo(new HeraldConfig.Store("jdbc:postgresql://db:5432/herald", "herald", "DB_PW", 20));
            assertThat(c.dataDir()).isEqualTo("/var/lib/herald");
            assertThat(c.accounts()).isEqualTo("prod-accounts.yaml");
            assertThat(c.sandbox()).isEqualTo(new HeraldConfig.Sandbox(18089, "sb.yaml", "sb-approvers"));
            assertThat(c.approval().required()).isFalse();
            assertThat(c.approval().approvers()).isEqualTo("keys");
            assertThat(c.approval().maxAge()).isEqualTo(Duration.ofDays(7));
            assertThat(c.compliance().policy()).isEqualTo("policy.yaml");
            assertThat(c.dispatch().pollInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(c.dispatch().maxAttempts()).isEqualTo(9);
            assertThat(c.dispatch().initialBackoff()).isEqualTo(Duration.ofSeconds(10));
            assertThat(c.dispatch().threads()).isEqualTo(16);
        }

        @Test
        void shouldKeepDefaultsForKeysASectionLeavesOut() throws IOException {
            HeraldConfig c = load("kafka:\n  partitions: 3\n");

            assertThat(c.kafka().partitions()).isEqualTo(3);
            assertThat(c.kafka().embeddedPort()).isEqualTo(9092);
            assertThat(c.kafka().topics().approved()).isEqualTo("herald.posts.approved");
        }

        @Test
        void shouldResolveRelativePathsAgainstTheFilesFolder() throws IOException {
            HeraldConfig c = load("accounts: prod.yaml\n");

            assertThat(c.resolve(c.accounts())).isEqualTo(dir.resolve("prod.yaml"));
            assertThat(c.resolve(dir.resolve("abs.yaml").toString())).isEqualTo(dir.resolve("abs.yaml"));
        }

        @Test
        void shouldKeepTheDataDirectoryRelativeToTheWorkingDirectory() throws IOException {
            assertThat(load("dataDir: ./state\n").dataPath()).isEqualTo(Path.of("./state"));
        }
    }

    @Nested
    class Mistakes {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "kafka:\\n  foo: 1|kafka.foo",
            "foo: 1|foo",
            "kafka:\\n  topics:\\n    approvd: x|kafka.topics.approvd",
            "dispatch:\\n  retries: 3|dispatch.retries",
            "file: /etc/other.yaml|file"})
        void shouldRefuseAnUnknownKeyNamingFileAndKey(String yaml, String key) throws IOException {
            assertThat(refusal(yaml.replace("\\n", "\n"))).isEqualTo(dir.resolve("herald.yaml") + ": unknown key '" + key + "'");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "kafka:\\n  partitions: many|kafka.partitions",
            "kafka:\\n  partitions: 0|kafka.partitions",
            "kafka:\\n  partitions: 1001|kafka.partitions",
            "kafka:\\n  embeddedPort: 70000|kafka.embeddedPort",
            "kafka:\\n  maxPollRecords: 0|kafka.maxPollRecords",
            "kafka:\\n  bootstrap: nonsense|kafka.bootstrap",
            "kafka:\\n  bootstrap: 'broker:99999'|kafka.bootstrap",
            "kafka:\\n  bootstrap: 'broker:0'|kafka.bootstrap",
            "kafka:\\n  topics:\\n    audit: 'herald audit'|kafka.topics.audit",
            "kafka:\\n  topics:\\n    approved: '..'|kafka.topics.approved",
            "kafka:\\n  consumerGroup: [a]|kafka.consumerGroup",
            "store:\\n  url: postgres://db/herald|store.url",
            "store:\\n  poolSize: 1|store.poolSize",
            "sandbox:\\n  port: -1|sandbox.port",
            "approval:\\n  required: maybe|approval.required",
            "approval:\\n  maxAge: -PT1H|approval.maxAge",
            "approval:\\n  maxAge: a week|approval.maxAge",
            "dispatch:\\n  pollInterval: PT0S|dispatch.pollInterval",
            "dispatch:\\n  pollInterval: fast|dispatch.pollInterval",
            "dispatch:\\n  initialBackoff: -PT2S|dispatch.initialBackoff",
            "dispatch:\\n  initialBackoff: PT0S|dispatch.initialBackoff",
            "dispatch:\\n  maxAttempts: 0|dispatch.maxAttempts",
            "dispatch:\\n  threads: 300|dispatch.threads"})
        void shouldRefuseABadValueInOneLineNamingFileAndKey(String yaml, String key) throws IOException {
            String message = refusal(yaml.replace("\\n", "\n"));

            assertThat(message).startsWith(dir.resolve("herald.yaml") + ": " + key).doesNotContain("\n");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "500ms|PT0.5S", "2s|PT2S", "1.5s|PT1.5S", "5m|PT5M", "1h|PT1H", "1d|PT24H", "PT0.5S|PT0.5S", "pt2s|PT2S"})
        void shouldReadADurationInTheFormsPeopleWrite(String written, String meant) throws IOException {
            assertThat(load("dispatch:\n  pollInterval: " + written + "\n").dispatch().pollInterval()).isEqualTo(Duration.parse(meant));
        }

        @Test
        void shouldSayWhatADurationLooksLikeWithoutJavaTypes() throws IOException {
            assertThat(refusal("dispatch:\n  pollInterval: fast\n")).isEqualTo(dir.resolve("herald.yaml")
                    + ": dispatch.pollInterval: 'fast' is not a duration; write it as 500ms, 2s, 5m, 1h, 1d or ISO-8601 such as PT0.5S");
        }

        @Test
        void shouldSayWhatANumberOrABooleanLooksLikeWithoutJavaTypes() throws IOException {
            assertThat(refusal("kafka:\n  partitions: many\n"))
                    .isEqualTo(dir.resolve("herald.yaml") + ": kafka.partitions: 'many' is not a whole number, such as 6");
            assertThat(refusal("approval:\n  required: maybe\n"))
                    .isEqualTo(dir.resolve("herald.yaml") + ": approval.required: 'maybe' is not true or false");
            assertThat(refusal("kafka:\n  consumerGroup: [a]\n"))
                    .isEqualTo(dir.resolve("herald.yaml") + ": kafka.consumerGroup: must be text (a single value, not a list or mapping)");
            assertThat(refusal("kafka: 3\n")).doesNotContain("java").doesNotContain("`");
        }

        @Test
        void shouldSayWhatTheRangeIsAndWhatWasGiven() throws IOException {
            assertThat(refusal("kafka:\n  partitions: 0\n"))
                    .isEqualTo(dir.resolve("herald.yaml") + ": kafka.partitions must be between 1 and 1000, but was 0");
        }

        @Test
        void shouldRefuseYamlThatDoesNotParseNamingTheLine() throws IOException {
            assertThat(refusal("kafka:\n  partitions: 3\n bad indent: [\n"))
                    .startsWith(dir.resolve("herald.yaml") + ": not valid YAML at line ").doesNotContain("\n");
        }

        @Test
        void shouldRefuseAFileThatIsNotAMapping() throws IOException {
            assertThat(refusal("- kafka\n- store\n"))
                    .isEqualTo(dir.resolve("herald.yaml") + ": must be a mapping of keys (key: value lines), but is a list");
        }
    }

    @Nested
    class Environment {

        @Test
        void shouldLetTheEnvironmentSetTheBootstrap() throws IOException {
            HeraldConfig c = ConfigLoader.load(file("kafka:\n  bootstrap: a:9092\n"), Map.of("HERALD_KAFKA_BOOTSTRAP", "b:9092,c:9092"));

            assertThat(c.kafka().bootstrap()).isEqualTo("b:9092,c:9092");
            assertThat(c.kafka().embedded()).isFalse();
        }

        @Test
        void shouldLetTheEnvironmentSetTheDataDirAndTheStoreUrlKeepingTheRestOfTheStore() throws IOException {
            HeraldConfig c = ConfigLoader.load(file("store:\n  username: herald\n  poolSize: 4\n"), Map.of(
                    "HERALD_DATA_DIR", "/srv/herald", "HERALD_STORE_URL", "jdbc:postgresql://db/herald"));

            assertThat(c.dataDir()).isEqualTo("/srv/herald");
            assertThat(c.store()).isEqualTo(new HeraldConfig.Store("jdbc:postgresql://db/herald", "herald", "", 4));
        }

        @Test
        void shouldApplyTheEnvironmentToTheDefaultsWhenThereIsNoFile() {
            HeraldConfig c = ConfigLoader.load(null, Map.of("HERALD_KAFKA_BOOTSTRAP", "kafka:9092"));

            assertThat(c.kafka().bootstrap()).isEqualTo("kafka:9092");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void shouldIgnoreABlankVariable(String blank) throws IOException {
            HeraldConfig c = ConfigLoader.load(file("dataDir: /a\n"), Map.of(
                    "HERALD_KAFKA_BOOTSTRAP", blank, "HERALD_DATA_DIR", blank, "HERALD_STORE_URL", blank));

            assertThat(c.kafka().embedded()).isTrue();
            assertThat(c.dataDir()).isEqualTo("/a");
            assertThat(c.store().url()).isEmpty();
        }

        @Test
        void shouldNameTheVariableWhenItsBootstrapIsBad() throws IOException {
            Path f = file("");

            assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("HERALD_KAFKA_BOOTSTRAP", "nonsense")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("HERALD_KAFKA_BOOTSTRAP must be host:port[,host:port...], but was 'nonsense'");
        }

        @Test
        void shouldNameTheVariableWhenItsStoreUrlIsBad() throws IOException {
            Path f = file("");

            assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("HERALD_STORE_URL", "postgres://db")))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("HERALD_STORE_URL must be a JDBC URL");
        }
    }
}
