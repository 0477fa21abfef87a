package io.herald.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void shouldBeOkWellBeforeTheExpiry() {
        AccountHealth h = AccountHealth.expiring("the token", NOW.plus(Duration.ofDays(40)), NOW, Duration.ofDays(14), "renew it");

        assertThat(h.status()).isEqualTo(AccountHealth.Status.OK);
        assertThat(h.detail()).contains("in 40 days");
        assertThat(h.credentialExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(40)));
    }

    @Test
    void shouldWarnWithinTheWarningPeriodAndSayWhatToDo() {
        AccountHealth h = AccountHealth.expiring("the token", NOW.plus(Duration.ofDays(3)), NOW, Duration.ofDays(14), "renew it");

        assertThat(h.status()).isEqualTo(AccountHealth.Status.WARNING);
        assertThat(h.detail()).isEqualTo("the token expires in 3 days (at 2026-12-04T00:00:00Z); renew it");
    }

    @Test
    void shouldBeAnErrorOnceExpired() {
        AccountHealth h = AccountHealth.expiring("the token", NOW, NOW, Duration.ofDays(14), "renew it");

        assertThat(h.status()).isEqualTo(AccountHealth.Status.ERROR);
        assertThat(h.detail()).startsWith("the token expired at");
    }

    @Test
    void shouldKeepTheMoreUrgentOfTwo() {
        AccountHealth h = AccountHealth.ok("fine").and(AccountHealth.warning("version is old"));

        assertThat(h.status()).isEqualTo(AccountHealth.Status.WARNING);
        assertThat(h.detail()).isEqualTo("version is old; fine");
        assertThat(AccountHealth.error("bad").and(AccountHealth.unknown("?")).status()).isEqualTo(AccountHealth.Status.ERROR);
    }
}
