package io.herald.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * An error as the Graph API answers it (Instagram, Threads and Facebook alike):
 * {@code {"error": {"message", "type", "code", "error_subcode", "is_transient", "error_user_title",
 * "error_user_msg", "fbtrace_id"}}}. Shape from Meta's Instagram Platform "Error Codes" reference
 * (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes).
 *
 * @param code the Graph error code ({@code 190} invalid token, {@code 9} a publishing limit,
 *     {@code 100} an invalid parameter, {@code 9004} media that cannot be fetched, ...), 0 if none
 * @param subcode {@code error_subcode}, e.g. {@code 2207042} (the publishing limit reached), 0 if none
 */
public record GraphError(int code, int subcode, String type, String message, String userTitle, String userMessage,
        boolean isTransient) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The publishing limit of 24 hours is reached ({@code code 9, subcode 2207042}). */
    public static final int PUBLISHING_LIMIT_SUBCODE = 2207042;
    /** The container is not ready to be published yet ({@code 9007 / 2207027}). */
    public static final int NOT_READY_SUBCODE = 2207027;
    /** The container expired ({@code 2207020}: "The media you are trying to access has expired"). */
    public static final int EXPIRED_SUBCODE = 2207020;
    /** The media could not be fetched, or is no photo or video ({@code 9004 / 2207052}). */
    public static final int MEDIA_FETCH_SUBCODE = 2207052;

    /** The error in a Graph API answer's body, if it has one. */
    public static Optional<GraphError> parse(String body) {
        if (body == null || body.isBlank() || !body.strip().startsWith("{")) {
            return Optional.empty();
        }
        JsonNode error;
        try {
            error = JSON.readTree(body).path("error");
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (!error.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new GraphError(error.path("code").asInt(0), error.path("error_subcode").asInt(0),
                text(error, "type"), text(error, "message"), text(error, "error_user_title"), text(error, "error_user_msg"),
                error.path("is_transient").asBoolean(false)));
    }

    /** Whether the message or the titles name {@code word} (Threads' {@code THREADS_API__LINK_LIMIT_EXCEEDED}). */
    public boolean mentions(String word) {
        return contains(message, word) || contains(userTitle, word) || contains(userMessage, word) || contains(type, word);
    }

    /**
     * One line for a person: the message, the codes, and the user-facing words when they add
     * something, e.g. {@code Media download has failed. (code 9004, subcode 2207052): The media could
     * not be fetched from this URI}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(message == null || message.isBlank() ? "(no message)" : message.strip());
        sb.append(" (code ").append(code);
        if (subcode != 0) {
            sb.append(", subcode ").append(subcode);
        }
        sb.append(')');
        for (String extra : new String[] {userTitle, userMessage}) {
            if (extra != null && !extra.isBlank() && !sb.toString().contains(extra.strip())) {
                sb.append(": ").append(extra.strip());
            }
        }
        return sb.toString();
    }

    private static boolean contains(String s, String word) {
        return s != null && s.contains(word);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
