package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.approval.ApprovalSigner;
import io.herald.approval.KeyFiles;
import io.herald.json.Json;
import io.herald.sandbox.SandboxPost;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import io.herald.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The compliance gate in the running pipeline: approvals, patient identifiers, held posts. */
@ExtendWith(KafkaExtension.class)
class GateIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PATIENT = "Margaret Okonkwo";

    @Test
    void shouldRejectUnsignedAndAlteredPostsAndPublishASignedCleanOne(TestKafka kafka) {
        KeyPair key = KeyFiles.generate();
        try (TestHerald herald = new TestHerald(kafka, "approval", List.of())) {
            KeyFiles.write(key, herald.configDir().resolve("approvers"), "officer");
            herald.withGate().start();

            herald.produce("unsigned-1", TestHerald.post("unsigned-1", 1, "Our clinic opens at 8 tomorrow."));
            ObjectNode altered = sign(key, "altered-1", 1, "Flu shots are available this week.", Set.of());
            altered.put("body", "Flu shots are free for everyone this week.");
            herald.produce("altered-1", Json.write(altered));
            ObjectNode clean = sign(key, "clean-1", 1, "Flu shots are available this week. Walk-ins welcome.", Set.of());
            herald.produce("clean-1", Json.write(clean));

            await().atMost(WAIT).until(() -> herald.auditTypes("clean-1").contains("PUBLISHED"));
            assertThat(herald.auditTypes("unsigned-1")).containsExactly("RECEIVED", "REJECTED");
            assertThat(reason(herald, "unsigned-1", "REJECTED")).startsWith("UNSIGNED");
            assertThat(herald.auditTypes("altered-1")).containsExactly("RECEIVED", "REJECTED");
            assertThat(reason(herald, "altered-1", "REJECTED")).startsWith("CONTENT_CHANGED");
            assertThat(herald.posts()).extracting(SandboxPost::text)
                    .containsExactly("Flu shots are available this week. Walk-ins welcome.");
        }
    }

    @Test
    void shouldBlockASignedPostNamingAPatientAndKeepTheNameOutOfTheAudit(TestKafka kafka) {
        KeyPair key = KeyFiles.generate();
        try (TestHerald herald = new TestHerald(kafka, "phi", List.of())) {
            KeyFiles.write(key, herald.configDir().resolve("approvers"), "officer");
            herald.withGate().start();

            String body = "Happy to report that our patient " + PATIENT + " went home from room 412 on March 3rd after her hip surgery!";
            herald.produce("phi-1", Json.write(sign(key, "phi-1", 1, body, Set.of())));
            herald.produce("after-1", Json.write(sign(key, "after-1", 1, "Reminder: our clinic closes early on Friday.", Set.of())));

            await().atMost(WAIT).until(() -> herald.auditTypes("after-1").contains("PUBLISHED"));
            assertThat(herald.auditTypes("phi-1")).containsExactly("RECEIVED", "BLOCKED");
            JsonNode blocked = event(herald, "phi-1", "BLOCKED");
            assertThat(blocked.get("findings")).isNotEmpty();
            assertThat(blocked.get("findings").findValuesAsText("rule")).anyMatch(r -> r.startsWith("phi."));

            var held = TopicReader.readAll(kafka.bootstrapServers(), herald.topics().held());
            assertThat(held).hasSize(1);
            assertThat(new String(held.get(0).value(), StandardCharsets.UTF_8)).contains("BLOCKED");

            for (var record : TopicReader.readAll(kafka.bootstrapServers(), herald.topics().audit())) {
                String text = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(text).doesNotContain("Okonkwo").doesNotContain("Margaret");
            }
            assertThat(herald.posts()).extracting(SandboxPost::text).noneMatch(t -> t.contains("Okonkwo"));
        }
    }

    @Test
    void shouldPublishAHeldPostOnceANewRevisionAcknowledgesItsFindings(TestKafka kafka) {
        KeyPair key = KeyFiles.generate();
        try (TestHerald herald = new TestHerald(kafka, "held", List.of())) {
            KeyFiles.write(key, herald.configDir().resolve("approvers"), "officer");
            herald.withGate().start();

            String body = "Our new supplement is a miracle cure for arthritis, guaranteed to work with no risk.";
            herald.produce("held-1", Json.write(sign(key, "held-1", 1, body, Set.of())));
            await().atMost(WAIT).until(() -> herald.auditTypes("held-1").contains("HELD"));
            assertThat(herald.posts()).isEmpty();

            // the reviewer reads the findings and signs a new revision acknowledging each held rule
            Set<String> holdRules = new TreeSet<>();
            event(herald, "held-1", "HELD").get("findings").forEach(f -> {
                if ("HOLD".equals(f.get("action").asText())) {
                    holdRules.add(f.get("rule").asText());
                }
            });
            assertThat(holdRules).isNotEmpty();
            herald.produce("held-1", Json.write(sign(key, "held-1", 2, body, holdRules)));

            await().atMost(WAIT).until(() -> herald.auditTypes("held-1").contains("PUBLISHED"));
            assertThat(herald.auditTypes("held-1")).containsExactly(
                    "RECEIVED", "HELD", "RECEIVED", "SCHEDULED", "ATTEMPT", "PUBLISHED");
            assertThat(herald.posts()).extracting(SandboxPost::text).containsExactly(body);
        }
    }

    @Test
    void shouldRecordWarningsOnThePublishedEvent(TestKafka kafka) {
        KeyPair key = KeyFiles.generate();
        try (TestHerald herald = new TestHerald(kafka, "warn", List.of())) {
            KeyFiles.write(key, herald.configDir().resolve("approvers"), "officer");
            herald.withGate().start();
            ObjectNode post = (ObjectNode) Json.mapper().valueToTree(Map.of("id", "w-1", "revision", 1,
                    "body", "Our new waiting room opens Monday.", "link", "http://valley.example/room",
                    "media", List.of(Map.of("url", herald.sandbox().sampleMedia("sample.jpg").toString().replace("127.0.0.1", "localhost"), "mimeType", "image/jpeg")),
                    "targets", List.of("mastodon:demo")));
            herald.produce("w-1", Json.write(ApprovalSigner.sign(post, key.getPrivate(), "officer", Instant.now())));

            await().atMost(WAIT).until(() -> herald.auditTypes("w-1").contains("PUBLISHED"));
            JsonNode published = event(herald, "w-1", "PUBLISHED");
            assertThat(published.get("findings").findValuesAsText("rule"))
                    .contains("accessibility.alt-text", "security.https");
            assertThat(published.get("findings").findValuesAsText("action")).containsOnly("WARN");
        }
    }

    @Test
    void shouldRejectAPostSignedByAnUnknownApprover(TestKafka kafka) {
        KeyPair trusted = KeyFiles.generate();
        KeyPair stranger = KeyFiles.generate();
        try (TestHerald herald = new TestHerald(kafka, "stranger", List.of())) {
            KeyFiles.write(trusted, herald.configDir().resolve("approvers"), "officer");
            herald.withGate().start();
            ObjectNode post = (ObjectNode) Json.mapper().valueToTree(Map.of("id", "s-1", "revision", 1,
                    "body", "Clinic closed Monday.", "targets", List.of("mastodon:demo")));
            herald.produce("s-1", Json.write(ApprovalSigner.sign(post, stranger.getPrivate(), "mallory", Instant.now())));
            await().atMost(WAIT).until(() -> herald.auditTypes("s-1").contains("REJECTED"));
            assertThat(reason(herald, "s-1", "REJECTED")).startsWith("UNKNOWN_APPROVER");
            assertThat(herald.posts()).isEmpty();
        }
    }

    private static ObjectNode sign(KeyPair key, String id, int revision, String body, Set<String> acknowledge) {
        ObjectNode post = (ObjectNode) Json.mapper().valueToTree(Map.of("id", id, "revision", revision, "body", body,
                "targets", List.of("mastodon:demo")));
        return ApprovalSigner.sign(post, key.getPrivate(), "officer", Instant.now(), acknowledge);
    }

    private static JsonNode event(TestHerald herald, String postId, String type) {
        return herald.audit().stream()
                .filter(e -> postId.equals(e.path("postId").asText(null)) && type.equals(e.get("type").asText()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type + " event for " + postId));
    }

    private static String reason(TestHerald herald, String postId, String type) {
        return event(herald, postId, type).get("reason").asText();
    }
}
