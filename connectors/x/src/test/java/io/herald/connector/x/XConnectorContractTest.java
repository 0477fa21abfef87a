package io.herald.connector.x;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.connector.Account;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.connector.testkit.ConnectorContractTest;
import io.herald.connector.testkit.TestAttempt;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxFault;
import io.herald.sandbox.x.XStandIn;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class XConnectorContractTest extends ConnectorContractTest {

    @Override
    protected String platform() {
        return "x";
    }

    @Override
    protected Account sandboxAccount(URI baseUrl) {
        return new Account("x", SandboxAccounts.DEMO, baseUrl,
                Map.of("token", Secret.of(SandboxAccounts.X_DEMO_TOKEN), "refreshToken", Secret.of(SandboxAccounts.X_DEMO_REFRESH_TOKEN)),
                Map.of(XConfig.CLIENT_ID, SandboxAccounts.X_DEMO_CLIENT_ID, XConfig.USER_ID, SandboxAccounts.X_DEMO_USER_ID));
    }

    @Override
    protected int networkLength(String text) {
        return XStandIn.weightedLength(text);
    }

    @Override
    protected List<PostContent> samples(int limit) {
        List<PostContent> all = new java.util.ArrayList<>(super.samples(limit));
        all.add(PostContent.text("诊所今天开放。".repeat(30))); // CJK weighs 2: 210 characters, 420 weighted
        all.add(PostContent.text("Care team " + "👩‍⚕️ ".repeat(150)));
        return all;
    }

    @Override
    protected Map<String, String> rateLimitHeaders(Instant resetAt) {
        return Map.of("x-rate-limit-limit", "100", "x-rate-limit-remaining", "0",
                "x-rate-limit-reset", Long.toString(resetAt.getEpochSecond()));
    }

    @Override
    protected SandboxFault slowPublishFault(PlatformPost post, Duration delay) {
        return SandboxFault.delay(platform(), delay).onPath("^/2/tweets$");
    }

    @Test
    void shouldRenewARefusedAccessTokenAndKeepTheRotatedRefreshToken() throws PublishException {
        sandbox().configure("x", Map.of("demoTokenRevoked", "true"));
        try {
            TestAttempt first = attempt(connector().adapt(PostContent.text("Renewed " + UUID.randomUUID()), capabilities()));

            Receipt receipt = connector().publish(first);

            assertThat(postsOf(receipt)).hasSize(1);
            var access = first.credentials().get(XTokens.ACCESS).orElseThrow();
            var refresh = first.credentials().get(XTokens.REFRESH).orElseThrow();
            assertThat(refresh.value().reveal()).isNotEqualTo(SandboxAccounts.X_DEMO_REFRESH_TOKEN);
            assertThat(access.expiresAt()).isAfter(Instant.now().plusSeconds(7000));

            // the next attempt uses the kept token: no second renewal
            TestAttempt second = TestAttempt.first(account(), connector().adapt(PostContent.text("Kept " + UUID.randomUUID()),
                    capabilities()), newDelivery());
            second.credentials().put(XTokens.ACCESS, access.value(), access.expiresAt());
            second.credentials().put(XTokens.REFRESH, refresh.value(), null);
            assertThat(postsOf(connector().publish(second))).hasSize(1);
            assertThat(second.credentials().get(XTokens.REFRESH).orElseThrow().value()).isEqualTo(refresh.value());
        } finally {
            sandbox().configure("x", Map.of("demoTokenRevoked", "false"));
        }
    }

    @Test
    void shouldReconcileADuplicateRefusalOfItsOwnEarlierPost() throws PublishException {
        PlatformPost post = connector().adapt(PostContent.text("Only once " + UUID.randomUUID()), capabilities());
        TestAttempt first = attempt(post);
        Receipt original = connector().publish(first);

        // the answer was lost and nothing recorded: X refuses the repeat as a duplicate
        Receipt again = connector().publish(first.forgettingCheckpoints());

        assertThat(again.partIds()).isEqualTo(original.partIds());
        assertThat(again.note()).startsWith("reconciled");
        assertThat(sandbox().posts(account().target()).stream().filter(p -> p.text().equals(post.texts().get(0)))).hasSize(1);
    }
}
