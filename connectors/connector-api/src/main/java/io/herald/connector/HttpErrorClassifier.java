package io.herald.connector;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts an HTTP error answer into a {@link PublishException.Kind}, in one place for every
 * connector, from its status, its headers and its body. A connector subclasses it to say which of
 * its network's answers differ from the HTTP defaults: {@link #classifyBody} for errors a network
 * puts in the body (X's duplicate content, Meta's error codes), {@link #isPermanent}, and
 * {@link #errorText} for where the network's own error words are.
 *
 * <p>Messages quote the network's error, or say {@code (empty body)}, and never carry a credential.
 */
public class HttpErrorClassifier {

    private static final int MAX_BODY_IN_MESSAGE = 300;
    private static final Pattern JSON_TEXT_FIELD = Pattern.compile(
            "\"(error_description|message|detail|error|title|error_user_msg|reason)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title>(.*?)</title>");
    private final Clock clock;

    public HttpErrorClassifier(Clock clock) {
        this.clock = clock;
    }

    protected final Clock clock() {
        return clock;
    }

    /** Classifies a non-2xx answer. {@code platform} prefixes the message. */
    public PublishException classify(String platform, int status, HttpHeaders headers, String body) {
        String message = platform + " answered HTTP " + status + ": " + errorText(body);
        Optional<PublishException> special = classifyBody(platform, status, headers, body, message);
        if (special.isPresent()) {
            return special.get();
        }
        if (status == 401) {
            return new PublishException(PublishException.Kind.AUTHENTICATION, message, null, status, null);
        }
        if (status == 403) {
            return new PublishException(PublishException.Kind.AUTHENTICATION, message, null, status, null);
        }
        if (status == 429) {
            return new PublishException(PublishException.Kind.RATE_LIMITED, message, retryAfter(headers), status, null);
        }
        if (isPermanent(status, body)) {
            return new PublishException(PublishException.Kind.PERMANENT, message, null, status, null);
        }
        Duration wait = status == 503 ? retryAfterHeader(headers).orElse(null) : null;
        return new PublishException(PublishException.Kind.RETRYABLE, message, wait, status, null);
    }

    /**
     * A network's own classification of an answer from its body (error codes, error words), tried
     * before the HTTP defaults. Empty by default.
     *
     * @param message the message the default classification would use
     */
    protected Optional<PublishException> classifyBody(String platform, int status, HttpHeaders headers, String body,
            String message) {
        return Optional.empty();
    }

    /**
     * Whether an answer that is not an authentication or rate-limit failure is permanent. By default
     * every 4xx except 408 (timeout) and 409 (conflict, usually a concurrent duplicate in flight).
     */
    protected boolean isPermanent(int status, String body) {
        return status >= 400 && status < 500 && status != 408 && status != 409;
    }

    /**
     * The network's error words from a body: the first of {@code error_description}, {@code message},
     * {@code detail}, {@code error}, {@code title} in JSON, an HTML page's title, else the body itself,
     * on one line and abbreviated; {@code (empty body)} when there is nothing.
     */
    protected String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            StringBuilder words = new StringBuilder();
            Matcher m = JSON_TEXT_FIELD.matcher(trimmed);
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            while (m.find() && seen.size() < 3) {
                String text = unescape(m.group(2)).strip();
                if (!text.isEmpty() && seen.add(text)) {
                    words.append(words.length() == 0 ? "" : "; ").append(text);
                }
            }
            if (words.length() > 0) {
                return abbreviate(words.toString());
            }
        }
        if (trimmed.startsWith("<")) {
            Matcher t = HTML_TITLE.matcher(trimmed);
            return t.find() && !t.group(1).isBlank() ? abbreviate(t.group(1)) + " (HTML page)" : "(an HTML page)";
        }
        return abbreviate(trimmed);
    }

    /**
     * The wait a 429 asks for: {@code Retry-After} (seconds or HTTP date), else {@code RateLimit-Reset}
     * (seconds from now, IETF draft), else {@code X-RateLimit-Reset} / {@code x-rate-limit-reset}
     * (epoch seconds or ISO instant), else one minute.
     */
    protected Duration retryAfter(HttpHeaders headers) {
        return retryAfterHeader(headers).or(() -> resetHeaders(headers)).orElse(Duration.ofMinutes(1));
    }

    private Optional<Duration> retryAfterHeader(HttpHeaders headers) {
        var retryAfter = headers.firstValue("Retry-After");
        if (retryAfter.isEmpty()) {
            return Optional.empty();
        }
        String v = retryAfter.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }

    private Optional<Duration> resetHeaders(HttpHeaders headers) {
        Instant now = clock.instant();
        var delta = headers.firstValue("RateLimit-Reset");
        if (delta.isPresent()) {
            try {
                long v = Long.parseLong(delta.get().trim());
                // the draft says seconds from now; some servers send an epoch time under that name
                return Optional.of(v > 1_000_000_000L ? nonNegative(Duration.between(now, Instant.ofEpochSecond(v)))
                        : Duration.ofSeconds(Math.max(0, v)));
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        var reset = headers.firstValue("X-RateLimit-Reset").or(() -> headers.firstValue("x-rate-limit-reset"));
        if (reset.isPresent()) {
            String v = reset.get().trim();
            try {
                return Optional.of(nonNegative(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(v)))));
            } catch (NumberFormatException e) {
                try {
                    return Optional.of(nonNegative(Duration.between(now, Instant.parse(v))));
                } catch (DateTimeParseException ignored) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\n", " ").replace("\\/", "/").replace("\\\\", "\\");
    }

    /** One line, at most 300 characters. */
    protected static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
