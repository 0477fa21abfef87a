package io.herald.connector.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The X API v2 calls Herald makes, each authorized with the account's current access token and
 * repeated once with a renewed one when X answers 401 (a 401 means nothing was done). Failures are
 * classified by {@link ConnectorHttp} with {@link XErrorClassifier}. No message carries a token.
 */
final class XApi {

    static final String PLATFORM = "x";
    /** Bytes per {@code append} of a chunked upload. */
    static final int CHUNK = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorHttp http;
    private final XTokens tokens;

    XApi(ConnectorContext context) {
        this.http = new ConnectorHttp(context, PLATFORM, new XErrorClassifier(context.clock()));
        this.tokens = new XTokens(http);
    }

    ConnectorContext context() {
        return http.context();
    }

    /** A post as X answers it: id, text (URLs as t.co links; a long post's full text), creation time, reply target. */
    record Tweet(String id, String text, Instant createdAt, String inReplyTo) {
    }

    /** The post's page; X redirects it to the author's handle. */
    static String url(String id) {
        return "https://x.com/i/web/status/" + id;
    }

    /** {@code POST /2/tweets}: {@code {"text", "reply": {"in_reply_to_tweet_id"}, "media": {"media_ids"}}}; the new id. */
    String postTweet(XSession s, String text, String replyTo, List<String> mediaIds) throws PublishException {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", text);
        if (replyTo != null) {
            body.putObject("reply").put("in_reply_to_tweet_id", replyTo);
        }
        if (!mediaIds.isEmpty()) {
            mediaIds.forEach(body.putObject("media").putArray("media_ids")::add);
        }
        JsonNode json = read(send(s, "/2/tweets", "POST", "application/json", body.toString().getBytes(StandardCharsets.UTF_8)),
                "the post");
        String id = json.path("data").path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted the post but its answer has no id", null);
        }
        return id;
    }

    /** The authenticated user's id ({@code GET /2/users/me}). */
    String me(XSession s) throws PublishException {
        String id = read(send(s, "/2/users/me", "GET", null, null), "the user").path("data").path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.retryable(PLATFORM + " answered /2/users/me without a user id", null);
        }
        return id;
    }

    /**
     * The user's posts since {@code since}, newest first ({@code GET /2/users/:id/tweets}, at most 100,
     * with {@code created_at}, {@code referenced_tweets} and {@code note_tweet}).
     */
    List<Tweet> recentTweets(XSession s, String userId, Instant since) throws PublishException {
        String path = "/2/users/" + enc(userId) + "/tweets?max_results=100&start_time="
                + enc(since.truncatedTo(ChronoUnit.SECONDS).toString())
                + "&tweet.fields=" + enc("created_at,referenced_tweets,note_tweet");
        JsonNode json = read(send(s, path, "GET", null, null), "the user's posts");
        List<Tweet> out = new ArrayList<>();
        for (JsonNode t : json.path("data")) {
            String replyTo = null;
            for (JsonNode ref : t.path("referenced_tweets")) {
                if ("replied_to".equals(ref.path("type").asText())) {
                    replyTo = ref.path("id").asText(null);
                }
            }
            String text = t.path("note_tweet").path("text").isTextual() ? t.path("note_tweet").path("text").asText()
                    : t.path("text").asText("");
            Instant created;
            try {
                created = Instant.parse(t.path("created_at").asText(""));
            } catch (RuntimeException e) {
                created = null;
            }
            out.add(new Tweet(t.path("id").asText(""), text, created, replyTo));
        }
        return out;
    }

    /**
     * Uploads one image through the v2 chunked upload ({@code POST /2/media/upload/initialize}, one
     * {@code /2/media/upload/:id/append} per megabyte, {@code /2/media/upload/:id/finalize}) and sets
     * its alt text ({@code POST /2/media/metadata}); returns the media id.
     */
    String uploadMedia(XSession s, MediaSource.FetchedMedia media) throws PublishException {
        String type = media.mimeType() == null ? "image/jpeg" : media.mimeType();
        ObjectNode init = JSON.createObjectNode();
        init.put("media_type", type);
        init.put("total_bytes", media.bytes().length);
        init.put("media_category", type.equals("image/gif") ? "tweet_gif" : "tweet_image");
        String id = read(send(s, "/2/media/upload/initialize", "POST", "application/json",
                init.toString().getBytes(StandardCharsets.UTF_8)), "the media upload").path("data").path("id").asText("");
        if (id.isEmpty()) {
            throw PublishException.retryable(PLATFORM + " answered the media upload without a media id", null);
        }
        byte[] bytes = media.bytes();
        for (int segment = 0, from = 0; from < bytes.length; segment++, from += CHUNK) {
            byte[] chunk = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK));
            String boundary = "herald-" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length + 512);
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"segment_index\"\r\n\r\n" + segment + "\r\n");
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"media\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(chunk);
            write(out, "\r\n--" + boundary + "--\r\n");
            send(s, "/2/media/upload/" + enc(id) + "/append", "POST", "multipart/form-data; boundary=" + boundary,
                    out.toByteArray());
        }
        JsonNode done = read(send(s, "/2/media/upload/" + enc(id) + "/finalize", "POST", null, new byte[0]), "the media upload");
        String state = done.path("data").path("processing_info").path("state").asText("succeeded");
        if (state.equals("failed")) {
            throw PublishException.permanent(PLATFORM + " could not process the image " + media.media().url() + ": "
                    + done.path("data").path("processing_info").path("error").path("message").asText("no reason given"));
        }
        String alt = media.media().altText();
        if (alt != null && !alt.isBlank()) {
            ObjectNode meta = JSON.createObjectNode();
            meta.put("id", id);
            meta.putObject("metadata").putObject("alt_text").put("text", alt.strip());
            send(s, "/2/media/metadata", "POST", "application/json", meta.toString().getBytes(StandardCharsets.UTF_8));
        }
        return id;
    }

    /** What {@code DELETE /2/tweets/:id} did. */
    enum Deletion { DELETED, NOT_THERE, NOT_DELETED }

    /**
     * {@code DELETE /2/tweets/:id}: {@code {"data": {"deleted": true}}}. A post X does not have (a 404,
     * or a 200 whose only content is a {@code resource-not-found} problem, as X answers a read of a
     * missing post) is {@link Deletion#NOT_THERE}; {@code "deleted": false} is {@link Deletion#NOT_DELETED}.
     */
    Deletion deleteTweet(XSession s, String id) throws PublishException {
        Exchange e = exchange(s, "/2/tweets/" + enc(id), "DELETE", null, null);
        if (e.response().statusCode() == 404) {
            return Deletion.NOT_THERE;
        }
        if (e.response().statusCode() / 100 != 2) {
            throw http.classify(e.response(), secrets(s, e.token()));
        }
        JsonNode json = read(e.response(), "the deletion");
        if (json.path("data").path("deleted").isBoolean()) {
            return json.path("data").path("deleted").asBoolean() ? Deletion.DELETED : Deletion.NOT_DELETED;
        }
        if (notFound(json)) {
            return Deletion.NOT_THERE;
        }
        throw PublishException.outcomeUnknown(PLATFORM + " answered the deletion of post " + id + " without data.deleted", null);
    }

    /** Whether X still has post {@code id} ({@code GET /2/tweets/:id}; a missing one is a resource-not-found problem). */
    boolean tweetExists(XSession s, String id) throws PublishException {
        Exchange e = exchange(s, "/2/tweets/" + enc(id), "GET", null, null);
        if (e.response().statusCode() == 404) {
            return false;
        }
        if (e.response().statusCode() / 100 != 2) {
            throw http.classify(e.response(), secrets(s, e.token()));
        }
        JsonNode json = read(e.response(), "the post");
        return json.path("data").path("id").isTextual() || !notFound(json);
    }

    private static boolean notFound(JsonNode json) {
        if (!json.path("data").isMissingNode()) {
            return false;
        }
        for (JsonNode error : json.path("errors")) {
            if (error.path("type").asText("").endsWith("/resource-not-found")) {
                return true;
            }
        }
        return false;
    }

    /** An answer and the token it was made with. */
    private record Exchange(HttpResponse<String> response, Secret token) {
    }

    /** One authorized call; on a 401 the access token is renewed once and the call repeated. */
    private Exchange exchange(XSession s, String pathAndQuery, String method, String contentType, byte[] body)
            throws PublishException {
        Secret token = tokens.current(s);
        HttpResponse<String> response = http.exchange(request(s, pathAndQuery, method, contentType, body, token), secrets(s, token));
        if (response.statusCode() == 401) {
            token = tokens.renew(s, token);
            response = http.exchange(request(s, pathAndQuery, method, contentType, body, token), secrets(s, token));
        }
        return new Exchange(response, token);
    }

    /** One authorized call, a failure thrown classified. */
    private HttpResponse<String> send(XSession s, String pathAndQuery, String method, String contentType, byte[] body)
            throws PublishException {
        Exchange e = exchange(s, pathAndQuery, method, contentType, body);
        if (e.response().statusCode() / 100 != 2) {
            throw http.classify(e.response(), secrets(s, e.token()));
        }
        return e.response();
    }

    private HttpRequest request(XSession s, String pathAndQuery, String method, String contentType, byte[] body, Secret token) {
        HttpRequest.Builder b = http.request(s.config().uri(pathAndQuery))
                .header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/json");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static Secret[] secrets(XSession s, Secret token) {
        List<Secret> all = new ArrayList<>();
        all.add(token);
        s.config().token().ifPresent(all::add);
        s.config().refreshToken().ifPresent(all::add);
        s.config().clientSecret().ifPresent(all::add);
        return all.toArray(Secret[]::new);
    }

    private static JsonNode read(HttpResponse<String> response, String what) throws PublishException {
        try {
            JsonNode json = JSON.readTree(response.body());
            if (json == null || json.isMissingNode()) {
                throw new IOException("empty body");
            }
            return json;
        } catch (IOException e) {
            String message = PLATFORM + " answered HTTP " + response.statusCode() + " for " + what + " but its answer cannot be read";
            throw response.request().method().equals("GET") ? PublishException.retryable(message, null)
                    : PublishException.outcomeUnknown(message, null);
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static URI base(XConfig config) {
        return config.uri("");
    }
}
