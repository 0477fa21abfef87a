package io.herald.sandbox.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Graph API request as the Instagram and Threads stand-ins read it: the path without its version
 * ({@code /v24.0/17841.../media} and {@code /17841.../media} are the same), the parameters from the
 * query overlaid by a form or JSON body, and the access token from {@code access_token} or an
 * {@code Authorization: Bearer}/{@code OAuth} header, as the Graph API takes it.
 */
public record GraphRequest(String method, List<String> segments, Map<String, String> params, Optional<String> token,
        String baseUrl) {

    private static final Pattern VERSION = Pattern.compile("v[0-9]+\\.[0-9]+");

    public static GraphRequest of(SandboxRequest request) {
        List<String> segments = request.segments();
        if (!segments.isEmpty() && VERSION.matcher(segments.get(0)).matches()) {
            segments = segments.subList(1, segments.size());
        }
        Map<String, String> params = new LinkedHashMap<>(request.query());
        if (request.body().length > 0) {
            String type = request.mediaType();
            if (type.equals("application/json")) {
                JsonNode json = request.jsonBody();
                json.fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().isValueNode()
                        ? f.getValue().asText() : f.getValue().toString()));
            } else if (type.equals("application/x-www-form-urlencoded") || type.isEmpty()) {
                params.putAll(SandboxRequest.parseForm(request.bodyText()));
            } else {
                throw new SandboxApiException(415, "Unsupported content type: " + type);
            }
        }
        Optional<String> token = Optional.ofNullable(params.remove("access_token")).filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            token = request.header("Authorization").map(String::strip)
                    .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7) || v.regionMatches(true, 0, "OAuth ", 0, 6))
                    .map(v -> v.substring(v.indexOf(' ') + 1).strip());
        }
        return new GraphRequest(request.method(), List.copyOf(segments), params, token, request.baseUrl());
    }

    public String param(String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** The requested {@code fields}, or {@code fallback} when none are named. */
    public Set<String> fields(String... fallback) {
        String f = param("fields");
        return f == null ? Set.of(fallback) : Set.copyOf(Arrays.stream(f.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    public int intParam(String name, int fallback, int max) {
        String v = param(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Math.max(1, Math.min(max, Integer.parseInt(v.strip())));
        } catch (NumberFormatException e) {
            throw GraphException.invalidParameter("(#100) Param " + name + " must be an integer", null, null);
        }
    }
}
