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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole path to the X stand-in (a reply chain, a rotated token) and the webhook receiver (a verified signature). */
@ExtendWith(KafkaExtension.class)
class XAndWebhookIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNTS = """
            accounts:
              - target: x:demo
                baseUrl: "{sandbox}/x"
                sandboxSecrets: {token: sandbox-x-demo, refreshToken: sandbox-x-demo-refresh}
                settings: {clientId: sandbox-x-client, userId: "1500000000000000001"}
              - target: webhook:demo
                baseUrl: "{sandbox}/webhook"
                sandboxSecrets: {secret: "whsec_VvZouLccg2ekoys2JUXfqJDO55RD6LGZqB5Z8teEiAA="}
                settings: {deduplicates: "true"}
            """;

    private static TestHerald herald(TestKafka kafka, String name) throws IOException {
        TestHerald herald = new TestHerald(kafka, name, List.of());
        Files.writeString(herald.configDir().resolve("sandbox/accounts.yaml"), ACCOUNTS);
        return herald;
    }

    private static String post(String id, String body) {
        return Json.write(Map.of("id", id, "revision", 1, "body", body, "link", "https://riverside-health.org/flu",
                "hashtags", List.of("FluSeason"), "targets", List.of("x:demo", "webhook:demo")));
    }

    private static List<JsonNode> published(TestHerald herald, String postId) {
        List<JsonNode> out = new ArrayList<>();
        herald.audit().stream().filter(e -> postId.equals(e.path("postId").asText(null)))
                .filter(e -> e.path("type").asText().equals("PUBLISHED")).forEach(out::add);
        return out;
    }

    @Test
    void shouldPublishAThreadToXAndASignedWebhookOnceEachNamingEveryPart(TestKafka kafka) throws IOException {
        String body = "Flu shots are now available at our Main Street clinic. Walk-ins welcome from 8 am to 6 pm on weekdays"
                + " and from 9 am to noon on Saturdays. Bring your insurance card if you have one; nobody is turned away. Ask"
                + " our nurses about the combined flu and COVID-19 appointment, and about shots for children from six months.";
        try (TestHerald herald = herald(kafka, "xwebhook").start()) {
            herald.sandbox().configure("x", Map.of("demoTokenRevoked", "true")); // the first call needs a renewal

            herald.produce("flu-x", post("flu-x", body));

            await().atMost(WAIT).until(() -> published(herald, "flu-x").size() == 2);
            List<SandboxPost> x = herald.posts().stream().filter(p -> p.target().equals("x:demo")).toList();
            List<SandboxPost> hooks = herald.posts().stream().filter(p -> p.target().equals("webhook:demo")).toList();
            assertThat(x).hasSizeGreaterThanOrEqualTo(2);
            assertThat(x.get(1).replyTo()).isEqualTo(x.get(0).remoteId());
            assertThat(hooks).singleElement().satisfies(h -> assertThat(h.text()).startsWith("Flu shots").endsWith("#FluSeason"));
            for (JsonNode event : published(herald, "flu-x")) {
                List<String> ids = new ArrayList<>();
                event.path("remoteIds").forEach(n -> ids.add(n.asText()));
                List<SandboxPost> held = event.path("target").asText().equals("x:demo") ? x : hooks;
                assertThat(ids).as("PUBLISHED %s names every part", event.path("target").asText())
                        .containsExactlyElementsOf(held.stream().map(SandboxPost::remoteId).toList());
            }
        }
    }

    @Test
    void shouldEndAnAttemptWithoutAnAnswerAsOnePostOnEach(TestKafka kafka) throws IOException {
        try (TestHerald herald = herald(kafka, "xwebhook-unclear").start()) {
            // both networks act on the call but answer after Herald's 15 s request timeout
            herald.sandbox().inject(io.herald.sandbox.SandboxFault.delay("x", Duration.ofSeconds(16)).onPath("^/2/tweets$"));
            herald.sandbox().inject(io.herald.sandbox.SandboxFault.delay("webhook", Duration.ofSeconds(16)));

            herald.produce("flu-unclear", post("flu-unclear", "Clinic hours change next week."));

            await().atMost(Duration.ofSeconds(90)).until(() -> published(herald, "flu-unclear").size() == 2);
            assertThat(herald.posts().stream().filter(p -> p.target().equals("x:demo"))).as("x posts").hasSize(1);
            assertThat(herald.posts().stream().filter(p -> p.target().equals("webhook:demo"))).as("webhook deliveries").hasSize(1);
        }
    }
}
