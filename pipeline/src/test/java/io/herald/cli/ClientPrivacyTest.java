package io.herald.cli;

import static io.herald.cli.CommandRun.configDir;
import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.post.PostParserPrivacyTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a client command says of a malformed post never quotes it: the same plants as the parser's
 * test (a patient's name, birth date and record number in every kind of malformed post), through
 * check, preview, approve and submit, on standard output and standard error alike.
 */
class ClientPrivacyTest {

    @TempDir
    Path dir;

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> malformed() {
        return PostParserPrivacyTest.malformed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldRefuseEveryMalformedPostWithoutQuotingThePatient(String kind, String json) throws Exception {
        Path config = configDir(dir.resolve("config"), "dataDir: ./data\n");
        Path file = Files.writeString(dir.resolve("post.json"), json.replace("mastodon:riverside", "mastodon:demo"));
        Path key = CommandRun.approverKey(Files.createDirectories(dir.resolve("keys")));

        for (CommandRun r : new CommandRun[] {
            run("check", "--config", config.toString(), file.toString()),
            run("preview", "--config", config.toString(), file.toString()),
            run("approve", "--config", config.toString(), "--key", key.toString(), file.toString()),
            run("submit", "--config", config.toString(), "--bootstrap", "127.0.0.1:1", file.toString())}) {
            PostParserPrivacyTest.assertNoPatient(r.err());
            if (r.exit() != 0) {
                assertThat(r.exit()).isEqualTo(2);
                assertThat(r.out()).isEmpty();
                assertThat(r.err()).hasLineCount(1);
            }
        }
    }
}
