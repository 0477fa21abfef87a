package io.herald.connector.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.herald.connector.Account;
import io.herald.connector.ConnectorContext;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.PublishException.Kind;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.connector.testkit.TestAttempt;
import io.herald.sandbox.webhook.StandardWebhookVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A receiver's answers classified as the spec and common senders treat them; what is sent and signed. */
class WebhookConnectorTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @RegisterExtension
    static WireMockExtension hook = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final DeliveryKey delivery = new DeliveryKey("flu-clinic-2026-11", 1, "webhook:intranet");

    private static WebhookConnector connector(Instant now) {
        return new WebhookConnector(new ConnectorContext(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(2)));
    }

    private Account account() {
        return new Account("webhook", "intranet", URI.create(hook.baseUrl() + "/hooks/herald"), Map.of("secret", Secret.of(SECRET)),
                Map.of());
    }

    private PlatformPost adapted() {
        WebhookConnector c = connector(NOW);
        return c.adapt(new PostContent("Flu shots now at our Main St clinic.", "https://riverside.example/flu", List.of("FluSeason"),
                List.of()), c.capabilities(account()));
    }

    private void answer(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        hook.stubFor(post(urlPathEqualTo("/hooks/herald")).willReturn(response));
    }

    private PublishException failure() {
        try {
            connector(NOW).publish(TestAttempt.first(account(), adapted(), delivery));
        } catch (PublishException e) {
            return e;
        }
        throw new AssertionError("expected the delivery to fail");
    }

    @Test
    void shouldSendTheSameSignedBodyAndIdOnEveryAttemptWithAFreshTimestamp() throws Exception {
        answer(aResponse().withStatus(204));
        TestAttempt first = TestAttempt.first(account(), adapted(), delivery);
        connector(NOW).publish(first);
        connector(NOW.plusSeconds(90)).publish(first.forgettingCheckpoints());

        List<LoggedRequest> sent = hook.findAll(postRequestedFor(urlPathEqualTo("/hooks/herald")));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeader("webhook-id")).isEqualTo(sent.get(0).getHeader("webhook-id")).matches("msg_[0-9a-f]{32}");
        assertThat(sent.get(1).getBody()).isEqualTo(sent.get(0).getBody());
        assertThat(sent.get(0).getHeader("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(sent.get(1).getHeader("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond() + 90));
        for (LoggedRequest r : sent) {
            new StandardWebhookVerifier(SECRET, Duration.ofMinutes(5)).verify(r.getHeader("webhook-id"),
                    r.getHeader("webhook-timestamp"), r.getHeader("webhook-signature"), r.getBody(),
                    Instant.ofEpochSecond(Long.parseLong(r.getHeader("webhook-timestamp"))));
        }
        JsonNode body = new ObjectMapper().readTree(sent.get(0).getBody());
        assertThat(body.path("type").asText()).isEqualTo("herald.post.published");
        assertThat(body.path("data").path("postId").asText()).isEqualTo("flu-clinic-2026-11");
        assertThat(body.path("data").path("text").asText()).isEqualTo("Flu shots now at our Main St clinic.\n\n#FluSeason");
        assertThat(body.path("data").path("link").asText()).isEqualTo("https://riverside.example/flu");
        assertThat(body.path("data").path("hashtags").get(0).asText()).isEqualTo("FluSeason");
    }

    @Test
    void shouldTakeTheReceiversIdWhenItAnswersOne() throws PublishException {
        answer(okJson("{\"id\":\"cms-4711\"}").withHeader("Location", "https://cms.example/news/4711"));

        Receipt receipt = connector(NOW).publish(TestAttempt.first(account(), adapted(), delivery));

        assertThat(receipt.remoteId()).isEqualTo("cms-4711");
        assertThat(receipt.remoteUrl()).isEqualTo("https://cms.example/news/4711");
    }

    @Test
    void shouldFailForGoodWhenTheEndpointIsGone() {
        answer(aResponse().withStatus(410));

        PublishException e = failure();

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("HTTP 410: (empty body)").contains("endpoint is gone");
    }

    @Test
    void shouldWaitAsTheReceiverAsksOnA429OrA5xx() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "30"));
        PublishException limited = failure();
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));

        answer(aResponse().withStatus(502).withHeader("Retry-After", "120").withBody("<html><title>Bad Gateway</title></html>"));
        PublishException down = failure();
        assertThat(down.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(down.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(down.getMessage()).contains("Bad Gateway");

        answer(aResponse().withStatus(500));
        assertThat(failure().kind()).isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void shouldCallARefusedSignatureAuthenticationAndOtherRefusalsPermanent() {
        answer(aResponse().withStatus(401).withBody("{\"error\":\"invalid signature\"}"));
        PublishException refused = failure();
        assertThat(refused.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(refused.getMessage()).contains("invalid signature").doesNotContain("MfKQ9r8GKYqr");

        answer(aResponse().withStatus(422).withBody("{\"message\":\"unknown field\"}"));
        assertThat(failure().kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void shouldCallADeliveryWithoutAnAnswerInTimeUnclear() {
        answer(aResponse().withStatus(200).withFixedDelay(3000));

        assertThat(failure().kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
    }

    @Test
    void shouldTrustARepeatOnlyWhenTheReceiverSaysItDeduplicates() {
        WebhookConnector c = connector(NOW);

        assertThat(c.capabilities(account()).idempotency().trusted()).isFalse();
        assertThat(c.capabilities(account().withSettings(Map.of("deduplicates", "true"))).idempotency().trusted()).isTrue();
        assertThat(c.capabilities(account()).readBack()).isFalse();
    }

    @Test
    void shouldRefuseAPlainHttpReceiverElsewhereAndAMalformedSecretAtStart() {
        WebhookConnector c = connector(NOW);
        Account http = account().withBaseUrl(URI.create("http://cms.example/hooks"));
        Account badSecret = account().withSecrets(Map.of("secret", Secret.of("hunter2")));

        assertThatThrownBy(() -> c.validate(http)).hasMessageContaining("webhook:intranet").hasMessageContaining("https");
        assertThatThrownBy(() -> c.validate(badSecret)).hasMessageContaining("whsec_").hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldSendASignedRetractionEventWithTheSameIdOnEveryAttempt() throws Exception {
        answer(okJson("{\"id\":\"msg_r\"}"));
        io.herald.connector.Takedown takedown = new io.herald.connector.Takedown(account(), delivery, 0, 1,
                io.herald.connector.PartReceipt.of("cms-4711", null), io.herald.connector.CredentialStore.inMemory(),
                "patient recognisable in the photo");

        io.herald.connector.TakedownResult first = connector(NOW).delete(takedown);
        answer(okJson("{\"id\":\"msg_r\",\"duplicate\":true}"));
        io.herald.connector.TakedownResult repeat = connector(NOW.plusSeconds(30)).delete(takedown);

        assertThat(first.outcome()).isEqualTo(io.herald.connector.TakedownResult.Outcome.DELETED);
        assertThat(repeat.outcome()).isEqualTo(io.herald.connector.TakedownResult.Outcome.ALREADY_GONE);
        List<LoggedRequest> sent = hook.findAll(postRequestedFor(urlPathEqualTo("/hooks/herald")));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeader("webhook-id")).isEqualTo(sent.get(0).getHeader("webhook-id")).matches("msg_[0-9a-f]{32}")
                .isNotEqualTo(WebhookConnector.webhookId(TestAttempt.first(account(), adapted(), delivery)));
        for (LoggedRequest r : sent) {
            new StandardWebhookVerifier(SECRET, Duration.ofMinutes(5)).verify(r.getHeader("webhook-id"),
                    r.getHeader("webhook-timestamp"), r.getHeader("webhook-signature"), r.getBody(),
                    Instant.ofEpochSecond(Long.parseLong(r.getHeader("webhook-timestamp"))));
        }
        JsonNode body = new ObjectMapper().readTree(sent.get(0).getBody());
        assertThat(body.path("type").asText()).isEqualTo("herald.post.retracted");
        assertThat(body.path("data").path("postId").asText()).isEqualTo("flu-clinic-2026-11");
        assertThat(body.path("data").path("revision").asInt()).isEqualTo(1);
        assertThat(body.path("data").path("target").asText()).isEqualTo("webhook:intranet");
        assertThat(body.path("data").path("remoteId").asText()).isEqualTo("cms-4711");
        assertThat(body.path("data").path("reason").asText()).isEqualTo("patient recognisable in the photo");
    }

    @Test
    void shouldSendASignedEditEventNamingWhatItReplacesAndKeepTheRemoteId() throws Exception {
        answer(okJson("{\"id\":\"msg_e\"}"));
        DeliveryKey next = new DeliveryKey(delivery.postId(), 2, delivery.target());
        io.herald.connector.Edit edit = new io.herald.connector.Edit(account(), next,
                Receipt.of(List.of(io.herald.connector.PartReceipt.of("cms-4711", "https://cms.example/news/4711"))), adapted(),
                io.herald.connector.CredentialStore.inMemory());

        Receipt edited = connector(NOW).edit(edit);

        assertThat(edited.remoteId()).isEqualTo("cms-4711");
        LoggedRequest sent = hook.findAll(postRequestedFor(urlPathEqualTo("/hooks/herald"))).get(0);
        new StandardWebhookVerifier(SECRET, Duration.ofMinutes(5)).verify(sent.getHeader("webhook-id"),
                sent.getHeader("webhook-timestamp"), sent.getHeader("webhook-signature"), sent.getBody(), NOW);
        JsonNode body = new ObjectMapper().readTree(sent.getBody());
        assertThat(body.path("type").asText()).isEqualTo("herald.post.edited");
        assertThat(body.path("data").path("revision").asInt()).isEqualTo(2);
        assertThat(body.path("data").path("text").asText()).isEqualTo("Flu shots now at our Main St clinic.\n\n#FluSeason");
        assertThat(body.path("data").path("replaces").path("remoteId").asText()).isEqualTo("cms-4711");
        assertThat(connector(NOW).capabilities(account()).corrections().edit()).isTrue();
    }
}
