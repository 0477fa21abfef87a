package io.herald.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxAccountsTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldListADemoAccountForEveryStandIn() {
        try (SandboxServer server = SandboxServer.start(0, dataDir)) {
            assertThat(SandboxAccounts.PLATFORMS).containsExactlyInAnyOrderElementsOf(server.platforms());
            assertThat(SandboxAccounts.demoAccounts(server.baseUri())).allSatisfy(account -> {
                assertThat(account.name()).isEqualTo("demo");
                assertThat(account.baseUrl()).isEqualTo(server.baseUri(account.platform()));
            });
        }
    }

    @Test
    void shouldHaveADemoAccountInTheShippedSandboxAccountsFileForEveryStandIn() throws java.io.IOException {
        String shipped = java.nio.file.Files.readString(Path.of("..", "..", "config", "sandbox", "accounts.yaml"));

        assertThat(SandboxAccounts.PLATFORMS).contains("x", "webhook")
                .allSatisfy(p -> assertThat(shipped).as("config/sandbox/accounts.yaml").contains("target: " + p + ":demo"));
    }

    @Test
    void shouldAuthenticateTheMastodonDemoAccountWithItsToken() {
        try (SandboxServer server = SandboxServer.start(0, dataDir)) {
            SandboxAccount demo = mastodon(SandboxAccounts.demoAccounts(server.baseUri()));

            Http.Answer me = Http.get(demo.baseUrl(), "/api/v1/accounts/verify_credentials", demo.token());

            assertThat(demo.target()).isEqualTo("mastodon:demo");
            assertThat(demo.token()).isEqualTo(SandboxAccounts.MASTODON_DEMO_TOKEN);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("id").asText()).isEqualTo(SandboxAccounts.MASTODON_DEMO_ID);
        }
    }

    @Test
    void shouldOpenASessionForTheBlueskyDemoAccountWithItsPassword() {
        try (SandboxServer server = SandboxServer.start(0, dataDir)) {
            SandboxAccount demo = SandboxAccounts.demoAccounts(server.baseUri()).stream()
                    .filter(a -> a.platform().equals("bluesky")).findFirst().orElseThrow();

            Http.Answer session = Http.postJson(demo.baseUrl(), "/xrpc/com.atproto.server.createSession", null, null,
                    Http.json(java.util.Map.of("identifier", SandboxAccounts.BLUESKY_DEMO_HANDLE, "password", demo.token())));

            assertThat(demo.token()).isEqualTo(SandboxAccounts.BLUESKY_DEMO_PASSWORD);
            assertThat(session.status()).as(session.body()).isEqualTo(200);
            assertThat(session.json().get("handle").asText()).isEqualTo(SandboxAccounts.BLUESKY_DEMO_HANDLE);
        }
    }

    @Test
    void shouldTolerateASlashAtTheEndOfTheRoot() {
        assertThat(mastodon(SandboxAccounts.demoAccounts(URI.create("http://127.0.0.1:8089/"))).baseUrl())
                .hasToString("http://127.0.0.1:8089/mastodon");
    }

    @Test
    void shouldNotShowTheTokenInToString() {
        SandboxAccount demo = SandboxAccounts.demoAccounts(URI.create("http://127.0.0.1:8089")).get(0);

        assertThat(demo.toString()).doesNotContain(demo.token());
    }

    /** The Mastodon demo account (the list is in platform order, and other platforms sort before it). */
    private static SandboxAccount mastodon(java.util.List<SandboxAccount> accounts) {
        return accounts.stream().filter(a -> a.platform().equals("mastodon")).findFirst().orElseThrow();
    }
}
