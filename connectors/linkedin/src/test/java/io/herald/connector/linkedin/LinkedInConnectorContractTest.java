package io.herald.connector.linkedin;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import io.herald.connector.testkit.ConnectorContractTest;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.linkedin.LittleText;
import java.net.URI;
import java.util.Map;

class LinkedInConnectorContractTest extends ConnectorContractTest {

    @Override
    protected String platform() {
        return "linkedin";
    }

    @Override
    protected Account sandboxAccount(URI baseUrl) {
        return new Account("linkedin", SandboxAccounts.DEMO, baseUrl,
                Map.of("token", Secret.of(SandboxAccounts.LINKEDIN_DEMO_TOKEN)),
                Map.of(LinkedInConfig.AUTHOR, SandboxAccounts.LINKEDIN_DEMO_ORGANIZATION));
    }

    /** The stand-in's own count of a commentary. */
    @Override
    protected int networkLength(String text) {
        return LittleText.length(text);
    }

    /** The stand-in shows what LinkedIn would show for the commentary: escapes undone, cut at an unescaped reserved character. */
    @Override
    protected String expectedText(String sent) {
        return LittleText.shown(sent);
    }
}
