package io.herald.connector.facebook;

import io.herald.connector.Account;
import io.herald.connector.PlatformPost;
import io.herald.connector.Secret;
import io.herald.connector.testkit.ConnectorContractTest;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.facebook.FacebookStandIn;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

class FacebookConnectorContractTest extends ConnectorContractTest {

    @Override
    protected String platform() {
        return "facebook";
    }

    @Override
    protected Account sandboxAccount(URI baseUrl) {
        return new Account("facebook", SandboxAccounts.DEMO, baseUrl,
                Map.of("token", Secret.of(SandboxAccounts.FACEBOOK_DEMO_TOKEN)),
                Map.of(FacebookConfig.PAGE_ID, SandboxAccounts.FACEBOOK_DEMO_PAGE_ID));
    }

    @Override
    protected int networkLength(String text) {
        return FacebookStandIn.messageLength(text);
    }

    /** A photo's upload is the post itself: no step comes before it. */
    @Override
    protected int stepsBeforePart(PlatformPost post, int index) {
        return index;
    }

    /** Page tokens are under Business Use Case limits: the wait is estimated_time_to_regain_access, in minutes. */
    @Override
    protected Map<String, String> rateLimitHeaders(Instant resetAt) {
        long minutes = Math.max(1, Duration.between(Instant.now(), resetAt).toSeconds() / 60);
        return Map.of("X-Business-Use-Case-Usage", "{\"" + SandboxAccounts.FACEBOOK_DEMO_PAGE_ID
                + "\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":20,\"total_time\":20,"
                + "\"estimated_time_to_regain_access\":" + minutes + "}]}");
    }
}
