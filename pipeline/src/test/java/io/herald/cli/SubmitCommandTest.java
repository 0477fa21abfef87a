package io.herald.cli;

import static io.herald.cli.CommandRun.configDir;
import static io.herald.cli.CommandRun.run;
import static io.herald.cli.CommandRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald submit} without a broker: everything that must be refused before anything is
 * produced. {@code --bootstrap 127.0.0.1:1} points at a port where nothing listens: a command that
 * tried to produce would fail there after a long wait, with another message.
 */
class SubmitCommandTest {

    private static final String NOWHERE = "127.0.0.1:1";

    @TempDir
    Path dir;

    Path config;

    @BeforeEach
    void setUp() {
        config = configDir(dir.resolve("config"), "dataDir: ./data\n");
    }

    private Path post(String name, String json) {
        return write(dir, name, json);
    }

    private static final String UNSIGNED = """
            {"id": "flu-clinic", "body": "Flu shots at our Main Street clinic.", "targets": ["mastodon:demo"]}
            """;

    /** A post that Herald will take: signed by an approver the test configuration trusts. */
    private static final String VALID = CommandRun.sign(UNSIGNED);

    @Test
    void shouldRefuseAnInvalidPostWithOneLineNamingTheFileAndTheFieldAndSendNothing() {
        Path file = post("no-targets.json", "{\"id\": \"flu\", \"body\": \"Flu shots.\"}");

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("herald: " + file + ": targets: is required\n");
    }

    @Test
    void shouldNameTheConfiguredAccountsForAnUnknownTarget() {
        Path file = post("elsewhere.json", "{\"id\": \"flu\", \"body\": \"Flu shots.\", \"targets\": [\"mastodon:elsewhere\"]}");

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).isEqualTo("herald: " + file
                + ": targets[0]: is not a configured account; configured: mastodon:riverside (" + dir.resolve("config/accounts.yaml")
                + "); sandbox: mastodon:demo (" + dir.resolve("config/sandbox/accounts.yaml") + ") (line 1, column 49)\n");
    }

    @Test
    void shouldRefuseAFileThatIsNotJsonInOneLine() {
        Path file = post("notes.txt", "Flu shots on Tuesday\nand Wednesday\n");

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + file + ": not valid JSON: ");
    }

    @Test
    void shouldCheckEveryFileBeforeSendingAny() {
        Path good = post("good.json", VALID);
        Path bad = post("bad.json", "{\"id\": \"flu 2\", \"body\": \"Flu shots.\", \"targets\": [\"mastodon:demo\"]}");

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, good.toString(), bad.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + bad + ": id: must be 1 to 128 letters");
    }

    @Test
    void shouldNameAMissingFile() {
        Path missing = dir.resolve("nope.json");

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, missing.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: " + missing + ": no such file\n");
    }

    @Test
    void shouldNameTheBootstrapOptionWhenItIsNonsense() {
        Path file = post("good.json", VALID);

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", "nonsense", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("herald: --bootstrap must be host:port[,host:port...], but was 'nonsense'\n");
    }

    @Test
    void shouldBlameTheFileNotTheOptionForABadBootstrapInTheFile() {
        Path bad = configDir(dir.resolve("bad-config"), "kafka:\n  bootstrap: nonsense\n");

        CommandRun run = run("submit", "--config", bad.toString(), "--bootstrap", "kafka:9092", post("good.json", VALID).toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: " + bad + ": kafka.bootstrap must be host:port[,host:port...], but was 'nonsense'\n");
    }

    @Test
    void shouldNameABootstrapHostThatDoesNotResolve() {
        Path file = post("good.json", VALID);

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", "no-such-broker.invalid:9092", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("herald: cannot reach Kafka at no-such-broker.invalid:9092: the host name"
                + " no-such-broker.invalid is not known; check --bootstrap\n");
    }

    @Test
    void shouldNameAConfigurationFileThatDoesNotExist() {
        Path missing = dir.resolve("missing.yaml");

        CommandRun run = run("submit", "--config", missing.toString(), post("good.json", VALID).toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: " + missing + ": no such file\n");
    }

    @Test
    void shouldNameTheFileAndKeyOfAMistakeInTheConfiguration() {
        Path bad = configDir(dir.resolve("bad-config"), "kafka:\n  foo: 1\n");

        CommandRun run = run("submit", "--config", bad.toString(), post("good.json", VALID).toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: " + bad + ": unknown key 'kafka.foo'\n");
    }

    @Test
    void shouldCallStandardInputByNameInAnError() {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("{\"id\": \"flu\"}".getBytes(StandardCharsets.UTF_8)));
        try {
            CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, "-");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("herald: <stdin>: body: is required\n");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void shouldRefuseAnUnsignedPostWithAdviceToSignIt() {
        Path file = post("unsigned.json", UNSIGNED);

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("herald: " + file + ": not sent: Herald will REJECT it (UNSIGNED): it is not signed:"
                + " sign it with 'herald approve --key KEY " + file + "' (--force sends it anyway)\n");
    }

    @Test
    void shouldRefuseAPostChangedAfterSigningWithAdviceToSignItAgain() {
        Path file = post("changed.json", VALID.replace("Main Street", "Main St"));

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + file + ": not sent: Herald will REJECT it (CONTENT_CHANGED):"
                + " it was changed after it was signed").contains("sign the final version again");
    }

    @Test
    void shouldRefuseAPostOfAnUnknownApproverWithAdviceToTrustOrResign() {
        Path file = post("stranger.json", VALID.replace("\"" + CommandRun.APPROVER_NAME + "\"", "\"stranger\""));

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + file + ": not sent: Herald will REJECT it (UNKNOWN_APPROVER):"
                + " its approver is not trusted here");
    }

    @Test
    void shouldRefuseAPostThatTheGateWillBlock() {
        Path file = post("phi.json", CommandRun.sign("""
                {"id": "p", "body": "Get well soon, Mr. Harold Jensen! Room 12 misses you.", "targets": ["mastodon:demo"]}
                """));

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + file + ": not sent: the compliance gate will BLOCK it for"
                + " patient identifiers: phi.").doesNotContain("Jensen");
    }

    @Test
    void shouldSendARefusedPostWithForceSayingSo() {
        Path file = post("unsigned.json", UNSIGNED);

        CommandRun run = run("submit", "--force", "--config", config.toString(), "--bootstrap", NOWHERE, file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("herald: warning: " + file + ": sending anyway (--force): Herald will REJECT it (UNSIGNED)")
                .contains("herald: cannot reach Kafka at " + NOWHERE);
    }

    @Test
    void shouldRefuseAPostThatMixesSandboxAndProductionAccounts() {
        Path file = post("mixed.json", CommandRun.sign("""
                {"id": "p", "body": "Flu shots.", "targets": ["mastodon:demo", "mastodon:riverside"]}
                """));

        CommandRun run = run("submit", "--config", config.toString(), "--bootstrap", NOWHERE, file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: " + file + ": targets: mixes sandbox accounts (mastodon:demo) with production"
                + " ones; a Herald runs either the sandbox accounts or the production ones\n");
    }

    @Test
    void shouldNeedAtLeastOneFile() {
        CommandRun run = run("submit");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("herald: Missing required parameter").contains("Try 'herald submit --help'.");
    }
}
