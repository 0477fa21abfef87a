package io.herald.connector.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.Account;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkedInConfigTest {

    private static Account account(Map<String, String> settings) {
        return new Account("linkedin", "riverside", URI.create("https://api.linkedin.com"), Map.of("token", Secret.of("t")), settings);
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> m = new HashMap<>(Map.of("author", "urn:li:organization:2414183"));
        m.put(key, value);
        return m;
    }

    @Test
    void shouldReadTheSettingsWithTheirDefaults() {
        LinkedInConfig c = LinkedInConfig.from(account(Map.of("author", "urn:li:organization:2414183")));

        assertThat(c.version()).isEqualTo(LinkedInConfig.DEFAULT_VERSION);
        assertThat(c.visibility()).isEqualTo("PUBLIC");
        assertThat(c.organizationAuthor()).isTrue();
        assertThat(c.canReadBack()).isTrue();
        assertThat(c.uri("/rest/posts")).hasToString("https://api.linkedin.com/rest/posts");
        assertThat(c.expiresAt()).isEmpty();
        assertThat(LinkedInConfig.from(account(with("expiresAt", "2027-02-01"))).expiresAt())
                .contains(Instant.parse("2027-02-01T00:00:00Z"));
    }

    @Test
    void shouldNameTheAccountAndTheWrongSetting() {
        assertThatThrownBy(() -> LinkedInConfig.from(account(Map.of())))
                .hasMessage("account linkedin:riverside: setting author must be urn:li:organization:<id> or urn:li:person:<id>, but was missing");
        assertThatThrownBy(() -> LinkedInConfig.from(account(with("version", "2024-01"))))
                .hasMessageContaining("setting version must be a LinkedIn-Version such as 202610 (YYYYMM), but was '2024-01'");
        assertThatThrownBy(() -> LinkedInConfig.from(account(with("version", "202613")))).hasMessageContaining("setting version");
        assertThatThrownBy(() -> LinkedInConfig.from(account(with("visibility", "FRIENDS")))).hasMessageContaining("setting visibility");
        assertThatThrownBy(() -> LinkedInConfig.from(account(with("expiresAt", "soon")))).hasMessageContaining("setting expiresAt");
        assertThatThrownBy(() -> LinkedInConfig.from(account(with("memberReadBack", "yes")))).hasMessageContaining("memberReadBack");
        assertThatThrownBy(() -> LinkedInConfig.from(account(Map.of("author", "urn:li:organization:1"))
                .withSecrets(Map.of()))).hasMessageContaining("token must be an OAuth access token");
    }

    @Test
    void shouldDeclareEverySettingItReads() {
        assertThat(new LinkedInConnector(ConnectorContext.defaults()).settingNames())
                .containsExactlyInAnyOrder("author", "version", "visibility", "expiresAt", "memberReadBack");
    }
}
