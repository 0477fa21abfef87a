package io.herald.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** An event's time: the fast reading of Herald's own form agrees with the ISO parser. */
class AuditRecordTest {

    @Test
    void readsHeraldsFormAsTheIsoParserDoes() {
        for (String at : new String[] {"2026-12-07T10:00:00Z", "2026-12-07T10:00:00.1Z", "2026-12-07T23:59:59.123Z",
            "2024-02-29T00:00:00.123456789Z", "1970-01-01T00:00:00Z", "2026-01-31T12:30:45.000001Z"}) {
            assertThat(AuditRecord.utc(at)).as(at).isEqualTo(OffsetDateTime.parse(at).toInstant());
        }
    }

    @Test
    void leavesOtherFormsAndImpossibleTimesToTheIsoParser() {
        for (String at : new String[] {"2026-12-07T10:00:00+01:00", "2026-12-07T10:00Z", "2026-02-30T10:00:00Z",
            "2026-13-01T10:00:00Z", "2026-12-07T24:00:00Z", "2026-12-07T10:00:00.Z", "2026-12-07 10:00:00Z",
            "2026-12-07T10:00:00.1234567890Z", "not a time at all, no"}) {
            assertThat(AuditRecord.utc(at)).as(at).isNull();
        }
    }

    @Test
    void anEventTimeWithAnOffsetOrNoneAtAll() throws Exception {
        AuditRecord withOffset = AuditRecord.of(0, 0, 5, "{}", Json.mapper().readTree("{\"at\":\"2026-12-07T10:00:00+01:00\"}"));
        assertThat(withOffset.time()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        AuditRecord without = AuditRecord.of(0, 0, 5, "{}", Json.mapper().readTree("{\"at\":\"yesterday\"}"));
        assertThat(without.time()).isEqualTo(Instant.ofEpochMilli(5));
    }
}
