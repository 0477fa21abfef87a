package io.herald.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.Account;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Secret;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FacebookConfigTest {

    private static Account account(Map<String, String> settings, Map<String, Secret> secrets) {
        return new Account("facebook", "riverside", URI.create("https://graph.facebook.com/"), secrets, settings);
    }

    @Test
    void shouldReadTheSettingsWithTheirDefaults() {
        FacebookConfig c = FacebookConfig.from(account(Map.of("pageId", "546349135390552"),
                Map.of("token", Secret.of("page"), "appToken", Secret.of("app|secret"))));

        assertThat(c.version()).isEqualTo("v24.0");
        assertThat(c.uri("/546349135390552/feed")).hasToString("https://graph.facebook.com/v24.0/546349135390552/feed");
        assertThat(c.appToken()).contains(Secret.of("app|secret"));
    }

    @Test
    void shouldNameTheAccountAndTheWrongSetting() {
        Map<String, Secret> token = Map.of("token", Secret.of("page"));
        assertThatThrownBy(() -> FacebookConfig.from(account(Map.of(), token)))
                .hasMessage("account facebook:riverside: setting pageId must be the Page's numeric id, but was missing");
        assertThatThrownBy(() -> FacebookConfig.from(account(Map.of("pageId", "riverside-clinic"), token)))
                .hasMessageContaining("setting pageId");
        assertThatThrownBy(() -> FacebookConfig.from(account(Map.of("pageId", "1", "version", "24"), token)))
                .hasMessageContaining("setting version must be a Graph API version such as v24.0, but was '24'");
        assertThatThrownBy(() -> FacebookConfig.from(account(Map.of("pageId", "1", "expiresAt", "later"), token)))
                .hasMessageContaining("setting expiresAt");
        assertThatThrownBy(() -> FacebookConfig.from(account(Map.of("pageId", "1"), Map.of())))
                .hasMessageContaining("token must be a Page access token");
    }

    @Test
    void shouldDeclareEverySettingItReads() {
        assertThat(new FacebookConnector(ConnectorContext.defaults()).settingNames())
                .containsExactlyInAnyOrder("pageId", "version", "expiresAt");
    }
}
