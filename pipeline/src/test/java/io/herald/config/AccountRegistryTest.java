package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.Account;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountRegistryTest {

    private static final Set<String> PLATFORMS = Set.of("mastodon", "x", "linkedin", "facebook", "instagram", "threads", "webhook",
            "bluesky");
    private static final String SANDBOX = "http://127.0.0.1:8089";
    private static final String TOKEN = "s3cr3t-t0k3n-value";

    @TempDir
    Path dir;

    private Path accounts(String yaml) throws IOException {
        Path f = dir.resolve("accounts.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static AccountRegistry load(Path file, Map<String, String> env) {
        return AccountRegistry.load(file, null, env, PLATFORMS::contains, "mastodon, x");
    }

    private static AccountRegistry loadSandbox(Path file) {
        return AccountRegistry.load(file, SANDBOX, Map.of(), PLATFORMS::contains, "mastodon, x");
    }

    private String refusal(String yaml, Map<String, String> env) throws IOException {
        Path f = accounts(yaml);
        try {
            load(f, env);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the accounts file to be refused:\n" + yaml);
    }

    private static final String RIVERSIDE = """
            accounts:
              - target: mastodon:riverside
                baseUrl: https://mastodon.social
                tokenEnv: HERALD_MASTODON_RIVERSIDE_TOKEN
                settings:
                  visibility: unlisted
            """;

    @Nested
    class Loading {

        @Test
        void shouldLoadAnAccountWithItsTokenFromTheNamedVariable() throws IOException {
            AccountRegistry registry = load(accounts(RIVERSIDE), Map.of("HERALD_MASTODON_RIVERSIDE_TOKEN", " " + TOKEN + "\n"));

            Account a = registry.get("mastodon:riverside").orElseThrow();
            assertThat(a.platform()).isEqualTo("mastodon");
            assertThat(a.name()).isEqualTo("riverside");
            assertThat(a.baseUrl()).isEqualTo(URI.create("https://mastodon.social"));
            assertThat(a.credential().reveal()).isEqualTo(TOKEN);
            assertThat(a.setting("visibility", "public")).isEqualTo("unlisted");
            assertThat(registry.has("mastodon:riverside")).isTrue();
            assertThat(registry.has("x:riverside")).isFalse();
            assertThat(registry.get("x:riverside")).isEmpty();
        }

        @Test
        void shouldReadATokenFileTrimmingItsLineBreak() throws IOException {
            Path secret = dir.resolve("secrets").resolve("riverside");
            Files.createDirectories(secret.getParent());
            Files.writeString(secret, TOKEN + "\n");

            AccountRegistry registry = load(accounts("""
                    accounts:
                      - target: x:riverside
                        baseUrl: https://api.x.com
                        tokenFile: %s
                    """.formatted(secret)), Map.of());

            assertThat(registry.get("x:riverside").orElseThrow().credential().reveal()).isEqualTo(TOKEN);
        }

        @Test
        void shouldReadARelativeTokenFileNextToTheAccountsFile() throws IOException {
            Files.writeString(dir.resolve("riverside.token"), TOKEN);

            AccountRegistry registry = load(accounts("""
                    accounts:
                      - target: x:riverside
                        baseUrl: https://api.x.com
                        tokenFile: riverside.token
                    """), Map.of());

            assertThat(registry.get("x:riverside").orElseThrow().credential().reveal()).isEqualTo(TOKEN);
        }

        @Test
        void shouldRefuseAnAbsentFileNamingItInsteadOfStartingWithNoAccount() {
            Path absent = dir.resolve("absent.yaml");

            assertThatThrownBy(() -> load(absent, Map.of())).isInstanceOf(ConfigException.class)
                    .hasMessage(absent + ": no such file; it lists the accounts Herald publishes to (see config/accounts.yaml"
                            + " in Herald's home for its form)");
            assertThatThrownBy(() -> loadSandbox(absent)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(absent + ": no such file; it lists the accounts Herald publishes to in sandbox mode");
        }

        @Test
        void shouldKnowNoAccountWhenTheListIsEmptyOrTheFileBlank() throws IOException {
            assertThat(load(accounts("accounts: []\n"), Map.of()).targets()).isEmpty();
            assertThat(load(accounts(""), Map.of()).targets()).isEmpty();
        }

        @Test
        void shouldHintTheConfiguredTargetsInOrder() throws IOException {
            AccountRegistry registry = load(accounts("""
                    accounts:
                      - {target: x:riverside, baseUrl: "https://api.x.com", tokenEnv: X}
                      - {target: mastodon:riverside, baseUrl: "https://mastodon.social", tokenEnv: M}
                    """), Map.of("X", "x", "M", "m"));

            assertThat(registry.targets()).containsExactlyInAnyOrder("x:riverside", "mastodon:riverside");
            assertThat(registry.targetsHint()).isEqualTo("mastodon:riverside, x:riverside");
        }

        @Test
        void shouldLoadTheShippedAccountFiles() {
            AccountRegistry sandbox = loadSandbox(Path.of("..", "config", "sandbox", "accounts.yaml"));
            AccountRegistry production = load(Path.of("..", "config", "accounts.yaml"), Map.of());

            assertThat(sandbox.get("mastodon:demo").orElseThrow().baseUrl()).isEqualTo(URI.create(SANDBOX + "/mastodon"));
            assertThat(sandbox.get("x:demo").orElseThrow().secret("refreshToken")).isPresent();
            assertThat(sandbox.get("webhook:demo").orElseThrow().baseUrl()).isEqualTo(URI.create(SANDBOX + "/webhook"));
            Account bluesky = sandbox.get("bluesky:demo").orElseThrow();
            assertThat(bluesky.baseUrl()).isEqualTo(URI.create(SANDBOX + "/bluesky"));
            assertThat(bluesky.setting("handle", "")).isEqualTo("demo.herald.test");
            assertThat(bluesky.secret("password").orElseThrow().reveal()).isEqualTo("sandbox-bluesky-demo");
            assertThat(production.targets()).isEmpty();
        }

        @Test
        void shouldReadABlueskyAccountAsTheDesignShowsIt() throws IOException {
            AccountRegistry registry = load(accounts("""
                    accounts:
                      - target: bluesky:riverside
                        baseUrl: https://bsky.social
                        handle: riverside.bsky.social
                        passwordEnv: HERALD_BLUESKY_RIVERSIDE_APP_PASSWORD
                    """), Map.of("HERALD_BLUESKY_RIVERSIDE_APP_PASSWORD", TOKEN));

            Account a = registry.get("bluesky:riverside").orElseThrow();
            assertThat(a.setting("handle", "")).isEqualTo("riverside.bsky.social");
            assertThat(a.secret("password").orElseThrow().reveal()).isEqualTo(TOKEN);
            assertThat(a.toString()).doesNotContain(TOKEN);
        }
    }

    @Nested
    class Credentials {

        @Test
        void shouldNameTheAccountAndTheVariableWhenTheVariableIsNotSet() throws IOException {
            String message = refusal(RIVERSIDE, Map.of());

            assertThat(message).startsWith(dir.resolve("accounts.yaml") + ": ")
                    .contains("mastodon:riverside").contains("tokenEnv").contains("HERALD_MASTODON_RIVERSIDE_TOKEN")
                    .contains("not set");
        }

        @Test
        void shouldTreatABlankVariableAsNotSet() throws IOException {
            assertThat(refusal(RIVERSIDE, Map.of("HERALD_MASTODON_RIVERSIDE_TOKEN", "  ")))
                    .contains("HERALD_MASTODON_RIVERSIDE_TOKEN").contains("not set");
        }

        @Test
        void shouldNameTheAccountAndTheFileWhenTheTokenFileCannotBeRead() throws IOException {
            Path missing = dir.resolve("missing.token");

            String message = refusal("""
                    accounts:
                      - {target: x:riverside, baseUrl: "https://api.x.com", tokenFile: "%s"}
                    """.formatted(missing), Map.of());

            assertThat(message).contains("x:riverside").contains("tokenFile").contains(missing.toString());
        }

        @Test
        void shouldRefuseAnEmptyTokenFile() throws IOException {
            Files.writeString(dir.resolve("empty.token"), "\n");

            String message = refusal("""
                    accounts:
                      - {target: x:riverside, baseUrl: "https://api.x.com", tokenFile: empty.token}
                    """, Map.of());

            assertThat(message).contains("x:riverside").contains("tokenFile").contains("empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{target: x:riverside, baseUrl: 'https://api.x.com'}",
            "{target: x:riverside, baseUrl: 'https://api.x.com', tokenEnv: A, tokenFile: /b}"})
        void shouldNeedExactlyOneWayToTheToken(String entry) throws IOException {
            assertThat(refusal("accounts:\n  - " + entry + "\n", Map.of("A", "a")))
                    .contains("accounts[0]").containsAnyOf("needs a credential: tokenEnv or tokenFile", "gives token twice");
        }

        @Test
        void shouldRefuseALiteralSandboxTokenOutsideTheSandbox() throws IOException {
            String message = refusal("""
                    accounts:
                      - {target: mastodon:demo, baseUrl: "https://mastodon.social", sandboxToken: sandbox-mastodon-demo}
                    """, Map.of());

            assertThat(message).contains("accounts[0]").contains("sandboxToken) is allowed only in the sandbox accounts file");
        }

        @Test
        void shouldAcceptASandboxTokenAndReplaceTheSandboxPlaceholderInTheSandbox() throws IOException {
            AccountRegistry registry = loadSandbox(accounts("""
                    accounts:
                      - {target: mastodon:demo, baseUrl: "{sandbox}/mastodon", sandboxToken: sandbox-mastodon-demo}
                    """));

            Account demo = registry.get("mastodon:demo").orElseThrow();
            assertThat(demo.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089/mastodon"));
            assertThat(demo.credential().reveal()).isEqualTo("sandbox-mastodon-demo");
        }

        @Test
        void shouldNotReplaceTheSandboxPlaceholderOutsideTheSandbox() throws IOException {
            assertThat(refusal("""
                    accounts:
                      - {target: mastodon:demo, baseUrl: "{sandbox}/mastodon", tokenEnv: T}
                    """, Map.of("T", "t"))).contains("accounts[0].baseUrl must be an http(s) URL");
        }

        @Test
        void shouldNeverShowTheTokenWhenAnAccountIsPrinted() throws IOException {
            Account a = load(accounts(RIVERSIDE), Map.of("HERALD_MASTODON_RIVERSIDE_TOKEN", TOKEN)).get("mastodon:riverside")
                    .orElseThrow();

            assertThat(a.toString()).doesNotContain(TOKEN).contains("******");
            assertThat(a.credential().toString()).isEqualTo("******");
            assertThat(String.valueOf(a.credential())).doesNotContain(TOKEN);
        }

        @Test
        void shouldNeverShowTheTokenInAnError() throws IOException {
            String message = refusal("""
                    accounts:
                      - {target: "mastodon:riverside", baseUrl: "https://mastodon.social", tokenEnv: T}
                      - {target: "mastodon:riverside", baseUrl: "https://mastodon.social", tokenEnv: T}
                    """, Map.of("T", TOKEN));

            assertThat(message).contains("configured twice").doesNotContain(TOKEN);
        }
    }

    @Nested
    class Mistakes {

        @Test
        void shouldNameTheAvailablePlatformsForAnUnknownOne() throws IOException {
            String message = refusal("""
                    accounts:
                      - {target: myspace:riverside, baseUrl: "https://myspace.com", tokenEnv: T}
                    """, Map.of("T", "t"));

            assertThat(message).isEqualTo(dir.resolve("accounts.yaml")
                    + ": accounts[0].target: no connector for platform 'myspace'; available: mastodon, x");
        }

        @ParameterizedTest
        @ValueSource(strings = {"riverside", "Mastodon:riverside", "mastodon:", "mastodon:river side"})
        void shouldRefuseATargetThatIsNotPlatformColonName(String target) throws IOException {
            assertThat(refusal("accounts:\n  - {target: '" + target + "', baseUrl: 'https://m.example', tokenEnv: T}\n",
                    Map.of("T", "t"))).contains("accounts[0].target must look like platform:name");
        }

        @Test
        void shouldRefuseAnEntryWithoutTarget() throws IOException {
            assertThat(refusal("accounts:\n  - {baseUrl: 'https://m.example', tokenEnv: T}\n", Map.of("T", "t")))
                    .contains("accounts[0].target");
        }

        @ParameterizedTest
        @ValueSource(strings = {"mastodon.social", "ftp://mastodon.social", "https://", "not a url"})
        void shouldRefuseABaseUrlThatIsNotHttp(String url) throws IOException {
            assertThat(refusal("accounts:\n  - {target: mastodon:r, baseUrl: '" + url + "', tokenEnv: T}\n", Map.of("T", "t")))
                    .contains("accounts[0]").contains("baseUrl must be an http(s) URL");
        }

        @Test
        void shouldRefuseAMissingBaseUrl() throws IOException {
            assertThat(refusal("accounts:\n  - {target: mastodon:r, tokenEnv: T}\n", Map.of("T", "t")))
                    .contains("accounts[0].baseUrl");
        }

        @Test
        void shouldRefuseATargetConfiguredTwice() throws IOException {
            assertThat(refusal("""
                    accounts:
                      - {target: mastodon:r, baseUrl: "https://a.example", tokenEnv: T}
                      - {target: mastodon:r, baseUrl: "https://b.example", tokenEnv: T}
                    """, Map.of("T", "t"))).contains("accounts[1].target 'mastodon:r' is configured twice");
        }

        @Test
        void shouldRefuseAnUnknownKeyNamingIt() throws IOException {
            assertThat(refusal("accounts:\n  - {target: mastodon:r, baseUrl: 'https://a.example', token: literal}\n", Map.of()))
                    .isEqualTo(dir.resolve("accounts.yaml") + ": unknown key 'accounts[0].token'");
        }
    }

    @Nested
    class TargetsOnly {

        @Test
        void shouldReadTheTargetsWithoutNeedingAnyCredential() throws IOException {
            Path f = accounts("""
                    accounts:
                      - {target: x:riverside, baseUrl: "https://api.x.com", tokenEnv: NOT_SET_ANYWHERE}
                      - {target: mastodon:riverside, baseUrl: "https://mastodon.social", tokenFile: /nowhere}
                    """);

            assertThat(AccountRegistry.targetsIn(f)).containsExactly("mastodon:riverside", "x:riverside");
        }

        @Test
        void shouldFindNoTargetsInAnAbsentFile() {
            assertThat(AccountRegistry.targetsIn(dir.resolve("absent.yaml"))).isEmpty();
        }

        @Test
        void shouldStillRefuseAFileThatDoesNotParse() throws IOException {
            Path f = accounts("accounts:\n  - {target: x:r, tokn: A}\n");

            assertThatThrownBy(() -> AccountRegistry.targetsIn(f)).isInstanceOf(ConfigException.class)
                    .hasMessage(f + ": unknown key 'accounts[0].tokn'");
        }
    }
}
