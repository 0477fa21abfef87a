package io.herald.compliance;

import java.util.Objects;

/**
 * One thing the gate found.
 *
 * <p>{@code start} and {@code end} are UTF-16 char offsets into the post body ({@code end}
 * exclusive, as {@link String#substring(int, int)}). A finding about the whole body (readability)
 * spans {@code 0..body.length()}. A finding about something that is not in the body (the
 * {@code link}, a hashtag, a media item, a platform override) has {@code start == end == -1}
 * ({@link #NO_POSITION}) and its message says where it is.
 *
 * <p>The message never repeats the text that was matched for a {@code phi} finding: audit events
 * are derived from findings, and the audit log must never hold patient identifiers.
 *
 * @param rule the rule id, e.g. {@code phi.phone}; what an approval acknowledges
 * @param category {@code phi}, {@code conduct}, {@code claims}, {@code disclosure},
 *     {@code readability}, {@code accessibility} or {@code security}
 * @param action what the policy says this rule does
 */
public record Finding(String rule, String category, Action action, int start, int end, String message) {

    /** Start and end of a finding that has no place in the body. */
    public static final int NO_POSITION = -1;

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(message, "message");
        if (start > end || (start < 0) != (end < 0) || start < NO_POSITION) {
            throw new IllegalArgumentException("bad finding span " + start + ".." + end);
        }
    }

    /** True when the finding points into the body. */
    public boolean hasPosition() {
        return start >= 0;
    }
}
