package io.herald.connector.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorHttp;
import io.herald.connector.MediaSource;
import io.herald.connector.PublishException;
import io.herald.connector.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Graph API calls Herald makes for a Page (developers.facebook.com, "Pages API: Posts",
 * "Page Feed", "Page Photos", "debug_token"):
 *
 * <pre>
 * POST /{version}/{page-id}/feed     message, link, access_token          -> {"id": "{page-post-id}"}
 * POST /{version}/{page-id}/photos   multipart: source, caption, alt_text_custom, published, access_token
 *                                                                         -> {"id": "{photo-id}", "post_id"}
 * GET  /{version}/{page-id}/posts    fields=id,message,created_time, limit -> {"data": [...]}
 * GET  /{version}/debug_token        input_token, access_token (the app's) -> {"data": {expires_at, ...}}
 * </pre>
 *
 * The token travels as the documented {@code access_token} parameter: in the body of a POST, in the
 * query of a GET (Herald's messages name a URL's path only, never its query). Failures are classified
 * by {@link ConnectorHttp} with {@link FacebookErrorClassifier}.
 */
final class FacebookApi {

    static final String PLATFORM = "facebook";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final ConnectorHttp http;

    FacebookApi(ConnectorContext context) {
        this.http = new ConnectorHttp(context, PLATFORM, new FacebookErrorClassifier(context.clock()));
    }

    ConnectorContext context() {
        return http.context();
    }

    /** A Page post: its id ({@code {page-id}_{post-id}}), message and creation time. */
    record Post(String id, String message, Instant createdTime) {
    }

    /** A published photo: the photo's id and the id of the Page post it made. */
    record Photo(String id, String postId) {
    }

    /** What {@code debug_token} says about a token; an expiry of null is "never". */
    record TokenInfo(boolean valid, Instant expiresAt, Instant dataAccessExpiresAt, String type) {
    }

    /** {@code POST /{page-id}/feed}: a text post, with {@code link} (may be null) for a link post. */
    String postFeed(FacebookConfig config, String message, String link) throws PublishException {
        Map<String, String> form = new LinkedHashMap<>();
        if (!message.isEmpty()) {
            form.put("message", message);
        }
        if (link != null) {
            form.put("link", link);
        }
        form.put("access_token", config.token().reveal());
        HttpRequest request = http.request(config.uri("/" + config.pageId() + "/feed"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build();
        String id = read(http.send(request, config.token()), "the post", config.token()).path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted the post but its answer has no id", null);
        }
        return id;
    }

    /** {@code POST /{page-id}/photos}: the photo uploaded with its caption; publishing it makes the Page post. */
    Photo postPhoto(FacebookConfig config, MediaSource.FetchedMedia media, String caption) throws PublishException {
        String boundary = "herald-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream(media.bytes().length + 2048);
        field(out, boundary, "access_token", config.token().reveal());
        if (!caption.isEmpty()) {
            field(out, boundary, "caption", caption);
        }
        if (media.media().altText() != null && !media.media().altText().isBlank()) {
            field(out, boundary, "alt_text_custom", media.media().altText());
        }
        field(out, boundary, "published", "true");
        String type = media.mimeType() == null ? "application/octet-stream" : media.mimeType();
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\"; filename=\"" + fileName(media)
                + "\"\r\nContent-Type: " + type + "\r\n\r\n");
        out.writeBytes(media.bytes());
        write(out, "\r\n--" + boundary + "--\r\n");
        HttpRequest request = http.request(config.uri("/" + config.pageId() + "/photos"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .build();
        JsonNode json = read(http.send(request, config.token()), "the photo", config.token());
        String id = json.path("id").asText("");
        String postId = json.path("post_id").asText("");
        if (id.isEmpty() && postId.isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted the photo but its answer has no id", null);
        }
        return new Photo(id, postId.isEmpty() ? config.pageId() + "_" + id : postId);
    }

    /**
     * {@code DELETE /{page-post-id}}: true when Facebook deleted it, false when it has no such object
     * (error code 100, "does not exist": deleted before).
     */
    boolean deletePost(FacebookConfig config, String postId) throws PublishException {
        URI uri = config.uri("/" + enc(postId) + "?access_token=" + enc(config.token().reveal()));
        HttpResponse<String> r = http.exchange(http.request(uri).header("Accept", "application/json").DELETE().build(), config.token());
        if (r.statusCode() / 100 == 2) {
            return true;
        }
        if (r.statusCode() == 400 || r.statusCode() == 404) {
            try {
                JsonNode error = JSON.readTree(r.body()).path("error");
                if (error.path("code").asInt() == 100 && error.path("message").asText().contains("does not exist")) {
                    return false;
                }
            } catch (java.io.IOException e) {
                // not a Graph error: classified below
            }
        }
        throw http.classify(r, config.token());
    }

    /** {@code POST /{page-post-id}} with {@code message}: the post's text changed in place. */
    void editPost(FacebookConfig config, String postId, String message) throws PublishException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("message", message);
        form.put("access_token", config.token().reveal());
        HttpRequest request = http.request(config.uri("/" + enc(postId)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build();
        read(http.send(request, config.token()), "the edited post", config.token());
    }

    /** The Page's latest posts, newest first. */
    List<Post> pagePosts(FacebookConfig config, int limit) throws PublishException {
        URI uri = config.uri("/" + config.pageId() + "/posts?fields=id,message,created_time&limit=" + limit
                + "&access_token=" + enc(config.token().reveal()));
        HttpRequest request = http.request(uri).header("Accept", "application/json").GET().build();
        JsonNode json = read(http.send(request, config.token()), "the Page's posts", config.token());
        List<Post> out = new ArrayList<>();
        json.path("data").forEach(p -> out.add(new Post(p.path("id").asText(""), p.path("message").asText(""),
                time(p.path("created_time").asText("")))));
        return out;
    }

    /** {@code debug_token} about the Page token, asked with the app's token. */
    TokenInfo debugToken(FacebookConfig config, Secret appToken) throws PublishException {
        URI uri = config.uri("/debug_token?input_token=" + enc(config.token().reveal()) + "&access_token="
                + enc(appToken.reveal()));
        HttpRequest request = http.request(uri).header("Accept", "application/json").GET().build();
        JsonNode data = read(http.send(request, config.token(), appToken), "debug_token", config.token()).path("data");
        return new TokenInfo(data.path("is_valid").asBoolean(false), epoch(data.path("expires_at")),
                epoch(data.path("data_access_expires_at")), data.path("type").asText(""));
    }

    private static Instant epoch(JsonNode n) {
        long v = n.asLong(0);
        return v > 0 ? Instant.ofEpochSecond(v) : null;
    }

    /** A Graph time, {@code 2026-12-06T14:00:00+0000}; null when unreadable. */
    static Instant time(String s) {
        try {
            return OffsetDateTime.parse(s, GRAPH_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static JsonNode read(HttpResponse<String> response, String what, Secret token) throws PublishException {
        try {
            JsonNode json = JSON.readTree(response.body());
            if (json == null || json.isMissingNode()) {
                throw new IOException("empty body");
            }
            return json;
        } catch (IOException e) {
            throw PublishException.outcomeUnknown(PLATFORM + " answered HTTP " + response.statusCode() + " for " + what
                    + " but its answer cannot be read (" + ConnectorHttp.redact(String.valueOf(e.getMessage()), token) + ")", null);
        }
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + value + "\r\n");
    }

    private static String fileName(MediaSource.FetchedMedia media) {
        String path = URI.create(media.media().url()).getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "photo" : name.replace("\"", "");
    }

    private static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return sb.toString();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
