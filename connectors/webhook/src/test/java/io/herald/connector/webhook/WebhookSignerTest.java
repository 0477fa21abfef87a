package io.herald.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.Secret;
import io.herald.sandbox.webhook.StandardWebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /**
     * The Standard Webhooks test vector, as the reference libraries test their signing with it (for
     * instance the PHP library's testSignFunctionWorks, and Svix's libraries, where the spec came from).
     */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void shouldReproduceTheSpecificationsTestVector() {
        assertThat(WebhookSigner.of(Secret.of(SECRET)).sign(ID, TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void shouldBeAcceptedByTheSandboxReceiversIndependentVerifier() throws Exception {
        StandardWebhookVerifier verifier = new StandardWebhookVerifier(SECRET, Duration.ofMinutes(5));
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.expected(ID, TIMESTAMP, body)).isEqualTo(SIGNATURE);
        verifier.verify(ID, Long.toString(TIMESTAMP), "v1,bm9wZQ== " + SIGNATURE, body, Instant.ofEpochSecond(TIMESTAMP + 60));
        assertThatThrownBy(() -> verifier.verify(ID, Long.toString(TIMESTAMP), SIGNATURE, body,
                Instant.ofEpochSecond(TIMESTAMP + 301))).hasMessageContaining("too old");
        assertThatThrownBy(() -> verifier.verify(ID, Long.toString(TIMESTAMP), SIGNATURE, "{\"test\": 1}".getBytes(),
                Instant.ofEpochSecond(TIMESTAMP))).hasMessageContaining("no matching signature");
    }

    @Test
    void shouldRefuseASecretThatIsNotAStandardWebhooksSecretWithoutShowingIt() {
        assertThatThrownBy(() -> WebhookSigner.of(Secret.of("plain-password-123")))
                .hasMessageContaining("whsec_").hasMessageNotContaining("plain-password-123");
        assertThatThrownBy(() -> WebhookSigner.of(Secret.of("whsec_c2hvcnQ=")))
                .hasMessageContaining("24 to 64 bytes");
        assertThat(WebhookSigner.of(Secret.of(SECRET)).toString()).doesNotContain("MfKQ");
    }
}
