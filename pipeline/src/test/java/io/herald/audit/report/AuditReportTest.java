package io.herald.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.replay.AuditRecord;
import io.herald.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who approved a post published in the period, also when it was taken in before it, or never. */
class AuditReportTest {

    private static final Instant FROM = Instant.parse("2026-12-07T00:00:00Z");
    private long offset;

    private AuditRecord event(String type, String postId, String at, boolean withApproval) {
        ObjectNode e = Json.mapper().createObjectNode().put("eventId", "e" + offset).put("type", type).put("postId", postId)
                .put("revision", 1).put("at", at);
        if ("PUBLISHED".equals(type)) {
            e.put("target", "mastodon:demo");
        }
        if ("RECEIVED".equals(type)) {
            e.putArray("targets").add("mastodon:demo");
        }
        if (withApproval) {
            e.putObject("approval").put("verified", true).put("approvedBy", "jane").put("approvedAt", "2026-12-06T20:00:00Z");
        }
        return AuditRecord.of(0, offset++, 0, Json.write(e), e);
    }

    @Test
    void namesTheApproverRecordedBeforeThePeriodAndNobodyForAPostHeraldNeverTookIn() {
        AuditReport report = new AuditReport(FROM, null);
        report.accept(event("RECEIVED", "late", "2026-12-06T23:59:00Z", true));
        report.accept(event("PUBLISHED", "late", "2026-12-07T09:00:00Z", false));
        report.accept(event("PUBLISHED", "forged", "2026-12-07T10:00:00Z", false));

        assertThat(report.approverOfPublished()).containsEntry("late rev 1", "jane")
                .hasEntrySatisfying("forged rev 1", who -> assertThat(who).startsWith("nobody: no RECEIVED"));
    }
}
