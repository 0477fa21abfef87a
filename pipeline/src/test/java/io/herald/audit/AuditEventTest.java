package io.herald.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Times in an event's reason are in milliseconds, as its {@code at} is. */
class AuditEventTest {

    @Test
    void aReasonCarriesTimesInMilliseconds() {
        AuditEvent e = AuditEvent.of(AuditEventType.SCHEDULED, "p-1")
                .reason("publish at 2026-12-07T14:24:07.165182866Z, expires 2026-12-08T00:00:00Z").build();
        assertThat(e.reason()).isEqualTo("publish at 2026-12-07T14:24:07.165Z, expires 2026-12-08T00:00:00Z");
    }

    @Test
    void otherTextIsLeftAlone() {
        assertThat(AuditEvent.millis("targets mastodon:demo")).isEqualTo("targets mastodon:demo");
        assertThat(AuditEvent.millis("at 2026-12-07T14:24:07.1Z or 2026-12-07T14:24:07.123Z")).isEqualTo(
                "at 2026-12-07T14:24:07.1Z or 2026-12-07T14:24:07.123Z");
        assertThat(AuditEvent.millis(null)).isNull();
    }
}
