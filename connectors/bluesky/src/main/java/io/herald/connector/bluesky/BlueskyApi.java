package io.herald.connector.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorHttp;
import io.herald.connector.HttpErrorClassifier;
import io.herald.connector.PublishException;
import io.herald.connector.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XRPC calls Herald makes to a PDS, each failure classified by {@link ConnectorHttp} and
 * {@link Classifier}: {@code 401} and {@code 400 ExpiredToken/InvalidToken} authentication, {@code 429}
 * rate limited with {@code RateLimit-Reset}, other {@code 400} permanent in the PDS's words, {@code 5xx}
 * retryable; a timeout after sending is an unclear outcome. No message carries a password or token.
 */
final class BlueskyApi {

    static final String PLATFORM = "bluesky";
    static final String POST = "app.bsky.feed.post";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorHttp http;

    BlueskyApi(ConnectorContext context) {
        this.http = new ConnectorHttp(context, PLATFORM, new Classifier(context.clock()));
    }

    ConnectorContext context() {
        return http.context();
    }

    /** A session: the account's DID and handle, and its two tokens with their expiry. */
    record Session(String did, String handle, Secret access, Instant accessExpires, Secret refresh, Instant refreshExpires) {
    }

    /** A record's strong reference: what a reply needs. */
    record Ref(String uri, String cid) {
    }

    /** A failure the PDS named ({@code ExpiredToken}, {@code RecordNotFound}, ...), classified. */
    static final class XrpcException extends PublishException {
        private final String error;

        XrpcException(PublishException classified, String error) {
            super(classified.kind(), classified.getMessage(), classified.retryAfter().orElse(null), classified.httpStatus(),
                    classified.getCause());
            this.error = error;
        }

        /** The XRPC error name, or empty. */
        String error() {
            return error;
        }

        /** Whether the session's token was refused (expired, revoked or unknown): a new session may help. */
        boolean tokenRefused() {
            return error.equals("ExpiredToken") || error.equals("InvalidToken") || httpStatus() == 401;
        }
    }

    Session createSession(BlueskyConfig config) throws PublishException {
        ObjectNode body = JSON.createObjectNode();
        body.put("identifier", config.handle());
        body.put("password", config.password().reveal());
        HttpRequest request = request(config.xrpc("com.atproto.server.createSession"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return session(call(request, "the new session", config.password()), config.password());
    }

    Session refreshSession(BlueskyConfig config, Secret refresh) throws PublishException {
        HttpRequest request = authorized(config.xrpc("com.atproto.server.refreshSession"), refresh)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return session(call(request, "the refreshed session", refresh), refresh);
    }

    /** The record of {@code rkey} in the account's posts, if it exists. */
    Optional<Ref> getRecord(BlueskyConfig config, String did, String rkey) throws PublishException {
        URI uri = URI.create(config.xrpc("com.atproto.repo.getRecord") + "?repo=" + enc(did) + "&collection=" + POST + "&rkey="
                + enc(rkey));
        HttpRequest request = request(uri).header("Accept", "application/json").GET().build();
        try {
            JsonNode r = call(request, "the record " + rkey);
            return Optional.of(new Ref(r.path("uri").asText(), r.path("cid").asText()));
        } catch (XrpcException e) {
            if (e.error().equals("RecordNotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Writes a post under {@code rkey}. */
    Ref createRecord(BlueskyConfig config, Session session, String rkey, ObjectNode record) throws PublishException {
        ObjectNode body = JSON.createObjectNode();
        body.put("repo", session.did());
        body.put("collection", POST);
        body.put("rkey", rkey);
        body.set("record", record);
        HttpRequest request = authorized(config.xrpc("com.atproto.repo.createRecord"), session.access())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        JsonNode r = call(request, "the post", session.access(), session.refresh());
        if (!r.path("uri").isTextual() || !r.path("cid").isTextual()) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted the post but its answer has no uri and cid", null);
        }
        return new Ref(r.get("uri").asText(), r.get("cid").asText());
    }

    /**
     * Deletes the post under {@code rkey} from the session's repo ({@code com.atproto.repo.deleteRecord}).
     * The reference PDS answers a record that is not there with 200 too, as it answers a deletion:
     * the connector asks {@link #getRecord} first to tell the two apart.
     */
    void deleteRecord(BlueskyConfig config, Session session, String rkey) throws PublishException {
        ObjectNode body = JSON.createObjectNode();
        body.put("repo", session.did());
        body.put("collection", POST);
        body.put("rkey", rkey);
        HttpRequest request = authorized(config.xrpc("com.atproto.repo.deleteRecord"), session.access())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = http.exchange(request, session.access(), session.refresh());
        if (response.statusCode() / 100 != 2) {
            throw new XrpcException(http.classify(response, session.access(), session.refresh()), errorName(response.body()));
        }
    }

    /** Uploads an image; returns the blob ref a record embeds. */
    JsonNode uploadBlob(BlueskyConfig config, Session session, byte[] bytes, String mimeType) throws PublishException {
        HttpRequest request = authorized(config.xrpc("com.atproto.repo.uploadBlob"), session.access())
                .header("Content-Type", mimeType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        JsonNode blob = call(request, "the image", session.access(), session.refresh()).path("blob");
        if (!blob.path("ref").path("$link").isTextual()) {
            throw PublishException.retryable(PLATFORM + " answered the image upload without a blob ref", null);
        }
        return blob;
    }

    /** The DID of {@code handle}, if the PDS can resolve it. */
    Optional<String> resolveHandle(BlueskyConfig config, String handle) throws PublishException {
        URI uri = URI.create(config.xrpc("com.atproto.identity.resolveHandle") + "?handle=" + enc(handle));
        try {
            return Optional.of(call(request(uri).header("Accept", "application/json").GET().build(), "the handle " + handle)
                    .path("did").asText()).filter(d -> d.startsWith("did:"));
        } catch (XrpcException e) {
            if (e.httpStatus() == 400) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A request builder. Over plain http (a PDS on the local network, the reference PDS in tests) it
     * is HTTP/1.1: the JDK client otherwise asks to upgrade to h2c, and Node's HTTP server, which the
     * reference PDS runs on, closes a connection that asks for an upgrade it does not serve.
     */
    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = http.request(uri);
        return "http".equalsIgnoreCase(uri.getScheme()) ? b.version(java.net.http.HttpClient.Version.HTTP_1_1) : b;
    }

    private HttpRequest.Builder authorized(URI uri, Secret token) {
        return request(uri).header("Authorization", "Bearer " + token.reveal()).header("Accept", "application/json");
    }

    private JsonNode call(HttpRequest request, String what, Secret... secrets) throws PublishException {
        HttpResponse<String> response = http.exchange(request, secrets);
        if (response.statusCode() / 100 != 2) {
            throw new XrpcException(http.classify(response, secrets), errorName(response.body()));
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            if (json == null || json.isMissingNode() || !json.isObject()) {
                throw new IOException("not a JSON object");
            }
            return json;
        } catch (IOException e) {
            String message = PLATFORM + " answered HTTP " + response.statusCode() + " for " + what + " but its answer cannot be read ("
                    + ConnectorHttp.redact(String.valueOf(e.getMessage()), secrets) + ")";
            if (request.method().equals("GET")) {
                throw PublishException.retryable(message, null);
            }
            throw PublishException.outcomeUnknown(message, null);
        }
    }

    private static Session session(JsonNode s, Secret... secrets) throws PublishException {
        String did = s.path("did").asText("");
        String access = s.path("accessJwt").asText("");
        String refresh = s.path("refreshJwt").asText("");
        if (did.isEmpty() || access.isEmpty() || refresh.isEmpty()) {
            throw PublishException.retryable(PLATFORM + " answered the session without did, accessJwt and refreshJwt", null);
        }
        return new Session(did, s.path("handle").asText(""), Secret.of(access), expiry(access), Secret.of(refresh), expiry(refresh));
    }

    /** The {@code exp} claim of a JWT (its payload is not secret; its signature is not checked), or null. */
    static Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("exp").canConvertToLong() ? Instant.ofEpochSecond(claims.get("exp").asLong()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static final Pattern ERROR_NAME = Pattern.compile("\"error\"\\s*:\\s*\"([A-Za-z]+)\"");

    private static String errorName(String body) {
        if (body == null) {
            return "";
        }
        Matcher m = ERROR_NAME.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Bluesky's answers: {@code {"error": "InvalidRequest", "message": "..."}}. The message is quoted with
     * the error name after it; {@code 400 ExpiredToken} and {@code InvalidToken} are authentication
     * failures (a new session helps), {@code 400 BlobNotFound} is retryable (the image is uploaded again).
     */
    static final class Classifier extends HttpErrorClassifier {
        private static final Set<String> TOKEN_ERRORS = Set.of("ExpiredToken", "InvalidToken");

        Classifier(Clock clock) {
            super(clock);
        }

        @Override
        protected Optional<PublishException> classifyBody(String platform, int status, HttpHeaders headers, String body,
                String message) {
            String name = errorName(body);
            if (status == 400 && TOKEN_ERRORS.contains(name)) {
                return Optional.of(new PublishException(PublishException.Kind.AUTHENTICATION, message, null, status, null));
            }
            if (status == 400 && name.equals("BlobNotFound")) {
                return Optional.of(new PublishException(PublishException.Kind.RETRYABLE, message, null, status, null));
            }
            if (status == 400 && name.equals("RateLimitExceeded")) {
                return Optional.of(new PublishException(PublishException.Kind.RATE_LIMITED, message, retryAfter(headers), status, null));
            }
            return Optional.empty();
        }

        @Override
        protected String errorText(String body) {
            if (body != null) {
                try {
                    JsonNode json = JSON.readTree(body);
                    if (json != null && json.isObject() && (json.path("message").isTextual() || json.path("error").isTextual())) {
                        String msg = json.path("message").asText("").strip();
                        String name = json.path("error").asText("").strip();
                        String text = msg.isEmpty() ? name : name.isEmpty() || msg.equals(name) ? msg : msg + " (" + name + ")";
                        return abbreviate(text);
                    }
                } catch (IOException e) {
                    // not JSON: the default shows what it is
                }
            }
            return super.errorText(body);
        }
    }
}
