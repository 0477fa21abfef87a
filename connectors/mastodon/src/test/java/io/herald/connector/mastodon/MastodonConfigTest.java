package io.herald.connector.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MastodonConfigTest {

    private static Account account(String baseUrl, String token, Map<String, String> settings) {
        return new Account("mastodon", "riverside", URI.create(baseUrl), Secret.of(token), settings);
    }

    @Test
    void shouldDefaultToPublicWithoutLanguage() {
        MastodonConfig config = MastodonConfig.from(account("https://mastodon.social", "t", Map.of()));

        assertThat(config.visibility()).isEqualTo("public");
        assertThat(config.language()).isEmpty();
        assertThat(config.statusesUri()).hasToString("https://mastodon.social/api/v1/statuses");
    }

    @Test
    void shouldKeepABasePathAndDropATrailingSlash() {
        MastodonConfig config = MastodonConfig.from(account("http://127.0.0.1:8089/mastodon/", "t", Map.of()));

        assertThat(config.statusesUri()).hasToString("http://127.0.0.1:8089/mastodon/api/v1/statuses");
    }

    @Test
    void shouldReadVisibilityAndLanguage() {
        MastodonConfig config = MastodonConfig.from(account("https://mastodon.social", "t",
                Map.of("visibility", "Unlisted", "language", "EN")));

        assertThat(config.visibility()).isEqualTo("unlisted");
        assertThat(config.language()).hasValue("en");
    }

    @Test
    void shouldNameTheWrongSetting() {
        assertThatThrownBy(() -> MastodonConfig.from(account("https://m.example", "t", Map.of("visibility", "loud"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account mastodon:riverside: setting visibility must be one of public, unlisted, private,"
                        + " direct, but was 'loud'");
        assertThatThrownBy(() -> MastodonConfig.from(account("https://m.example", "t", Map.of("language", "English"))))
                .hasMessageContaining("setting language must be an ISO 639 code such as 'en', but was 'English'");
    }

    @Test
    void shouldRefuseABadBaseUrlOrAnEmptyToken() {
        assertThatThrownBy(() -> MastodonConfig.from(account("ftp://m.example", "t", Map.of())))
                .hasMessageContaining("baseUrl must be an http or https URL");
        assertThatThrownBy(() -> MastodonConfig.from(account("https://m.example?x=1", "t", Map.of())))
                .hasMessageContaining("baseUrl must not have a query");
        assertThatThrownBy(() -> MastodonConfig.from(account("https://m.example", "", Map.of())))
                .hasMessage("account mastodon:riverside: credential must be an access token, but was empty");
    }
}
