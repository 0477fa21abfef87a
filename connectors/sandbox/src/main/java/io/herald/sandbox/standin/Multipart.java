package io.herald.sandbox.standin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@code multipart/form-data} body, as the networks' upload endpoints take it. */
public final class Multipart {

    /** One part: its form name, file name (or null), type and bytes. */
    public record Part(String name, String fileName, String contentType, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final List<Part> parts;

    private Multipart(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Parses a request's body; a 400 (or 415 for another type) when it is not multipart. */
    public static Multipart parse(SandboxRequest request) {
        String type = request.header("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new SandboxApiException(415, "expected multipart/form-data, but was " + (type.isEmpty() ? "none" : type));
        }
        String boundary = null;
        for (String param : type.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                boundary = p.substring(9).replace("\"", "");
            }
        }
        if (boundary == null || boundary.isEmpty()) {
            throw new SandboxApiException(400, "multipart body without a boundary");
        }
        byte[] body = request.body();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            start += 2; // CRLF
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                throw new SandboxApiException(400, "multipart body is not terminated");
            }
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            if (headerEnd < 0 || headerEnd > next) {
                throw new SandboxApiException(400, "multipart part without headers");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, start, headerEnd - start, StandardCharsets.UTF_8).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                }
            }
            String disposition = headers.getOrDefault("content-disposition", "");
            byte[] content = Arrays.copyOfRange(body, headerEnd + 4, next - 2);
            parts.add(new Part(param(disposition, "name"), param(disposition, "filename"),
                    headers.getOrDefault("content-type", "text/plain"), content));
            at = next;
        }
        return new Multipart(parts);
    }

    public List<Part> parts() {
        return parts;
    }

    public Optional<Part> part(String name) {
        return parts.stream().filter(p -> name.equals(p.name())).findFirst();
    }

    private static String param(String header, String name) {
        for (String p : header.split(";")) {
            String t = p.strip();
            if (t.startsWith(name + "=")) {
                return t.substring(name.length() + 1).replace("\"", "");
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
