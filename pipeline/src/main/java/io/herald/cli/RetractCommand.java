package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.control.ControlCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code herald retract POST_ID [--target T] --reason TEXT}, or {@code herald retract --account T
 * --since ISO [--dry-run] --reason TEXT}: takes published posts down from the networks, through the
 * running Herald (the control topic), and follows its progress in the audit log until every part is
 * gone or named for deletion by hand.
 */
@Command(name = "retract", mixinStandardHelpOptions = true,
        description = {"Takes a published post down everywhere it went out (or from one target): every part on every"
                + " network that can delete, waiting deliveries of it cancelled; a network whose API cannot delete is named"
                + " with the post's URL to delete by hand. Each part is RETRACTED in the audit with who and why.",
            "For an incident, --account T --since ISO takes down everything that account published since then;"
                + " --dry-run lists what would go and changes nothing.",
            "Shows progress per target and ends with a table. Exit 0 when everything is taken down, 3 when nothing"
                + " was published or waiting, 4 when Herald had not finished within --wait (it goes on), 5 when some part"
                + " must be deleted by hand or could not be taken down."})
public final class RetractCommand implements Callable<Integer> {

    static final int NOT_ALL_GONE = 5;
    private static final Duration SETTLE = Duration.ofMillis(300);

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "POST_ID", description = "The id of the post to take down.")
    String postId;

    @Option(names = "--target", paramLabel = "TARGET", description = "Only from this target (platform:account).")
    String target;

    @Option(names = "--account", paramLabel = "TARGET",
            description = "Bulk takedown: everything this account (platform:account) published since --since.")
    String account;

    @Option(names = "--since", paramLabel = "ISO", description = "With --account: from this time, e.g. 2026-11-26T09:00:00Z"
            + " or 2026-11-26T09:00:00-05:00.")
    String since;

    @Option(names = "--dry-run", description = "List what would be taken down; change nothing.")
    boolean dryRun;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log (required, at most 500 characters).")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "Who retracts it, for the audit log (default: your user and host name).")
    String by;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "2m",
            description = "How long to follow Herald's progress on the audit topic: 2m (the default), 30s, PT5M.")
    String waitText;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlCommand command = command();
        Duration wait = ControlClient.wait(waitText);
        PrintWriter out = spec.commandLine().getOut();
        String topic = options.config().kafka().topics().control();
        String auditTopic = options.config().kafka().topics().audit();
        String bootstrap = options.reachableBootstrap();
        TopicFollower audit = TopicFollower.open(bootstrap, auditTopic, "herald-retract");
        if (audit == null) {
            throw new UserError("there is no audit topic " + auditTopic + " at " + bootstrap + ": no Herald has run there");
        }
        try (audit) {
            audit.mark();
            RecordMetadata md;
            try (Producer<byte[], byte[]> producer = SubmitCommand.producer(bootstrap, "herald-retract", options)) {
                md = SubmitCommand.send(producer, new ProducerRecord<>(topic, command.key().getBytes(StandardCharsets.UTF_8),
                        command.toJson()), bootstrap);
            }
            Progress progress = new Progress(out);
            long deadline = System.nanoTime() + wait.toNanos();
            long settle = Long.MAX_VALUE;
            boolean answered = false;
            // every record of a poll is looked at: one transaction's answers (a bulk takedown) come together
            while (System.nanoTime() < deadline) {
                boolean[] got = {false};
                audit.pollOnce(r -> {
                    JsonNode e = ControlClient.answerTo(r, topic, md);
                    if (e != null) {
                        got[0] = progress.add(e);
                    }
                });
                if (got[0] && !answered) {
                    answered = true;
                    settle = System.nanoTime() + SETTLE.toNanos();
                }
                if (answered && progress.finished() && System.nanoTime() >= settle && audit.caughtUp()) {
                    break;
                }
            }
            if (!answered) {
                out.println("retract of " + command.key() + " sent to " + topic + ", but Herald has not answered within " + waitText
                        + " (is it running?); it applies the command when it reads it");
                out.flush();
                return ControlClient.NOT_CONFIRMED;
            }
            return progress.table(waitText);
        }
    }

    private ControlCommand command() {
        if (postId == null && account == null) {
            throw new UserError("retract needs a POST_ID, or --account T with --since ISO");
        }
        if (postId != null && account != null) {
            throw new UserError("--account: give either a POST_ID or --account with --since, not both");
        }
        if (account != null && target != null) {
            throw new UserError("--target goes with a POST_ID; with --account the account is the target");
        }
        if (account != null && since == null) {
            throw new UserError("--since is required with --account (everything the account published since when?)");
        }
        if (postId != null && since != null) {
            throw new UserError("--since goes with --account, not with a POST_ID");
        }
        Instant from = since == null ? null : instant(since);
        try {
            return ControlCommand.parse(ControlCommand.retract(postId, account != null ? account : target, from, dryRun,
                    by == null ? ControlClient.whoAmI() : by, reason).toJson());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().startsWith("target") ? (account != null ? "--account: " : "--target: ") + e.getMessage()
                    : e.getMessage().startsWith("reason") ? "--reason: " + e.getMessage()
                    : e.getMessage().startsWith("postId") ? "POST_ID: " + e.getMessage().substring("postId ".length())
                    : e.getMessage());
        }
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new UserError("--since must be an ISO time with an offset, such as 2026-11-26T09:00:00Z, but was '" + text + "'");
            }
        }
    }

    /** What Herald answered so far, per delivery (target and revision), and whether each is settled. */
    static final class Progress {
        private final PrintWriter out;
        private final Map<String, Row> rows = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private boolean dryRun;

        Progress(PrintWriter out) {
            this.out = out;
        }

        /** Takes one answer in, printing it as a progress line; returns true (an answer came). */
        boolean add(JsonNode e) {
            String type = e.path("type").asText();
            String target = e.path("target").asText(null);
            String key = e.path("postId").asText("") + " " + target + " revision " + e.path("revision").asText("?");
            String reason = e.path("reason").asText("");
            out.println(type + (target == null ? "" : " " + target) + (e.hasNonNull("revision") ? " revision "
                    + e.get("revision").asInt() : "") + ": " + reason);
            out.flush();
            switch (type) {
                case "RETRACT_REQUESTED" -> {
                    Row r = rows.computeIfAbsent(key, k -> new Row(e));
                    r.expected = e.path("remoteIds").size();
                    e.path("remoteIds").forEach(id -> r.ids.add(id.asText()));
                    if (e.hasNonNull("remoteUrl")) {
                        r.url = e.get("remoteUrl").asText();
                    }
                }
                case "RETRACTED" -> {
                    Row r = rows.computeIfAbsent(key, k -> new Row(e));
                    r.gone++;
                    if (r.expected == 0 || r.gone >= r.expected) {
                        r.outcome = "taken down";
                    }
                }
                case "RETRACT_BY_HAND" -> {
                    Row r = rows.computeIfAbsent(key, k -> new Row(e));
                    r.outcome = "delete by hand";
                    r.url = e.path("remoteUrl").asText(r.url);
                    r.left = e.path("remoteIds").size();
                }
                case "RETRACT_FAILED" -> {
                    Row r = rows.computeIfAbsent(key, k -> new Row(e));
                    r.outcome = "FAILED";
                    r.left = e.path("remoteIds").size();
                }
                case "CANCELLED" -> {
                    Row r = rows.computeIfAbsent(key, k -> new Row(e));
                    if (r.outcome == null && r.expected == 0) {
                        r.outcome = "cancelled (was waiting)";
                    }
                }
                case "NOT_APPLIED" -> {
                    if (reason.startsWith("dry run")) {
                        dryRun = true;
                        Row r = rows.computeIfAbsent(key, k -> new Row(e));
                        r.outcome = reason.contains("would cancel") ? "would cancel" : "would take down";
                        e.path("remoteIds").forEach(id -> r.ids.add(id.asText()));
                        r.url = e.path("remoteUrl").asText(null);
                    } else {
                        notes.add(reason);
                    }
                }
                default -> {
                    // RETRY_SCHEDULED and the like: progress only
                }
            }
            return true;
        }

        boolean finished() {
            return rows.values().stream().allMatch(r -> r.outcome != null);
        }

        /** Prints the table of what was taken down; returns the exit code. */
        int table(String waitText) {
            if (rows.isEmpty()) {
                out.flush();
                return ControlClient.NOT_APPLIED;
            }
            out.println();
            out.println(String.format("%-24s %-20s %-4s %-24s %s", "TARGET", "POST", "REV", "OUTCOME", "REMOTE"));
            boolean pending = false;
            boolean left = false;
            for (Row r : rows.values()) {
                String outcome = r.outcome == null ? "in progress (" + r.gone + " of " + r.expected + " parts gone)" : r.outcome;
                pending |= r.outcome == null;
                left |= "delete by hand".equals(r.outcome) || "FAILED".equals(r.outcome);
                String remote = String.join(", ", r.ids) + (r.url == null || !("delete by hand".equals(r.outcome)
                        || r.outcome == null || r.outcome.startsWith("would")) ? "" : " " + r.url);
                out.println(String.format("%-24s %-20s %-4s %-24s %s", r.target, r.postId, r.revision, outcome, remote.strip()));
            }
            if (pending) {
                out.println("Herald had not finished within " + waitText + "; it goes on (see herald audit replay --post ID)");
            }
            out.flush();
            if (dryRun) {
                return 0;
            }
            return pending ? ControlClient.NOT_CONFIRMED : left ? NOT_ALL_GONE : 0;
        }
    }

    private static final class Row {
        final String target;
        final String postId;
        final String revision;
        final List<String> ids = new ArrayList<>();
        int expected;
        int gone;
        int left;
        String url;
        String outcome;

        Row(JsonNode e) {
            this.target = e.path("target").asText("-");
            this.postId = e.path("postId").asText("-");
            this.revision = e.path("revision").asText("-");
        }
    }
}
