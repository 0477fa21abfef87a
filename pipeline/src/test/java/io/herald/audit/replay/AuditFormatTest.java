package io.herald.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditFormatTest {

    private static AuditRecord record(String json) throws Exception {
        JsonNode event = Json.mapper().readTree(json);
        return AuditRecord.of(0, 0, 0, json, event);
    }

    private static String print(AuditFormat format, List<AuditRecord> records) {
        StringWriter out = new StringWriter();
        AuditFormat.Printer printer = format.printer(new PrintWriter(out));
        records.forEach(printer::print);
        printer.finish();
        return out.toString();
    }

    private static final String PUBLISHED = "{\"eventId\":\"e1\",\"type\":\"PUBLISHED\",\"postId\":\"flu\",\"revision\":1,"
            + "\"target\":\"mastodon:riverside\",\"at\":\"2026-11-26T14:00:00.412Z\",\"attempt\":1,\"remoteId\":\"1134\","
            + "\"remoteUrl\":\"https://m.example/1134\",\"reason\":null,\"findings\":[],\"seq\":42,\"custom\":\"kept\"}";
    private static final String HELD = "{\"eventId\":\"e2\",\"type\":\"HELD\",\"postId\":\"flu\",\"revision\":1,"
            + "\"at\":\"2026-11-26T14:00:01Z\",\"reason\":\"tone: \\\"too casual\\\", twice\\nsee report\","
            + "\"findings\":[{\"rule\":\"TONE-001\",\"category\":\"conduct\",\"action\":\"HOLD\",\"start\":0,\"end\":4}]}";

    private static final String RECEIVED = "{\"eventId\":\"e3\",\"type\":\"RECEIVED\",\"postId\":\"flu\",\"revision\":1,"
            + "\"targets\":[\"mastodon:riverside\",\"x:riverside\"],\"at\":\"2026-11-26T14:00:02Z\","
            + "\"reason\":\"targets mastodon:riverside, x:riverside\",\"source\":{\"topic\":\"herald.posts.approved\",\"partition\":0,"
            + "\"offset\":12},\"approval\":{\"verified\":true,\"approvedBy\":\"officer\",\"approvedAt\":\"2026-11-26T13:00:00Z\","
            + "\"keyFingerprint\":\"ab12\",\"acknowledged\":[\"TONE-001\"]},\"approvalsOff\":true,\"instance\":\"herald-1\",\"seq\":7}";

    @Test
    void shouldPrintJsonLinesAsRecorded() throws Exception {
        String out = print(AuditFormat.JSONL, List.of(record(PUBLISHED), record(HELD)));

        assertThat(out).isEqualTo(PUBLISHED + System.lineSeparator() + HELD + System.lineSeparator());
    }

    @Test
    void shouldPrintCsvWithAHeaderPlainColumnsAndRfc4180Quoting() throws Exception {
        String out = print(AuditFormat.CSV, List.of(record(PUBLISHED), record(HELD), record(RECEIVED)));

        String[] lines = out.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("eventId,type,at,instance,seq,postId,revision,target,targets,attempt,remoteId,remoteUrl,"
                + "reason,approvedBy,approvedAt,approvalKey,acknowledged,approvalsOff,findings,contentSha256,source,prevHash,hash");
        assertThat(lines[1]).isEqualTo("e1,PUBLISHED,2026-11-26T14:00:00.412Z,,42,flu,1,mastodon:riverside,,1,1134,"
                + "https://m.example/1134,,,,,,,,,,,");
        assertThat(out).contains("e2,HELD,2026-11-26T14:00:01.000Z,,,flu,1,,,,,,\"tone: \"\"too casual\"\", twice\nsee report\","
                + ",,,,,TONE-001 HOLD 0-4,,,,\r\n");
        assertThat(lines[lines.length - 2]).isEqualTo("e3,RECEIVED,2026-11-26T14:00:02.000Z,herald-1,7,flu,1,,mastodon:riverside"
                + " x:riverside,,,,\"targets mastodon:riverside, x:riverside\",officer,2026-11-26T13:00:00.000Z,ab12,TONE-001,true,"
                + ",,herald.posts.approved/0/12,,");
        assertThat(out).doesNotContain("{").endsWith("\r\n");
    }

    @Test
    void shouldPrintOnlyTheHeaderForNoEvents() {
        assertThat(print(AuditFormat.CSV, List.of())).isEqualTo(String.join(",", AuditFormat.CSV_COLUMNS) + "\r\n");
        assertThat(print(AuditFormat.TABLE, List.of())).contains("AT").contains("(no events)");
    }

    @Test
    void shouldAlignTheTable() throws Exception {
        String out = print(AuditFormat.TABLE, List.of(record(PUBLISHED), record(HELD)));

        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("AT ").contains("TYPE").contains("REMOTE ID").contains("APPROVER")
                .contains("INSTANCE").endsWith("REASON");
        assertThat(lines.get(1)).startsWith("2026-11-26T14:00:00.412Z ");
        assertThat(lines.get(2)).startsWith("2026-11-26T14:00:01.000Z ");
        int typeColumn = lines.get(0).indexOf("TYPE");
        assertThat(lines.get(1).indexOf("PUBLISHED")).isEqualTo(typeColumn);
        assertThat(lines.get(2).indexOf("HELD")).isEqualTo(typeColumn);
        int targetColumn = lines.get(0).indexOf("TARGET");
        assertThat(lines.get(1).indexOf("mastodon:riverside")).isEqualTo(targetColumn);
        assertThat(lines.get(2).substring(targetColumn)).startsWith("- ");
        assertThat(lines.get(2)).endsWith("tone: \"too casual\", twice see report");
    }

    @Test
    void shouldGiveTimesInAReasonInMilliseconds() throws Exception {
        String scheduled = "{\"eventId\":\"e4\",\"type\":\"SCHEDULED\",\"postId\":\"flu\",\"at\":\"2026-11-26T14:00:02Z\","
                + "\"reason\":\"publish at 2026-11-26T14:00:02.165182866Z\"}";
        assertThat(print(AuditFormat.CSV, List.of(record(scheduled)))).contains(",publish at 2026-11-26T14:00:02.165Z,");
        assertThat(print(AuditFormat.JSONL, List.of(record(scheduled)))).as("jsonl stays as recorded").contains("165182866Z");
    }
}
