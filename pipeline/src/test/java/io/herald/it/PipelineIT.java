package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.ingest.IngestService;
import io.herald.json.Json;
import io.herald.kafka.KafkaClients;
import io.herald.sandbox.SandboxPost;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import io.herald.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole path on real parts: a real Kafka broker, the pipeline, HTTP to the Mastodon stand-in. */
@ExtendWith(KafkaExtension.class)
class PipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldPublishAnApprovedPostToMastodonOnceWithItsAudit(TestKafka kafka) {
        try (TestHerald herald = new TestHerald(kafka, "publish", List.of()).start()) {
            herald.produce("flu-1", TestHerald.post("flu-1", 1, "Flu shots are now available. Walk-ins welcome."));

            await().atMost(WAIT).until(() -> herald.auditTypes("flu-1").contains("PUBLISHED"));
            List<SandboxPost> posts = herald.posts();
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0).target()).isEqualTo("mastodon:demo");
            assertThat(posts.get(0).text()).isEqualTo("Flu shots are now available. Walk-ins welcome.");
            assertThat(herald.auditTypes("flu-1")).containsExactly("RECEIVED", "SCHEDULED", "ATTEMPT", "PUBLISHED");
            JsonNode published = lastOfType(herald, "flu-1", "PUBLISHED");
            assertThat(published.get("remoteId").asText()).isEqualTo(posts.get(0).remoteId());
            assertThat(published.get("target").asText()).isEqualTo("mastodon:demo");
            assertThat(published.get("attempt").asInt()).isEqualTo(1);
        }
    }

    @Test
    void shouldCopyABadRecordByteForByteAndGoOnWithTheNext(TestKafka kafka) {
        try (TestHerald herald = new TestHerald(kafka, "invalid", List.of()).start()) {
            byte[] bad = "not json {".getBytes(StandardCharsets.UTF_8);
            herald.produce("bad-1", bad);
            herald.produce("no-targets", "{\"id\":\"no-targets\",\"body\":\"hello\"}");
            herald.produce("good-1", TestHerald.post("good-1", 1, "Clinic hours change next week."));

            await().atMost(WAIT).until(() -> herald.auditTypes("good-1").contains("PUBLISHED"));
            var invalid = TopicReader.readAll(kafka.bootstrapServers(), herald.topics().invalid());
            assertThat(invalid).hasSize(2);
            var first = invalid.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("bad-1")).findFirst().orElseThrow();
            assertThat(first.value()).isEqualTo(bad);
            assertThat(new String(first.headers().lastHeader(IngestService.HEADER_INVALID_REASON).value(), StandardCharsets.UTF_8))
                    .startsWith("not valid JSON");
            var second = invalid.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("no-targets")).findFirst().orElseThrow();
            assertThat(new String(second.headers().lastHeader(IngestService.HEADER_INVALID_FIELD).value(), StandardCharsets.UTF_8))
                    .isEqualTo("targets");

            JsonNode event = lastOfType(herald, "bad-1", "INVALID");
            assertThat(event.get("source").get("topic").asText()).isEqualTo(herald.topics().approved());
            assertThat(event.get("source").has("offset")).isTrue();
            assertThat(event.get("reason").asText()).startsWith("not valid JSON");
            assertThat(herald.auditTypes("no-targets")).containsExactly("INVALID");
            assertThat(herald.posts()).extracting(SandboxPost::text).containsExactly("Clinic hours change next week.");
        }
    }

    @Test
    void shouldPublishNothingAgainAfterARestart(TestKafka kafka) {
        try (TestHerald herald = new TestHerald(kafka, "restart", List.of()).start()) {
            herald.produce("r-1", TestHerald.post("r-1", 1, "First post before the restart."));
            await().atMost(WAIT).until(() -> herald.auditTypes("r-1").contains("PUBLISHED"));
            herald.stop();

            herald.start();
            herald.produce("r-2", TestHerald.post("r-2", 1, "Second post after the restart."));
            await().atMost(WAIT).until(() -> herald.auditTypes("r-2").contains("PUBLISHED"));

            assertThat(herald.posts()).extracting(SandboxPost::text)
                    .containsExactlyInAnyOrder("First post before the restart.", "Second post after the restart.");
            assertThat(herald.auditTypes("r-1")).containsExactly("RECEIVED", "SCHEDULED", "ATTEMPT", "PUBLISHED");
        }
    }

    @Test
    void shouldNotPublishTwiceARecordRedeliveredAfterACrashBeforeTheCommit(TestKafka kafka) throws Exception {
        try (TestHerald herald = new TestHerald(kafka, "redeliver", List.of()).start()) {
            herald.produce("c-1", TestHerald.post("c-1", 1, "Published, then the offset commit is lost."));
            await().atMost(WAIT).until(() -> herald.auditTypes("c-1").contains("PUBLISHED"));
            String instance = herald.app().instance();
            herald.stop();

            // The state a crash between publish and offset commit leaves: the group's offsets rewound.
            try (Admin admin = KafkaClients.admin(kafka.bootstrapServers())) {
                String group = herald.config().kafka().consumerGroup();
                // a stopped instance stays a (static) member until its session times out: remove it
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                        List.of(new MemberToRemove("herald-" + instance)))).all().get(10, TimeUnit.SECONDS);
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                assertThat(committed).isNotEmpty();
                Map<TopicPartition, OffsetAndMetadata> rewound = new java.util.HashMap<>();
                committed.keySet().forEach(tp -> rewound.put(tp, new OffsetAndMetadata(0)));
                admin.alterConsumerGroupOffsets(group, rewound).all().get(10, TimeUnit.SECONDS);
            }

            herald.start();
            herald.produce("c-2", TestHerald.post("c-2", 1, "A later post proves the redelivered one was consumed."));
            await().atMost(WAIT).until(() -> herald.auditTypes("c-2").contains("PUBLISHED"));

            assertThat(herald.posts()).extracting(SandboxPost::text).containsOnlyOnce("Published, then the offset commit is lost.");
            assertThat(herald.posts()).hasSize(2);
            assertThat(herald.auditTypes("c-1")).containsExactly("RECEIVED", "SCHEDULED", "ATTEMPT", "PUBLISHED");
        }
    }

    @Test
    void shouldRetryAnAttemptInterruptedByACrashWithTheSameIdempotencyKey(TestKafka kafka) throws Exception {
        try (TestHerald herald = new TestHerald(kafka, "inflight", List.of()).start()) {
            herald.produce("i-1", TestHerald.post("i-1", 1, "Sent, but the crash came before Herald recorded it."));
            await().atMost(WAIT).until(() -> herald.auditTypes("i-1").contains("PUBLISHED"));
            String instance = herald.app().instance();
            herald.stop();

            // The state a crash during the network call leaves: the delivery claimed, still in flight.
            String url = "jdbc:h2:file:" + herald.dataDir().toAbsolutePath().resolve("store/herald");
            try (Connection c = DriverManager.getConnection(url);
                    PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'IN_FLIGHT', claimed_by = ? WHERE post_id = ?")) {
                ps.setString(1, instance);
                ps.setString(2, "i-1");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }

            herald.start();
            await().atMost(WAIT).until(() -> herald.auditTypes("i-1").stream().filter("PUBLISHED"::equals).count() == 2);

            assertThat(herald.posts()).hasSize(1);
            List<JsonNode> published = herald.audit().stream()
                    .filter(e -> "i-1".equals(e.path("postId").asText()) && "PUBLISHED".equals(e.get("type").asText())).toList();
            assertThat(published.get(1).get("remoteId").asText()).isEqualTo(published.get(0).get("remoteId").asText());
            assertThat(herald.auditTypes("i-1")).containsSubsequence("PUBLISHED", "RETRY_SCHEDULED", "ATTEMPT", "PUBLISHED");
        }
    }

    @Test
    void shouldPublishAPostProducedBeforeHeraldStarted(TestKafka kafka) {
        try (TestHerald herald = new TestHerald(kafka, "early", List.of())) {
            // the topic must exist before Herald creates it: an operator's CMS may create it first
            herald.start();
            herald.stop();
            herald.produce("e-1", TestHerald.post("e-1", 1, "Produced while Herald was down."));
            herald.start();
            await().atMost(WAIT).until(() -> herald.auditTypes("e-1").contains("PUBLISHED"));
            assertThat(herald.posts()).extracting(SandboxPost::text).containsExactly("Produced while Herald was down.");
        }
    }

    @Test
    void shouldPublishAPostProducedBeforeHeraldFirstJoinedTheGroup(TestKafka kafka) throws Exception {
        try (TestHerald herald = new TestHerald(kafka, "fresh", List.of())) {
            try (Admin admin = KafkaClients.admin(kafka.bootstrapServers())) {
                io.herald.kafka.HeraldTopics.ensure(admin, herald.config().kafka());
            }
            herald.produce("f-1", TestHerald.post("f-1", 1, "Waiting in the topic for a brand-new group."));
            herald.start();
            await().atMost(WAIT).until(() -> herald.auditTypes("f-1").contains("PUBLISHED"));
            assertThat(herald.posts()).hasSize(1);
        }
    }

    @Test
    void shouldCancelAScheduledPostWithATombstone(TestKafka kafka) {
        try (TestHerald herald = new TestHerald(kafka, "cancel", List.of()).start()) {
            String later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
            herald.produce("t-1", Json.write(Map.of("id", "t-1", "body", "Tomorrow's reminder.", "targets", List.of("mastodon:demo"),
                    "publishAt", later)));
            await().atMost(WAIT).until(() -> herald.auditTypes("t-1").contains("SCHEDULED"));
            herald.produce("t-1", (byte[]) null);
            await().atMost(WAIT).until(() -> herald.auditTypes("t-1").contains("CANCELLED"));
            assertThat(herald.app().store().forPost("t-1")).singleElement()
                    .satisfies(d -> assertThat(d.state().name()).isEqualTo("CANCELLED"));
            assertThat(herald.posts()).isEmpty();
        }
    }

    @Test
    void shouldReplaceAWaitingRevisionAndIgnoreAnOlderOne(TestKafka kafka) {
        try (TestHerald herald = new TestHerald(kafka, "revision", List.of()).start()) {
            String later = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).toString();
            herald.produce("v-1", Json.write(Map.of("id", "v-1", "revision", 1, "body", "Typo in the frist version.",
                    "targets", List.of("mastodon:demo"), "publishAt", later)));
            herald.produce("v-1", Json.write(Map.of("id", "v-1", "revision", 2, "body", "Fixed in the second version.",
                    "targets", List.of("mastodon:demo"), "publishAt", later)));
            herald.produce("v-1", Json.write(Map.of("id", "v-1", "revision", 1, "body", "An old copy arriving late.",
                    "targets", List.of("mastodon:demo"))));
            await().atMost(WAIT).until(() -> herald.auditTypes("v-1").contains("PUBLISHED"));

            assertThat(herald.posts()).extracting(SandboxPost::text).containsExactly("Fixed in the second version.");
            assertThat(herald.auditTypes("v-1")).contains("CANCELLED", "DUPLICATE_SUPPRESSED");
        }
    }

    private static JsonNode lastOfType(TestHerald herald, String postId, String type) {
        List<JsonNode> events = herald.audit().stream()
                .filter(e -> postId.equals(e.path("postId").asText(null)) && type.equals(e.get("type").asText())).toList();
        assertThat(events).as("%s events of %s", type, postId).isNotEmpty();
        return events.get(events.size() - 1);
    }
}
