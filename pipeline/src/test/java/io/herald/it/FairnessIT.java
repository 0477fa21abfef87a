package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.HeraldConfig;
import io.herald.json.Json;
import io.herald.kafka.KafkaClients;
import io.herald.store.DeliveryState;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fair dispatch (DESIGN.md section 6, "Fair") on real parts: the embedded Kafka broker, the
 * pipeline and HTTP to the sandbox stand-ins. One account is flooded with far more due posts than
 * one selection round looks at and is rate-limited by its own {@code limits}; another account's
 * post, sent after the flood, still goes out within one poll interval of being scheduled.
 */
@ExtendWith(KafkaExtension.class)
class FairnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Longer than any dispatch round here, so "within one poll" is not won by a lucky timer. */
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final int FLOOD = 1201; // more than a round's 1000 rows, as in the starvation seen before
    private static final int LIMIT = 2;

    @Test
    void shouldPublishAnotherAccountsPostWithinOnePollWhileAFloodedAccountIsRateLimited(TestKafka kafka) throws Exception {
        try (TestHerald herald = new TestHerald(kafka, "fair", List.of())) {
            Files.writeString(herald.configDir().resolve("sandbox/accounts.yaml"), """
                    accounts:
                      - target: mastodon:demo
                        baseUrl: "{sandbox}/mastodon"
                        sandboxToken: sandbox-mastodon-demo
                        limits: [{posts: %d, per: PT1H}]
                      - target: linkedin:demo
                        baseUrl: "{sandbox}/linkedin"
                        sandboxSecrets: {token: sandbox-linkedin-demo}
                        settings:
                          author: "urn:li:organization:1000001"
                          version: "202610"
                    """.formatted(LIMIT));
            herald.withDispatch(new HeraldConfig.Dispatch(POLL, 5, Duration.ofMillis(200), 4, 0, Duration.ofSeconds(1)))
                    .start();

            List<String> flood = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                flood.add(Json.write(Map.of("id", "flood-" + i, "body", "Clinic update number " + i + ".",
                        "targets", List.of("mastodon:demo"))));
            }
            produceAll(kafka, herald, flood);
            await().atMost(WAIT).until(() -> count(herald, DeliveryState.SCHEDULED) + count(herald, DeliveryState.PUBLISHED)
                    >= FLOOD);
            await().atMost(WAIT).until(() -> herald.app().store().holds(Instant.now()).containsKey("mastodon:demo"));
            assertThat(herald.sandbox().posts("mastodon:demo")).as("the flooded account's own limit").hasSize(LIMIT);

            herald.produce("other-1", Json.write(Map.of("id", "other-1", "body", "Our Elm Street clinic opens on Monday.",
                    "targets", List.of("linkedin:demo"))));

            await().atMost(WAIT).until(() -> herald.auditTypes("other-1").contains("PUBLISHED"));
            Instant scheduled = at(herald, "other-1", "SCHEDULED");
            Instant published = at(herald, "other-1", "PUBLISHED");
            assertThat(Duration.between(scheduled, published)).as("scheduled %s, published %s", scheduled, published)
                    .isLessThan(POLL);
            assertThat(herald.sandbox().posts("linkedin:demo")).hasSize(1);
            assertThat(herald.sandbox().posts("mastodon:demo")).as("still held by its limit").hasSize(LIMIT);
            assertThat(count(herald, DeliveryState.SCHEDULED)).as("the flood waits, nothing lost").isEqualTo(FLOOD - LIMIT);
        }
    }

    private static long count(TestHerald herald, DeliveryState state) {
        return herald.app().store().countByState().getOrDefault(state, 0L);
    }

    private static Instant at(TestHerald herald, String postId, String type) {
        JsonNode e = herald.audit().stream().filter(n -> postId.equals(n.path("postId").asText(null)))
                .filter(n -> type.equals(n.get("type").asText())).findFirst().orElseThrow();
        return Instant.parse(e.get("at").asText());
    }

    private static void produceAll(TestKafka kafka, TestHerald herald, List<String> posts) throws Exception {
        try (Producer<byte[], byte[]> p = KafkaClients.producer(kafka.bootstrapServers(), "fair-it")) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String post : posts) {
                String id = Json.mapper().readTree(post).get("id").asText();
                sent.add(p.send(new ProducerRecord<>(herald.topics().approved(), id.getBytes(StandardCharsets.UTF_8),
                        post.getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
