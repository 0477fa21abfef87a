package io.herald.connector;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Sorts an HTTP error answer into a {@link PublishException.Kind}, in one place for every
 * connector. A connector subclasses it only to say which of its answers differ from the HTTP
 * defaults (see {@link #isPermanent}).
 */
public class HttpErrorClassifier {

    private static final int MAX_BODY_IN_MESSAGE = 300;
    private final Clock clock;

    public HttpErrorClassifier(Clock clock) {
        this.clock = clock;
    }

    /** Classifies a non-2xx answer. {@code platform} prefixes the message. */
    public PublishException classify(String platform, int status, HttpHeaders headers, String body) {
        String message = platform + " answered HTTP " + status + ": " + abbreviate(body);
        if (status == 401 || status == 403) {
            return new PublishException(PublishException.Kind.AUTHENTICATION, message, null, status, null);
        }
        if (status == 429) {
            return new PublishException(
                    PublishException.Kind.RATE_LIMITED, message, retryAfter(headers), status, null);
        }
        if (isPermanent(status, body)) {
            return new PublishException(PublishException.Kind.PERMANENT, message, null, status, null);
        }
        return new PublishException(PublishException.Kind.RETRYABLE, message, null, status, null);
    }

    /**
     * Whether an answer that is not an authentication or rate-limit failure is permanent. By default
     * every 4xx except 408 (timeout) and 409 (conflict, usually a concurrent duplicate in flight).
     */
    protected boolean isPermanent(int status, String body) {
        return status >= 400 && status < 500 && status != 408 && status != 409;
    }

    /**
     * The wait a 429 asks for: {@code Retry-After} (seconds or HTTP date), else
     * {@code X-RateLimit-Reset} / {@code x-rate-limit-reset} (epoch seconds or ISO instant), else
     * one minute.
     */
    protected Duration retryAfter(HttpHeaders headers) {
        Instant now = clock.instant();
        var retryAfter = headers.firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            String v = retryAfter.get().trim();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return nonNegative(Duration.between(now, at));
                } catch (DateTimeParseException ignored) {
                    // fall through to the reset headers
                }
            }
        }
        var reset = headers.firstValue("X-RateLimit-Reset").or(() -> headers.firstValue("x-rate-limit-reset"));
        if (reset.isPresent()) {
            String v = reset.get().trim();
            try {
                return nonNegative(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(v))));
            } catch (NumberFormatException e) {
                try {
                    return nonNegative(Duration.between(now, Instant.parse(v)));
                } catch (DateTimeParseException ignored) {
                    // fall through to the default
                }
            }
        }
        return Duration.ofMinutes(1);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
