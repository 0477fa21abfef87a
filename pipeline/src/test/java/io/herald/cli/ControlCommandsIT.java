package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.SandboxFault;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code herald redrive} and {@code herald resolve} against a running Herald: the command goes over
 * the control topic, Herald applies it to its store and answers in the audit log, and the command
 * prints that answer with the right exit code.
 */
@ExtendWith(KafkaExtension.class)
class ControlCommandsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Path commandConfig(TestHerald herald) throws IOException {
        var t = herald.topics();
        Files.writeString(herald.configDir().resolve("accounts.yaml"), "accounts: []\n");
        return Files.writeString(herald.configDir().resolve("herald.yaml"), """
                kafka:
                  bootstrap: "%s"
                  topics: {approved: %s, held: %s, invalid: %s, dead: %s, audit: %s, control: %s}
                """.formatted(herald.config().kafka().bootstrap(), t.approved(), t.held(), t.invalid(), t.dead(), t.audit(),
                t.control()));
    }

    @Test
    void shouldRedriveADeadDeliveryOnceAndSayWhenNothingFailed(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "redrive", List.of())) {
            herald.sandbox().inject(SandboxFault.status("mastodon", 422).withBody("{\"error\":\"Validation failed\"}")
                    .onPath("/api/v1/statuses$"));
            herald.start();
            Path config = commandConfig(herald);
            herald.produce("dead-1", TestHerald.post("dead-1", 1, "Our clinic opens late on Thursday."));
            await().atMost(WAIT).until(() -> herald.auditTypes("dead-1").contains("FAILED"));

            CommandRun redrive = run("redrive", "--config", config.toString(), "--by", "jane", "--reason", "validation fixed", "dead-1");
            await().atMost(WAIT).until(() -> herald.auditTypes("dead-1").contains("PUBLISHED"));
            CommandRun again = run("redrive", "--config", config.toString(), "--by", "jane", "dead-1");

            assertThat(redrive.err()).isEmpty();
            assertThat(redrive.exit()).isZero();
            assertThat(redrive.out()).isEqualTo("RETRY_SCHEDULED mastodon:demo revision 1: re-driven by jane: validation fixed;"
                    + " next attempt now\n");
            assertThat(herald.posts()).hasSize(1);
            assertThat(again.exit()).isEqualTo(ControlClient.NOT_APPLIED);
            assertThat(again.out()).startsWith("NOT_APPLIED: redrive by jane: nothing failed to re-drive (mastodon:demo revision 1 PUBLISHED)");
        }
    }

    @Test
    void shouldSettleAnUnknownOutcomeAsPublishedWithWhoAndWhy(TestKafka kafka) throws Exception {
        try (TestHerald herald = new TestHerald(kafka, "resolve", List.of()).start()) {
            Path config = commandConfig(herald);
            herald.produce("u-1", TestHerald.post("u-1", 1, "Flu shots today."));
            await().atMost(WAIT).until(() -> herald.auditTypes("u-1").contains("PUBLISHED"));
            herald.stop();
            // the state an unclear attempt on a network that can neither de-duplicate nor be read back leaves
            String url = "jdbc:h2:file:" + herald.dataDir().toAbsolutePath().resolve("store/herald");
            try (Connection c = DriverManager.getConnection(url);
                    PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'UNKNOWN_OUTCOME' WHERE post_id = 'u-1'")) {
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            herald.start();

            CommandRun resolved = run("resolve", "--config", config.toString(), "--target", "mastodon:demo",
                    "--published", "remote-42", "--by", "jane", "--reason", "found it on the account", "u-1");
            CommandRun again = run("resolve", "--config", config.toString(), "--target", "mastodon:demo", "--abandon", "--by", "jane",
                    "u-1");

            assertThat(resolved.exit()).as(resolved.out() + resolved.err()).isZero();
            assertThat(resolved.out()).startsWith("PUBLISHED mastodon:demo revision 1: resolved by jane: found it on the account");
            List<JsonNode> published = herald.audit().stream().filter(e -> "u-1".equals(e.path("postId").asText()))
                    .filter(e -> "PUBLISHED".equals(e.path("type").asText())).toList();
            assertThat(published).hasSize(2);
            assertThat(published.get(1).get("remoteId").asText()).isEqualTo("remote-42");
            assertThat(published.get(1).get("reason").asText()).contains("jane").contains("found it on the account");
            assertThat(again.exit()).isEqualTo(ControlClient.NOT_APPLIED);
        }
    }

    @Test
    void shouldRefuseAResolveWithoutAChoiceInOneLine() {
        CommandRun r = run("resolve", "--target", "mastodon:demo", "u-1");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--published").contains("--retry").contains("--abandon");
    }

    private static CommandRun run(String... args) {
        return CommandRun.run(args);
    }
}
