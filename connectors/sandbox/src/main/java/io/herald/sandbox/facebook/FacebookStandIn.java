package io.herald.sandbox.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.facebook.FacebookEvent.Post;
import io.herald.sandbox.standin.Journal;
import io.herald.sandbox.standin.Multipart;
import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxRequest;
import io.herald.sandbox.standin.SandboxResponse;
import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A stand-in of the Graph API for one Facebook Page, for the calls Herald makes and the ones a
 * person uses to look at the Page. Paths carry the version ({@code /v24.0/...}):
 * <ul>
 *   <li>{@code POST /{page-id}/feed} ({@code message}, {@code link}; query, form or JSON) →
 *       {@code {"id": "{page-id}_{n}"}}; the message at most 63,206 characters (UTF-16 units); the
 *       same message and link as the Page's latest post within a day is refused, (#506) "Duplicate
 *       status message"</li>
 *   <li>{@code POST /{page-id}/photos} (multipart {@code source}, or {@code url}, which the stand-in
 *       records without fetching; {@code caption}, {@code alt_text_custom}, {@code published}) →
 *       {@code {"id", "post_id"}}; JPEG, PNG, GIF, BMP or TIFF under 10 MB</li>
 *   <li>{@code GET /{page-id}/posts} and {@code /feed} ({@code fields}, {@code limit}; newest
 *       first), {@code GET} and {@code DELETE /{post-id}}, {@code GET /{page-id}}, {@code GET /me}</li>
 *   <li>{@code GET /debug_token?input_token=...} with the app's token ({@link SandboxAccounts#FACEBOOK_APP_TOKEN})</li>
 * </ul>
 * As Graph: the token as {@code access_token} (or {@code Authorization: Bearer}); errors
 * {@code {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}} with HTTP 400: 190 for
 * a wrong token, 190/463 once the Page token has expired; every answer carries
 * {@code X-Business-Use-Case-Usage} for the Page. The words of validation errors are the stand-in's own.
 *
 * <p>Settings ({@link #configure}): {@code tokenExpiresAt} (ISO instant or {@code never}; by default
 * 60 days after the stand-in started, as a long-lived token), {@code duplicateWindow} (ISO duration,
 * {@code PT0S} switches the duplicate refusal off).
 */
public final class FacebookStandIn implements StandIn {

    /** The platform name and path prefix. */
    public static final String PLATFORM = "facebook";
    /** The longest message of a Page post. */
    public static final int MAX_MESSAGE = 63_206;
    /** The largest photo. */
    public static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;

    private static final DateTimeFormatter GRAPH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
    private static final Set<String> POST_FIELDS = Set.of("id", "message", "created_time", "permalink_url", "full_picture");
    private static final String PAGE_NAME = "Herald Sandbox Clinic";

    private final Journal<FacebookEvent> journal;
    private final Clock clock;
    private final Instant started;
    private final Map<String, Post> posts = new LinkedHashMap<>();
    /** Deleted posts, for {@code herald sandbox posts} only; the Graph API no longer has them. */
    private final Map<String, Post> deleted = new LinkedHashMap<>();
    private final java.util.Set<String> edited = new java.util.HashSet<>();
    private final Deque<Instant> calls = new ArrayDeque<>();
    private long lastId;
    private volatile Instant tokenExpiresAt;
    private volatile Duration duplicateWindow = Duration.ofDays(1);

    public FacebookStandIn(StandInContext context) {
        this.journal = context.journal(PLATFORM, FacebookEvent.class);
        this.clock = context.clock();
        this.started = clock.instant();
        this.tokenExpiresAt = started.plus(Duration.ofDays(60));
        journal.replay().forEach(this::apply);
        List<FacebookEvent> compacted = new java.util.ArrayList<>();
        posts.values().forEach(p -> {
            compacted.add(new FacebookEvent.PostCreated(p));
            if (edited.contains(p.id())) {
                compacted.add(new FacebookEvent.PostEdited(p.id(), p.message()));
            }
        });
        deleted.values().forEach(p -> {
            compacted.add(new FacebookEvent.PostCreated(p));
            compacted.add(new FacebookEvent.PostDeleted(p.id()));
        });
        journal.rewrite(compacted);
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public synchronized SandboxResponse handle(SandboxRequest request) {
        SandboxResponse response;
        try {
            response = route(request);
        } catch (GraphError e) {
            response = e.response();
        } catch (SandboxApiException e) {
            response = new GraphError(e.status(), 100, e.getMessage()).response();
        }
        return response.withHeader("X-Business-Use-Case-Usage", usage());
    }

    @Override
    public synchronized List<SandboxPost> posts() {
        List<SandboxPost> out = new java.util.ArrayList<>();
        posts.values().forEach(p -> out.add(sandboxPost(p, edited.contains(p.id()) ? SandboxPost.EDITED : SandboxPost.PUBLISHED)));
        deleted.values().forEach(p -> out.add(sandboxPost(p, SandboxPost.DELETED)));
        out.sort(java.util.Comparator.comparing(SandboxPost::createdAt));
        return out;
    }

    private static SandboxPost sandboxPost(Post p, String state) {
        return new SandboxPost(PLATFORM + ":" + SandboxAccounts.DEMO, p.id(),
                p.message() == null ? "" : p.message(), null, p.createdAt(),
                p.photoId() == null ? List.of() : List.of(new SandboxPost.SandboxMedia(p.altText(), p.photoType(), p.photoSize(), null)),
                state);
    }

    @Override
    public synchronized void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (e.getKey()) {
                case "tokenExpiresAt" -> {
                    try {
                        tokenExpiresAt = v.equalsIgnoreCase("never") ? null : Instant.parse(v);
                    } catch (RuntimeException ex) {
                        throw new SandboxApiException(422, "tokenExpiresAt must be an ISO instant or never, but was '" + v + "'");
                    }
                }
                case "duplicateWindow" -> {
                    try {
                        duplicateWindow = Duration.parse(v);
                    } catch (RuntimeException ex) {
                        throw new SandboxApiException(422, "duplicateWindow must be an ISO duration such as P1D, but was '" + v + "'");
                    }
                }
                default -> throw new SandboxApiException(422, "unknown setting '" + e.getKey()
                        + "'; the facebook stand-in has tokenExpiresAt, duplicateWindow");
            }
        }
    }

    @Override
    public synchronized Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("tokenExpiresAt", tokenExpiresAt == null ? "never" : tokenExpiresAt.toString());
        out.put("duplicateWindow", duplicateWindow.toString());
        return out;
    }

    private SandboxResponse route(SandboxRequest request) {
        calls.addLast(clock.instant());
        List<String> seg = request.segments();
        if (seg.isEmpty() || !seg.get(0).matches("v\\d{1,2}\\.\\d")) {
            throw new GraphError(400, 2500, "Unknown path components: " + request.path());
        }
        Map<String, String> params = params(request);
        String method = request.method();
        if (seg.size() == 2 && seg.get(1).equals("debug_token") && method.equals("GET")) {
            return debugToken(params);
        }
        requirePageToken(request, params);
        String page = SandboxAccounts.FACEBOOK_DEMO_PAGE_ID;
        if (seg.size() == 2 && (seg.get(1).equals("me") || seg.get(1).equals(page)) && method.equals("GET")) {
            return SandboxResponse.json(200, Map.of("id", page, "name", PAGE_NAME));
        }
        if (seg.size() == 2 && seg.get(1).contains("_")) {
            Post post = Optional.ofNullable(posts.get(seg.get(1))).orElseThrow(() -> noSuchObject(seg.get(1), method));
            if (method.equals("DELETE")) {
                journal.append(new FacebookEvent.PostDeleted(post.id()));
                apply(new FacebookEvent.PostDeleted(post.id()));
                return SandboxResponse.json(200, Map.of("success", true));
            }
            if (method.equals("GET")) {
                return SandboxResponse.json(200, postJson(post, fields(params)));
            }
            if (method.equals("POST") && params.containsKey("message")) {
                // as the Graph API: a Page post's message is updated in place
                FacebookEvent.PostEdited e = new FacebookEvent.PostEdited(post.id(), params.get("message"));
                journal.append(e);
                apply(e);
                return SandboxResponse.json(200, Map.of("success", true));
            }
        }
        if (seg.size() == 3 && !seg.get(1).equals(page) && !seg.get(1).equals("me")) {
            throw noSuchObject(seg.get(1), method);
        }
        if (seg.size() == 3 && seg.get(2).equals("feed") && method.equals("POST")) {
            return feed(params);
        }
        if (seg.size() == 3 && seg.get(2).equals("photos") && method.equals("POST")) {
            return photo(request, params);
        }
        if (seg.size() == 3 && (seg.get(2).equals("posts") || seg.get(2).equals("feed")) && method.equals("GET")) {
            return list(params);
        }
        throw new GraphError(400, 100, "Unsupported " + method.toLowerCase(Locale.ROOT) + " request. Please read the"
                + " Graph API documentation at https://developers.facebook.com/docs/graph-api");
    }

    private SandboxResponse feed(Map<String, String> params) {
        String message = params.getOrDefault("message", "");
        String link = blankToNull(params.get("link"));
        if (message.isBlank() && link == null) {
            throw new GraphError(400, 100, "(#100) Missing message or attachment");
        }
        checkMessage(message);
        duplicate(message, link);
        return SandboxResponse.json(200, Map.of("id", create(message, link, null, null, 0, null).id()));
    }

    private SandboxResponse photo(SandboxRequest request, Map<String, String> params) {
        String type;
        long size;
        if (request.mediaType().equals("multipart/form-data")) {
            Optional<Multipart.Part> source = Multipart.parse(request).part("source");
            if (source.isEmpty() && params.get("url") == null) {
                throw new GraphError(400, 324, "(#324) Requires upload file");
            }
            if (source.isPresent()) {
                type = sniff(source.get().bytes());
                size = source.get().bytes().length;
            } else {
                type = typeOfUrl(params.get("url"));
                size = 0;
            }
        } else if (params.get("url") != null) {
            type = typeOfUrl(params.get("url"));
            size = 0;
        } else {
            throw new GraphError(400, 324, "(#324) Requires upload file");
        }
        if (type == null) {
            throw new GraphError(400, 324, "(#324) Missing or invalid image file");
        }
        if (size > MAX_PHOTO_BYTES) {
            throw new GraphError(400, 100, "(#100) The photo is " + size + " bytes; photos must be under 10 MB");
        }
        String caption = params.getOrDefault("caption", params.getOrDefault("message", ""));
        checkMessage(caption);
        String photoId = Long.toString(nextId());
        if ("false".equalsIgnoreCase(params.get("published"))) {
            return SandboxResponse.json(200, Map.of("id", photoId)); // an unpublished photo makes no post
        }
        Post post = create(caption, null, photoId, type, size, blankToNull(params.get("alt_text_custom")));
        return SandboxResponse.json(200, Map.of("id", photoId, "post_id", post.id()));
    }

    private SandboxResponse list(Map<String, String> params) {
        int limit = 25;
        try {
            limit = Math.min(100, Math.max(1, Integer.parseInt(params.getOrDefault("limit", "25").strip())));
        } catch (NumberFormatException e) {
            throw new GraphError(400, 100, "(#100) Param limit must be a number");
        }
        Set<String> fields = fields(params);
        List<Post> newest = new ArrayList<>(posts.values());
        java.util.Collections.reverse(newest);
        List<Object> data = newest.stream().limit(limit).map(p -> (Object) postJson(p, fields)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data);
        if (!newest.isEmpty()) {
            out.put("paging", Map.of("cursors", Map.of("before", "c0", "after", "c" + data.size())));
        }
        return SandboxResponse.json(200, out);
    }

    private SandboxResponse debugToken(Map<String, String> params) {
        String caller = params.getOrDefault("access_token", "");
        if (!caller.equals(SandboxAccounts.FACEBOOK_APP_TOKEN)) {
            throw GraphError.typed(400, 100, "GraphMethodException",
                    "(#100) You must provide an app access token, or a user access token that is an owner or developer of the app");
        }
        String input = params.getOrDefault("input_token", "");
        Map<String, Object> data = new LinkedHashMap<>();
        if (!input.equals(SandboxAccounts.FACEBOOK_DEMO_TOKEN)) {
            data.put("is_valid", false);
            data.put("error", Map.of("code", 190, "message", "Invalid OAuth access token."));
            return SandboxResponse.json(200, Map.of("data", data));
        }
        Instant expiry = tokenExpiresAt;
        data.put("app_id", "1000000000000009");
        data.put("type", "PAGE");
        data.put("application", "Herald sandbox");
        data.put("data_access_expires_at", started.plus(Duration.ofDays(90)).getEpochSecond());
        data.put("expires_at", expiry == null ? 0 : expiry.getEpochSecond());
        data.put("is_valid", expiry == null || clock.instant().isBefore(expiry));
        data.put("issued_at", started.getEpochSecond());
        data.put("profile_id", SandboxAccounts.FACEBOOK_DEMO_PAGE_ID);
        data.put("scopes", List.of("pages_show_list", "pages_read_engagement", "pages_manage_posts"));
        data.put("user_id", "1000000000000042");
        return SandboxResponse.json(200, Map.of("data", data));
    }

    /** How the stand-in counts a message against {@link #MAX_MESSAGE}: UTF-16 code units. */
    public static int messageLength(String message) {
        return message.length();
    }

    private void checkMessage(String message) {
        if (messageLength(message) > MAX_MESSAGE) {
            throw new GraphError(400, 100, "(#100) The message is " + message.length()
                    + " characters long; a post takes at most " + MAX_MESSAGE);
        }
    }

    private void duplicate(String message, String link) {
        if (duplicateWindow.isZero() || message.isBlank() || posts.isEmpty()) {
            return;
        }
        Post latest = new ArrayList<>(posts.values()).get(posts.size() - 1);
        if (message.equals(latest.message()) && java.util.Objects.equals(link, latest.link())
                && latest.createdAt().isAfter(clock.instant().minus(duplicateWindow))) {
            throw new GraphError(400, 506, "(#506) Duplicate status message");
        }
    }

    private Post create(String message, String link, String photoId, String type, long size, String altText) {
        Post post = new Post(SandboxAccounts.FACEBOOK_DEMO_PAGE_ID + "_" + nextId(), SandboxAccounts.FACEBOOK_DEMO_PAGE_ID,
                message, link, photoId, type, size, altText, clock.instant());
        FacebookEvent.PostCreated event = new FacebookEvent.PostCreated(post);
        journal.append(event);
        apply(event);
        return post;
    }

    private long nextId() {
        lastId = Math.max(lastId + 1, clock.instant().toEpochMilli() * 1000);
        return lastId;
    }

    private void apply(FacebookEvent event) {
        if (event instanceof FacebookEvent.PostCreated c) {
            posts.put(c.post().id(), c.post());
            try {
                lastId = Math.max(lastId, Long.parseLong(c.post().id().substring(c.post().id().indexOf('_') + 1)));
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        } else if (event instanceof FacebookEvent.PostDeleted d) {
            Post gone = posts.remove(d.postId());
            if (gone != null) {
                deleted.put(gone.id(), gone);
            }
        } else if (event instanceof FacebookEvent.PostEdited e) {
            Post p = posts.get(e.postId());
            if (p != null) {
                posts.put(p.id(), new Post(p.id(), p.pageId(), e.message(), p.link(), p.photoId(), p.photoType(), p.photoSize(),
                        p.altText(), p.createdAt()));
                edited.add(p.id());
            }
        }
    }

    private Map<String, Object> postJson(Post p, Set<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String f : fields) {
            switch (f) {
                case "id" -> json.put("id", p.id());
                case "message" -> {
                    if (p.message() != null && !p.message().isEmpty()) {
                        json.put("message", p.message());
                    }
                }
                case "created_time" -> json.put("created_time", GRAPH_TIME.format(p.createdAt()));
                case "permalink_url" -> json.put("permalink_url", "https://www.facebook.com/" + p.id());
                case "full_picture" -> {
                    if (p.photoId() != null) {
                        json.put("full_picture", "https://scontent.sandbox.example/" + p.photoId() + ".jpg");
                    }
                }
                default -> {
                    // unknown fields are refused before this
                }
            }
        }
        return json;
    }

    private static Set<String> fields(Map<String, String> params) {
        String requested = params.get("fields");
        if (requested == null || requested.isBlank()) {
            return Set.of("created_time", "message", "id");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String f : requested.split(",")) {
            String field = f.strip();
            if (!POST_FIELDS.contains(field)) {
                throw new GraphError(400, 100, "(#100) Tried accessing nonexisting field (" + field + ") on node type (Post)");
            }
            out.add(field);
        }
        return out;
    }

    private void requirePageToken(SandboxRequest request, Map<String, String> params) {
        String token = params.get("access_token");
        if (token == null) {
            token = request.header("Authorization").map(String::strip)
                    .map(v -> v.replaceFirst("(?i)^(Bearer|OAuth)\\s+", "")).orElse(null);
        }
        if (token == null || token.isEmpty()) {
            throw new GraphError(400, 2500, "An active access token must be used to query information about the current user.");
        }
        if (!token.equals(SandboxAccounts.FACEBOOK_DEMO_TOKEN)) {
            throw new GraphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
        }
        Instant expiry = tokenExpiresAt;
        if (expiry != null && !clock.instant().isBefore(expiry)) {
            throw GraphError.withSubcode(400, 190, 463, "Error validating access token: Session has expired on "
                    + DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(expiry) + ". The current time is "
                    + DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(clock.instant()) + ".");
        }
    }

    /** The query, overlaid by a form, multipart (text parts) or JSON body. */
    private static Map<String, String> params(SandboxRequest request) {
        Map<String, String> params = new LinkedHashMap<>(request.query());
        if (request.body().length == 0) {
            return params;
        }
        switch (request.mediaType()) {
            case "application/x-www-form-urlencoded" -> params.putAll(SandboxRequest.parseForm(request.bodyText()));
            case "application/json" -> {
                JsonNode json = request.jsonBody();
                json.fields().forEachRemaining(f -> {
                    if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                        params.put(f.getKey(), f.getValue().asText());
                    }
                });
            }
            case "multipart/form-data" -> Multipart.parse(request).parts().stream().filter(p -> p.fileName() == null)
                    .forEach(p -> params.put(p.name(), p.text()));
            default -> {
                // Graph ignores a body it cannot read; the parameters must then be in the query
            }
        }
        return params;
    }

    private String usage() {
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        while (!calls.isEmpty() && calls.peekFirst().isBefore(hourAgo)) {
            calls.removeFirst();
        }
        int percent = Math.min(100, calls.size() * 100 / 4800);
        return "{\"" + SandboxAccounts.FACEBOOK_DEMO_PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":" + percent
                + ",\"total_cputime\":" + percent + ",\"total_time\":" + percent + ",\"estimated_time_to_regain_access\":0}]}";
    }

    private static String sniff(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            return "image/jpeg";
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return "image/gif";
        }
        if (b.length > 2 && b[0] == 'B' && b[1] == 'M') {
            return "image/bmp";
        }
        if (b.length > 4 && (b[0] == 'I' && b[1] == 'I' || b[0] == 'M' && b[1] == 'M')) {
            return "image/tiff";
        }
        return null;
    }

    private static String typeOfUrl(String url) {
        String path = url == null ? "" : url.toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return Arrays.asList(".png", ".gif", ".bmp", ".tiff").stream().filter(path::endsWith).findFirst()
                .map(ext -> "image/" + ext.substring(1)).orElse(null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static GraphError noSuchObject(String id, String method) {
        return GraphError.typed(400, 100, "GraphMethodException", "Unsupported " + method.toLowerCase(Locale.ROOT)
                + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing permissions,"
                + " or does not support this operation.");
    }

    /** A Graph error: {@code {"error": {"message", "type", "code", "error_subcode"?, "fbtrace_id"}}}. */
    static final class GraphError extends RuntimeException {
        private final int status;
        private final int code;
        private final Integer subcode;
        private final String type;

        GraphError(int status, int code, String message) {
            this(status, code, null, null, message);
        }

        static GraphError typed(int status, int code, String type, String message) {
            return new GraphError(status, code, null, type, message);
        }

        static GraphError withSubcode(int status, int code, int subcode, String message) {
            return new GraphError(status, code, subcode, null, message);
        }

        private GraphError(int status, int code, Integer subcode, String type, String message) {
            super(message);
            this.status = status;
            this.code = code;
            this.subcode = subcode;
            this.type = type == null ? "OAuthException" : type;
        }

        SandboxResponse response() {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", getMessage());
            error.put("type", type);
            error.put("code", code);
            if (subcode != null) {
                error.put("error_subcode", subcode);
            }
            error.put("fbtrace_id", "Sandbox" + UUID.randomUUID().toString().substring(0, 8));
            SandboxResponse r = SandboxResponse.json(status, Map.of("error", error));
            return code == 190 ? r.withHeader("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \""
                    + getMessage().replace("\"", "'") + "\"") : r;
        }
    }
}
