package io.herald.config;

import io.herald.connector.Capabilities;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How an account's posts are timed (DESIGN.md section 7): its wall clock, posting slots, quiet
 * hours, pacing and its own rate limits on top of the network's. Read from the account's entry in
 * the accounts file; every value checked at start.
 *
 * @param zone the account's time zone (UTC when not given)
 * @param slots posting slots as written ({@code "MON-FRI 09:00"} or Quartz cron expressions)
 * @param quietHours {@code "21:00-07:00"}, or null
 * @param minInterval the least time between two posts of the account, or null
 * @param limits at most {@code posts} per {@code per}, on top of the network's published limits
 */
public record AccountSchedule(ZoneId zone, List<String> slots, String quietHours, Duration minInterval,
        List<Capabilities.RateWindow> limits) {

    public AccountSchedule {
        slots = slots == null ? List.of() : List.copyOf(slots);
        limits = limits == null ? List.of() : List.copyOf(limits);
    }

    /** No schedule: UTC, no slots, no quiet hours, no pacing, no limits of its own. */
    public static AccountSchedule none() {
        return new AccountSchedule(ZoneOffset.UTC, List.of(), null, null, List.of());
    }

    /**
     * Reads the schedule keys of one entry.
     *
     * @param where the file and account, for messages ({@code accounts.yaml: accounts[2] (x:riverside)})
     */
    static AccountSchedule read(String where, Map<String, Object> keys) {
        ZoneId zone = ZoneOffset.UTC;
        Object z = keys.get("zone");
        if (z != null) {
            try {
                zone = ZoneId.of(String.valueOf(z).strip());
            } catch (DateTimeException e) {
                throw new ConfigException(where + ".zone: '" + z + "' is not a time zone; write a region such as America/New_York");
            }
        }
        List<String> slots = new ArrayList<>();
        Object s = keys.get("slots");
        if (s instanceof List<?> list) {
            list.forEach(x -> slots.add(String.valueOf(x).strip()));
        } else if (s != null) {
            throw new ConfigException(where + ".slots must be a list such as [\"MON-FRI 09:00\", \"SAT 10:00\"]");
        }
        PostingSlots.parse(where + ".slots", zone, slots); // each slot checked now, not at the first queued post
        String quiet = keys.get("quietHours") == null ? null : String.valueOf(keys.get("quietHours")).strip();
        if (quiet != null && !quiet.matches("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d")) {
            throw new ConfigException(where + ".quietHours: '" + quiet + "' must be HH:MM-HH:MM, e.g. 21:00-07:00");
        }
        Duration minInterval = null;
        if (keys.get("minInterval") != null) {
            minInterval = duration(where + ".minInterval", String.valueOf(keys.get("minInterval")));
        }
        List<Capabilities.RateWindow> limits = new ArrayList<>();
        Object l = keys.get("limits");
        if (l instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String key = where + ".limits[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> m) || m.get("posts") == null || m.get("per") == null) {
                    throw new ConfigException(key + " must be {posts: N, per: DURATION}, e.g. {posts: 50, per: PT1H}");
                }
                int posts;
                try {
                    posts = Integer.parseInt(String.valueOf(m.get("posts")).strip());
                } catch (NumberFormatException e) {
                    throw new ConfigException(key + ".posts: '" + m.get("posts") + "' is not a whole number");
                }
                if (posts < 1) {
                    throw new ConfigException(key + ".posts must be at least 1, but was " + posts);
                }
                limits.add(new Capabilities.RateWindow(posts, duration(key + ".per", String.valueOf(m.get("per")))));
            }
        } else if (l != null) {
            throw new ConfigException(where + ".limits must be a list such as [{posts: 50, per: PT1H}]");
        }
        return new AccountSchedule(zone, slots, quiet, minInterval, limits);
    }

    /** A positive duration: ISO-8601 ({@code PT20M}) or a number with a unit ({@code 500ms}, {@code 20s}, {@code 20m}, {@code 1h}, {@code 1d}). */
    static Duration duration(String where, String text) {
        String t = text.strip();
        Duration d = null;
        try {
            d = Duration.parse(t.toUpperCase(java.util.Locale.ROOT).startsWith("P") ? t : "PT" + t);
        } catch (RuntimeException ignored) {
            var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(where + ": '" + text + "' is not a positive duration; write PT20M or 20m");
        }
        return d;
    }
}
