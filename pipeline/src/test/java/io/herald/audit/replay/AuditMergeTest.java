package io.herald.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditMergeTest {

    private static AuditRecord at(int partition, long offset, String at) {
        ObjectNode e = Json.mapper().createObjectNode().put("eventId", partition + "/" + offset);
        if (at != null) {
            e.put("at", at);
        }
        return AuditRecord.of(partition, offset, Instant.parse("2026-11-26T12:00:00Z").toEpochMilli() + offset, Json.write(e), e);
    }

    private static List<String> ids(List<AuditRecord> records) {
        return records.stream().map(r -> r.event().get("eventId").asText()).toList();
    }

    @Test
    void shouldMergePartitionsByTimeKeepingEachPartitionsOrder() {
        AuditReader.Merger merger = new AuditReader.Merger(List.of(0, 1));
        List<AuditRecord> out = new ArrayList<>();
        merger.add(at(0, 0, "2026-11-26T14:00:00Z"));
        merger.add(at(0, 1, "2026-11-26T14:00:05Z"));
        merger.add(at(0, 2, "2026-11-26T14:00:01Z"));

        assertThat(merger.drain(out::add)).as("partition 1 may still bring an earlier event").isZero();

        merger.add(at(1, 0, "2026-11-26T14:00:02Z"));
        merger.drain(out::add);
        assertThat(ids(out)).containsExactly("0/0", "1/0");

        merger.finish(1);
        merger.finish(0);
        merger.drain(out::add);
        assertThat(ids(out)).as("in a partition, topic order even when 'at' goes back")
                .containsExactly("0/0", "1/0", "0/1", "0/2");
    }

    @Test
    void shouldUseTheRecordTimeWhenAnEventHasNoTimeAndBreakTiesByPartition() {
        AuditReader.Merger merger = new AuditReader.Merger(List.of(0, 1, 2));
        List<AuditRecord> out = new ArrayList<>();
        merger.add(at(2, 0, "2026-11-26T12:00:00Z"));
        merger.add(at(1, 0, "2026-11-26T12:00:00Z"));
        merger.add(at(0, 5, null));
        List.of(0, 1, 2).forEach(merger::finish);

        merger.drain(out::add);

        assertThat(ids(out)).containsExactly("1/0", "2/0", "0/5");
        assertThat(out.get(2).time()).isEqualTo(Instant.parse("2026-11-26T12:00:00.005Z"));
    }

    @Test
    void shouldFilterOnPostTargetAndTime() {
        ObjectNode e = Json.mapper().createObjectNode().put("postId", "flu").put("target", "mastodon:riverside")
                .put("at", "2026-11-26T14:00:00Z");
        AuditRecord r = AuditRecord.of(0, 0, 0, Json.write(e), e);
        Instant at = Instant.parse("2026-11-26T14:00:00Z");

        assertThat(AuditFilter.all().matches(r)).isTrue();
        assertThat(AuditFilter.all().withPostId("flu").matches(r)).isTrue();
        assertThat(AuditFilter.all().withPostId("other").matches(r)).isFalse();
        assertThat(AuditFilter.all().withTarget("mastodon:riverside").matches(r)).isTrue();
        assertThat(AuditFilter.all().withTarget("mastodon").matches(r)).isTrue();
        assertThat(AuditFilter.all().withTarget("masto").matches(r)).isFalse();
        assertThat(AuditFilter.all().withTarget("bluesky:riverside").matches(r)).isFalse();
        assertThat(AuditFilter.all().withFrom(at).matches(r)).as("from is inclusive").isTrue();
        assertThat(AuditFilter.all().withTo(at).matches(r)).as("to is exclusive").isFalse();
        assertThat(AuditFilter.all().withTo(at.plusMillis(1)).matches(r)).isTrue();
    }
}
