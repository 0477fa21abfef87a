package io.herald.sandbox.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.linkedin.LinkedInEvent.Image;
import io.herald.sandbox.linkedin.LinkedInEvent.Post;
import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxRequest;
import io.herald.sandbox.standin.SandboxResponse;
import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in of LinkedIn's versioned REST API (Posts and Images), for the calls Herald makes and the
 * ones a person uses to look at an account:
 * <ul>
 *   <li>{@code POST /rest/posts}: JSON ({@code author}, {@code commentary}, {@code visibility},
 *       {@code distribution.feedDistribution}, {@code lifecycleState}, {@code content.media{id,
 *       altText}}); 201 with the post's URN in {@code x-restli-id}, no body; the commentary counted
 *       as sent (UTF-16 units, at most 3,000) and shown as LinkedIn shows little text
 *       ({@link LittleText}: an unescaped reserved character cuts it); an identical commentary by the
 *       same author within a day is refused, 422 {@code DUPLICATE_POST}</li>
 *   <li>{@code GET /rest/posts?author={urn}&q=author[&count&start&sortBy]} (newest first),
 *       {@code GET} and {@code DELETE /rest/posts/{urn}}</li>
 *   <li>{@code POST /rest/images?action=initializeUpload}, {@code PUT <uploadUrl>} (the bytes; JPEG,
 *       PNG or GIF), {@code GET /rest/images/{urn}} ({@code WAITING_UPLOAD}, then {@code AVAILABLE})</li>
 *   <li>{@code GET /v2/userinfo} (OpenID Connect: the member behind the token)</li>
 * </ul>
 * As LinkedIn: Bearer auth (401 {@code INVALID_ACCESS_TOKEN}); every {@code /rest} call needs
 * {@code LinkedIn-Version} (400 {@code VERSION_MISSING}) naming an active version, else 426
 * {@code NONEXISTENT_VERSION} "Requested version 20240101 is not active"; {@code
 * X-Restli-Protocol-Version: 2.0.0} (the stand-in refuses a call without it, 400); posting as an
 * author the token may not post for is 403 {@code ACCESS_DENIED}. Errors are LinkedIn's shape,
 * {@code {"status", "code", "message"}}; the words of validation errors are the stand-in's own.
 *
 * <p>Settings ({@link #configure}): {@code retiredVersions} (comma-separated {@code YYYYMM} that
 * answer 426, e.g. the account's configured version), {@code oldestActiveVersion} ({@code YYYYMM};
 * by default 202206, the first versioned month: LinkedIn itself retires a version about a year after
 * its month, but a sandbox whose demo account stopped working every year would help nobody, so the
 * stand-in retires a version only when told); a month after the stand-in's clock is not active either, {@code duplicateWindow} (ISO duration, {@code PT0S} switches duplicate refusal off).
 */
public final class LinkedInStandIn implements StandIn {

    /** The platform name and path prefix. */
    public static final String PLATFORM = "linkedin";
    /** The longest commentary. */
    public static final int MAX_COMMENTARY = 3000;
    /** The longest alt text of an image. */
    public static final int MAX_ALT_TEXT = 4086;

    /** The first month of LinkedIn's versioned APIs. */
    static final YearMonth FIRST_VERSION = YearMonth.of(2022, 6);

    private static final Pattern VERSION = Pattern.compile("(\\d{4})(\\d{2})(?:\\.\\d{2})?");
    private static final Set<String> VISIBILITIES = Set.of("PUBLIC", "CONNECTIONS", "LOGGED_IN");
    private static final Set<String> FEEDS = Set.of("MAIN_FEED", "NONE");
    private static final Set<String> STATES = Set.of("PUBLISHED", "DRAFT");

    private final LinkedInStore store;
    private final Clock clock;
    /** Token to the authors it may post as. */
    private final Map<String, Set<String>> authorsByToken;
    /** Author URN to the account name in targets. */
    private final Map<String, String> accountByAuthor;
    private volatile Set<String> retiredVersions = Set.of();
    private volatile YearMonth oldestActive;
    private volatile Duration duplicateWindow = Duration.ofDays(1);

    /** The stand-in with its one account, {@code demo}: an organization and the member who administers it. */
    public LinkedInStandIn(StandInContext context) {
        this.store = new LinkedInStore(context.journal(PLATFORM, LinkedInEvent.class), context.clock());
        this.clock = context.clock();
        this.authorsByToken = Map.of(SandboxAccounts.LINKEDIN_DEMO_TOKEN,
                Set.of(SandboxAccounts.LINKEDIN_DEMO_ORGANIZATION, SandboxAccounts.LINKEDIN_DEMO_MEMBER));
        this.accountByAuthor = Map.of(SandboxAccounts.LINKEDIN_DEMO_ORGANIZATION, SandboxAccounts.DEMO,
                SandboxAccounts.LINKEDIN_DEMO_MEMBER, SandboxAccounts.DEMO);
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public synchronized SandboxResponse handle(SandboxRequest request) {
        try {
            return route(request);
        } catch (LinkedInError e) {
            return e.response();
        } catch (SandboxApiException e) {
            return new LinkedInError(e.status(), null, e.getMessage()).response();
        }
    }

    @Override
    public synchronized List<SandboxPost> posts() {
        List<SandboxPost> out = new java.util.ArrayList<>(store.all().stream().map(p -> sandboxPost(p, SandboxPost.PUBLISHED)).toList());
        store.deleted().forEach(p -> out.add(sandboxPost(p, SandboxPost.DELETED)));
        out.sort(java.util.Comparator.comparing(SandboxPost::createdAt));
        return out;
    }

    @Override
    public synchronized void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (e.getKey()) {
                case "retiredVersions" -> {
                    Set<String> versions = new LinkedHashSet<>();
                    for (String s : v.split("[,\\s]+")) {
                        if (!s.isEmpty()) {
                            versions.add(month(s, e.getKey()).toString().replace("-", ""));
                        }
                    }
                    retiredVersions = Set.copyOf(versions);
                }
                case "oldestActiveVersion" -> oldestActive = v.isEmpty() ? null : month(v, e.getKey());
                case "duplicateWindow" -> {
                    try {
                        duplicateWindow = Duration.parse(v);
                    } catch (RuntimeException ex) {
                        throw new SandboxApiException(422, "duplicateWindow must be an ISO duration such as P1D, but was '" + v + "'");
                    }
                }
                default -> throw new SandboxApiException(422, "unknown setting '" + e.getKey()
                        + "'; the linkedin stand-in has retiredVersions, oldestActiveVersion, duplicateWindow");
            }
        }
    }

    @Override
    public synchronized Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("retiredVersions", String.join(",", retiredVersions));
        out.put("oldestActiveVersion", oldestActive().toString().replace("-", ""));
        out.put("duplicateWindow", duplicateWindow.toString());
        return out;
    }

    private SandboxResponse route(SandboxRequest request) {
        List<String> seg = request.segments();
        String method = request.method();
        if (seg.size() == 2 && seg.get(0).equals("dms-uploads") && method.equals("PUT")) {
            return upload(request, seg.get(1));
        }
        if (seg.size() == 2 && seg.get(0).equals("v2") && seg.get(1).equals("userinfo") && method.equals("GET")) {
            requireToken(request);
            return SandboxResponse.json(200, Map.of("sub", SandboxAccounts.LINKEDIN_DEMO_MEMBER.substring("urn:li:person:".length()),
                    "name", "Herald Sandbox", "email_verified", false, "locale", Map.of("country", "US", "language", "en")));
        }
        if (seg.isEmpty() || !seg.get(0).equals("rest") || seg.size() < 2) {
            throw notFound();
        }
        String version = checkVersion(request);
        String token = requireToken(request);
        String resource = seg.get(1);
        if (resource.equals("posts") && seg.size() == 2 && method.equals("POST")) {
            return createPost(request, token, version);
        }
        if (resource.equals("posts") && seg.size() == 2 && method.equals("GET")) {
            return findPosts(request, token);
        }
        if (resource.equals("posts") && seg.size() == 3 && method.equals("GET")) {
            return SandboxResponse.json(200, postJson(store.post(decode(seg.get(2))).orElseThrow(LinkedInStandIn::notFound)));
        }
        if (resource.equals("posts") && seg.size() == 3 && method.equals("DELETE")) {
            if (store.wasDeleted(decode(seg.get(2)))) {
                return SandboxResponse.noContent(); // as LinkedIn documents: post deletions are idempotent
            }
            Post post = store.post(decode(seg.get(2))).orElseThrow(LinkedInStandIn::notFound);
            mayPostAs(token, post.author(), version);
            store.delete(post);
            return SandboxResponse.noContent();
        }
        if (resource.equals("images") && seg.size() == 2 && method.equals("POST")) {
            if (!"initializeUpload".equals(request.query().get("action"))) {
                throw new LinkedInError(400, "ILLEGAL_ARGUMENT", "action must be initializeUpload");
            }
            return initializeUpload(request, token, version);
        }
        if (resource.equals("images") && seg.size() == 3 && method.equals("GET")) {
            return SandboxResponse.json(200, imageJson(store.image(decode(seg.get(2))).orElseThrow(LinkedInStandIn::notFound)));
        }
        throw notFound();
    }

    /** The version of a {@code /rest} call, or the error LinkedIn answers. */
    private String checkVersion(SandboxRequest request) {
        String version = request.header("LinkedIn-Version").map(String::strip).orElse("");
        if (version.isEmpty()) {
            throw new LinkedInError(400, "VERSION_MISSING",
                    "A version must be present. Please specify a version by adding the LinkedIn-Version header.");
        }
        Matcher m = VERSION.matcher(version);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 12) {
            throw new LinkedInError(400, "INVALID_VERSION", "Invalid version " + version + "; the format is YYYYMM");
        }
        YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        String yyyymm = m.group(1) + m.group(2);
        if (retiredVersions.contains(yyyymm) || month.isBefore(oldestActive()) || month.isAfter(currentMonth())) {
            throw new LinkedInError(426, "NONEXISTENT_VERSION", "Requested version " + yyyymm + "01 is not active");
        }
        if (!request.header("X-Restli-Protocol-Version").map(String::strip).orElse("").equals("2.0.0")) {
            throw new LinkedInError(400, "PROTOCOL_VERSION_REQUIRED",
                    "the versioned API takes X-Restli-Protocol-Version: 2.0.0 (the stand-in refuses a call without it)");
        }
        return yyyymm;
    }

    private SandboxResponse createPost(SandboxRequest request, String token, String version) {
        JsonNode body = json(request);
        String author = body.path("author").asText("");
        if (author.isEmpty()) {
            throw unprocessable("/author", "field is required but not found");
        }
        mayPostAs(token, author, version);
        JsonNode commentaryNode = body.path("commentary");
        String commentary = commentaryNode.isTextual() ? commentaryNode.asText() : "";
        if (LittleText.length(commentary) > MAX_COMMENTARY) {
            throw unprocessable("/commentary", "length " + LittleText.length(commentary) + " exceeds the maximum of " + MAX_COMMENTARY);
        }
        String visibility = body.path("visibility").asText("");
        if (!VISIBILITIES.contains(visibility)) {
            throw unprocessable("/visibility", "'" + visibility + "' is not one of " + String.join(", ", VISIBILITIES));
        }
        String feed = body.path("distribution").path("feedDistribution").asText("");
        if (!FEEDS.contains(feed)) {
            throw unprocessable("/distribution/feedDistribution", "'" + feed + "' is not one of MAIN_FEED, NONE");
        }
        String state = body.path("lifecycleState").asText("");
        if (!STATES.contains(state)) {
            throw unprocessable("/lifecycleState", "'" + state + "' is not one of PUBLISHED, DRAFT");
        }
        JsonNode media = body.path("content").path("media");
        String imageId = null;
        String altText = null;
        if (!media.isMissingNode()) {
            imageId = media.path("id").asText("");
            String id = imageId;
            Image image = store.image(imageId).filter(i -> i.owner().equals(author))
                    .orElseThrow(() -> unprocessable("/content/media/id", id + " is not an image of " + author));
            if (!image.status().equals("AVAILABLE")) {
                throw unprocessable("/content/media/id", id + " is not available (status " + image.status() + ")");
            }
            altText = media.path("altText").isTextual() ? media.path("altText").asText() : null;
            if (altText != null && altText.length() > MAX_ALT_TEXT) {
                throw unprocessable("/content/media/altText", "length " + altText.length() + " exceeds the maximum of " + MAX_ALT_TEXT);
            }
        }
        if (commentary.isBlank() && imageId == null) {
            throw unprocessable("/commentary", "a post without content needs a commentary");
        }
        Optional<Post> duplicate = duplicateOf(author, commentary);
        if (duplicate.isPresent()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorDetailType", "com.linkedin.common.error.BadRequest");
            error.put("message", "com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of "
                    + duplicate.get().id());
            error.put("errorDetails", Map.of("inputErrors", List.of(Map.of("description", "Duplicate post is detected",
                    "input", Map.of(), "code", "DUPLICATE_POST"))));
            error.put("status", 422);
            return SandboxResponse.json(422, error);
        }
        Instant now = clock.instant();
        Post post = store.create(new Post("urn:li:share:" + store.nextId(), author, commentary, LittleText.shown(commentary),
                visibility, feed, state, imageId, altText, now, version));
        return new SandboxResponse(201, Map.of("x-restli-id", post.id()), null);
    }

    private Optional<Post> duplicateOf(String author, String commentary) {
        if (duplicateWindow.isZero() || commentary.isBlank()) {
            return Optional.empty();
        }
        Instant since = clock.instant().minus(duplicateWindow);
        return store.byAuthor(author).stream()
                .filter(p -> p.commentary().equals(commentary) && p.createdAt().isAfter(since))
                .findFirst();
    }

    private SandboxResponse findPosts(SandboxRequest request, String token) {
        if (!"author".equals(request.query().get("q"))) {
            throw new LinkedInError(400, "ILLEGAL_ARGUMENT", "the posts finder takes q=author (or q=dscContentType)");
        }
        String author = request.query().getOrDefault("author", "");
        if (!authorsByToken.get(token).contains(author)) {
            throw new LinkedInError(403, "ACCESS_DENIED", "Not enough permissions to access: partnerApiPostsExternal.FINDER-author");
        }
        int count = Math.min(100, Math.max(1, intParam(request, "count", 10)));
        int start = Math.max(0, intParam(request, "start", 0));
        List<Post> all = store.byAuthor(author);
        List<Object> page = all.stream().skip(start).limit(count).map(p -> (Object) postJson(p)).toList();
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("start", start);
        paging.put("count", count);
        paging.put("links", List.of());
        paging.put("total", all.size());
        return SandboxResponse.json(200, Map.of("paging", paging, "elements", page));
    }

    private SandboxResponse initializeUpload(SandboxRequest request, String token, String version) {
        String owner = json(request).path("initializeUploadRequest").path("owner").asText("");
        if (owner.isEmpty()) {
            throw unprocessable("/initializeUploadRequest/owner", "field is required but not found");
        }
        mayPostAs(token, owner, version);
        Image image = store.register(owner, UUID.randomUUID().toString().replace("-", ""));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("uploadUrlExpiresAt", clock.instant().plus(Duration.ofDays(1)).toEpochMilli());
        value.put("uploadUrl", request.baseUrl() + "/dms-uploads/" + image.uploadToken());
        value.put("image", image.id());
        return SandboxResponse.json(200, Map.of("value", value));
    }

    private SandboxResponse upload(SandboxRequest request, String uploadToken) {
        requireToken(request);
        Image image = store.imageByUploadToken(uploadToken).orElseThrow(LinkedInStandIn::notFound);
        String type = sniff(request.body());
        if (type == null) {
            throw new LinkedInError(400, "INVALID_MEDIA", "the upload is not a JPEG, PNG or GIF image");
        }
        store.uploaded(image, type, request.body().length);
        return new SandboxResponse(201, Map.of(), null);
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
        return null;
    }

    private void mayPostAs(String token, String author, String version) {
        if (!authorsByToken.getOrDefault(token, Set.of()).contains(author)) {
            throw new LinkedInError(403, "ACCESS_DENIED",
                    "Not enough permissions to access: partnerApiPostsExternal.CREATE." + version + "01 as " + author);
        }
    }

    private String requireToken(SandboxRequest request) {
        return request.bearerToken().filter(authorsByToken::containsKey)
                .orElseThrow(() -> new LinkedInError(401, "INVALID_ACCESS_TOKEN", "Invalid access token", 65600));
    }

    private YearMonth currentMonth() {
        return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    }

    private YearMonth oldestActive() {
        YearMonth set = oldestActive;
        return set != null ? set : FIRST_VERSION;
    }

    private static YearMonth month(String v, String setting) {
        Matcher m = VERSION.matcher(v.strip());
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 12) {
            throw new SandboxApiException(422, setting + " takes versions as YYYYMM, but was '" + v + "'");
        }
        return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private Map<String, Object> postJson(Post p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("author", p.author());
        json.put("commentary", p.commentary());
        json.put("visibility", p.visibility());
        Map<String, Object> distribution = new LinkedHashMap<>();
        distribution.put("feedDistribution", p.feedDistribution());
        distribution.put("targetEntities", List.of());
        distribution.put("thirdPartyDistributionChannels", List.of());
        json.put("distribution", distribution);
        if (p.imageId() != null) {
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("id", p.imageId());
            if (p.altText() != null) {
                media.put("altText", p.altText());
            }
            json.put("content", Map.of("media", media));
        }
        json.put("lifecycleState", p.lifecycleState());
        json.put("lifecycleStateInfo", Map.of("isEditedByAuthor", false));
        json.put("isReshareDisabledByAuthor", false);
        json.put("createdAt", p.createdAt().toEpochMilli());
        json.put("lastModifiedAt", p.createdAt().toEpochMilli());
        json.put("publishedAt", p.createdAt().toEpochMilli());
        return json;
    }

    private static Map<String, Object> imageJson(Image i) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", i.id());
        json.put("owner", i.owner());
        json.put("status", i.status());
        if (i.status().equals("AVAILABLE")) {
            json.put("downloadUrl", "https://media.licdn.example/sandbox/" + i.uploadToken());
        }
        return json;
    }

    private SandboxPost sandboxPost(Post p, String state) {
        List<SandboxPost.SandboxMedia> media = p.imageId() == null ? List.of()
                : store.image(p.imageId()).map(i -> List.of(new SandboxPost.SandboxMedia(p.altText(), i.mimeType(), i.size(), null)))
                        .orElse(List.of());
        return new SandboxPost(PLATFORM + ":" + accountByAuthor.getOrDefault(p.author(), p.author()), p.id(), p.shownText(),
                null, p.createdAt(), media, state);
    }

    private static JsonNode json(SandboxRequest request) {
        if (!request.mediaType().equals("application/json")) {
            throw new LinkedInError(415, "UNSUPPORTED_MEDIA_TYPE", "expected application/json, but was "
                    + (request.mediaType().isEmpty() ? "none" : request.mediaType()));
        }
        JsonNode json = request.jsonBody();
        if (!json.isObject()) {
            throw new LinkedInError(400, "ILLEGAL_ARGUMENT", "the body must be a JSON object");
        }
        return json;
    }

    private static int intParam(SandboxRequest request, String name, int fallback) {
        String v = request.query().get(name);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new LinkedInError(400, "ILLEGAL_ARGUMENT", name + " must be a number");
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static LinkedInError unprocessable(String field, String problem) {
        return new LinkedInError(422, "UNPROCESSABLE_ENTITY", "ERROR :: " + field + " :: " + problem);
    }

    private static LinkedInError notFound() {
        return new LinkedInError(404, "NOT_FOUND", "Not Found");
    }

    /** LinkedIn's error shape: {@code {"status", "serviceErrorCode"?, "code", "message"}}. */
    static final class LinkedInError extends RuntimeException {
        private final int status;
        private final String code;
        private final Integer serviceErrorCode;

        LinkedInError(int status, String code, String message) {
            this(status, code, message, null);
        }

        LinkedInError(int status, String code, String message, Integer serviceErrorCode) {
            super(message);
            this.status = status;
            this.code = code;
            this.serviceErrorCode = serviceErrorCode;
        }

        SandboxResponse response() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", status);
            if (serviceErrorCode != null) {
                json.put("serviceErrorCode", serviceErrorCode);
            }
            if (code != null) {
                json.put("code", code);
            }
            json.put("message", getMessage());
            return SandboxResponse.json(status, json);
        }
    }
}
