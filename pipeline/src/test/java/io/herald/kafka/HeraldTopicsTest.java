package io.herald.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit topic's settings that would let Kafka delete events are named. */
class HeraldTopicsTest {

    @Test
    void anAuditTopicKeptForeverAndNotCompactedIsFine() {
        assertThat(HeraldTopics.auditTopicProblems(Map.of("retention.ms", "-1", "retention.bytes", "-1",
                "cleanup.policy", "delete"))).isEmpty();
    }

    @Test
    void namesTimeAndSizeRetentionAndCompaction() {
        assertThat(HeraldTopics.auditTopicProblems(Map.of("retention.ms", "604800000", "retention.bytes", "1073741824",
                "cleanup.policy", "compact,delete")))
                .containsExactly("retention.ms=604800000 (deletes events older than that)",
                        "retention.bytes=1073741824 (deletes the oldest events above that size)",
                        "cleanup.policy=compact,delete (compaction keeps one event per post id)");
    }
}
