package io.herald.schedule;

import io.herald.config.AccountSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When an account may post, from its schedule (DESIGN.md section 7): nothing in its quiet hours (a
 * wall-clock range in the account's zone, {@code "21:00-07:00"} reaching over midnight), and at least
 * {@code minInterval} after its last post. A pure function of the schedule and two instants.
 *
 * <p>Time zones: quiet hours are wall times in the account's zone, so they follow daylight saving
 * time. An end of quiet hours that falls in a gap (a 02:30 that does not exist on the day clocks go
 * forward) is the first instant after the gap; one that falls in an overlap (a 01:30 that exists
 * twice) is the earlier of the two, as {@link ZonedDateTime#of} resolves them.
 */
public final class Pacing {

    private Pacing() {}

    /** A post must wait until {@code until}; {@code reason} says why, for the audit. */
    public record Wait(Instant until, String reason) {}

    /**
     * Whether a post of the account due now must wait, and until when.
     *
     * @param lastRelease when the account's last post was released (claimed for publication), or null
     */
    public static Optional<Wait> check(AccountSchedule schedule, Instant now, Instant lastRelease) {
        Instant t = now;
        String reason = null;
        // pacing may end inside quiet hours and quiet hours inside nothing: two passes settle it
        for (int i = 0; i < 3; i++) {
            boolean moved = false;
            if (schedule.minInterval() != null && lastRelease != null) {
                Instant next = lastRelease.plus(schedule.minInterval());
                if (next.isAfter(t)) {
                    t = next;
                    reason = "minInterval " + schedule.minInterval() + " after the account's last post at " + lastRelease;
                    moved = true;
                }
            }
            Optional<Instant> end = endOfQuietHours(schedule.quietHours(), schedule.zone(), t);
            if (end.isPresent()) {
                t = end.get();
                reason = "quiet hours " + schedule.quietHours() + " (" + schedule.zone().getId() + ")";
                moved = true;
            }
            if (!moved) {
                break;
            }
        }
        if (!t.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Wait(t, "waits until " + t + " (" + t.atZone(schedule.zone()).toLocalDateTime() + " "
                + schedule.zone().getId() + ") for the " + reason));
    }

    /**
     * When the quiet hours that {@code at} falls in end, or empty when it falls in none.
     *
     * @param quietHours {@code HH:MM-HH:MM}, or null
     */
    public static Optional<Instant> endOfQuietHours(String quietHours, ZoneId zone, Instant at) {
        if (quietHours == null) {
            return Optional.empty();
        }
        LocalTime start = LocalTime.parse(quietHours.substring(0, 5));
        LocalTime end = LocalTime.parse(quietHours.substring(6, 11));
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (start.isBefore(end)) {
            // the same day: 12:00-14:00
            if (!time.isBefore(start) && time.isBefore(end)) {
                return Optional.of(ZonedDateTime.of(day, end, zone).toInstant());
            }
            return Optional.empty();
        }
        // over midnight: 21:00-07:00
        if (time.isBefore(end)) {
            return Optional.of(ZonedDateTime.of(day, end, zone).toInstant());
        }
        if (!time.isBefore(start)) {
            return Optional.of(ZonedDateTime.of(day.plusDays(1), end, zone).toInstant());
        }
        return Optional.empty();
    }

    /** The wait, as a duration from now (zero when none). */
    public static Duration remaining(Optional<Wait> wait, Instant now) {
        return wait.map(w -> Duration.between(now, w.until())).orElse(Duration.ZERO);
    }
}
