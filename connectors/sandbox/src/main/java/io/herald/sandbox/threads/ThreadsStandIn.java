package io.herald.sandbox.threads;

import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.meta.GraphException;
import io.herald.sandbox.meta.GraphRequest;
import io.herald.sandbox.meta.MediaFetch;
import io.herald.sandbox.standin.Journal;
import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxRequest;
import io.herald.sandbox.standin.SandboxResponse;
import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.threads.ThreadsEvent.Container;
import io.herald.sandbox.threads.ThreadsEvent.ContainerCreated;
import io.herald.sandbox.threads.ThreadsEvent.ContainerPublished;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A stand-in of the Threads API (graph.threads.net), for the calls Herald makes and the reads a person
 * uses to check a profile (paths with or without the version, {@code /v1.0/...}):
 * <ul>
 *   <li>{@code POST /{threads-user-id}/threads} ({@code media_type} {@code TEXT} or {@code IMAGE},
 *       {@code text}, {@code image_url}, {@code alt_text}, {@code reply_to_id}): a container. Text over
 *       500 characters as Threads counts them ({@link ThreadsTextRules}: emojis as their UTF-8 bytes) is
 *       refused; more than 5 distinct links is {@code THREADS_API__LINK_LIMIT_EXCEEDED}; an image is
 *       fetched from its URL as Meta does and refused unless it is a JPEG or PNG ({@code 9004 / 2207052});
 *       {@code reply_to_id} must be a published post;</li>
 *   <li>{@code GET /{container-id}?fields=status,error_message}: {@code IN_PROGRESS} while "processed"
 *       (setting {@code processingMillis}), {@code FINISHED}, {@code PUBLISHED}, {@code EXPIRED} after 24
 *       hours unpublished;</li>
 *   <li>{@code POST /{threads-user-id}/threads_publish} ({@code creation_id}): publishes a FINISHED
 *       container once; 250 posts and 1,000 replies per rolling 24 hours (settings {@code postsQuota},
 *       {@code repliesQuota}) answer {@code 9 / 2207042};</li>
 *   <li>{@code GET /{threads-user-id}/threads_publishing_limit}, {@code GET /{threads-user-id}/threads}
 *       (the profile's posts, newest first), {@code GET /{threads-user-id}/replies},
 *       {@code GET /{media-id}/replies} (top-level replies, newest first unless {@code reverse=false}),
 *       {@code GET /{media-id}}, {@code GET /me}.</li>
 * </ul>
 * Tokens as {@code access_token} or {@code Authorization: Bearer}; a wrong one is {@code 190}. Errors
 * have the Graph API's shape. State: {@code threads.jsonl}.
 */
public final class ThreadsStandIn implements StandIn {

    public static final String PLATFORM = "threads";
    static final Duration CONTAINER_LIFETIME = Duration.ofHours(24);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> SETTINGS = Set.of("processingMillis", "postsQuota", "repliesQuota");

    private final Journal<ThreadsEvent> journal;
    private final Clock clock;
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final Map<String, ContainerPublished> published = new LinkedHashMap<>();
    private final Map<String, ContainerPublished> byMedia = new LinkedHashMap<>();
    /** Published posts deleted since ({@code DELETE /{threads-media-id}}), kept for {@code herald sandbox posts}. */
    private final Map<String, ThreadsEvent.MediaDeleted> deleted = new LinkedHashMap<>();
    private long lastId;
    private volatile long processingMillis;
    private volatile int postsQuota = 250;
    private volatile int repliesQuota = 1000;

    public ThreadsStandIn(StandInContext context) {
        this.journal = context.journal(PLATFORM, ThreadsEvent.class);
        this.clock = context.clock();
        journal.replay().forEach(this::apply);
        List<ThreadsEvent> compact = new ArrayList<>();
        containers.values().forEach(c -> compact.add(new ContainerCreated(c)));
        compact.addAll(published.values());
        compact.addAll(deleted.values());
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
            List<SandboxPost.SandboxMedia> media = c.imageUrl() == null ? List.of()
                    : List.of(new SandboxPost.SandboxMedia(c.altText(), c.mimeType(), c.bytes(), c.imageUrl()));
            out.add(new SandboxPost(PLATFORM + ":" + SandboxAccounts.DEMO, p.mediaId(), c.text() == null ? "" : c.text(),
                    c.replyToId(), p.at(), media, deleted.containsKey(p.mediaId()) ? SandboxPost.DELETED : SandboxPost.PUBLISHED));
        }
        return out;
    }

    /** The containers made, published or not, oldest first. */
    public synchronized List<String> containerIds() {
        return List.copyOf(containers.keySet());
    }

    @Override
    public synchronized void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (e.getKey()) {
                case "processingMillis" -> processingMillis = number(e.getKey(), v, 0);
                case "postsQuota" -> postsQuota = (int) number(e.getKey(), v, 1);
                case "repliesQuota" -> repliesQuota = (int) number(e.getKey(), v, 1);
                default -> throw new SandboxApiException(422, "unknown setting '" + e.getKey() + "'; the threads stand-in has "
                        + String.join(", ", new java.util.TreeSet<>(SETTINGS)));
            }
        }
    }

    @Override
    public synchronized Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("processingMillis", Long.toString(processingMillis));
        out.put("postsQuota", Integer.toString(postsQuota));
        out.put("repliesQuota", Integer.toString(repliesQuota));
        return out;
    }

    private SandboxResponse route(GraphRequest r) {
        List<String> seg = r.segments();
        String method = r.method();
        String user = requireUser(r);
        if (seg.size() == 1 && method.equals("GET")) {
            String id = seg.get(0);
            if (id.equals("me") || id.equals(user)) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", user);
                json.put("username", SandboxAccounts.DEMO);
                return SandboxResponse.json(200, json);
            }
            if (containers.containsKey(id)) {
                return SandboxResponse.json(200, containerJson(containers.get(id), r.fields("id")));
            }
            if (byMedia.containsKey(id) && !deleted.containsKey(id)) {
                return SandboxResponse.json(200, mediaJson(byMedia.get(id), r.fields("id")));
            }
            throw GraphException.noSuchObject(id, "get");
        }
        if (seg.size() == 1 && method.equals("DELETE")) {
            // as the Threads API: DELETE /{threads-media-id} deletes a post of the user (100 deletes per day)
            String id = seg.get(0);
            ContainerPublished p = byMedia.get(id);
            if (p == null || deleted.containsKey(id) || !containers.get(p.containerId()).userId().equals(user)) {
                throw GraphException.noSuchObject(id, "delete");
            }
            ThreadsEvent.MediaDeleted d = new ThreadsEvent.MediaDeleted(id, clock.instant());
            journal.append(d);
            apply(d);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("success", true);
            json.put("deleted_id", id);
            return SandboxResponse.json(200, json);
        }
        if (seg.size() == 2) {
            String owner = seg.get(0).equals("me") ? user : seg.get(0);
            if (method.equals("GET") && seg.get(1).equals("replies") && byMedia.containsKey(owner) && !deleted.containsKey(owner)) {
                String parent = owner;
                return list(r, p -> parent.equals(containers.get(p.containerId()).replyToId()));
            }
            if (!owner.equals(user)) {
                throw GraphException.noSuchObject(owner, method.toLowerCase(Locale.ROOT));
            }
            switch (method + " " + seg.get(1)) {
                case "POST threads" -> {
                    return createContainer(r, user);
                }
                case "POST threads_publish" -> {
                    return publish(r, user);
                }
                case "GET threads" -> {
                    return list(r, p -> containers.get(p.containerId()).replyToId() == null);
                }
                case "GET replies" -> {
                    return list(r, p -> containers.get(p.containerId()).replyToId() != null);
                }
                case "GET threads_publishing_limit" -> {
                    return quota(r);
                }
                default -> throw new GraphException(400, 100, 0, "THApiException", "(#100) Unknown path components: /"
                        + seg.get(1), null, null, false);
            }
        }
        throw new GraphException(400, 2500, 0, "THApiException", "Unknown path components: /" + String.join("/", seg), null,
                null, false);
    }

    private String requireUser(GraphRequest r) {
        String token = r.token().orElseThrow(() -> new GraphException(400, 2500, 0, "OAuthException",
                "An active access token must be used to query information about the current user.", null, null, false));
        if (!token.equals(SandboxAccounts.THREADS_DEMO_TOKEN)) {
            throw GraphException.invalidToken();
        }
        return SandboxAccounts.THREADS_DEMO_USER_ID;
    }

    private SandboxResponse createContainer(GraphRequest r, String user) {
        String type = r.param("media_type");
        if (type == null) {
            throw GraphException.missingParameter("media_type");
        }
        if (!type.equals("TEXT") && !type.equals("IMAGE")) {
            throw GraphException.invalidParameter("(#100) Param media_type must be one of {TEXT, IMAGE} in the Herald sandbox,"
                    + " but was " + type, null, null);
        }
        String text = r.params().getOrDefault("text", "");
        if (type.equals("TEXT") && text.isBlank()) {
            throw GraphException.missingParameter("text");
        }
        int characters = ThreadsTextRules.characters(text);
        if (characters > ThreadsTextRules.MAX_CHARACTERS) {
            throw GraphException.invalidParameter("(#100) Param text must be at most " + ThreadsTextRules.MAX_CHARACTERS
                    + " characters long.", "Text too long", "The text counts " + characters + " characters (emojis count"
                    + " their UTF-8 bytes); the maximum is " + ThreadsTextRules.MAX_CHARACTERS + ".");
        }
        int links = ThreadsTextRules.links(text);
        if (links > ThreadsTextRules.MAX_LINKS) {
            throw new GraphException(400, 100, 0, "THApiException", "THREADS_API__LINK_LIMIT_EXCEEDED: the post has " + links
                    + " links; at most " + ThreadsTextRules.MAX_LINKS + " are allowed", "THREADS_API__LINK_LIMIT_EXCEEDED",
                    "Posts can contain at most " + ThreadsTextRules.MAX_LINKS + " links.", false);
        }
        String replyTo = r.param("reply_to_id");
        if (replyTo != null && !byMedia.containsKey(replyTo)) {
            throw GraphException.noSuchObject(replyTo, "post");
        }
        MediaFetch.Image image = null;
        if (type.equals("IMAGE")) {
            String url = r.param("image_url");
            if (url == null) {
                throw GraphException.missingParameter("image_url");
            }
            image = MediaFetch.fetch(url, Set.of("image/jpeg", "image/png"));
        }
        Instant now = clock.instant();
        Container c = new Container(nextId(), user, type, text.isEmpty() ? null : text, image == null ? null : image.url(),
                image == null ? null : image.mimeType(), image == null ? 0 : image.bytes(), image == null ? null
                : r.param("alt_text"), replyTo, now, now.plusMillis(processingMillis));
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
            throw GraphException.noSuchObject(id, "post");
        }
        switch (status(c)) {
            case "PUBLISHED" -> throw GraphException.invalidParameter("(#100) The media has already been published",
                    "Already published", "This container was published as " + published.get(id).mediaId() + ".");
            case "EXPIRED" -> throw new GraphException(400, -2, 2207020, "THApiException", "The media you are trying to access"
                    + " has expired. Please try to upload again.", "Media expired", null, false);
            case "IN_PROGRESS" -> throw new GraphException(400, 9007, 2207027, "THApiException", "Media ID is not available",
                    "The media is not ready for publishing, please wait for a moment", null, false);
            default -> {
                // FINISHED
            }
        }
        boolean reply = c.replyToId() != null;
        if (used(reply) >= (reply ? repliesQuota : postsQuota)) {
            throw new GraphException(400, 9, 2207042, "THApiException", "Application request limit reached",
                    "Reached the maximum number of " + (reply ? "replies" : "posts"), "You reached maximum number of "
                    + (reply ? "replies" : "posts") + " allowed in 24 hours.", false);
        }
        String mediaId = nextId();
        ContainerPublished event = new ContainerPublished(id, mediaId, shortcode(mediaId), clock.instant());
        journal.append(event);
        apply(event);
        return SandboxResponse.json(200, Map.of("id", mediaId));
    }

    private SandboxResponse list(GraphRequest r, Predicate<ContainerPublished> which) {
        Set<String> fields = r.fields("id");
        int limit = r.intParam("limit", 25, 100);
        List<ContainerPublished> chosen = new ArrayList<>(published.values().stream()
                .filter(p -> !deleted.containsKey(p.mediaId())).filter(which).toList());
        if (!"false".equalsIgnoreCase(r.param("reverse"))) {
            Collections.reverse(chosen);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", chosen.stream().limit(limit).map(p -> (Object) mediaJson(p, fields)).toList());
        out.put("paging", Map.of("cursors", Map.of("before", "QVFIU", "after", "QVFIU")));
        return SandboxResponse.json(200, out);
    }

    private SandboxResponse quota(GraphRequest r) {
        Set<String> fields = r.fields("quota_usage");
        Map<String, Object> row = new LinkedHashMap<>();
        if (fields.contains("quota_usage")) {
            row.put("quota_usage", used(false));
        }
        if (fields.contains("config")) {
            row.put("config", Map.of("quota_total", postsQuota, "quota_duration", 86400));
        }
        if (fields.contains("reply_quota_usage")) {
            row.put("reply_quota_usage", used(true));
        }
        if (fields.contains("reply_config")) {
            row.put("reply_config", Map.of("quota_total", repliesQuota, "quota_duration", 86400));
        }
        return SandboxResponse.json(200, Map.of("data", List.of(row)));
    }

    private Map<String, Object> containerJson(Container c, Set<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (fields.contains("status")) {
            json.put("status", status(c));
        }
        json.put("id", c.id());
        return json;
    }

    private Map<String, Object> mediaJson(ContainerPublished p, Set<String> fields) {
        Container c = containers.get(p.containerId());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.mediaId());
        if (fields.contains("text") && c.text() != null) {
            json.put("text", c.text());
        }
        if (fields.contains("media_type")) {
            json.put("media_type", c.mediaType().equals("TEXT") ? "TEXT_POST" : "IMAGE");
        }
        if (fields.contains("media_product_type")) {
            json.put("media_product_type", "THREADS");
        }
        if (fields.contains("media_url") && c.imageUrl() != null) {
            json.put("media_url", c.imageUrl());
        }
        if (fields.contains("alt_text") && c.altText() != null) {
            json.put("alt_text", c.altText());
        }
        if (fields.contains("permalink")) {
            json.put("permalink", "https://www.threads.net/@" + SandboxAccounts.DEMO + "/post/" + p.shortcode());
        }
        if (fields.contains("timestamp")) {
            json.put("timestamp", TIMESTAMP.format(p.at()));
        }
        if (fields.contains("username")) {
            json.put("username", SandboxAccounts.DEMO);
        }
        if (fields.contains("is_reply")) {
            json.put("is_reply", c.replyToId() != null);
        }
        if (fields.contains("replied_to") && c.replyToId() != null) {
            json.put("replied_to", Map.of("id", c.replyToId()));
        }
        if (fields.contains("root_post") && c.replyToId() != null) {
            json.put("root_post", Map.of("id", root(c.replyToId())));
        }
        return json;
    }

    private String root(String mediaId) {
        String id = mediaId;
        while (true) {
            Container c = containers.get(byMedia.get(id).containerId());
            if (c.replyToId() == null) {
                return id;
            }
            id = c.replyToId();
        }
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

    private int used(boolean replies) {
        Instant since = clock.instant().minus(Duration.ofHours(24));
        return (int) published.values().stream().filter(p -> p.at().isAfter(since))
                .filter(p -> (containers.get(p.containerId()).replyToId() != null) == replies).count();
    }

    private String nextId() {
        long id = Math.max(lastId + 1, 18_000_000_000_000_000L + clock.millis());
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

    private void apply(ThreadsEvent event) {
        if (event instanceof ContainerCreated created) {
            containers.put(created.container().id(), created.container());
            lastId = Math.max(lastId, Long.parseLong(created.container().id()));
        } else if (event instanceof ContainerPublished p) {
            published.put(p.containerId(), p);
            byMedia.put(p.mediaId(), p);
            lastId = Math.max(lastId, Long.parseLong(p.mediaId()));
        } else if (event instanceof ThreadsEvent.MediaDeleted d) {
            deleted.put(d.mediaId(), d);
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
