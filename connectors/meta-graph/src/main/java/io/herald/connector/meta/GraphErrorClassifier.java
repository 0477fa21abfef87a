package io.herald.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.connector.HttpErrorClassifier;
import io.herald.connector.PublishException;
import io.herald.connector.PublishException.Kind;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Sorts Graph API error answers by their code, which Meta puts in the body whatever the HTTP status
 * (most are 400). From Meta's "Error Codes" references (Graph API
 * developers.facebook.com/docs/graph-api/guides/error-handling, Instagram Platform
 * .../instagram-graph-api/reference/error-codes) and the Threads publishing docs:
 * <ul>
 *   <li>{@code 190} (token invalid or expired), {@code 102} (session), {@code 10} and {@code 200..299}
 *       (a permission missing): {@code AUTHENTICATION}, a person must fix the token;</li>
 *   <li>{@code 4}, {@code 17}, {@code 32}, {@code 613}, {@code 80001..80014} (call limits) and {@code 9}
 *       ({@code 2207042}: the 24-hour publishing limit reached): {@code RATE_LIMITED}; the wait is
 *       {@code Retry-After}, else the {@code estimated_time_to_regain_access} (minutes) of
 *       {@code X-Business-Use-Case-Usage}, else an hour for the publishing limit and five minutes
 *       for call limits;</li>
 *   <li>{@code 9007} / {@code 2207027} (the container is not ready yet), {@code 1}, {@code 2},
 *       {@code -1}, {@code -2} (server errors, a time-out fetching the media) and anything marked
 *       {@code is_transient}: {@code RETRYABLE};</li>
 *   <li>anything else with a 4xx status ({@code 100} an invalid parameter, {@code 9004} media that
 *       cannot be fetched, {@code 36000..36003} an image too large or of the wrong shape, Threads'
 *       {@code THREADS_API__LINK_LIMIT_EXCEEDED}): {@code PERMANENT}, the message says what to change.</li>
 * </ul>
 * A body that is not a Graph error falls back to the HTTP defaults.
 */
public class GraphErrorClassifier extends HttpErrorClassifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long to wait for a call limit when the network does not say. */
    static final Duration CALL_LIMIT_WAIT = Duration.ofMinutes(5);
    /** How long to wait for the rolling 24-hour publishing limit when the network does not say. */
    static final Duration PUBLISHING_LIMIT_WAIT = Duration.ofHours(1);

    public GraphErrorClassifier(Clock clock) {
        super(clock);
    }

    @Override
    protected Optional<PublishException> classifyBody(String platform, int status, HttpHeaders headers, String body,
            String message) {
        Optional<GraphError> parsed = GraphError.parse(body);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        GraphError e = parsed.get();
        int code = e.code();
        if (code == 190 || code == 102 || code == 10 || (code >= 200 && code <= 299)) {
            return Optional.of(new PublishException(Kind.AUTHENTICATION, message + "; renew the access token or grant"
                    + " the missing permission", null, status, null));
        }
        if (code == 9 || code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80001 && code <= 80014)) {
            Duration wait = headers.firstValue("Retry-After").isPresent() ? retryAfter(headers)
                    : regainAccess(headers).orElse(e.subcode() == GraphError.PUBLISHING_LIMIT_SUBCODE || code == 9
                            ? PUBLISHING_LIMIT_WAIT : CALL_LIMIT_WAIT);
            return Optional.of(new PublishException(Kind.RATE_LIMITED, message, wait, status, null));
        }
        if (code == 9007 || e.subcode() == GraphError.NOT_READY_SUBCODE || code == 1 || code == 2 || code == -1 || code == -2
                || e.isTransient()) {
            return Optional.of(new PublishException(Kind.RETRYABLE, message, null, status, null));
        }
        if (status >= 500) {
            return Optional.of(new PublishException(Kind.RETRYABLE, message, null, status, null));
        }
        return Optional.of(new PublishException(Kind.PERMANENT, message, null, status, null));
    }

    @Override
    protected String errorText(String body) {
        return GraphError.parse(body).map(e -> abbreviate(e.describe())).orElseGet(() -> super.errorText(body));
    }

    /** The {@code estimated_time_to_regain_access} (minutes) of Meta's usage headers, if any is positive. */
    static Optional<Duration> regainAccess(HttpHeaders headers) {
        for (String name : new String[] {"X-Business-Use-Case-Usage", "X-App-Usage"}) {
            Optional<String> value = headers.firstValue(name);
            if (value.isEmpty()) {
                continue;
            }
            try {
                long minutes = maxRegain(JSON.readTree(value.get()));
                if (minutes > 0) {
                    return Optional.of(Duration.ofMinutes(minutes));
                }
            } catch (java.io.IOException ignored) {
                // an unreadable header says nothing
            }
        }
        return Optional.empty();
    }

    private static long maxRegain(JsonNode node) {
        long max = node.path("estimated_time_to_regain_access").asLong(0);
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                max = Math.max(max, maxRegain(child));
            }
        }
        return max;
    }
}
