package io.herald.sandbox.standin;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a stand-in answers: status, headers and body bytes. */
public record SandboxResponse(int status, Map<String, String> headers, byte[] body) {

    public SandboxResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    /** A JSON answer; {@code value} is rendered with the sandbox's Jackson mapper. */
    public static SandboxResponse json(int status, Object value) {
        return new SandboxResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                SandboxRequest.toJson(value).getBytes(StandardCharsets.UTF_8));
    }

    /** The error shape most networks use: {@code {"error": message}}. */
    public static SandboxResponse error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    /** 204, no body. */
    public static SandboxResponse noContent() {
        return new SandboxResponse(204, Map.of(), null);
    }

    /** The same answer with one more header. */
    public SandboxResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SandboxResponse(status, more, body);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
