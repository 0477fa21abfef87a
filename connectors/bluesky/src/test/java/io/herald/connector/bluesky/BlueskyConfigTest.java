package io.herald.connector.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlueskyConfigTest {

    private static Account account(String base, Map<String, String> settings, String password) {
        return new Account("bluesky", "riverside", URI.create(base), password == null ? Map.of()
                : Map.of("password", Secret.of(password)), settings);
    }

    @Test
    void shouldReadTheAccountAsTheDesignShowsIt() {
        BlueskyConfig c = BlueskyConfig.from(account("https://bsky.social/", Map.of("handle", "@Riverside.bsky.social",
                "language", "pt-BR"), "app-pass"));

        assertThat(c.handle()).isEqualTo("riverside.bsky.social");
        assertThat(c.xrpc("com.atproto.repo.createRecord")).hasToString("https://bsky.social/xrpc/com.atproto.repo.createRecord");
        assertThat(c.language()).hasValue("pt-BR");
        assertThat(c.password().reveal()).isEqualTo("app-pass");
    }

    @Test
    void shouldNameTheAccountAndTheFieldThatIsWrong() {
        assertThatThrownBy(() -> BlueskyConfig.from(account("https://bsky.social", Map.of(), "p")))
                .hasMessage("account bluesky:riverside: handle is required: the account's handle, e.g. riverside.bsky.social");
        assertThatThrownBy(() -> BlueskyConfig.from(account("https://bsky.social", Map.of("handle", "riverside"), "p")))
                .hasMessageContaining("handle must be a handle such as riverside.bsky.social or a DID, but was 'riverside'");
        assertThatThrownBy(() -> BlueskyConfig.from(account("https://bsky.social", Map.of("handle", "a.bsky.social"), null)))
                .hasMessage("account bluesky:riverside: needs an app password: passwordEnv or passwordFile");
        assertThatThrownBy(() -> BlueskyConfig.from(account("ftp://bsky.social", Map.of("handle", "a.bsky.social"), "p")))
                .hasMessageContaining("baseUrl must be the http or https URL of the account's PDS");
        assertThatThrownBy(() -> BlueskyConfig.from(account("https://bsky.social", Map.of("handle", "a.bsky.social",
                "language", "English"), "p"))).hasMessageContaining("setting language must be a language tag");
    }

    @Test
    void shouldAcceptADidAsTheHandle() {
        assertThat(BlueskyConfig.from(account("https://bsky.social", Map.of("handle", "did:plc:6t2y6oasf7yvv4oghujhndlo"), "p"))
                .handle()).isEqualTo("did:plc:6t2y6oasf7yvv4oghujhndlo");
    }
}
