package io.herald.cli;

import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.audit.replay.AuditFormat;
import io.herald.audit.replay.AuditReplayFixture;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class AuditReplayCommandIT {

    @TempDir
    Path dir;

    private static AuditReplayFixture fixture(TestKafka kafka, String name) throws Exception {
        return new AuditReplayFixture(kafka.bootstrapServers(), TestKafka.uniquePrefix(name) + "audit").create();
    }

    private static CommandRun replay(AuditReplayFixture f, String... options) {
        String[] args = new String[options.length + 6];
        args[0] = "audit";
        args[1] = "replay";
        args[2] = "--bootstrap";
        args[3] = f.bootstrap;
        args[4] = "--topic";
        args[5] = f.topic;
        System.arraycopy(options, 0, args, 6, options.length);
        return run(args);
    }

    @Test
    void shouldPrintEveryEventAsRecordedOneALineInOrder(TestKafka kafka) throws Exception {
        AuditReplayFixture f = fixture(kafka, "jsonl");

        CommandRun run = replay(f);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().toList()).containsExactlyElementsOf(f.expectedLines());
        assertThat(run.out()).contains("\"futureField\":{\"kept\":true},\"amount\":1.50}");
    }

    @Test
    void shouldFilterByPostTargetAndTime(TestKafka kafka) throws Exception {
        AuditReplayFixture f = fixture(kafka, "filters");

        CommandRun flu = replay(f, "--post", "flu");
        CommandRun mastodon = replay(f, "--target", "mastodon:riverside");
        CommandRun bluesky = replay(f, "--target", "bluesky", "--format", "csv");
        CommandRun window = replay(f, "--from", f.at(3).toString(), "--to", f.at(6).toString(), "--format", "table");

        assertThat(types(flu)).containsExactly("RECEIVED", "SCHEDULED", "PUBLISHED", "SCHEDULED");
        // the post-level events of the target's posts are kept: RECEIVED and HELD name no target
        assertThat(types(mastodon)).containsExactly("RECEIVED", "RECEIVED", "SCHEDULED", "HELD", "PUBLISHED", "CANCELLED");
        assertThat(bluesky.out().split("\r\n")).hasSize(6).allSatisfy(l -> assertThat(l).satisfiesAnyOf(
                h -> assertThat(h).startsWith("eventId,"), r -> assertThat(r).contains("bluesky:riverside")));
        CommandRun other = replay(f, "--instance", "herald-2");
        assertThat(other.out()).isEmpty();
        assertThat(types(replay(f, "--instance", "herald-1"))).hasSize(10);
        List<String> table = window.out().lines().toList();
        assertThat(table).hasSize(4);
        assertThat(table.get(1)).contains("RECEIVED").contains("vax");
        assertThat(table.get(2)).contains("HELD").contains("dental").endsWith("tone: \"too casual\", see report");
        assertThat(table.get(3)).contains("PUBLISHED").contains("1134");
    }

    @Test
    void shouldPrintCsvWithQuoting(TestKafka kafka) throws Exception {
        AuditReplayFixture f = fixture(kafka, "csv");

        CommandRun run = replay(f, "--format", "csv", "--post", "dental");

        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("eventId,type,at,instance,seq,postId,revision,target,targets,attempt,remoteId,remoteUrl,"
                + "reason,approvedBy,approvedAt,approvalKey,acknowledged,approvalsOff,findings,contentSha256,source,prevHash,hash");
        assertThat(lines[2]).contains(",HELD," + AuditFormat.millis(f.at(4)) + ",herald-1,2,dental,1,,")
                .contains(",\"tone: \"\"too casual\"\", see report\",").endsWith(",prev2,hash2").doesNotContain("[");
    }

    @Test
    void shouldPrintAnAlignedTable(TestKafka kafka) throws Exception {
        AuditReplayFixture f = fixture(kafka, "table");

        CommandRun run = replay(f, "--format", "table");

        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).startsWith("AT").contains("TYPE").contains("POST").contains("REV").contains("TARGET")
                .contains("ATTEMPT").contains("REMOTE ID").contains("INSTANCE").endsWith("REASON");
        int target = lines.get(0).indexOf("TARGET");
        assertThat(lines.subList(1, 11)).allSatisfy(l -> assertThat(l.charAt(target - 1)).isEqualTo(' '));
        assertThat(lines.get(1)).startsWith(AuditFormat.millis(f.at(0))).contains("herald-1");
    }

    @Test
    void shouldTakeTheTopicAndBootstrapFromTheConfiguration(TestKafka kafka) throws Exception {
        AuditReplayFixture f = fixture(kafka, "config");
        Path config = Files.writeString(dir.resolve("herald.yaml"),
                "kafka:\n  bootstrap: " + f.bootstrap + "\n  topics:\n    audit: " + f.topic + "\n");

        CommandRun run = run("audit", "replay", "--config", config.toString(), "--post", "vax");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(types(run)).containsExactly("RECEIVED", "SCHEDULED", "FAILED");
    }

    @Test
    void shouldSayInOneLineWhenTheTopicDoesNotExist(TestKafka kafka) {
        CommandRun run = run("audit", "replay", "--bootstrap", kafka.bootstrapServers(), "--topic", "no-such-audit-topic");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("there is no topic 'no-such-audit-topic'");
    }

    @Test
    void shouldNameBootstrapInOneLineWhenNoBrokerAnswers() {
        long start = System.nanoTime();

        CommandRun run = run("audit", "replay", "--bootstrap", "127.0.0.1:1");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("herald: cannot reach Kafka at 127.0.0.1:1: nothing listens there (connection refused);"
                + " check --bootstrap\n");
    }

    private static List<String> types(CommandRun run) {
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out().lines().map(l -> l.replaceAll(".*\"type\" ?: ?\"([A-Z_]+)\".*", "$1")).toList();
    }
}
