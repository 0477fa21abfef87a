package io.herald.post;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When the occurrences of a recurring post are due: a pure value, the same on every instance.
 *
 * <p>Occurrence {@code k} (1-based) is due at {@code first + (k-1) * every}, computed from the first
 * every time (so a monthly repeat from 31 January is on the last day of each month, not drifting to
 * the 28th). A period of days, weeks, months or years ({@code P7D}, {@code P1W}, {@code P1M}) is counted
 * on the wall clock of {@code zone}: weekly at 09:00 in America/New_York stays 09:00 there across a
 * daylight-saving change (a 02:30 that does not exist that day is 03:30; a 01:30 that exists twice is
 * the earlier one). A duration ({@code PT1H}, {@code P1DT12H}) is exact elapsed time. The series ends
 * after {@code count} occurrences, or with the last occurrence at or before {@code until}, and never
 * reaches {@code expiresAt} (the post's own end).
 *
 * <p>An occurrence may go out until the next one is due (its <em>window</em>): after downtime only the
 * latest missed occurrence still inside its window goes out, the others are expired
 * ({@link #firstOpen}).
 */
public record Recurrence(String every, Instant first, ZoneId zone, Instant until, Integer count, Instant expiresAt) {

    /** The most occurrences a post may ask for with {@code count}. */
    public static final int MAX_COUNT = 1000;

    public Recurrence {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(first, "first");
        zone = zone == null ? ZoneOffset.UTC : zone;
        amount(every); // fails on a bad one
        if ((until == null) == (count == null)) {
            throw new IllegalArgumentException("a repeat ends with until or with count, exactly one of them");
        }
    }

    /**
     * The parsed {@code every}: a {@link Period} (no time part: counted on the wall clock) or a
     * {@link Duration} (a time part: elapsed time).
     *
     * @throws IllegalArgumentException when it is neither, or not positive
     */
    public static java.time.temporal.TemporalAmount amount(String every) {
        try {
            if (!every.toUpperCase(java.util.Locale.ROOT).contains("T")) {
                Period p = Period.parse(every);
                if (p.isNegative() || p.isZero()) {
                    throw new IllegalArgumentException("must be more than zero");
                }
                return p;
            }
            Duration d = Duration.parse(every);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be more than zero");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not an ISO-8601 period or duration such as P7D, P1M or PT1H");
        }
    }

    /** The shortest time between two occurrences (a month counts as 28 days, a day as 23 hours). */
    public static Duration shortest(String every) {
        java.time.temporal.TemporalAmount a = amount(every);
        if (a instanceof Duration d) {
            return d;
        }
        Period p = (Period) a;
        long days = p.toTotalMonths() * 28 + p.getDays();
        return Duration.ofHours(23).multipliedBy(Math.max(days, 0));
    }

    /** When occurrence {@code k} (1-based) is due, whether or not the series reaches it. */
    public Instant at(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("occurrences count from 1, not " + k);
        }
        java.time.temporal.TemporalAmount a = amount(every);
        if (a instanceof Duration d) {
            return first.plus(d.multipliedBy(k - 1L));
        }
        try {
            return first.atZone(zone).plus(((Period) a).multipliedBy(k - 1)).toInstant();
        } catch (ArithmeticException | DateTimeException e) {
            return Instant.MAX;
        }
    }

    /** Whether the series has an occurrence {@code k}. */
    public boolean has(int k) {
        if (k < 1 || (count != null && k > count)) {
            return false;
        }
        Instant t = at(k);
        return (until == null || !t.isAfter(until)) && (expiresAt == null || t.isBefore(expiresAt));
    }

    /** Until when occurrence {@code k} may go out: the next one's due time, or the post's expiresAt if earlier. */
    public Instant windowEnd(int k) {
        Instant next = at(k + 1);
        return expiresAt != null && expiresAt.isBefore(next) ? expiresAt : next;
    }

    /**
     * The first occurrence from {@code from} on whose window is still open at {@code now}, with the ones
     * before it whose windows closed (missed: expired, never published late as a burst).
     */
    public Next firstOpen(int from, Instant now) {
        List<Integer> missed = new ArrayList<>();
        int k = Math.max(from, 1);
        while (has(k) && !now.isBefore(windowEnd(k))) {
            missed.add(k);
            k++;
        }
        return new Next(has(k) ? k : 0, missed);
    }

    /** Occurrences {@code from}, {@code from + 1}, ... that the series has, at most {@code limit}, with their times. */
    public List<Instant> upcoming(int from, int limit) {
        List<Instant> out = new ArrayList<>();
        for (int k = Math.max(from, 1); out.size() < limit && has(k); k++) {
            out.add(at(k));
        }
        return out;
    }

    /**
     * What comes next in a series.
     *
     * @param occurrence the occurrence to schedule, or 0 when the series is over
     * @param missed the occurrences passed over because their windows closed
     */
    public record Next(int occurrence, List<Integer> missed) {
        public Next {
            missed = List.copyOf(missed);
        }
    }
}
