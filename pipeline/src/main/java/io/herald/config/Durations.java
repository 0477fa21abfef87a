package io.herald.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h},
 * {@code 1d}, or ISO-8601 ({@code PT0.5S}, {@code P1D}).
 */
public final class Durations {

    /** What a message says a duration looks like. */
    public static final String FORMS = "500ms, 2s, 5m, 1h, 1d or ISO-8601 such as PT0.5S";

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private Durations() {}

    /**
     * @throws IllegalArgumentException saying, in one line, that the text is not a duration and what one looks like
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            BigDecimal n = new BigDecimal(m.group(1));
            BigDecimal millis = switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n.multiply(BigDecimal.valueOf(1_000));
                case "m" -> n.multiply(BigDecimal.valueOf(60_000));
                case "h" -> n.multiply(BigDecimal.valueOf(3_600_000));
                default -> n.multiply(BigDecimal.valueOf(86_400_000));
            };
            try {
                return Duration.ofMillis(millis.longValueExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(quoted(t) + " is not a whole number of milliseconds; write it as " + FORMS);
            }
        }
        if (t.length() > 1 && (t.charAt(0) == 'P' || t.charAt(0) == 'p' || t.startsWith("-P"))) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                // said below
            }
        }
        throw new IllegalArgumentException(quoted(t) + " is not a duration; write it as " + FORMS);
    }

    private static String quoted(String t) {
        String shown = t.length() > 40 ? t.substring(0, 37) + "..." : t;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
