package io.herald.cli;

import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The parts of {@code herald audit} that need no broker; the rest is in AuditReplayCommandIT and AuditVerifyCommandIT. */
class AuditCommandTest {

    @Test
    void shouldNameFromWhenItIsNotATime() {
        CommandRun run = run("audit", "replay", "--from", "yesterday", "--bootstrap", "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasLineCount(1).startsWith("herald: --from must be an ISO-8601 time").contains("'yesterday'");
    }

    @Test
    void shouldNameToWhenItIsNotATime() {
        CommandRun run = run("audit", "replay", "--to", "2026-13-01", "--bootstrap", "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: --to must be an ISO-8601 time");
    }

    @Test
    void shouldRefuseFromAfterTo() {
        CommandRun run = run("audit", "replay", "--from", "2026-11-27", "--to", "2026-11-26T00:00:00Z", "--bootstrap", "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: --from must be before --to");
    }

    @Test
    void shouldRefuseAnUnknownFormat() {
        CommandRun run = run("audit", "replay", "--format", "xml", "--bootstrap", "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: --format must be jsonl, csv or table, but was 'xml'\n");
    }

    @Test
    void shouldRefuseABadBootstrap() {
        CommandRun run = run("audit", "replay", "--bootstrap", "no port");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("--bootstrap");
    }

    @Test
    void shouldAcceptTheTimeForms() {
        assertThat(AuditCommand.Replay.time("--from", "2026-11-26T09:00:00-05:00")).isEqualTo(Instant.parse("2026-11-26T14:00:00Z"));
        assertThat(AuditCommand.Replay.time("--from", "2026-11-26T14:00:00.5Z")).isEqualTo(Instant.parse("2026-11-26T14:00:00.500Z"));
        assertThat(AuditCommand.Replay.time("--from", "2026-11-26")).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(AuditCommand.Replay.time("--from", null)).isNull();
    }

    @Test
    void shouldNameBootstrapWhenVerifyGetsABadOne() {
        CommandRun run = run("audit", "verify", "--bootstrap", "nohost");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("--bootstrap");
    }

    @Test
    void shouldAskForASubcommand() {
        CommandRun run = run("audit");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("replay, verify or report");
    }

    @Test
    void shouldListItsSubcommandsInHelp() {
        CommandRun run = run("audit", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("replay").contains("verify");
    }
}
