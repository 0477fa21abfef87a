package io.herald.connector.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorHttp;
import io.herald.connector.HttpErrorClassifier;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Mastodon REST calls Herald makes, each failure classified by {@link ConnectorHttp}
 * (401/403 authentication, 429 rate limited with {@code X-RateLimit-Reset}, 422 and other 4xx
 * permanent, 5xx retryable; a timeout after sending is an unclear outcome). No message carries the
 * access token.
 */
final class MastodonApi {

    static final String PLATFORM = "mastodon";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorHttp http;

    MastodonApi(ConnectorContext context) {
        this.http = new ConnectorHttp(context, PLATFORM, new HttpErrorClassifier(context.clock()));
    }

    ConnectorContext context() {
        return http.context();
    }

    /** A status as Mastodon answers it: id, URL, reply target, creation time and content as plain text. */
    record Status(String id, String url, String inReplyToId, String createdAt, String text) {
    }

    Status postStatus(MastodonConfig config, Secret token, String text, String inReplyToId, List<String> mediaIds,
            String idempotencyKey) throws PublishException {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", text);
        if (inReplyToId != null) {
            body.put("in_reply_to_id", inReplyToId);
        }
        if (!mediaIds.isEmpty()) {
            mediaIds.forEach(body.putArray("media_ids")::add);
        }
        body.put("visibility", config.visibility());
        config.language().ifPresent(language -> body.put("language", language));
        HttpRequest request = authorized(config.uri("/api/v1/statuses"), token)
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return statusOrThrow(read(http.send(request, token), "the status", token));
    }

    /**
     * Deletes a status ({@code DELETE /api/v1/statuses/:id}); false when the server has no such
     * status (404: deleted before). Mastodon limits deletions to 30 in 30 minutes per account (a 429
     * with {@code X-RateLimit-Reset}).
     */
    boolean deleteStatus(MastodonConfig config, Secret token, String id) throws PublishException {
        HttpRequest request = authorized(config.uri("/api/v1/statuses/" + enc(id)), token).DELETE().build();
        HttpResponse<String> r = http.exchange(request, token);
        if (r.statusCode() == 404) {
            return false;
        }
        if (r.statusCode() / 100 != 2) {
            throw http.classify(r, token);
        }
        return true;
    }

    /**
     * Edits a status's text in place ({@code PUT /api/v1/statuses/:id}, Mastodon 3.5 and later); its
     * media, replies and boosts stay. Setting the same text twice changes nothing, so a repeat is safe.
     */
    Status editStatus(MastodonConfig config, Secret token, String id, String text) throws PublishException {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", text);
        config.language().ifPresent(language -> body.put("language", language));
        HttpRequest request = authorized(config.uri("/api/v1/statuses/" + enc(id)), token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return statusOrThrow(read(http.send(request, token), "the edited status", token));
    }

    /**
     * Uploads one media item by {@code POST /api/v2/media} (multipart: {@code file}, {@code description})
     * and returns its id. A 202 means the server still processes it; the status that attaches it
     * waits for that ({@link #awaitMedia}).
     */
    String uploadMedia(MastodonConfig config, Secret token, MediaSource.FetchedMedia media) throws PublishException {
        String boundary = "herald-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream(media.bytes().length + 1024);
        String type = media.mimeType() == null ? "application/octet-stream" : media.mimeType();
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName(media)
                + "\"\r\nContent-Type: " + type + "\r\n\r\n");
        out.writeBytes(media.bytes());
        write(out, "\r\n");
        if (media.media().altText() != null && !media.media().altText().isBlank()) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + media.media().altText() + "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        HttpRequest request = authorized(config.uri("/api/v2/media"), token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .build();
        JsonNode json = read(http.send(request, token), "the media upload", token);
        String id = json.path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted the media upload but its answer has no id", null);
        }
        return id;
    }

    /** Waits (a few short polls) until the server has processed an uploaded item: its {@code url} is set. */
    void awaitMedia(MastodonConfig config, Secret token, String mediaId) throws PublishException {
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = http.exchange(authorized(config.uri("/api/v1/media/" + enc(mediaId)), token).GET().build(), token);
            if (r.statusCode() == 200 && !read(r, "the media", token).path("url").isNull()) {
                return;
            }
            if (r.statusCode() != 206 && r.statusCode() != 200) {
                throw http.classify(r, token);
            }
            pause(200L * (i + 1));
        }
        throw PublishException.retryable(PLATFORM + " is still processing media " + mediaId + "; trying again later", null);
    }

    /** The authenticated account's id ({@code GET /api/v1/accounts/verify_credentials}). */
    String accountId(MastodonConfig config, Secret token) throws PublishException {
        HttpRequest request = authorized(config.uri("/api/v1/accounts/verify_credentials"), token).GET().build();
        String id = read(http.send(request, token), "the account", token).path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.retryable(PLATFORM + " answered verify_credentials without an account id", null);
        }
        return id;
    }

    /** The account's latest statuses, newest first ({@code GET /api/v1/accounts/:id/statuses?limit=40}). */
    List<Status> recentStatuses(MastodonConfig config, Secret token, String accountId) throws PublishException {
        HttpRequest request = authorized(config.uri("/api/v1/accounts/" + enc(accountId) + "/statuses?limit=40"), token)
                .GET().build();
        JsonNode json = read(http.send(request, token), "the account's statuses", token);
        List<Status> out = new ArrayList<>();
        json.forEach(s -> out.add(status(s)));
        return out;
    }

    /**
     * What the server announces: {@code GET /api/v2/instance}, else {@code GET /api/v1/instance}
     * (Mastodon before 4.0, GoToSocial, Pleroma's {@code max_toot_chars}). Empty when neither answers.
     */
    Optional<JsonNode> instance(MastodonConfig config) {
        for (String path : List.of("/api/v2/instance", "/api/v1/instance")) {
            try {
                HttpResponse<String> r = http.exchange(http.request(config.uri(path)).header("Accept", "application/json").GET().build());
                if (r.statusCode() == 200) {
                    return Optional.of(JSON.readTree(r.body()));
                }
            } catch (PublishException | IOException e) {
                // not there, or not answering: try the next, then fall back to the defaults
            }
        }
        return Optional.empty();
    }

    private HttpRequest.Builder authorized(URI uri, Secret token) {
        return http.request(uri).header("Authorization", "Bearer " + token.reveal()).header("Accept", "application/json");
    }

    private static Status status(JsonNode s) {
        return new Status(s.path("id").asText(""), s.path("url").isTextual() ? s.get("url").asText() : null,
                s.path("in_reply_to_id").isTextual() ? s.get("in_reply_to_id").asText() : null,
                s.path("created_at").asText(""),
                s.path("text").isTextual() ? s.get("text").asText() : MastodonHtml.toText(s.path("content").asText("")));
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

    private static Status statusOrThrow(JsonNode json) throws PublishException {
        Status s = status(json);
        if (s.id().isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted the status but its answer has no id", null);
        }
        return s;
    }

    private static String fileName(MediaSource.FetchedMedia media) {
        String path = URI.create(media.media().url()).getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "media" : name.replace("\"", "");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void pause(long ms) throws PublishException {
        try {
            Thread.sleep(ms); // the server asks us to wait for its processing; no condition to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.retryable("interrupted while waiting for media processing", e);
        }
    }
}
