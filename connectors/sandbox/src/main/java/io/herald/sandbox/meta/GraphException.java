package io.herald.sandbox.meta;

import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An error as the Graph API answers it: {@code {"error": {"message", "type", "code", "error_subcode",
 * "is_transient", "error_user_title", "error_user_msg", "fbtrace_id"}}}, the shape of Meta's Instagram
 * Platform "Error Codes" reference. The Instagram and Threads stand-ins throw it; {@link #response()}
 * renders it.
 */
public final class GraphException extends SandboxApiException {

    private final int code;
    private final int subcode;
    private final String type;
    private final String userTitle;
    private final String userMessage;
    private final boolean isTransient;

    public GraphException(int status, int code, int subcode, String type, String message, String userTitle,
            String userMessage, boolean isTransient) {
        super(status, message);
        this.code = code;
        this.subcode = subcode;
        this.type = type;
        this.userTitle = userTitle;
        this.userMessage = userMessage;
        this.isTransient = isTransient;
    }

    /** Meta's answer to a token it cannot read or that is not valid. */
    public static GraphException invalidToken() {
        return new GraphException(400, 190, 0, "OAuthException", "Invalid OAuth access token - Cannot parse access token",
                null, null, false);
    }

    /** Meta's answer for an object that does not exist or is not the caller's. */
    public static GraphException noSuchObject(String id, String method) {
        return new GraphException(400, 100, 33, "GraphMethodException", "Unsupported " + method + " request. Object with ID '"
                + id + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
                + " Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
                null, null, false);
    }

    /** A required parameter is missing: {@code (#100) The parameter image_url is required}. */
    public static GraphException missingParameter(String name) {
        return new GraphException(400, 100, 0, "OAuthException", "(#100) The parameter " + name + " is required", null, null,
                false);
    }

    /** An invalid parameter, with Meta's user-facing words. */
    public static GraphException invalidParameter(String message, String userTitle, String userMessage) {
        return new GraphException(400, 100, 0, "OAuthException", message, userTitle, userMessage, false);
    }

    public SandboxResponse response() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("code", code);
        if (subcode != 0) {
            error.put("error_subcode", subcode);
        }
        error.put("is_transient", isTransient);
        if (userTitle != null) {
            error.put("error_user_title", userTitle);
        }
        if (userMessage != null) {
            error.put("error_user_msg", userMessage);
        }
        error.put("fbtrace_id", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
        return SandboxResponse.json(status(), Map.of("error", error));
    }
}
