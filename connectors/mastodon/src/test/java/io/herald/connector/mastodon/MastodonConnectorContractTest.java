package io.herald.connector.mastodon;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import io.herald.connector.testkit.ConnectorContractTest;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.mastodon.MastodonTextLength;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

class MastodonConnectorContractTest extends ConnectorContractTest {

    @Override
    protected String platform() {
        return "mastodon";
    }

    @Override
    protected Account sandboxAccount(URI baseUrl) {
        return new Account("mastodon", SandboxAccounts.DEMO, baseUrl, Secret.of(SandboxAccounts.MASTODON_DEMO_TOKEN),
                Map.of());
    }

    @Override
    protected int networkLength(String text) {
        return MastodonTextLength.of(text);
    }

    @Override
    protected Map<String, String> rateLimitHeaders(Instant resetAt) {
        return Map.of("X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", resetAt.toString());
    }
}
