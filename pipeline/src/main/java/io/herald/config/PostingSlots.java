package io.herald.config;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * An account's posting slots (its queue, DESIGN.md sections 3 and 7), in its zone: each written as
 * {@code "MON-FRI 09:00"} (days, then a wall time; {@code "09:00"} alone is every day) or as a Quartz
 * cron expression ({@code "0 0/30 9-17 ? * MON-FRI"}). Times follow the zone's daylight saving time as
 * Quartz's {@link CronExpression} does: a slot inside the gap when clocks go forward is not there that
 * day, a slot inside the overlap when clocks go back is there once.
 */
public final class PostingSlots {

    private static final Pattern SHORT = Pattern.compile(
            "(?:((?:MON|TUE|WED|THU|FRI|SAT|SUN)(?:-(?:MON|TUE|WED|THU|FRI|SAT|SUN))?(?:,(?:MON|TUE|WED|THU|FRI|SAT|SUN)"
                    + "(?:-(?:MON|TUE|WED|THU|FRI|SAT|SUN))?)*)\\s+)?([01]?\\d|2[0-3]):([0-5]\\d)");

    private final ZoneId zone;
    private final List<String> written;
    private final List<CronExpression> crons;

    private PostingSlots(ZoneId zone, List<String> written, List<CronExpression> crons) {
        this.zone = zone;
        this.written = List.copyOf(written);
        this.crons = List.copyOf(crons);
    }

    /** The slots of a schedule (none when it has none). */
    public static PostingSlots of(AccountSchedule schedule) {
        return parse("slots", schedule.zone(), schedule.slots());
    }

    /**
     * Reads slots as written.
     *
     * @param where the key, for messages
     * @throws ConfigException naming the slot that is neither form
     */
    public static PostingSlots parse(String where, ZoneId zone, List<String> slots) {
        List<CronExpression> crons = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            String s = slots.get(i).strip();
            String cron = toCron(s);
            try {
                CronExpression e = new CronExpression(cron);
                e.setTimeZone(TimeZone.getTimeZone(zone));
                crons.add(e);
            } catch (ParseException e) {
                throw new ConfigException(where + "[" + i + "]: '" + s + "' is neither a slot such as \"MON-FRI 09:00\" nor a"
                        + " Quartz cron expression such as \"0 0 9 ? * MON-FRI\" (" + e.getMessage() + ")");
            }
        }
        return new PostingSlots(zone, slots, crons);
    }

    /** {@code "MON-FRI 09:00"} as a Quartz cron expression; anything else is taken to be one already. */
    static String toCron(String slot) {
        Matcher m = SHORT.matcher(slot.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return slot;
        }
        String days = m.group(1);
        int hour = Integer.parseInt(m.group(2));
        int minute = Integer.parseInt(m.group(3));
        return days == null ? "0 " + minute + " " + hour + " * * ?" : "0 " + minute + " " + hour + " ? * " + days;
    }

    public boolean isEmpty() {
        return crons.isEmpty();
    }

    public ZoneId zone() {
        return zone;
    }

    public List<String> written() {
        return written;
    }

    /** The first slot at or after {@code t}, or empty when there is none (no slots, or none ever again). */
    public Optional<Instant> firstAtOrAfter(Instant t) {
        Instant best = null;
        Date from = Date.from(t.minusMillis(1000)); // Quartz looks strictly after, to the second
        for (CronExpression c : crons) {
            Date d = c.getNextValidTimeAfter(from);
            while (d != null && d.toInstant().isBefore(t)) {
                d = c.getNextValidTimeAfter(d);
            }
            if (d != null && (best == null || d.toInstant().isBefore(best))) {
                best = d.toInstant();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The first slot strictly after {@code t}. */
    public Optional<Instant> firstAfter(Instant t) {
        return firstAtOrAfter(t.plusMillis(1)).filter(s -> s.isAfter(t));
    }
}
