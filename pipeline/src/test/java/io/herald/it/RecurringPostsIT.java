package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import io.herald.sandbox.SandboxPost;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recurring posts end to end, on the embedded broker and the sandbox stand-ins: each occurrence is its
 * own delivery with its own audit events naming it; X's duplicate refusal fails one occurrence and the
 * others go on; occurrences whose windows passed before Herald could send them are EXPIRED, never a burst.
 */
@ExtendWith(KafkaExtension.class)
class RecurringPostsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ACCOUNTS = """
            accounts:
              - target: mastodon:demo
                baseUrl: "{sandbox}/mastodon"
                sandboxToken: sandbox-mastodon-demo
              - target: x:demo
                baseUrl: "{sandbox}/x"
                sandboxSecrets: {token: sandbox-x-demo, refreshToken: sandbox-x-demo-refresh}
                settings: {clientId: sandbox-x-client, userId: "1500000000000000001"}
            """;

    @BeforeAll
    static void shortRepeats() {
        System.setProperty("herald.repeat.minEvery", "PT1S"); // production keeps PT1H
    }

    @AfterAll
    static void clear() {
        System.clearProperty("herald.repeat.minEvery");
    }

    private static TestHerald herald(TestKafka kafka, String name) throws IOException {
        TestHerald herald = new TestHerald(kafka, name, List.of());
        Files.writeString(herald.configDir().resolve("sandbox/accounts.yaml"), ACCOUNTS);
        return herald;
    }

    private static String post(String id, Instant publishAt, List<String> targets, Map<String, Object> repeat) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("body", "Flu shots every week at our Main Street clinic. Walk-ins welcome.");
        p.put("targets", targets);
        p.put("publishAt", publishAt.toString());
        p.put("repeat", repeat);
        return Json.write(p);
    }

    private static List<JsonNode> events(TestHerald herald, String postId, String type, String target) {
        return herald.audit().stream().filter(e -> postId.equals(e.path("postId").asText(null)))
                .filter(e -> e.path("type").asText().equals(type)).filter(e -> target.equals(e.path("target").asText(null)))
                .toList();
    }

    private static List<Integer> occurrences(List<JsonNode> events) {
        return events.stream().map(e -> e.path("occurrence").asInt(0)).toList();
    }

    @Test
    void shouldPublishEveryOccurrenceOnceWithItsOwnEventsAndLetAnXDuplicateFailAlone(TestKafka kafka) throws IOException {
        try (TestHerald herald = herald(kafka, "recurring").start()) {
            Instant first = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);

            herald.produce("weekly-flu", post("weekly-flu", first, List.of("mastodon:demo", "x:demo"),
                    Map.of("every", "PT4S", "count", 3)));

            await().atMost(WAIT).until(() -> events(herald, "weekly-flu", "PUBLISHED", "mastodon:demo").size() == 3
                    && events(herald, "weekly-flu", "PUBLISHED", "x:demo").size()
                            + events(herald, "weekly-flu", "FAILED", "x:demo").size() == 3);
            List<JsonNode> mastodon = events(herald, "weekly-flu", "PUBLISHED", "mastodon:demo");
            assertThat(occurrences(mastodon)).containsExactly(1, 2, 3);
            assertThat(mastodon).extracting(e -> e.path("remoteId").asText()).doesNotHaveDuplicates();
            assertThat(occurrences(events(herald, "weekly-flu", "ATTEMPT", "mastodon:demo"))).containsExactly(1, 2, 3);
            assertThat(occurrences(events(herald, "weekly-flu", "SCHEDULED", "mastodon:demo"))).containsExactly(1, 2, 3);
            for (int k = 1; k <= 3; k++) {
                Instant due = first.plusSeconds(4L * (k - 1));
                Instant at = Instant.parse(mastodon.get(k - 1).path("at").asText());
                assertThat(at).as("occurrence %s went out at its time", k).isAfterOrEqualTo(due).isBefore(due.plusSeconds(3));
            }
            List<SandboxPost> onMastodon = herald.posts().stream().filter(p -> p.target().equals("mastodon:demo")).toList();
            assertThat(onMastodon).hasSize(3);

            // X refuses the same text again within its duplicate window: occurrences 2 and 3 fail with that reason
            assertThat(occurrences(events(herald, "weekly-flu", "PUBLISHED", "x:demo"))).containsExactly(1);
            List<JsonNode> refused = events(herald, "weekly-flu", "FAILED", "x:demo");
            assertThat(occurrences(refused)).containsExactly(2, 3);
            assertThat(refused).allSatisfy(e -> assertThat(e.path("reason").asText()).contains("duplicate content")
                    .contains("not this delivery's own earlier post"));
            assertThat(herald.posts().stream().filter(p -> p.target().equals("x:demo"))).hasSize(1);
        }
    }

    @Test
    void shouldExpireOccurrencesWhoseTimePassedAndPublishOnlyTheLatestStillOpen(TestKafka kafka) throws IOException {
        try (TestHerald herald = herald(kafka, "recurring-late").start()) {
            // as after downtime: occurrences at -50 s, -30 s, -10 s (open until +10 s) and +10 s
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant first = now.minusSeconds(50);

            herald.produce("missed-flu", post("missed-flu", first, List.of("mastodon:demo"), Map.of("every", "PT20S", "count", 4)));

            await().atMost(WAIT).until(() -> events(herald, "missed-flu", "PUBLISHED", "mastodon:demo").size() == 2);
            assertThat(occurrences(events(herald, "missed-flu", "PUBLISHED", "mastodon:demo"))).containsExactly(3, 4);
            List<JsonNode> expired = events(herald, "missed-flu", "EXPIRED", "mastodon:demo");
            assertThat(occurrences(expired)).containsExactly(1, 2);
            assertThat(expired).allSatisfy(e -> assertThat(e.path("reason").asText())
                    .contains("only the latest missed occurrence still open goes out (occurrence 3), never a burst"));
            assertThat(herald.posts().stream().filter(p -> p.target().equals("mastodon:demo"))).hasSize(2);
            Instant third = Instant.parse(events(herald, "missed-flu", "PUBLISHED", "mastodon:demo").get(0).path("at").asText());
            Instant fourth = Instant.parse(events(herald, "missed-flu", "PUBLISHED", "mastodon:demo").get(1).path("at").asText());
            assertThat(Duration.between(third, fourth)).as("no burst: the fourth waits for its own time")
                    .isGreaterThan(Duration.ofSeconds(5));
        }
    }
}
