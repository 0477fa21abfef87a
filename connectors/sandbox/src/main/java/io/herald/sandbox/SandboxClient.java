package io.herald.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.herald.sandbox.internal.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Talks to a running sandbox over HTTP, from another process ({@code herald sandbox posts}) or a
 * test: {@code base} is the sandbox root, e.g. {@code http://127.0.0.1:8089}.
 */
public final class SandboxClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SandboxClient() {
    }

    /**
     * The posts the sandbox holds, oldest first.
     *
     * @param targetOrNull {@code platform:account}, a platform alone, or null for every post
     * @throws IOException when no sandbox answers at {@code base}, or it answers with an error
     */
    public static List<SandboxPost> posts(URI base, String targetOrNull) throws IOException {
        String query = targetOrNull == null || targetOrNull.isBlank()
                ? "" : "?target=" + URLEncoder.encode(targetOrNull, StandardCharsets.UTF_8);
        String body = send(base, HttpRequest.newBuilder(resolve(base, "/_sandbox/posts" + query)).GET());
        return JsonMapper.MAPPER.readValue(body, new TypeReference<List<SandboxPost>>() { });
    }

    /** Queues a fault in the sandbox at {@code base}. */
    public static void inject(URI base, SandboxFault fault) throws IOException {
        send(base, HttpRequest.newBuilder(resolve(base, "/_sandbox/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.MAPPER.writeValueAsString(fault))));
    }

    /** Changes settings of one platform's stand-in in the sandbox at {@code base}. */
    public static void configure(URI base, String platform, java.util.Map<String, String> settings) throws IOException {
        send(base, HttpRequest.newBuilder(resolve(base, "/_sandbox/settings/" + URLEncoder.encode(platform, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JsonMapper.MAPPER.writeValueAsString(settings))));
    }

    /** Changes some settings of one platform's stand-in (none: only reads them) and answers all of them, as JSON. */
    public static String settings(URI base, String platform, java.util.Map<String, String> settings) throws IOException {
        String path = "/_sandbox/settings/" + URLEncoder.encode(platform, StandardCharsets.UTF_8);
        if (settings.isEmpty()) {
            return send(base, HttpRequest.newBuilder(resolve(base, path)).GET());
        }
        return send(base, HttpRequest.newBuilder(resolve(base, path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JsonMapper.MAPPER.writeValueAsString(settings))));
    }

    /** Drops every fault waiting in the sandbox at {@code base}. */
    public static void clearFaults(URI base) throws IOException {
        send(base, HttpRequest.newBuilder(resolve(base, "/_sandbox/faults")).DELETE());
    }

    /** True when a sandbox answers its health check at {@code base}. */
    public static boolean isUp(URI base) {
        try {
            send(base, HttpRequest.newBuilder(resolve(base, "/_sandbox/health")).GET());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static URI resolve(URI base, String pathAndQuery) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + pathAndQuery);
    }

    private static String send(URI base, HttpRequest.Builder request) throws IOException {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("no sandbox answers at " + base + " (start one with: herald sandbox)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the sandbox at " + base, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the sandbox at " + base + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
