package io.herald.sandbox.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.internal.JsonMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as a stand-in sees it: {@code path} is relative to the stand-in's prefix (for
 * {@code /mastodon/api/v1/statuses} it is {@code /api/v1/statuses}), and {@code baseUrl} is the
 * stand-in's public root ({@code http://127.0.0.1:8089/mastodon}), for the URLs it hands out.
 */
public record SandboxRequest(
        String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body, String baseUrl) {

    public SandboxRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        Map<String, String> lower = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        lower.putAll(headers);
        headers = Collections.unmodifiableMap(lower);
        body = body == null ? new byte[0] : body;
    }

    /** A header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The token of an {@code Authorization: Bearer ...} header. */
    public Optional<String> bearerToken() {
        return header("Authorization")
                .map(String::strip)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip());
    }

    /** The media type of the body, lower case and without parameters; empty when absent. */
    public String mediaType() {
        return header("Content-Type").map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON. */
    public JsonNode jsonBody() {
        try {
            return JsonMapper.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new SandboxApiException(400, "Error occurred while parsing request parameters");
        }
    }

    /** The path split at {@code /}, without empty segments. */
    public List<String> segments() {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** Parses {@code a=1&b=2} (a query string or a form body), URL-decoded; the first value of a name wins. */
    public static Map<String, String> parseForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SandboxApiException(400, "malformed URL encoding");
        }
    }

    /** Renders an object as JSON text (for error bodies and tests). */
    static String toJson(Object value) {
        try {
            return JsonMapper.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
