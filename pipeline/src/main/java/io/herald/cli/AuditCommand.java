package io.herald.cli;

import io.herald.audit.replay.AuditChainVerifier;
import io.herald.audit.replay.AuditFilter;
import io.herald.audit.replay.AuditFormat;
import io.herald.audit.replay.AuditReadException;
import io.herald.audit.replay.AuditReader;
import io.herald.audit.replay.TrustedInstances;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald audit replay|verify}: the audit log, for auditors. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Reads the audit log (the herald.audit topic): replay prints it, verify checks its hash chains and"
                + " signed checkpoints, report summarises a period (HTML or PDF).",
        subcommands = {AuditCommand.Replay.class, AuditCommand.Verify.class, AuditCommand.Report.class})
public final class AuditCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UserError("audit needs a subcommand: replay, verify or report (see 'herald audit --help')");
    }

    /** {@code herald audit replay}. */
    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = {
                "Prints the audit events on the audit topic, oldest first, up to the last one recorded when it started.",
                "Within a partition the order is the topic's; events of different partitions are merged by their time ('at').",
                "It reads with no consumer group and commits nothing."
            })
    static final class Replay implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Option(names = "--from", paramLabel = "ISO",
                description = "Only events at or after this time: 2026-11-26T09:00:00Z, 2026-11-26T09:00:00-05:00 or 2026-11-26 (UTC midnight).")
        String from;

        @Option(names = "--to", paramLabel = "ISO", description = "Only events before this time (same forms as --from).")
        String to;

        @Option(names = "--post", paramLabel = "ID", description = "Only events of this post id.")
        String post;

        @Option(names = "--target", paramLabel = "T",
                description = "Only events of this target: platform:account, or a platform for all its accounts;"
                        + " the post-level events (RECEIVED, REJECTED, HELD, BLOCKED, ...) of posts that name it are kept too.")
        String target;

        @Option(names = "--instance", paramLabel = "NAME", description = "Only events written by this Herald instance.")
        String instance;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
                description = "The output: jsonl (the events as recorded, one a line; the default), csv (RFC 4180, with a header;"
                        + " plain columns, times in UTC milliseconds) or table.")
        String format;

        @Option(names = "--topic", paramLabel = "NAME",
                description = "The audit topic (default: kafka.topics.audit from the configuration, herald.audit).")
        String topic;

        @Override
        public Integer call() {
            AuditFormat fmt = format(format);
            AuditFilter filter;
            try {
                filter = new AuditFilter(time("--from", from), time("--to", to), blankToNull(post), blankToNull(target),
                        blankToNull(instance));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            String bootstrap = config.reachableBootstrap();
            String auditTopic = topic != null && !topic.isBlank() ? topic.trim() : config.config().kafka().topics().audit();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AuditFormat.Printer printer = fmt.printer(out);
            AuditReader reader = new AuditReader(bootstrap, auditTopic, AuditReader.DEFAULT_TIMEOUT, warning -> {
                err.println("herald: warning: " + warning);
                err.flush();
            });
            try {
                reader.read(filter, printer::print);
            } catch (AuditReadException e) {
                throw userError(e);
            }
            printer.finish();
            if (reader.repeatsSkipped() > 0) {
                err.println("herald: note: skipped " + reader.repeatsSkipped()
                        + " repeated events (re-sent after a crash: same eventId)");
                err.flush();
            }
            return 0;
        }

        /** A read failure as one line that names the option to look at. */
        static UserError userError(AuditReadException e) {
            switch (e.kind()) {
                case UNREACHABLE:
                    return new UserError(e.getMessage() + "; check --bootstrap (or kafka.bootstrap in the configuration)");
                case NO_TOPIC:
                    return new UserError(e.getMessage() + " (nothing recorded yet, or check --bootstrap and --topic)");
                default:
                    return new UserError(e.getMessage());
            }
        }

        private static AuditFormat format(String value) {
            try {
                return AuditFormat.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("--format must be jsonl, csv or table, but was '" + value + "'");
            }
        }

        /** An ISO-8601 time with an offset, or a date (midnight UTC). */
        static Instant time(String option, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String v = value.trim();
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new UserError(option + " must be an ISO-8601 time such as 2026-11-26T09:00:00Z or a date"
                            + " such as 2026-11-26, but was '" + value + "'");
                }
            }
        }

        private static String blankToNull(String v) {
            return v == null || v.isBlank() ? null : v.trim();
        }
    }

    /** {@code herald audit verify}: checks the hash chains and the signed checkpoints. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Checks the audit log: each instance's hash chain, and the checkpoints each instance signs with its Ed25519 key.",
                "Only chains signed by a key in the instances folder (config/instances/, audit.instances) are accepted.",
                "Names every altered, inserted, deleted or reordered event, every forged checkpoint, every unknown instance,"
                        + " and a chain that ends before its last checkpoint's promise (truncated).",
                "Exit 0 with a summary when the log is intact; exit 1 naming the first problem otherwise"
                        + " (every problem is listed on standard output)."
            })
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Option(names = "--topic", paramLabel = "NAME",
                description = "The audit topic (default: kafka.topics.audit from the configuration, herald.audit).")
        String topic;

        @Option(names = "--instances", paramLabel = "DIR",
                description = "The trusted instance public keys, NAME.pub each (default: audit.instances from the configuration,"
                        + " config/instances).")
        java.nio.file.Path instances;

        @Option(names = "--witness", paramLabel = "FILE",
                description = "A witness file of checkpoints (audit.witnessFile): each must be on the topic as written.")
        java.nio.file.Path witness;

        @Override
        public Integer call() {
            io.herald.config.HeraldConfig c = config.config();
            AuditChainVerifier verifier = verifier(c, instances, witness);
            String bootstrap = config.reachableBootstrap();
            String auditTopic = topic != null && !topic.isBlank() ? topic.trim() : c.kafka().topics().audit();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AuditReader reader = new AuditReader(bootstrap, auditTopic, AuditReader.DEFAULT_TIMEOUT, warning -> {
                err.println("herald: warning: " + warning);
                err.flush();
            }).keepingRepeats();
            try {
                reader.read(AuditFilter.all(), verifier);
            } catch (AuditReadException e) {
                throw Replay.userError(e);
            }
            AuditChainVerifier.Report report = verifier.report();
            report.notes().forEach(n -> err.println("herald: note: " + n));
            err.flush();
            if (report.intact()) {
                out.println(report.summary());
                out.flush();
                return 0;
            }
            report.problems().forEach(p -> out.println(p.describe()));
            out.flush();
            err.println("herald: " + report.summary());
            err.flush();
            return 1;
        }

        /** A verifier with the trusted instance keys and the witness file (options, else the configuration). */
        static AuditChainVerifier verifier(io.herald.config.HeraldConfig c, java.nio.file.Path instances,
                java.nio.file.Path witness) {
            java.nio.file.Path keys = instances != null ? instances : c.resolve(c.audit().instances());
            if (instances != null && !java.nio.file.Files.isDirectory(instances)) {
                throw new UserError("--instances: " + instances + " is not a folder");
            }
            java.nio.file.Path witnessFile = witness != null ? witness
                    : c.audit().witnessFile().isEmpty() ? null : c.resolve(c.audit().witnessFile());
            if (witness != null && !java.nio.file.Files.isRegularFile(witness)) {
                throw new UserError("--witness: " + witness + " is not a file");
            }
            TrustedInstances trusted;
            try {
                trusted = TrustedInstances.load(java.util.List.of(keys));
            } catch (io.herald.approval.KeyFileException e) {
                throw new UserError("--instances: " + e.getMessage());
            }
            AuditChainVerifier verifier = new AuditChainVerifier(trusted, Instant.now());
            if (witnessFile != null && java.nio.file.Files.isRegularFile(witnessFile)) {
                try {
                    verifier.witness(witnessFile.toString(), java.nio.file.Files.readAllLines(witnessFile));
                } catch (java.io.IOException e) {
                    throw new UserError("--witness: cannot read " + witnessFile + ": " + e.getMessage());
                }
            }
            return verifier;
        }
    }

    /** {@code herald audit report}: a period, for auditors. */
    @Command(
            name = "report",
            mixinStandardHelpOptions = true,
            description = {
                "Summarises a period of the audit log: per network and account the published, failed, expired, cancelled,"
                        + " held and blocked posts (counts and a chart), each post's timeline with its approver and"
                        + " acknowledged rules, the unresolved UNKNOWN_OUTCOMEs, and the verify result.",
                "Without --html or --pdf a plain summary goes to standard output. --pdf needs Chromium (chromium on the"
                        + " PATH, or HERALD_CHROMIUM). Never holds the text of a post."
            })
    static final class Report implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions config;

        @Option(names = "--from", paramLabel = "ISO", description = "The period's start (same forms as replay --from; default: the beginning).")
        String from;

        @Option(names = "--to", paramLabel = "ISO", description = "The period's end, exclusive (default: now).")
        String to;

        @Option(names = "--html", paramLabel = "FILE", description = "Write the report as one self-contained HTML page.")
        java.nio.file.Path html;

        @Option(names = "--pdf", paramLabel = "FILE", description = "Write the report as PDF (printed by headless Chromium).")
        java.nio.file.Path pdf;

        @Option(names = "--topic", paramLabel = "NAME",
                description = "The audit topic (default: kafka.topics.audit from the configuration, herald.audit).")
        String topic;

        @Option(names = "--instances", paramLabel = "DIR", description = "The trusted instance public keys (as for verify).")
        java.nio.file.Path instances;

        @Option(names = "--witness", paramLabel = "FILE", description = "A witness file of checkpoints (as for verify).")
        java.nio.file.Path witness;

        @Override
        public Integer call() {
            Instant start = Replay.time("--from", from);
            Instant end = Replay.time("--to", to);
            if (start != null && end != null && !start.isBefore(end)) {
                throw new UserError("--from must be before --to, but " + start + " is not before " + end);
            }
            java.util.Optional<java.nio.file.Path> chromium = java.util.Optional.empty();
            if (pdf != null) {
                chromium = io.herald.audit.report.Chromium.find(System.getenv());
                if (chromium.isEmpty()) {
                    throw new UserError("--pdf needs Chromium: install it (Debian: apt-get install chromium) or set"
                            + " HERALD_CHROMIUM to its path; --html works without it");
                }
            }
            for (java.nio.file.Path f : new java.nio.file.Path[] {html, pdf}) {
                if (f != null && f.toAbsolutePath().getParent() != null && !java.nio.file.Files.isDirectory(f.toAbsolutePath().getParent())) {
                    throw new UserError((f == html ? "--html" : "--pdf") + ": the folder " + f.toAbsolutePath().getParent()
                            + " does not exist");
                }
            }
            io.herald.config.HeraldConfig c = config.config();
            AuditChainVerifier verifier = Verify.verifier(c, instances, witness);
            io.herald.audit.report.AuditReport report = new io.herald.audit.report.AuditReport(start, end);
            String bootstrap = config.reachableBootstrap();
            String auditTopic = topic != null && !topic.isBlank() ? topic.trim() : c.kafka().topics().audit();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AuditReader reader = new AuditReader(bootstrap, auditTopic, AuditReader.DEFAULT_TIMEOUT, warning -> {
                err.println("herald: warning: " + warning);
                err.flush();
            }).keepingRepeats();
            java.util.Set<String> seen = new java.util.HashSet<>();
            try {
                reader.read(AuditFilter.all(), r -> {
                    verifier.accept(r);
                    // the report counts each event once, as replay prints it (a re-sent copy is skipped)
                    String id = r.event().path("eventId").asText(null);
                    if (id == null || seen.add(id)) {
                        report.accept(r);
                    }
                });
            } catch (AuditReadException e) {
                throw Replay.userError(e);
            }
            AuditChainVerifier.Report verified = verifier.report();
            String page = report.html(verified, auditTopic, Instant.now());
            try {
                if (html != null) {
                    java.nio.file.Files.writeString(html, page);
                    out.println("wrote " + html.toAbsolutePath().normalize());
                }
                if (pdf != null) {
                    java.nio.file.Path tmp = java.nio.file.Files.createTempFile("herald-report", ".html");
                    try {
                        java.nio.file.Files.writeString(tmp, page);
                        io.herald.audit.report.Chromium.printToPdf(chromium.get(), tmp, pdf.toAbsolutePath());
                    } finally {
                        java.nio.file.Files.deleteIfExists(tmp);
                    }
                    out.println("wrote " + pdf.toAbsolutePath().normalize());
                }
            } catch (java.io.IOException e) {
                throw new UserError("cannot write the report: " + e.getMessage());
            }
            if (html == null && pdf == null) {
                out.print(report.text(verified));
            } else {
                out.println("verify: " + verified.summary());
            }
            out.flush();
            return verified.intact() ? 0 : 1;
        }
    }
}
