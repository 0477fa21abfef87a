package io.herald.cli;

import io.herald.config.AccountRegistry;
import io.herald.config.AccountSchedule;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import io.herald.config.PostingSlots;
import io.herald.json.Json;
import io.herald.store.Database;
import io.herald.store.Delivery;
import io.herald.store.DeliveryStore;
import io.herald.store.JdbcDeliveryStore;
import io.herald.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald schedule}: what goes out when, per account, in the account's zone: every waiting
 * delivery (scheduled, waiting for a retry, under way) and every free posting slot, from the
 * delivery store (which it only reads; while {@code herald run} runs, through it).
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Shows what goes out when: every waiting delivery and free posting slot, per account, in the account's zone.",
            "Reads the delivery store (while 'herald run' runs, through it)."})
public final class ScheduleCommand implements Callable<Integer> {

    /** Free slots shown per account at most, so that a slot every minute does not fill the screen. */
    static final int FREE_SLOTS_SHOWN = 10;
    /** Later occurrences of one recurring post shown at most. */
    static final int OCCURRENCES_SHOWN = 50;

    @Mixin
    ConfigFile options;

    @Option(names = "--target", paramLabel = "T", description = "Only this account (platform:name).")
    String target;

    @Option(names = "--from", paramLabel = "ISO", description = "From this time (ISO-8601 with an offset). Default: now.")
    String from;

    @Option(names = "--to", paramLabel = "ISO", description = "Until this time (ISO-8601 with an offset). Default: 7 days after --from.")
    String to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "The output: table (for people; the default) or jsonl (one JSON object a line, for scripts).")
    String format;

    @Option(names = "--sandbox", description = "The sandbox accounts (as 'herald run --sandbox' uses).")
    boolean sandbox;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data dir of the Herald to read (default: dataDir of the configuration).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    /** One line of the schedule: a waiting delivery, or a free slot (postId null). */
    record Row(String target, ZoneId zone, Instant at, String postId, Integer revision, String state, Integer attempts,
            Integer occurrence) {
        Row(String target, ZoneId zone, Instant at, String postId, Integer revision, String state, Integer attempts) {
            this(target, zone, at, postId, revision, state, attempts, null);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", target);
            m.put("at", at.atZone(zone).toOffsetDateTime().toString());
            m.put("zone", zone.getId());
            m.put("utc", at.toString());
            m.put("kind", postId == null ? "free-slot" : "delivery");
            if (postId != null) {
                m.put("postId", postId);
                m.put("revision", revision);
                m.put("state", state);
                m.put("attempts", attempts);
                if (occurrence != null) {
                    m.put("occurrence", occurrence);
                }
            }
            return m;
        }
    }

    @Override
    public Integer call() {
        String fmt = format.trim().toLowerCase(Locale.ROOT);
        if (!fmt.equals("table") && !fmt.equals("jsonl")) {
            throw new UserError("--format must be table or jsonl, but was '" + format + "'");
        }
        Instant start = from == null ? Instant.now() : instant("--from", from);
        Instant end = to == null ? start.plus(Duration.ofDays(7)) : instant("--to", to);
        if (!end.isAfter(start)) {
            throw new UserError("--to must be after --from");
        }
        HeraldConfig config = options.config();
        if (dataDir != null) {
            config = config.withDataDir(dataDir.toString());
        }
        Map<String, AccountSchedule> schedules;
        try {
            schedules = AccountRegistry.schedules(config.resolve(sandbox ? config.sandbox().accounts() : config.accounts()));
        } catch (ConfigException e) {
            throw new UserError(e.getMessage());
        }
        if (target != null && !schedules.containsKey(target)) {
            throw new UserError("--target: no account '" + target + "'; configured: " + String.join(", ", schedules.keySet()));
        }
        List<Row> rows;
        try (Database db = Database.openForReading(config.store(), config.dataPath(), System.getenv())) {
            rows = rows(new JdbcDeliveryStore(db, null, Clock.systemUTC()), schedules, target, start, end);
        } catch (ConfigException e) {
            throw new UserError(e.getMessage());
        } catch (StoreException e) {
            throw new UserError("cannot read the delivery store: " + e.getMessage().lines().findFirst().orElse(""));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (fmt.equals("jsonl")) {
            rows.forEach(r -> out.println(Json.write(r.json())));
        } else {
            table(out, rows, schedules);
        }
        out.flush();
        return 0;
    }

    /** The schedule's rows: per account (in the accounts file's order), in time order. */
    static List<Row> rows(DeliveryStore store, Map<String, AccountSchedule> schedules, String target, Instant from, Instant to) {
        Map<String, List<Row>> byTarget = new LinkedHashMap<>();
        schedules.keySet().stream().filter(t -> target == null || t.equals(target)).forEach(t -> byTarget.put(t, new ArrayList<>()));
        for (Delivery d : store.waiting(from, to, target)) {
            String t = d.key().target();
            ZoneId zone = schedules.getOrDefault(t, AccountSchedule.none()).zone();
            List<Row> list = byTarget.computeIfAbsent(t, x -> new ArrayList<>());
            list.add(new Row(t, zone, d.nextAttemptAt(), d.key().postId(), d.key().revision(), d.state().name(), d.attempts(),
                    d.key().recurring() ? d.key().occurrence() : null));
            io.herald.post.Recurrence r = d.key().recurring() ? store.recurrence(d.key()) : null;
            if (r != null) {
                // the series' later occurrences: not rows yet (each becomes the delivery when the one before ends)
                int k = d.key().occurrence() + 1;
                for (Instant at : r.upcoming(k, OCCURRENCES_SHOWN)) {
                    if (!at.isBefore(to)) {
                        break;
                    }
                    list.add(new Row(t, zone, at, d.key().postId(), d.key().revision(), "UPCOMING", 0, k++));
                }
            }
        }
        byTarget.values().forEach(l -> l.sort(Comparator.comparing(Row::at)));
        for (Map.Entry<String, List<Row>> e : byTarget.entrySet()) {
            AccountSchedule s = schedules.getOrDefault(e.getKey(), AccountSchedule.none());
            PostingSlots slots = PostingSlots.of(s);
            if (slots.isEmpty()) {
                continue;
            }
            Set<Instant> taken = store.takenSlots(e.getKey(), from, to);
            Optional<Instant> slot = slots.firstAtOrAfter(from);
            int shown = 0;
            for (int i = 0; i < 100_000 && slot.isPresent() && slot.get().isBefore(to) && shown < FREE_SLOTS_SHOWN; i++) {
                if (!taken.contains(slot.get())) {
                    e.getValue().add(new Row(e.getKey(), s.zone(), slot.get(), null, null, null, null));
                    shown++;
                }
                slot = slots.firstAfter(slot.get());
            }
            e.getValue().sort(Comparator.comparing(Row::at));
        }
        List<Row> out = new ArrayList<>();
        byTarget.values().forEach(out::addAll);
        return out;
    }

    private static void table(PrintWriter out, List<Row> rows, Map<String, AccountSchedule> schedules) {
        if (rows.isEmpty()) {
            out.println("nothing waits and no free slot in this time");
            return;
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss zzz", Locale.ENGLISH);
        String current = null;
        for (Row r : rows) {
            if (!r.target().equals(current)) {
                current = r.target();
                AccountSchedule s = schedules.getOrDefault(current, AccountSchedule.none());
                out.println(current + "  (" + s.zone().getId() + (s.slots().isEmpty() ? "" : "; slots " + String.join(", ", s.slots()))
                        + (s.quietHours() == null ? "" : "; quiet " + s.quietHours())
                        + (s.minInterval() == null ? "" : "; minInterval " + s.minInterval()) + ")");
            }
            ZonedDateTime local = r.at().atZone(r.zone());
            out.println("  " + f.format(local) + "  " + (r.postId() == null ? "(free slot)"
                    : r.postId() + " r" + r.revision() + (r.occurrence() == null ? "" : " #" + r.occurrence()) + "  " + r.state()
                            + (r.attempts() != null && r.attempts() > 0 ? " (attempts " + r.attempts() + ")" : "")));
        }
    }

    private static Instant instant(String option, String v) {
        try {
            return OffsetDateTime.parse(v.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError(option + " must be an ISO-8601 time with an offset, such as 2026-11-26T09:00:00-05:00, but was '" + v + "'");
        }
    }
}
