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

    private Answer deliver(String id, String body) {
        long now = Instant.now().getEpochSecond();
        return Http.send(Http.request(base, "/").header("Content-Type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", signer.expected(id, now, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void shouldShowAPostRetractedOrEditedByASignedEventThatNamesIt() {
        deliver("msg_a", BODY);
        deliver("msg_b", BODY.replace("Walk-ins welcome", "Take 50 mg"));
        String retracted = "{\"type\":\"herald.post.retracted\",\"data\":{\"remoteId\":\"msg_a\",\"reason\":\"patient\"}}";
        String edited = "{\"type\":\"herald.post.edited\",\"data\":{\"text\":\"Take 5 mg\",\"replaces\":{\"remoteId\":\"msg_b\"}}}";

        assertThat(deliver("msg_r", retracted).status()).isEqualTo(200);
        assertThat(deliver("msg_e", edited).status()).isEqualTo(200);
        Answer repeat = deliver("msg_r", retracted);

        assertThat(repeat.json().get("duplicate").asBoolean()).isTrue();
        assertThat(server.posts("webhook:demo")).extracting(p -> p.remoteId() + " " + p.state() + " " + p.text())
                .containsExactly("msg_a deleted Walk-ins welcome", "msg_b edited Take 5 mg");
        // an unsigned retraction is refused and changes nothing
        Answer unsigned = Http.send(Http.request(base, "/").header("Content-Type", "application/json").header("webhook-id", "msg_x")
                .header("webhook-timestamp", Long.toString(Instant.now().getEpochSecond())).header("webhook-signature", "v1,AAAA")
                .POST(HttpRequest.BodyPublishers.ofString(retracted.replace("msg_a", "msg_b"))));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(server.posts("webhook:demo")).extracting(SandboxPost::state).containsExactly("deleted", "edited");
    }
}
