package io.herald.sandbox.instagram;

import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.instagram.InstagramEvent.Container;
import io.herald.sandbox.instagram.InstagramEvent.ContainerCreated;
import io.herald.sandbox.instagram.InstagramEvent.ContainerPublished;
import io.herald.sandbox.meta.GraphException;
import io.herald.sandbox.meta.GraphRequest;
import io.herald.sandbox.meta.MediaFetch;
import io.herald.sandbox.standin.Journal;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in of the Instagram Graph API's content publishing, for the calls Herald makes and the reads
 * a person uses to check an account (paths with or without the version, {@code /v24.0/...}):
 * <ul>
 *   <li>{@code POST /{ig-user-id}/media} ({@code image_url}, {@code caption}, {@code alt_text}): fetches
 *       the image from its URL, as Meta does, and refuses one it cannot fetch or that is not a JPEG
 *       ({@code 9004 / 2207052}), is over 8 MiB ({@code 36000 / 2207004}) or outside the aspect ratios
 *       4:5 to 1.91:1 ({@code 36003 / 2207009}); a caption over 2,200 characters or 30 hashtags
 *       ({@link InstagramCaption}); answers {@code {"id"}} of an IG Container;</li>
 *   <li>{@code GET /{container-id}?fields=status_code,status}: {@code IN_PROGRESS} while the image is
 *       "processed" (setting {@code processingMillis}), then {@code FINISHED}; {@code PUBLISHED} once
 *       published; {@code EXPIRED} 24 hours after creation if never published;</li>
 *   <li>{@code POST /{ig-user-id}/media_publish} ({@code creation_id}): publishes a FINISHED container
 *       once; a container not ready answers {@code 9007 / 2207027}, an expired one {@code -2 / 2207020},
 *       one published already {@code 100} and creates nothing; the rolling 24-hour quota (setting
 *       {@code quotaTotal}, default 100) answers {@code 9 / 2207042};</li>
 *   <li>{@code GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config};</li>
 *   <li>{@code GET /{ig-user-id}/media?fields=id,caption,timestamp,permalink&limit=} (newest first),
 *       {@code GET /{ig-media-id}?fields=...}, {@code GET /{ig-user-id}}, {@code GET /me};</li>
 *   <li>{@code GET /debug_token?input_token=} with the app token {@value SandboxAccounts#INSTAGRAM_APP_TOKEN}:
 *       the demo token's {@code expires_at} (setting {@code tokenExpiresAt}, default 60 days after the
 *       stand-in started).</li>
 * </ul>
 * Tokens come as {@code access_token} (query or form) or {@code Authorization: Bearer}; a wrong one is
 * {@code 190}. Errors have the Graph API's shape ({@link GraphException}). State: {@code instagram.jsonl}.
 */
public final class InstagramStandIn implements StandIn {

    public static final String PLATFORM = "instagram";
    static final Duration CONTAINER_LIFETIME = Duration.ofHours(24);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> SETTINGS = Set.of("processingMillis", "quotaTotal", "tokenExpiresAt");

    private final Journal<InstagramEvent> journal;
    private final Clock clock;
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final Map<String, ContainerPublished> published = new LinkedHashMap<>();
    private final Map<String, ContainerPublished> byMedia = new LinkedHashMap<>();
    private long lastId;
    private volatile long processingMillis;
    private volatile int quotaTotal = 100;
    private volatile Instant tokenExpiresAt;

    public InstagramStandIn(StandInContext context) {
        this.journal = context.journal(PLATFORM, InstagramEvent.class);
        this.clock = context.clock();
        this.tokenExpiresAt = clock.instant().plus(Duration.ofDays(60));
        journal.replay().forEach(this::apply);
        List<InstagramEvent> compact = new ArrayList<>();
        containers.values().forEach(c -> compact.add(new ContainerCreated(c)));
        compact.addAll(published.values());
        journal.rewrite(compact);
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public synchronized SandboxResponse handle(SandboxRequest request) {
        try {
            return route(GraphRequest.of(request));
        } catch (GraphException e) {
            return e.response();
        } catch (SandboxApiException e) {
            return SandboxResponse.error(e.status(), e.getMessage());
        }
    }

    @Override
    public synchronized List<SandboxPost> posts() {
        List<SandboxPost> out = new ArrayList<>();
        for (ContainerPublished p : published.values()) {
            Container c = containers.get(p.containerId());
            out.add(new SandboxPost(PLATFORM + ":" + SandboxAccounts.DEMO, p.mediaId(), c.caption() == null ? "" : c.caption(),
                    null, p.at(), List.of(new SandboxPost.SandboxMedia(c.altText(), c.mimeType(), c.bytes(), c.imageUrl())),
                    SandboxPost.PUBLISHED));
        }
        return out;
    }

    /** The containers made, published or not, oldest first (for tests: one post, one container). */
    public synchronized List<String> containerIds() {
        return List.copyOf(containers.keySet());
    }

    @Override
    public synchronized void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (e.getKey()) {
                case "processingMillis" -> processingMillis = number(e.getKey(), v, 0);
                case "quotaTotal" -> quotaTotal = (int) number(e.getKey(), v, 1);
                case "tokenExpiresAt" -> {
                    try {
                        tokenExpiresAt = Instant.parse(v);
                    } catch (java.time.format.DateTimeParseException ex) {
                        throw new SandboxApiException(422, "tokenExpiresAt must be an ISO instant, but was '" + v + "'");
                    }
                }
                default -> throw new SandboxApiException(422, "unknown setting '" + e.getKey() + "'; the instagram stand-in has "
                        + String.join(", ", new java.util.TreeSet<>(SETTINGS)));
            }
        }
    }

    @Override
    public synchronized Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("processingMillis", Long.toString(processingMillis));
        out.put("quotaTotal", Integer.toString(quotaTotal));
        out.put("tokenExpiresAt", tokenExpiresAt.toString());
        return out;
    }

    private SandboxResponse route(GraphRequest r) {
        List<String> seg = r.segments();
        String method = r.method();
        if (seg.size() == 1 && seg.get(0).equals("debug_token") && method.equals("GET")) {
            return debugToken(r);
        }
        String user = requireUser(r);
        if (seg.size() == 1 && method.equals("GET")) {
            String id = seg.get(0);
            if (id.equals("me") || id.equals(user)) {
                return SandboxResponse.json(200, userJson(r.fields("id", "username")));
            }
            if (containers.containsKey(id)) {
                return SandboxResponse.json(200, containerJson(containers.get(id), r.fields("id")));
            }
            if (byMedia.containsKey(id)) {
                return SandboxResponse.json(200, mediaJson(byMedia.get(id), r.fields("id")));
            }
            throw GraphException.noSuchObject(id, "get");
        }
        if (seg.size() == 2) {
            String owner = seg.get(0).equals("me") ? user : seg.get(0);
            if (!owner.equals(user)) {
                throw GraphException.noSuchObject(owner, method.toLowerCase(java.util.Locale.ROOT));
            }
            switch (method + " " + seg.get(1)) {
                case "POST media" -> {
                    return createContainer(r, user);
                }
                case "POST media_publish" -> {
                    return publish(r, user);
                }
                case "GET media" -> {
                    return listMedia(r);
                }
                case "GET content_publishing_limit" -> {
                    return quota(r);
                }
                default -> throw new GraphException(400, 100, 0, "OAuthException", "(#100) Unknown path components: /"
                        + seg.get(1), null, null, false);
            }
        }
        throw new GraphException(400, 2500, 0, "OAuthException", "Unknown path components: /" + String.join("/", seg), null,
                null, false);
    }

    private String requireUser(GraphRequest r) {
        String token = r.token().orElseThrow(() -> new GraphException(400, 2500, 0, "OAuthException",
                "An active access token must be used to query information about the current user.", null, null, false));
        if (!token.equals(SandboxAccounts.INSTAGRAM_DEMO_TOKEN)) {
            throw GraphException.invalidToken();
        }
        if (!clock.instant().isBefore(tokenExpiresAt)) {
            throw new GraphException(400, 190, 463, "OAuthException", "Error validating access token: Session has expired on "
                    + tokenExpiresAt + ".", null, null, false);
        }
        return SandboxAccounts.INSTAGRAM_DEMO_USER_ID;
    }

    private SandboxResponse createContainer(GraphRequest r, String user) {
        String imageUrl = r.param("image_url");
        if (r.param("media_type") != null && !r.param("media_type").equals("IMAGE")) {
            throw GraphException.invalidParameter("(#100) The Herald sandbox publishes images only; media_type "
                    + r.param("media_type") + " is not served", null, null);
        }
        if (imageUrl == null) {
            throw GraphException.missingParameter("image_url");
        }
        String caption = r.params().getOrDefault("caption", "");
        if (InstagramCaption.characters(caption) > InstagramCaption.MAX_CHARACTERS) {
            throw GraphException.invalidParameter("(#100) The caption is too long.", "Caption too long",
                    "The caption has " + InstagramCaption.characters(caption) + " characters; the maximum is "
                            + InstagramCaption.MAX_CHARACTERS + ".");
        }
        if (InstagramCaption.hashtags(caption) > InstagramCaption.MAX_HASHTAGS) {
            throw GraphException.invalidParameter("(#100) The caption has too many hashtags.", "Too many hashtags",
                    "The caption has " + InstagramCaption.hashtags(caption) + " hashtags; the maximum is "
                            + InstagramCaption.MAX_HASHTAGS + ".");
        }
        MediaFetch.Image image = MediaFetch.fetch(imageUrl, Set.of("image/jpeg"));
        double ratio = (double) image.width() / image.height();
        if (ratio < 0.8 - 1e-9 || ratio > 1.91 + 1e-9) {
            throw new GraphException(400, 36003, 2207009, "OAuthException", "The submitted image with aspect ratio ('"
                    + image.width() + "/" + image.height() + "') cannot be published. Please submit an image with a valid"
                    + " aspect ratio.", "Invalid aspect ratio", "The aspect ratio is not supported.", false);
        }
        Instant now = clock.instant();
        Container c = new Container(nextId(), user, imageUrl, image.mimeType(), image.bytes(), caption, r.param("alt_text"), now,
                now.plusMillis(processingMillis));
        ContainerCreated event = new ContainerCreated(c);
        journal.append(event);
        apply(event);
        return SandboxResponse.json(200, Map.of("id", c.id()));
    }

    private SandboxResponse publish(GraphRequest r, String user) {
        String id = r.param("creation_id");
        if (id == null) {
            throw GraphException.missingParameter("creation_id");
        }
        Container c = containers.get(id);
        if (c == null || !c.userId().equals(user)) {
            throw new GraphException(400, 24, 2207006, "OAuthException", "The media with id " + id + " cannot be found",
                    "Media not found", "The media could not be found. Create a new media container and try again.", false);
        }
        switch (status(c)) {
            case "PUBLISHED" -> throw GraphException.invalidParameter("(#100) The media has already been published",
                    "Already published", "This container was published as media " + published.get(id).mediaId() + ".");
            case "EXPIRED" -> throw new GraphException(400, -2, 2207020, "OAuthException", "The media you are trying to access"
                    + " has expired. Please try to upload again.", "Media expired", "Generate a new container ID and use it"
                    + " to try again.", false);
            case "IN_PROGRESS" -> throw new GraphException(400, 9007, 2207027, "OAuthException", "Media ID is not available",
                    "The media is not ready for publishing, please wait for a moment", null, false);
            default -> {
                // FINISHED
            }
        }
        if (usedQuota() >= quotaTotal) {
            throw new GraphException(400, 9, 2207042, "OAuthException", "Application request limit reached",
                    "Reached the maximum number of posts",
                    "You reached maximum number of posts that is allowed to be published by Content Publish API.", false);
        }
        String mediaId = nextId();
        ContainerPublished event = new ContainerPublished(id, mediaId, shortcode(mediaId), clock.instant());
        journal.append(event);
        apply(event);
        return SandboxResponse.json(200, Map.of("id", mediaId));
    }

    private SandboxResponse listMedia(GraphRequest r) {
        Set<String> fields = r.fields("id");
        int limit = r.intParam("limit", 25, 100);
        List<ContainerPublished> newest = new ArrayList<>(published.values());
        java.util.Collections.reverse(newest);
        List<Object> data = newest.stream().limit(limit).map(p -> (Object) mediaJson(p, fields)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data);
        out.put("paging", Map.of("cursors", Map.of("before", "QVFIU", "after", "QVFIU")));
        return SandboxResponse.json(200, out);
    }

    private SandboxResponse quota(GraphRequest r) {
        Set<String> fields = r.fields("quota_usage");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("quota_usage", usedQuota());
        if (fields.contains("config")) {
            row.put("config", Map.of("quota_total", quotaTotal, "quota_duration", 86400));
        }
        return SandboxResponse.json(200, Map.of("data", List.of(row)));
    }

    private SandboxResponse debugToken(GraphRequest r) {
        String app = r.token().orElse("");
        if (!app.equals(SandboxAccounts.INSTAGRAM_APP_TOKEN) && !app.equals(SandboxAccounts.INSTAGRAM_DEMO_TOKEN)) {
            throw GraphException.invalidToken();
        }
        String input = r.param("input_token");
        if (input == null) {
            throw GraphException.missingParameter("input_token");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("app_id", "100000000000001");
        data.put("type", "USER");
        data.put("application", "Herald sandbox");
        boolean demo = input.equals(SandboxAccounts.INSTAGRAM_DEMO_TOKEN);
        data.put("expires_at", demo ? tokenExpiresAt.getEpochSecond() : 0);
        data.put("is_valid", demo && clock.instant().isBefore(tokenExpiresAt));
        if (demo) {
            data.put("issued_at", tokenExpiresAt.minus(Duration.ofDays(60)).getEpochSecond());
            data.put("scopes", List.of("instagram_basic", "instagram_content_publish", "pages_read_engagement"));
            data.put("user_id", "100000000000002");
        } else {
            data.put("error", Map.of("code", 190, "message", "Invalid OAuth access token."));
        }
        return SandboxResponse.json(200, Map.of("data", data));
    }

    private Map<String, Object> userJson(Set<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", SandboxAccounts.INSTAGRAM_DEMO_USER_ID);
        if (fields.contains("username")) {
            json.put("username", SandboxAccounts.DEMO);
        }
        if (fields.contains("media_count")) {
            json.put("media_count", published.size());
        }
        return json;
    }

    private Map<String, Object> containerJson(Container c, Set<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        String status = status(c);
        if (fields.contains("status_code")) {
            json.put("status_code", status);
        }
        if (fields.contains("status")) {
            json.put("status", status.equals("EXPIRED") ? "Expired: the container was not published within 24 hours"
                    : status.equals("IN_PROGRESS") ? "In Progress: media is being processed" : status.substring(0, 1)
                    + status.substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        json.put("id", c.id());
        return json;
    }

    private Map<String, Object> mediaJson(ContainerPublished p, Set<String> fields) {
        Container c = containers.get(p.containerId());
        Map<String, Object> json = new LinkedHashMap<>();
        if (fields.contains("caption") && c.caption() != null && !c.caption().isEmpty()) {
            json.put("caption", c.caption());
        }
        if (fields.contains("media_type")) {
            json.put("media_type", "IMAGE");
        }
        if (fields.contains("media_url")) {
            json.put("media_url", c.imageUrl());
        }
        if (fields.contains("alt_text") && c.altText() != null) {
            json.put("alt_text", c.altText());
        }
        if (fields.contains("permalink")) {
            json.put("permalink", "https://www.instagram.com/p/" + p.shortcode() + "/");
        }
        if (fields.contains("timestamp")) {
            json.put("timestamp", TIMESTAMP.format(p.at()));
        }
        if (fields.contains("username")) {
            json.put("username", SandboxAccounts.DEMO);
        }
        json.put("id", p.mediaId());
        return json;
    }

    private String status(Container c) {
        if (published.containsKey(c.id())) {
            return "PUBLISHED";
        }
        Instant now = clock.instant();
        if (!now.isBefore(c.createdAt().plus(CONTAINER_LIFETIME))) {
            return "EXPIRED";
        }
        return now.isBefore(c.readyAt()) ? "IN_PROGRESS" : "FINISHED";
    }

    private int usedQuota() {
        Instant since = clock.instant().minus(Duration.ofHours(24));
        return (int) published.values().stream().filter(p -> p.at().isAfter(since)).count();
    }

    private String nextId() {
        long id = Math.max(lastId + 1, 17_840_000_000_000_000L + clock.millis());
        lastId = id;
        return Long.toString(id);
    }

    private static String shortcode(String mediaId) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        long v = Long.parseLong(mediaId);
        StringBuilder sb = new StringBuilder();
        while (v > 0) {
            sb.append(alphabet.charAt((int) (v % 64)));
            v /= 64;
        }
        return sb.reverse().toString();
    }

    private void apply(InstagramEvent event) {
        if (event instanceof ContainerCreated created) {
            containers.put(created.container().id(), created.container());
            lastId = Math.max(lastId, Long.parseLong(created.container().id()));
        } else if (event instanceof ContainerPublished p) {
            published.put(p.containerId(), p);
            byMedia.put(p.mediaId(), p);
            lastId = Math.max(lastId, Long.parseLong(p.mediaId()));
        }
    }

    private static long number(String name, String v, long min) {
        try {
            long n = Long.parseLong(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new SandboxApiException(422, name + " must be a whole number of at least " + min + ", but was '" + v + "'");
    }
}
