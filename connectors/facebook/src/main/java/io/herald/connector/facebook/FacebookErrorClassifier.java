package io.herald.connector.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.connector.HttpErrorClassifier;
import io.herald.connector.PublishException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The Graph API's errors: a code in the body, whatever the HTTP status,
 * {@code {"error": {"message", "type", "code", "error_subcode", "is_transient", "fbtrace_id"}}}
 * (developers.facebook.com, Graph API, "Handling Errors"; "Rate Limits").
 *
 * <ul>
 *   <li>190 (access token expired or invalid), 102, 10 and 200-299 (a permission missing):
 *       {@code AUTHENTICATION}, saying to renew the Page token or grant {@code pages_manage_posts};</li>
 *   <li>4 (app), 17 (user), 32 (Page), 613 (custom) and 80001 (Page, business use case): rate
 *       limited; the wait is the largest {@code estimated_time_to_regain_access} (minutes) in
 *       {@code X-Business-Use-Case-Usage} or {@code X-App-Usage}, else {@code Retry-After}, else 15
 *       minutes (Meta says throttling lasts up to an hour);</li>
 *   <li>1, 2 and any error with {@code is_transient: true}: {@code RETRYABLE};</li>
 *   <li>506 (duplicate status message), 368 (blocked for a policy), 100 (invalid parameter) and the
 *       rest: {@code PERMANENT}.</li>
 * </ul>
 */
final class FacebookErrorClassifier extends HttpErrorClassifier {

    static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 613, 80001);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_WAIT = Duration.ofMinutes(15);

    FacebookErrorClassifier(Clock clock) {
        super(clock);
    }

    /** A Graph error from a body, or null. */
    record GraphError(int code, int subcode, String type, boolean transientError) {
    }

    static GraphError graphError(String body) {
        if (body == null || !body.strip().startsWith("{")) {
            return null;
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (!error.isObject() || !error.path("code").canConvertToInt()) {
                return null;
            }
            return new GraphError(error.path("code").asInt(), error.path("error_subcode").asInt(0),
                    error.path("type").asText(""), error.path("is_transient").asBoolean(false));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Override
    protected Optional<PublishException> classifyBody(String platform, int status, HttpHeaders headers, String body,
            String message) {
        GraphError e = graphError(body);
        if (e == null) {
            return Optional.empty();
        }
        int code = e.code();
        if (code == 190 || code == 102) {
            return Optional.of(new PublishException(PublishException.Kind.AUTHENTICATION, message
                    + "; the Page access token is expired or invalid: generate a new long-lived Page token and update the"
                    + " account's tokenEnv or tokenFile", null, status, null));
        }
        if (code == 10 || code >= 200 && code <= 299) {
            return Optional.of(new PublishException(PublishException.Kind.AUTHENTICATION, message
                    + "; the token lacks a permission: it needs pages_manage_posts and pages_read_engagement, from a person"
                    + " who can create content on the Page", null, status, null));
        }
        if (RATE_LIMIT_CODES.contains(code)) {
            return Optional.of(new PublishException(PublishException.Kind.RATE_LIMITED, message, retryAfter(headers), status, null));
        }
        if (code == 1 || code == 2 || e.transientError()) {
            return Optional.of(new PublishException(PublishException.Kind.RETRYABLE, message, null, status, null));
        }
        if (code == 506) {
            return Optional.of(new PublishException(PublishException.Kind.PERMANENT, message
                    + "; Facebook refuses a post identical to the Page's last one: change the text", null, status, null));
        }
        if (status >= 500) {
            return Optional.empty();
        }
        return Optional.of(new PublishException(PublishException.Kind.PERMANENT, message, null, status, null));
    }

    @Override
    protected Duration retryAfter(HttpHeaders headers) {
        long minutes = Math.max(regainMinutes(headers.firstValue("X-Business-Use-Case-Usage").orElse(null)),
                regainMinutes(headers.firstValue("X-App-Usage").orElse(null)));
        if (minutes > 0) {
            return Duration.ofMinutes(minutes);
        }
        if (headers.firstValue("Retry-After").isPresent()) {
            return super.retryAfter(headers);
        }
        return DEFAULT_WAIT;
    }

    /**
     * The largest {@code estimated_time_to_regain_access} in a usage header: {@code X-App-Usage} is one
     * object, {@code X-Business-Use-Case-Usage} maps business object ids to arrays of them. 0 when none.
     */
    static long regainMinutes(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            JsonNode json = JSON.readTree(header);
            long[] max = {0};
            visit(json, max);
            return max[0];
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void visit(JsonNode node, long[] max) {
        if (node.isObject()) {
            JsonNode v = node.get("estimated_time_to_regain_access");
            if (v != null && v.canConvertToLong()) {
                max[0] = Math.max(max[0], v.asLong());
            }
            node.forEach(child -> visit(child, max));
        } else if (node.isArray()) {
            node.forEach(child -> visit(child, max));
        }
    }
}
