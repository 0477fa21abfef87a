package io.herald.connector.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorHttp;
import io.herald.connector.MediaSource;
import io.herald.connector.PublishException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The LinkedIn REST calls Herald makes (learn.microsoft.com, LinkedIn Marketing, Community
 * Management: "Posts API", "Images API"), every one with {@code Authorization: Bearer},
 * {@code LinkedIn-Version: <version>} and {@code X-Restli-Protocol-Version: 2.0.0}:
 *
 * <pre>
 * POST /rest/images?action=initializeUpload   {"initializeUploadRequest": {"owner": author}}
 *                                              -> {"value": {"uploadUrl", "image": "urn:li:image:..."}}
 * PUT  uploadUrl                               the image bytes
 * GET  /rest/images/{urn}                      -> {"status": "AVAILABLE" | "PROCESSING" | ...}
 * POST /rest/posts                             {author, commentary, visibility, distribution,
 *                                               lifecycleState: PUBLISHED, content.media{id, altText}}
 *                                              -> 201, the post's URN in the x-restli-id header
 * GET  /rest/posts?author={urn}&amp;q=author&amp;count=N&amp;sortBy=CREATED   the author's posts, newest first
 * GET  /rest/posts/{urn}                       one post
 * </pre>
 *
 * Failures are classified by {@link ConnectorHttp} with {@link LinkedInErrorClassifier}; a 426 is
 * re-worded to name the version and the setting. No message carries the token.
 */
final class LinkedInApi {

    static final String PLATFORM = "linkedin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROTOCOL = "2.0.0";

    private final ConnectorHttp http;

    LinkedInApi(ConnectorContext context) {
        this.http = new ConnectorHttp(context, PLATFORM, new LinkedInErrorClassifier(context.clock()));
    }

    ConnectorContext context() {
        return http.context();
    }

    /** A post as the Posts API returns it: its URN, commentary (little text) and creation time. */
    record Post(String id, String author, String commentary, Instant createdAt) {
    }

    /** What {@code initializeUpload} answers: where to put the bytes and the image's URN. */
    record Upload(URI uploadUrl, String image) {
    }

    Upload initializeUpload(LinkedInConfig config, String target) throws PublishException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("initializeUploadRequest").put("owner", config.author());
        HttpRequest request = rest(config, config.uri("/rest/images?action=initializeUpload"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        JsonNode value = read(send(config, target, request), "the image upload").path("value");
        String url = value.path("uploadUrl").asText("");
        String image = value.path("image").asText("");
        if (url.isEmpty() || image.isEmpty()) {
            throw PublishException.retryable(PLATFORM + " answered initializeUpload without an uploadUrl or image URN", null);
        }
        try {
            return new Upload(URI.create(url), image);
        } catch (IllegalArgumentException e) {
            throw PublishException.retryable(PLATFORM + " answered initializeUpload with an unusable uploadUrl", null);
        }
    }

    /**
     * Puts the image's bytes at the upload URL. The token goes with them only to the API's own host
     * or a host of linkedin.com, never to an address a compromised answer might name.
     */
    void upload(LinkedInConfig config, String target, Upload upload, MediaSource.FetchedMedia media) throws PublishException {
        String host = upload.uploadUrl().getHost() == null ? "" : upload.uploadUrl().getHost().toLowerCase(Locale.ROOT);
        HttpRequest.Builder request = http.request(upload.uploadUrl())
                .header("Content-Type", media.mimeType() == null ? "application/octet-stream" : media.mimeType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(media.bytes()));
        if (host.equals(config.host()) || host.equals("linkedin.com") || host.endsWith(".linkedin.com")) {
            request.header("Authorization", "Bearer " + config.token().reveal());
        }
        send(config, target, request.build());
    }

    /** The processing status of an uploaded image ({@code AVAILABLE} once it can be posted). */
    String imageStatus(LinkedInConfig config, String target, String image) throws PublishException {
        HttpRequest request = rest(config, config.uri("/rest/images/" + enc(image))).GET().build();
        return read(send(config, target, request), "the image").path("status").asText("");
    }

    /** Creates the post and returns its URN, from the {@code x-restli-id} header of the 201. */
    String createPost(LinkedInConfig config, String target, String commentary, String image, String altText)
            throws PublishException {
        ObjectNode body = JSON.createObjectNode();
        body.put("author", config.author());
        body.put("commentary", commentary);
        body.put("visibility", config.visibility());
        ObjectNode distribution = body.putObject("distribution");
        distribution.put("feedDistribution", "MAIN_FEED");
        distribution.putArray("targetEntities");
        distribution.putArray("thirdPartyDistributionChannels");
        if (image != null) {
            ObjectNode media = body.putObject("content").putObject("media");
            media.put("id", image);
            if (altText != null && !altText.isBlank()) {
                media.put("altText", altText);
            }
        }
        body.put("lifecycleState", "PUBLISHED");
        body.put("isReshareDisabledByAuthor", false);
        HttpRequest request = rest(config, config.uri("/rest/posts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = send(config, target, request);
        String id = response.headers().firstValue("x-restli-id").orElse("").strip();
        if (id.isEmpty()) {
            throw PublishException.outcomeUnknown(PLATFORM + " answered HTTP " + response.statusCode()
                    + " for the post but without an x-restli-id header naming it", null);
        }
        return id;
    }

    /** The author's latest posts, newest first ({@code GET /rest/posts?author=...&q=author}). */
    List<Post> postsByAuthor(LinkedInConfig config, String target, int count) throws PublishException {
        URI uri = config.uri("/rest/posts?author=" + enc(config.author()) + "&q=author&count=" + count + "&sortBy=CREATED");
        JsonNode json = read(send(config, target, rest(config, uri).GET().build()), "the author's posts");
        List<Post> out = new ArrayList<>();
        json.path("elements").forEach(p -> out.add(post(p)));
        return out;
    }

    /** One post, or empty when LinkedIn does not know it (404, 410). */
    Optional<Post> post(LinkedInConfig config, String target, String urn) throws PublishException {
        HttpRequest request = rest(config, config.uri("/rest/posts/" + enc(urn))).GET().build();
        HttpResponse<String> response = http.exchange(request, config.token());
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw reworded(config, target, http.classify(response, config.token()));
        }
        return Optional.of(post(read(response, "the post")));
    }

    /**
     * {@code DELETE /rest/posts/{encoded urn}}: true when LinkedIn answered 204 (its deletions are
     * idempotent: a post deleted before answers 204 too), false for a 404 or 410 (not known).
     */
    boolean deletePost(LinkedInConfig config, String target, String urn) throws PublishException {
        HttpRequest request = rest(config, config.uri("/rest/posts/" + enc(urn))).DELETE().build();
        HttpResponse<String> response = http.exchange(request, config.token());
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            return false;
        }
        if (response.statusCode() / 100 != 2) {
            throw reworded(config, target, http.classify(response, config.token()));
        }
        return true;
    }

    private HttpRequest.Builder rest(LinkedInConfig config, URI uri) {
        return http.request(uri)
                .header("Authorization", "Bearer " + config.token().reveal())
                .header("LinkedIn-Version", config.version())
                .header("X-Restli-Protocol-Version", PROTOCOL)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(LinkedInConfig config, String target, HttpRequest request) throws PublishException {
        try {
            return http.send(request, config.token());
        } catch (PublishException e) {
            throw reworded(config, target, e);
        }
    }

    /** A 426 says which version LinkedIn retired and which setting to change. */
    private static PublishException reworded(LinkedInConfig config, String target, PublishException e) {
        if (e.httpStatus() != 426) {
            return e;
        }
        return new PublishException(PublishException.Kind.PERMANENT, retiredVersionMessage(config, target, e.getMessage()),
                null, 426, e);
    }

    static String retiredVersionMessage(LinkedInConfig config, String target, String answer) {
        return "LinkedIn retired API version " + config.version() + " (" + answer + "); set settings."
                + LinkedInConfig.VERSION + " of account " + target + " (accounts file) to a current version (YYYYMM),"
                + " for example the month before this one";
    }

    private static Post post(JsonNode p) {
        long created = p.path("createdAt").asLong(p.path("publishedAt").asLong(0));
        return new Post(p.path("id").asText(""), p.path("author").asText(""), p.path("commentary").asText(""),
                created > 0 ? Instant.ofEpochMilli(created) : null);
    }

    private static JsonNode read(HttpResponse<String> response, String what) throws PublishException {
        try {
            JsonNode json = JSON.readTree(response.body());
            if (json == null || json.isMissingNode()) {
                throw new IOException("empty body");
            }
            return json;
        } catch (IOException e) {
            throw PublishException.retryable(PLATFORM + " answered HTTP " + response.statusCode() + " for " + what
                    + " but its answer cannot be read (" + e.getMessage() + ")", null);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
