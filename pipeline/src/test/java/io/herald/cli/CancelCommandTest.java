package io.herald.cli;

import static io.herald.cli.CommandRun.configDir;
import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code herald cancel} without a broker: what is refused before a tombstone is produced. */
class CancelCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"flu clinic", "flu/clinic", "grippe-été", ""})
    void shouldRefuseAPostIdOutsideThePatternInOneLine(String id) {
        CommandRun run = run("cancel", "--bootstrap", "127.0.0.1:1", id);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("herald: POST_ID must be 1 to 128 letters, digits, '.', '_' or '-' ([A-Za-z0-9._-]{1,128})\n");
    }

    @Test
    void shouldKeepTheErrorOnOneLineWhenTheIdHoldsALineBreak() {
        CommandRun run = run("cancel", "flu\nclinic");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: POST_ID must be").doesNotContain("clinic");
    }

    @Test
    void shouldRefuseAnIdLongerThan128Characters() {
        CommandRun run = run("cancel", "a".repeat(129));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: POST_ID must be 1 to 128");
    }

    @Test
    void shouldNameTheBootstrapOptionWhenItIsNonsense() {
        Path config = configDir(dir, "dataDir: ./data\n");

        CommandRun run = run("cancel", "--config", config.toString(), "--bootstrap", "nonsense", "flu-clinic");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: --bootstrap must be host:port[,host:port...], but was 'nonsense'\n");
    }

    @Test
    void shouldSayWithinTenSecondsThatNothingListensAtTheBootstrapNamingIt() {
        Path config = configDir(dir, "dataDir: ./data\n");
        long start = System.nanoTime();

        CommandRun run = run("cancel", "--config", config.toString(), "--bootstrap", "127.0.0.1:1", "flu-clinic");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("herald: cannot reach Kafka at 127.0.0.1:1: nothing listens there (connection refused);"
                + " check --bootstrap\n");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
    }

    @Test
    void shouldRefuseAWaitThatIsNotADuration() {
        CommandRun run = run("cancel", "--bootstrap", "127.0.0.1:1", "--wait", "soon", "flu-clinic");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: --wait: 'soon' is not a duration; write it as 500ms, 2s, 5m, 1h, 1d or ISO-8601"
                + " such as PT0.5S\n");
    }

    @Test
    void shouldNeedAPostId() {
        CommandRun run = run("cancel");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("herald: Missing required parameter: 'POST_ID'").contains("Try 'herald cancel --help'.");
    }

    @Test
    void shouldCancelOnePostAtATime() {
        CommandRun run = run("cancel", "a", "b");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument").contains("Try 'herald cancel --help'.");
    }
}
