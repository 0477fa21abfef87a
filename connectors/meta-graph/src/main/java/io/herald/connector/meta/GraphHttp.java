package io.herald.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorHttp;
import io.herald.connector.PublishException;
import io.herald.connector.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Graph API calls of one connector, as Meta documents them: reads are {@code GET} with the
 * parameters (and the {@code access_token}) in the query; writes are {@code POST} with the
 * parameters form-encoded in the body. Failures are classified by {@link ConnectorHttp} with a
 * {@link GraphErrorClassifier}; no message carries the token (it is masked, and the query string is
 * never quoted).
 */
public final class GraphHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConnectorHttp http;
    private final String platform;

    public GraphHttp(ConnectorContext context, String platform) {
        this.http = new ConnectorHttp(context, platform, new GraphErrorClassifier(context.clock()));
        this.platform = platform;
    }

    public ConnectorContext context() {
        return http.context();
    }

    /** {@code GET root/path?params&access_token=...}, its JSON answer; any failure thrown classified. */
    public JsonNode get(String root, String path, Map<String, String> params, Secret token) throws PublishException {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("access_token", token.reveal());
        HttpRequest request = http.request(URI.create(root + path + "?" + form(all)))
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, token);
        try {
            return readJson(response.body());
        } catch (IOException e) {
            throw PublishException.retryable(platform + " answered HTTP " + response.statusCode() + " for " + path
                    + " but its answer cannot be read", null);
        }
    }

    /**
     * {@code POST root/path} with {@code params} and the token form-encoded, its JSON answer. A 2xx
     * whose body cannot be read is an unclear outcome: the write may have happened.
     */
    public JsonNode post(String root, String path, Map<String, String> params, Secret token) throws PublishException {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("access_token", token.reveal());
        HttpRequest request = http.request(URI.create(root + path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(all)))
                .build();
        HttpResponse<String> response = http.send(request, token);
        try {
            return readJson(response.body());
        } catch (IOException e) {
            throw PublishException.outcomeUnknown(platform + " answered HTTP " + response.statusCode() + " for " + path
                    + " but its answer cannot be read; the request may have taken effect", null);
        }
    }

    /**
     * {@code DELETE root/path?access_token=...}: true when deleted, false when the Graph API has no
     * such object any more (error code 100, "does not exist": deleted before); other failures thrown
     * classified. A delete repeated after a lost answer therefore ends as "gone", never as an error.
     */
    public boolean delete(String root, String path, Secret token) throws PublishException {
        HttpRequest request = http.request(URI.create(root + path + "?" + form(Map.of("access_token", token.reveal()))))
                .header("Accept", "application/json").DELETE().build();
        HttpResponse<String> response = http.exchange(request, token);
        if (response.statusCode() / 100 == 2) {
            return true;
        }
        try {
            JsonNode error = readJson(response.body()).path("error");
            if (error.path("code").asInt() == 100 && error.path("message").asText().contains("does not exist")) {
                return false;
            }
        } catch (IOException e) {
            // not a Graph error: classified below
        }
        throw http.classify(response, token);
    }

    private static JsonNode readJson(String body) throws IOException {
        JsonNode json = JSON.readTree(body == null ? "" : body);
        if (json == null || json.isMissingNode() || !json.isContainerNode()) {
            throw new IOException("not a JSON object");
        }
        return json;
    }

    /** {@code a=1&b=2}, URL-encoded. */
    public static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** A path segment or parameter, URL-encoded. */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
