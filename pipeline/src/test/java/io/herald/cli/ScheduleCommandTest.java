package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.config.AccountRegistry;
import io.herald.config.HeraldConfig;
import io.herald.config.PostingSlots;
import io.herald.json.Json;
import io.herald.store.Database;
import io.herald.store.JdbcDeliveryStore;
import io.herald.store.NewDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald schedule} reads the delivery store of a running Herald (the store held open here, as
 * {@code herald run} holds it) and lists each account's waiting deliveries and free slots in its zone.
 */
class ScheduleCommandTest {

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path config = CommandRun.configDir(dir.resolve("config"), "dataDir: " + dir.resolve("data") + "\n");
        Files.writeString(dir.resolve("config").resolve("accounts.yaml"), """
                accounts:
                  - target: mastodon:riverside
                    baseUrl: https://mastodon.social
                    tokenEnv: HERALD_TEST_TOKEN_THAT_IS_NOT_SET
                    zone: America/New_York
                    slots: ["0 * * * * ?"]
                """);
        return config;
    }

    @Test
    void shouldListTwoQueuedPostsAndTheFreeSlotsInTheAccountsZoneWhileHeraldHoldsTheStore() throws Exception {
        Path config = config();
        var schedules = AccountRegistry.schedules(dir.resolve("config").resolve("accounts.yaml"));
        try (Database db = Database.open(new HeraldConfig.Store(null, null, null, null), dir.resolve("data"), Map.of())) {
            AuditLog audit = new AuditLog(db, new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                    "herald.audit", "i1", Clock.systemUTC());
            JdbcDeliveryStore store = new JdbcDeliveryStore(db, audit, Clock.systemUTC())
                    .withSlots(t -> PostingSlots.of(schedules.get(t)));
            for (int i = 0; i < 2; i++) {
                store.recordScheduled(new RecordSource("in", 0, i), 1L, "q" + i, 1, List.of(new NewDelivery("mastodon:riverside",
                        Instant.now(), null, "{}", "sha", null, true)), List.of());
            }

            CommandRun jsonl = CommandRun.run("schedule", "--config", config.toString(), "--format", "jsonl");
            assertThat(jsonl.err()).isEmpty();
            assertThat(jsonl.exit()).isZero();
            List<JsonNode> rows = jsonl.outLines().stream().map(l -> {
                try {
                    return Json.mapper().readTree(l);
                } catch (Exception e) {
                    throw new AssertionError(l, e);
                }
            }).toList();
            List<JsonNode> deliveries = rows.stream().filter(r -> r.get("kind").asText().equals("delivery")).toList();
            assertThat(deliveries).extracting(r -> r.get("postId").asText()).containsExactly("q0", "q1");
            Instant first = Instant.parse(deliveries.get(0).get("utc").asText());
            assertThat(Instant.parse(deliveries.get(1).get("utc").asText())).isEqualTo(first.plusSeconds(60));
            assertThat(deliveries.get(0).get("zone").asText()).isEqualTo("America/New_York");
            assertThat(deliveries.get(0).get("at").asText()).endsWith("-05:00");
            assertThat(rows).filteredOn(r -> r.get("kind").asText().equals("free-slot")).hasSize(ScheduleCommand.FREE_SLOTS_SHOWN)
                    .allSatisfy(r -> assertThat(Instant.parse(r.get("utc").asText())).isNotIn(first, first.plusSeconds(60)));

            CommandRun table = CommandRun.run("schedule", "--config", config.toString());
            assertThat(table.exit()).isZero();
            assertThat(table.out()).contains("mastodon:riverside  (America/New_York; slots 0 * * * * ?)")
                    .contains("q0 r1  SCHEDULED").contains("q1 r1  SCHEDULED").contains("(free slot)").contains(" EST");
        }
    }

    @Test
    void shouldNameAWrongOptionInOneLine() throws Exception {
        Path config = config();
        CommandRun r = CommandRun.run("schedule", "--config", config.toString(), "--from", "tomorrow");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err().strip()).startsWith("herald: --from must be an ISO-8601 time").doesNotContain("\n").doesNotContain("Exception");
        CommandRun t = CommandRun.run("schedule", "--config", config.toString(), "--target", "x:nobody");
        assertThat(t.err().strip()).contains("--target: no account 'x:nobody'");
        CommandRun none = CommandRun.run("schedule", "--config", config.toString());
        assertThat(none.err().strip()).contains("there is no delivery store");
    }

    @Test
    void shouldListTheNextOccurrenceOfARecurringPostAndTheUpcomingOnesInTheAccountsZone() throws Exception {
        config();
        var schedules = AccountRegistry.schedules(dir.resolve("config").resolve("accounts.yaml"));
        try (Database db = Database.open(new HeraldConfig.Store(null, null, null, null), dir.resolve("data"), Map.of())) {
            AuditLog audit = new AuditLog(db, new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                    "herald.audit", "i1", Clock.systemUTC());
            JdbcDeliveryStore store = new JdbcDeliveryStore(db, audit, Clock.systemUTC());
            java.time.ZoneId ny = java.time.ZoneId.of("America/New_York");
            // weekly at 09:00 New York from Sunday 2027-03-07: the second and third are after the change (March 14)
            Instant first = java.time.LocalDateTime.parse("2027-03-07T09:00").atZone(ny).toInstant();
            store.recordScheduled(new RecordSource("in", 0, 0), 1L, "weekly", 1, List.of(new NewDelivery("mastodon:riverside",
                    first, null, "{}", "sha", null, false, new io.herald.post.Recurrence("P7D", first, ny, null, 3, null))), List.of());

            List<ScheduleCommand.Row> rows = ScheduleCommand.rows(store, schedules, "mastodon:riverside",
                    first.minusSeconds(3600), first.plus(java.time.Duration.ofDays(30)));

            List<ScheduleCommand.Row> weekly = rows.stream().filter(r -> "weekly".equals(r.postId())).toList();
            assertThat(weekly).extracting(r -> r.occurrence() + " " + r.state() + " " + r.at().atZone(ny).toLocalDateTime())
                    .containsExactly("1 SCHEDULED 2027-03-07T09:00", "2 UPCOMING 2027-03-14T09:00", "3 UPCOMING 2027-03-21T09:00");
            assertThat(weekly.get(0).json().get("at")).isEqualTo("2027-03-07T09:00-05:00");
            assertThat(weekly.get(2).json().get("at")).isEqualTo("2027-03-21T09:00-04:00");
        }
    }
}
