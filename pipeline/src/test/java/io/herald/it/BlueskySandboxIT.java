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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline publishing to {@code bluesky:demo} on the sandbox's PDS stand-in, with the shipped sandbox account. */
@ExtendWith(KafkaExtension.class)
class BlueskySandboxIT {

    @Test
    void shouldPublishAThreadToTheBlueskyStandInOnceNamingEveryPart(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "bluesky-sandbox", List.of())) {
            // the shipped sandbox accounts file, as `herald run --sandbox` reads it
            Files.copy(Path.of("..", "config", "sandbox", "accounts.yaml"), herald.configDir().resolve("sandbox/accounts.yaml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            herald.start();
            StringBuilder body = new StringBuilder("Flu shots 💉 at our Main Street clinic.");
            for (int i = 1; body.length() < 500; i++) {
                body.append(" Walk-ins welcome on day ").append(i).append(" of the campaign.");
            }
            herald.produce("flu-bsky", Json.write(Map.of("id", "flu-bsky", "revision", 1, "body", body.toString(),
                    "link", "https://riverside.example/flu", "hashtags", List.of("FluSeason"), "targets", List.of("bluesky:demo"))));

            await().atMost(Duration.ofSeconds(30)).until(() -> herald.auditTypes("flu-bsky").contains("PUBLISHED"));
            List<SandboxPost> posts = herald.posts().stream().filter(p -> p.target().equals("bluesky:demo")).toList();
            JsonNode published = herald.audit().stream().filter(e -> "flu-bsky".equals(e.path("postId").asText())
                    && "PUBLISHED".equals(e.path("type").asText())).findFirst().orElseThrow();
            List<String> ids = new ArrayList<>();
            published.get("remoteIds").forEach(n -> ids.add(n.asText()));
            assertThat(posts).extracting(SandboxPost::remoteId).containsExactlyElementsOf(ids);
            assertThat(ids).hasSizeGreaterThanOrEqualTo(2);
            assertThat(posts.get(1).replyTo()).isEqualTo(ids.get(0));
            assertThat(herald.auditTypes("flu-bsky").stream().filter("PUBLISHED"::equals)).hasSize(1);
        }
    }
}
