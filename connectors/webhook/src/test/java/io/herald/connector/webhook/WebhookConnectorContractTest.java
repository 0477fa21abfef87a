package io.herald.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.Account;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.connector.testkit.ConnectorContractTest;
import io.herald.connector.testkit.SampleContent;
import io.herald.connector.testkit.TestAttempt;
import io.herald.sandbox.SandboxAccounts;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookConnectorContractTest extends ConnectorContractTest {

    @Override
    protected String platform() {
        return "webhook";
    }

    @Override
    protected Account sandboxAccount(URI baseUrl) {
        return new Account("webhook", SandboxAccounts.DEMO, baseUrl, Map.of("secret", Secret.of(SandboxAccounts.WEBHOOK_DEMO_SECRET)),
                Map.of(WebhookConfig.DEDUPLICATES, "true"));
    }

    @Override
    protected int networkLength(String text) {
        return text.codePointCount(0, text.length()); // a receiver has no limit; nothing is checked against it
    }

    /** A webhook has no text limit: the samples are the ordinary ones, with a long post of 3,000 characters. */
    @Override
    protected List<PostContent> samples(int limit) {
        return SampleContent.all(3000);
    }

    @Test
    void shouldDeliverAPostOnceWhenItIsRepeatedWithTheSameWebhookId() throws PublishException {
        PlatformPost post = connector().adapt(PostContent.text("Once " + UUID.randomUUID()), capabilities());
        TestAttempt first = attempt(post);
        Receipt receipt = connector().publish(first);

        Receipt repeated = connector().publish(first.forgettingCheckpoints());

        assertThat(repeated.remoteId()).isEqualTo(receipt.remoteId()).startsWith("msg_");
        assertThat(postsOf(receipt)).hasSize(1);
    }

    @Test
    void shouldBeRefusedByTheReceiverWhenSignedWithAnotherSecret() {
        Account other = account().withSecrets(Map.of("secret", Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        PlatformPost post = connector().adapt(PostContent.text("Forged " + UUID.randomUUID()), capabilities());

        assertThatThrownBy(() -> connector().publish(attempt(post).withAccount(other)))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PublishException.Kind.AUTHENTICATION);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("signature verification failed").doesNotContain("MfKQ9r8GKYqr");
                });
    }

    @Test
    void shouldCarryTheHashtagsAsFacetsOverTheirBytes() {
        PlatformPost post = connector().adapt(new PostContent("Clínica 😀 abierta", "https://riverside.example/flu",
                List.of("FluSeason", "#Salud"), List.of()), capabilities());

        PlatformPost.Part part = post.parts().get(0);
        assertThat(post.link()).isEqualTo("https://riverside.example/flu");
        assertThat(part.text()).isEqualTo("Clínica 😀 abierta\n\n#FluSeason #Salud");
        byte[] bytes = part.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(part.facets()).extracting(f -> new String(bytes, f.byteStart(), f.byteEnd() - f.byteStart(),
                java.nio.charset.StandardCharsets.UTF_8)).containsExactly("#FluSeason", "#Salud");
    }
}
