package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import io.herald.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald accounts --sandbox} asks each sandbox account's stand-in over a real socket. */
class AccountsCommandIT {

    @TempDir
    Path dir;

    @Test
    void shouldListEverySandboxAccountWithWhatItsNetworkSaysAndNoSecret() throws Exception {
        Path repoConfig = Path.of("..", "config").toAbsolutePath().normalize();
        try (SandboxServer sandbox = SandboxServer.start(0, dir.resolve("sandbox"))) {
            Path config = Files.writeString(dir.resolve("herald.yaml"), """
                    dataDir: %s
                    sandbox:
                      port: %d
                      accounts: %s
                      approvers: %s
                    """.formatted(dir.resolve("data"), sandbox.port(), repoConfig.resolve("sandbox/accounts.yaml"),
                    repoConfig.resolve("sandbox/approvers")));

            CommandRun table = CommandRun.run("accounts", "--config", config.toString(), "--sandbox");
            CommandRun jsonl = CommandRun.run("accounts", "--config", config.toString(), "--sandbox", "--format", "jsonl");

            assertThat(table.exit()).as(table.err()).isZero();
            assertThat(table.out()).startsWith("TARGET").contains("mastodon:demo").contains("instagram:demo");
            assertThat(table.out() + jsonl.out()).doesNotContain("sandbox-instagram-demo").doesNotContain("app-secret");
            List<JsonNode> lines = new ArrayList<>();
            for (String line : jsonl.out().split("\n")) {
                lines.add(Json.mapper().readTree(line));
            }
            assertThat(lines).extracting(l -> l.get("target").asText()).contains("mastodon:demo", "facebook:demo", "linkedin:demo");
            assertThat(lines).allSatisfy(l -> assertThat(l.get("status").asText()).isIn("OK", "WARNING", "ERROR", "UNKNOWN"));
            assertThat(lines).filteredOn(l -> List.of("instagram:demo", "mastodon:demo").contains(l.get("target").asText()))
                    .hasSize(2).allSatisfy(l -> assertThat(l.get("status").asText()).as(l.toString()).isEqualTo("OK"));
        }
    }

    @Test
    void shouldNameTheAccountsFileWhenItIsMissing() throws Exception {
        Path config = Files.writeString(dir.resolve("herald.yaml"), "accounts: " + dir.resolve("nope.yaml") + "\n");

        CommandRun run = CommandRun.run("accounts", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("nope.yaml");
    }
}
