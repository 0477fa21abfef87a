package io.herald.sandbox.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.sandbox.Http;
import io.herald.sandbox.Http.Answer;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookReceiverTest {

    private static final String BODY = "{\"type\":\"herald.post.published\",\"data\":{\"text\":\"Walk-ins welcome\","
            + "\"media\":[{\"url\":\"https://riverside.example/flu.jpg\",\"altText\":\"A nurse\",\"mimeType\":\"image/jpeg\"}]}}";

    @TempDir
    Path dataDir;

    private SandboxServer server;
    private URI base;
    private final StandardWebhookVerifier signer = new StandardWebhookVerifier(SandboxAccounts.WEBHOOK_DEMO_SECRET, Duration.ZERO);

    @BeforeEach
    void start() {
        server = SandboxServer.start(0, dataDir);
        base = server.baseUri("webhook");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer deliver(String id, long timestamp, String signature) {
        return Http.send(Http.request(base, "/").header("Content-Type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
    }

    private String sign(String id, long timestamp) {
        return signer.expected(id, timestamp, BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepASignedDeliveryOnceByItsWebhookId() {
        long now = Instant.now().getEpochSecond();

        assertThat(deliver("msg_1", now, sign("msg_1", now)).status()).isEqualTo(200);
        Answer repeat = deliver("msg_1", now + 5, sign("msg_1", now + 5));

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("duplicate").asBoolean()).isTrue();
        assertThat(server.posts("webhook:demo")).singleElement().satisfies(p -> {
            assertThat(p.remoteId()).isEqualTo("msg_1");
            assertThat(p.text()).isEqualTo("Walk-ins welcome");
            assertThat(p.media()).extracting(SandboxPost.SandboxMedia::altText).containsExactly("A nurse");
        });
    }

    @Test
    void shouldRefuseABadSignatureAnOldTimestampAndMissingHeadersWith401() {
        long now = Instant.now().getEpochSecond();

        Answer forged = deliver("msg_2", now, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        Answer old = deliver("msg_3", now - 600, sign("msg_3", now - 600));
        Answer bare = Http.postJson(base, "/", null, null, BODY);

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().path("error").asText()).contains("no matching signature");
        assertThat(old.status()).isEqualTo(401);
        assertThat(bare.status()).isEqualTo(401);
        assertThat(server.posts("webhook:demo")).isEmpty();
    }

    @Test
    void shouldKeepDeliveriesAcrossARestart() {
        long now = Instant.now().getEpochSecond();
        deliver("msg_4", now, sign("msg_4", now));
        server.close();
        server = SandboxServer.start(0, dataDir);

        assertThat(server.posts("webhook")).extracting(SandboxPost::remoteId).containsExactly("msg_4");
    }
}
