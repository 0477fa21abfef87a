package io.herald.cli;

import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.approval.ApprovalSigner;
import io.herald.approval.KeyFiles;
import io.herald.json.Json;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code herald cancel} and {@code herald held} against a running Herald: they say what Herald
 * did, read from its audit and held topics.
 */
@ExtendWith(KafkaExtension.class)
class CancelAndHeldCommandsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A herald.yaml for the commands, naming the Herald's own topics and broker. */
    private static Path commandConfig(TestHerald herald) throws IOException {
        var t = herald.topics();
        Files.writeString(herald.configDir().resolve("accounts.yaml"), "accounts: []\n");
        return Files.writeString(herald.configDir().resolve("herald.yaml"), """
                kafka:
                  bootstrap: "%s"
                  topics: {approved: %s, held: %s, invalid: %s, dead: %s, audit: %s}
                """.formatted(herald.config().kafka().bootstrap(), t.approved(), t.held(), t.invalid(), t.dead(), t.audit()));
    }

    private static ObjectNode sign(KeyPair key, Map<String, Object> post, Set<String> acknowledge) {
        return ApprovalSigner.sign((ObjectNode) Json.mapper().valueToTree(post), key.getPrivate(), "officer", Instant.now(),
                acknowledge);
    }

    @Test
    void shouldSayWhatItCancelledAndThatNothingWaitsForAPublishedOrUnknownPost(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "cancel", List.of()).start()) {
            Path config = commandConfig(herald);
            herald.produce("later", Json.write(Map.of("id", "later", "body", "Our new clinic opens next month.",
                    "targets", List.of("mastodon:demo"), "publishAt", "2099-01-01T09:00:00Z")));
            herald.produce("now", TestHerald.post("now", 1, "Walk-ins welcome today."));
            await().atMost(WAIT).until(() -> herald.auditTypes("later").contains("SCHEDULED")
                    && herald.auditTypes("now").contains("PUBLISHED"));

            CommandRun later = run("cancel", "--config", config.toString(), "later");
            CommandRun again = run("cancel", "--config", config.toString(), "later");
            CommandRun published = run("cancel", "--config", config.toString(), "now");
            CommandRun unknown = run("cancel", "--config", config.toString(), "never-submitted");

            assertThat(later.err()).isEmpty();
            assertThat(later.exit()).isZero();
            assertThat(later.out()).isEqualTo("cancelled later: mastodon:demo (revision 1) (nothing of it will go out)\n");
            assertThat(again.exit()).isEqualTo(CancelCommand.NOTHING_WAITING);
            assertThat(again.out()).isEqualTo("nothing of later was waiting: revision 1 cancelled before on mastodon:demo\n");
            assertThat(published.exit()).isEqualTo(CancelCommand.NOTHING_WAITING);
            assertThat(published.out()).startsWith("nothing of now was waiting: revision 1 already published (remote id ")
                    .endsWith(") on mastodon:demo\n");
            assertThat(unknown.exit()).isEqualTo(CancelCommand.NOTHING_WAITING);
            assertThat(unknown.out()).isEqualTo("nothing of never-submitted was waiting: Herald has no record of a post"
                    + " never-submitted (never submitted, or submitted to another Kafka)\n");
        }
    }

    @Test
    void shouldSayWhenHeraldDoesNotAnswerInTime(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "cancel-down", List.of()).start()) {
            Path config = commandConfig(herald);
            herald.stop();

            CommandRun run = run("cancel", "--config", config.toString(), "--wait", "500ms", "any");

            assertThat(run.exit()).isEqualTo(CancelCommand.NOT_CONFIRMED);
            assertThat(run.out()).startsWith("cancel of any sent to " + herald.topics().approved() + " (partition ")
                    .contains("but Herald has not answered within 500ms (is it running?)");
        }
    }

    @Test
    void shouldListHeldAndBlockedPostsUntilTheyAreSettledWithoutTheirText(TestKafka kafka) throws IOException {
        KeyPair key = KeyFiles.generate();
        try (TestHerald herald = new TestHerald(kafka, "held-list", List.of())) {
            KeyFiles.write(key, herald.configDir().resolve("approvers"), "officer");
            herald.withGate().start();
            Path config = commandConfig(herald);
            String held = "Our new supplement is a miracle cure for arthritis, guaranteed to work with no risk.";
            String blocked = "Get well soon, Mr. Harold Jensen! Your MRN 4471893 results are in.";
            herald.produce("held-1", Json.write(sign(key, Map.of("id", "held-1", "body", held,
                    "targets", List.of("mastodon:demo")), Set.of())));
            herald.produce("phi-1", Json.write(sign(key, Map.of("id", "phi-1", "body", blocked,
                    "targets", List.of("mastodon:demo")), Set.of())));
            await().atMost(WAIT).until(() -> herald.auditTypes("held-1").contains("HELD")
                    && herald.auditTypes("phi-1").contains("BLOCKED"));

            CommandRun table = run("held", "--config", config.toString());
            CommandRun jsonl = run("held", "--config", config.toString(), "--format", "jsonl");

            assertThat(table.exit()).as(table.err()).isZero();
            assertThat(table.outLines()).hasSize(3);
            assertThat(table.outLines().get(0)).startsWith("POST").contains("DECISION").contains("FINDINGS");
            assertThat(table.out()).contains("held-1").contains("phi-1").contains("BLOCKED").contains("--acknowledge ")
                    .doesNotContain("Jensen").doesNotContain("4471893").doesNotContain("arthritis");
            assertThat(jsonl.outLines()).hasSize(2);
            JsonNode phi = jsonl.outLines().stream().map(CancelAndHeldCommandsIT::json)
                    .filter(n -> n.get("id").asText().equals("phi-1")).findFirst().orElseThrow();
            assertThat(phi.get("decision").asText()).isEqualTo("BLOCKED");
            assertThat(phi.get("findings")).isNotEmpty().allSatisfy(f -> assertThat(f.has("message")).isFalse());
            assertThat(jsonl.out()).doesNotContain("Jensen").doesNotContain("4471893");
            JsonNode hold = jsonl.outLines().stream().map(CancelAndHeldCommandsIT::json)
                    .filter(n -> n.get("id").asText().equals("held-1")).findFirst().orElseThrow();
            assertThat(hold.get("toAcknowledge")).isNotEmpty();

            // a signed revision 2 acknowledging the held rules goes out; cancelling the blocked one withdraws it
            Set<String> rules = new java.util.TreeSet<>();
            hold.get("toAcknowledge").forEach(r -> rules.add(r.asText()));
            herald.produce("held-1", Json.write(sign(key, Map.of("id", "held-1", "revision", 2, "body", held,
                    "targets", List.of("mastodon:demo")), rules)));
            await().atMost(WAIT).until(() -> herald.auditTypes("held-1").contains("PUBLISHED"));
            CommandRun cancel = run("cancel", "--config", config.toString(), "phi-1");

            assertThat(cancel.exit()).isEqualTo(CancelCommand.NOTHING_WAITING);
            assertThat(cancel.out()).contains("its last revision was BLOCKED");
            CommandRun after = run("held", "--config", config.toString());
            assertThat(after.exit()).isZero();
            assertThat(after.out()).isEqualTo("no post is waiting for a person\n");
        }
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
