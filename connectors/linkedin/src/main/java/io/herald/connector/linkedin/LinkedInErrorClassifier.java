package io.herald.connector.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.connector.HttpErrorClassifier;
import io.herald.connector.PublishException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LinkedIn's error answers: a JSON body {@code {"status": 426, "code": "NONEXISTENT_VERSION",
 * "message": "Requested version 20240101 is not active"}} (401 {@code INVALID_ACCESS_TOKEN}, 403
 * {@code ACCESS_DENIED}, 422 with {@code errorDetails.inputErrors[].code} such as
 * {@code DUPLICATE_POST}).
 *
 * <ul>
 *   <li>426 {@code NONEXISTENT_VERSION}: the {@code LinkedIn-Version} sent is retired (or not yet
 *       released): {@code PERMANENT}, the message names the version and the setting to change
 *       (the 426 reported against n8n, Pipedream, Composio, Postiz and Mixpost when a hard-coded
 *       version was retired);</li>
 *   <li>422 {@code DUPLICATE_POST} ("Content is a duplicate of urn:li:share:..."): {@code PERMANENT},
 *       naming the earlier post (the connector checks first whether it is this delivery's own);</li>
 *   <li>429: LinkedIn's limits are per day and reset at midnight UTC (developer.linkedin.com, "Rate
 *       Limiting"); without {@code Retry-After} Herald waits until then, but at most an hour, since
 *       LinkedIn also answers 429 briefly to protect its infrastructure;</li>
 *   <li>401 and 403: {@code AUTHENTICATION}; other 4xx {@code PERMANENT}; 5xx {@code RETRYABLE}.</li>
 * </ul>
 */
final class LinkedInErrorClassifier extends HttpErrorClassifier {

    static final String NONEXISTENT_VERSION = "NONEXISTENT_VERSION";
    static final String DUPLICATE_POST = "DUPLICATE_POST";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DUPLICATE_OF = Pattern.compile("duplicate of (urn:li:[a-zA-Z]+:[0-9A-Za-z_-]+)");
    private static final Duration MAX_DAILY_WAIT = Duration.ofHours(1);

    LinkedInErrorClassifier(Clock clock) {
        super(clock);
    }

    @Override
    protected Optional<PublishException> classifyBody(String platform, int status, HttpHeaders headers, String body,
            String message) {
        if (status == 426) {
            return Optional.of(new PublishException(PublishException.Kind.PERMANENT, message, null, status, null));
        }
        if (status == 422 && DUPLICATE_POST.equals(inputErrorCode(body))) {
            return Optional.of(new PublishException(PublishException.Kind.PERMANENT, message
                    + duplicateOf(body).map(urn -> " (LinkedIn refuses a post identical to " + urn + ")").orElse(""),
                    null, status, null));
        }
        return Optional.empty();
    }

    @Override
    protected Duration retryAfter(HttpHeaders headers) {
        if (headers.firstValue("Retry-After").isPresent()) {
            return super.retryAfter(headers);
        }
        Instant now = clock().instant();
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Duration untilReset = Duration.between(now, midnight);
        return untilReset.compareTo(MAX_DAILY_WAIT) < 0 ? untilReset : MAX_DAILY_WAIT;
    }

    /** The {@code code} of an error body ({@code NONEXISTENT_VERSION}), or null. */
    static String code(String body) {
        JsonNode json = parse(body);
        return json != null && json.path("code").isTextual() ? json.get("code").asText() : null;
    }

    /** The first {@code errorDetails.inputErrors[].code}, or null. */
    static String inputErrorCode(String body) {
        JsonNode json = parse(body);
        if (json == null) {
            return null;
        }
        JsonNode first = json.path("errorDetails").path("inputErrors").path(0).path("code");
        return first.isTextual() ? first.asText() : code(body);
    }

    /** The URN a {@code DUPLICATE_POST} answer names, if any. */
    static Optional<String> duplicateOf(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = DUPLICATE_OF.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank() || !body.strip().startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
