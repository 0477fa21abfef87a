package io.herald.connector.x;

import io.herald.connector.HttpErrorClassifier;
import io.herald.connector.PublishException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * X's error answers (API v2: a problem body {@code {"title", "detail", "type", "status"}}, or
 * {@code {"errors": [{"message"}], "title", "detail"}} for a refused parameter).
 *
 * <ul>
 *   <li>403 {@code "You are not allowed to create a Tweet with duplicate content."} (the body reported
 *       in akrherz/iembot#163 and plhery/node-twitter-api-v2#469): {@code PERMANENT}, marked by
 *       {@link #isDuplicate}. X keeps no idempotency key; this refusal is what it does instead. Herald
 *       never leaves it at that: the connector first looks on the account for this delivery's own
 *       earlier post (an attempt whose answer was lost) and, when found, records it as published
 *       (reconciled); only a duplicate of some other post fails, with a message that says to change
 *       the text;</li>
 *   <li>403 {@code "Tweet text is too long"}, a reply to a deleted or invisible post: {@code PERMANENT};
 *       any other 403 (the app not attached to a project, a read-only token, a suspended account):
 *       {@code AUTHENTICATION}, an operator must act;</li>
 *   <li>401: {@code AUTHENTICATION} (the connector first renews the access token once);</li>
 *   <li>429: {@code RATE_LIMITED}, waiting for the window that is used up: the account's 24-hour
 *       limit ({@code x-user-limit-24hour-remaining: 0}, then {@code x-user-limit-24hour-reset}), the
 *       app's ({@code x-app-limit-24hour-*}), else the 15-minute window ({@code x-rate-limit-reset},
 *       epoch seconds); {@code Retry-After} wins when sent;</li>
 *   <li>other 4xx {@code PERMANENT}; 5xx {@code RETRYABLE} (a repeat that X had in fact taken is
 *       caught by the duplicate refusal above and reconciled).</li>
 * </ul>
 */
final class XErrorClassifier extends HttpErrorClassifier {

    /** The words of X's duplicate-content refusal. */
    static final String DUPLICATE_WORDS = "duplicate content";

    XErrorClassifier(Clock clock) {
        super(clock);
    }

    @Override
    protected Optional<PublishException> classifyBody(String platform, int status, HttpHeaders headers, String body,
            String message) {
        if (status != 403 || body == null) {
            return Optional.empty();
        }
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.contains(DUPLICATE_WORDS)) {
            return Optional.of(new PublishException(PublishException.Kind.PERMANENT,
                    message + " (X refuses a post identical to a recent one of the account)", null, status, null));
        }
        if (lower.contains("too long") || lower.contains("deleted or not visible")) {
            return Optional.of(new PublishException(PublishException.Kind.PERMANENT, message, null, status, null));
        }
        return Optional.empty();
    }

    @Override
    protected Duration retryAfter(HttpHeaders headers) {
        if (headers.firstValue("Retry-After").isPresent()) {
            return super.retryAfter(headers);
        }
        for (String window : new String[] {"x-user-limit-24hour", "x-app-limit-24hour"}) {
            if (headers.firstValue(window + "-remaining").map(String::strip).filter("0"::equals).isPresent()) {
                Optional<Duration> until = epoch(headers, window + "-reset");
                if (until.isPresent()) {
                    return until.get();
                }
            }
        }
        return epoch(headers, "x-rate-limit-reset").orElseGet(() -> super.retryAfter(headers));
    }

    private Optional<Duration> epoch(HttpHeaders headers, String name) {
        Optional<String> v = headers.firstValue(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.between(clock().instant(), Instant.ofEpochSecond(Long.parseLong(v.get().strip())));
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code e} is X's refusal of a post identical to a recent one. */
    static boolean isDuplicate(PublishException e) {
        return e.httpStatus() == 403 && e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(DUPLICATE_WORDS);
    }
}
