package io.herald.sandbox.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.standin.Journal;
import io.herald.sandbox.standin.Multipart;
import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxRequest;
import io.herald.sandbox.standin.SandboxResponse;
import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.x.XEvent.Deleted;
import io.herald.sandbox.x.XEvent.MediaReady;
import io.herald.sandbox.x.XEvent.Posted;
import io.herald.sandbox.x.XEvent.TokensIssued;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stand-in of the X API v2 for the calls Herald makes and the reads a person uses to check an
 * account (paths under {@code /2}, as at {@code https://api.x.com}):
 * <ul>
 *   <li>{@code POST /2/oauth2/token} ({@code grant_type=refresh_token}, {@code refresh_token},
 *       {@code client_id} or HTTP Basic): a new access token (lives {@code accessTokenSeconds}, 7200)
 *       and a <b>new</b> refresh token; a refresh token it issued works once, then
 *       {@code 400 invalid_request "Value passed for the token was invalid."} (the demo's own refresh
 *       token is accepted every time, so a Herald with an empty store can always start);</li>
 *   <li>{@code POST /2/tweets} ({@code text}, {@code reply.in_reply_to_tweet_id}, {@code media.media_ids})
 *       → 201 {@code {"data": {"id", "text", "edit_history_tweet_ids"}}}. Text counted by X's twitter-text
 *       (weighted, URL = 23) against {@code maxWeightedLength} (280): over it 403 "Your Tweet text is too
 *       long."; the same text as a recent post of the account in the same place (same reply target,
 *       within {@code duplicateWindow}, 24 h) 403 "You are not allowed to create a Tweet with duplicate
 *       content."; a reply to a post that does not exist 403; more than {@code postsPer15Minutes} (100)
 *       posts in 15 minutes 429; every answer carries {@code x-rate-limit-limit/-remaining/-reset};</li>
 *   <li>{@code GET /2/users/me}, {@code GET /2/users/:id/tweets} ({@code max_results} 5..100,
 *       {@code start_time}, {@code tweet.fields} {@code created_at}, {@code referenced_tweets},
 *       {@code note_tweet}, {@code attachments}; newest first; the text as X shows it: URLs as t.co
 *       links, {@code & < >} escaped, a post over 280 cut with its full text in {@code note_tweet}),
 *       {@code GET}/{@code DELETE /2/tweets/:id};</li>
 *   <li>{@code POST /2/media/upload/initialize} ({@code media_type} JPEG, PNG, GIF or WebP,
 *       {@code total_bytes} at most 5 MB, {@code media_category}), {@code POST /2/media/upload/:id/append}
 *       (multipart {@code media}, {@code segment_index}), {@code POST /2/media/upload/:id/finalize} (the
 *       bytes must add up), {@code POST /2/media/metadata} (alt text at most 1,000 characters).</li>
 * </ul>
 * Bearer tokens; a wrong or expired one is 401 {@code {"title": "Unauthorized", ...}}; setting
 * {@code demoTokenRevoked=true} makes the demo's own access token fail as an expired one does. Errors
 * in X's problem shape. State: {@code x.jsonl}.
 */
public final class XStandIn implements StandIn {

    public static final String PLATFORM = "x";
    /** What a standard account may post. */
    public static final int STANDARD_LIMIT = 280;
    static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
    static final int MAX_ALT_TEXT = 1000;
    static final Duration RATE_WINDOW = Duration.ofMinutes(15);
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private static final Set<String> SETTINGS = Set.of("maxWeightedLength", "postsPer15Minutes", "duplicateWindow",
            "accessTokenSeconds", "demoTokenRevoked");
    private static final long TWITTER_EPOCH = 1288834974657L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Journal<XEvent> journal;
    private final Clock clock;
    private final Map<String, Posted> tweets = new LinkedHashMap<>();
    private final Map<String, Instant> deleted = new HashMap<>();
    private final Map<String, MediaReady> media = new HashMap<>();
    private final Map<String, Upload> uploads = new HashMap<>();
    private final Map<String, Instant> accessTokens = new HashMap<>();
    private final Set<String> refreshTokens = new HashSet<>();
    private final List<TokensIssued> issued = new ArrayList<>();
    private long lastId;
    private volatile int maxWeightedLength = STANDARD_LIMIT;
    private volatile int postsPer15Minutes = 100;
    private volatile Duration duplicateWindow = Duration.ofHours(24);
    private volatile long accessTokenSeconds = 7200;
    private volatile boolean demoTokenRevoked;

    /** An upload between initialize and finalize; held in memory only, as X expires them. */
    private static final class Upload {
        private final String mimeType;
        private final long totalBytes;
        private final Map<Integer, Integer> segments = new HashMap<>();

        private Upload(String mimeType, long totalBytes) {
            this.mimeType = mimeType;
            this.totalBytes = totalBytes;
        }

        private long received() {
            return segments.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    public XStandIn(StandInContext context) {
        this.journal = context.journal(PLATFORM, XEvent.class);
        this.clock = context.clock();
        journal.replay().forEach(this::apply);
        List<XEvent> compact = new ArrayList<>();
        compact.addAll(issued.stream().filter(t -> refreshTokens.contains(t.refresh()) || accessTokens.containsKey(t.access()))
                .toList());
        compact.addAll(media.values());
        compact.addAll(tweets.values());
        deleted.forEach((id, at) -> compact.add(new Deleted(id, at)));
        journal.rewrite(compact);
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public synchronized SandboxResponse handle(SandboxRequest r) {
        List<String> seg = r.segments();
        if (seg.isEmpty() || !seg.get(0).equals("2")) {
            return notFound();
        }
        if (seg.size() == 3 && seg.get(1).equals("oauth2") && seg.get(2).equals("token") && r.method().equals("POST")) {
            return token(r);
        }
        if (!authorized(r)) {
            return problem(401, "Unauthorized", "Unauthorized", "about:blank");
        }
        String route = r.method() + " " + String.join("/", seg.subList(1, seg.size()));
        if (route.equals("POST tweets")) {
            return post(r);
        }
        if (route.equals("GET users/me")) {
            return SandboxResponse.json(200, Map.of("data", Map.of("id", SandboxAccounts.X_DEMO_USER_ID, "name", "Herald Demo",
                    "username", SandboxAccounts.DEMO)));
        }
        if (route.equals("POST media/upload/initialize")) {
            return initialize(r);
        }
        if (route.equals("POST media/metadata")) {
            return metadata(r);
        }
        if (seg.size() == 5 && seg.get(1).equals("media") && seg.get(2).equals("upload") && r.method().equals("POST")) {
            if (seg.get(4).equals("append")) {
                return append(r, seg.get(3));
            }
            if (seg.get(4).equals("finalize")) {
                return finalizeUpload(seg.get(3));
            }
        }
        if (seg.size() == 4 && seg.get(1).equals("users") && seg.get(3).equals("tweets") && r.method().equals("GET")) {
            return timeline(r, seg.get(2));
        }
        if (seg.size() == 3 && seg.get(1).equals("tweets")) {
            String id = seg.get(2);
            Posted t = tweets.get(id);
            if (t == null || deleted.containsKey(id)) {
                return SandboxResponse.json(200, Map.of("errors", List.of(Map.of(
                        "value", id, "detail", "Could not find tweet with id: [" + id + "].", "title", "Not Found Error",
                        "resource_type", "tweet", "parameter", "id", "resource_id", id,
                        "type", "https://api.twitter.com/2/problems/resource-not-found"))));
            }
            if (r.method().equals("GET")) {
                return SandboxResponse.json(200, Map.of("data", tweetJson(t, Set.of("created_at", "referenced_tweets",
                        "note_tweet", "attachments", "author_id"))));
            }
            if (r.method().equals("DELETE")) {
                Deleted event = new Deleted(id, clock.instant());
                journal.append(event);
                apply(event);
                return SandboxResponse.json(200, Map.of("data", Map.of("deleted", true)));
            }
        }
        return notFound();
    }

    @Override
    public synchronized List<SandboxPost> posts() {
        List<SandboxPost> out = new ArrayList<>();
        for (Posted t : tweets.values()) {
            List<SandboxPost.SandboxMedia> attached = new ArrayList<>();
            for (String m : t.mediaIds()) {
                MediaReady ready = media.get(m);
                if (ready != null) {
                    attached.add(new SandboxPost.SandboxMedia(ready.altText(), ready.mimeType(), ready.bytes(), null));
                }
            }
            out.add(new SandboxPost(PLATFORM + ":" + SandboxAccounts.DEMO, t.id(), t.text(), t.replyTo(), t.at(), attached,
                    deleted.containsKey(t.id()) ? SandboxPost.DELETED : SandboxPost.PUBLISHED));
        }
        return out;
    }

    @Override
    public synchronized void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (e.getKey()) {
                case "maxWeightedLength" -> maxWeightedLength = (int) number(e.getKey(), v, 1);
                case "postsPer15Minutes" -> postsPer15Minutes = (int) number(e.getKey(), v, 1);
                case "accessTokenSeconds" -> accessTokenSeconds = number(e.getKey(), v, 1);
                case "duplicateWindow" -> {
                    try {
                        duplicateWindow = Duration.parse(v);
                    } catch (DateTimeParseException ex) {
                        throw new SandboxApiException(422, "duplicateWindow must be an ISO duration such as PT24H, but was '" + v + "'");
                    }
                }
                case "demoTokenRevoked" -> {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new SandboxApiException(422, "demoTokenRevoked must be true or false, but was '" + v + "'");
                    }
                    demoTokenRevoked = v.equals("true");
                }
                default -> throw new SandboxApiException(422, "unknown setting '" + e.getKey() + "'; the x stand-in has "
                        + String.join(", ", new TreeSet<>(SETTINGS)));
            }
        }
    }

    @Override
    public synchronized Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("maxWeightedLength", Integer.toString(maxWeightedLength));
        out.put("postsPer15Minutes", Integer.toString(postsPer15Minutes));
        out.put("duplicateWindow", duplicateWindow.toString());
        out.put("accessTokenSeconds", Long.toString(accessTokenSeconds));
        out.put("demoTokenRevoked", Boolean.toString(demoTokenRevoked));
        return out;
    }

    /** The weighted length of {@code text} as X counts it (twitter-text, URL = 23). */
    public static int weightedLength(String text) {
        return TwitterTextParser.parseTweet(text).weightedLength;
    }

    private boolean authorized(SandboxRequest r) {
        String token = r.bearerToken().orElse("");
        if (token.equals(SandboxAccounts.X_DEMO_TOKEN)) {
            return !demoTokenRevoked;
        }
        Instant expires = accessTokens.get(token);
        return expires != null && clock.instant().isBefore(expires);
    }

    private SandboxResponse token(SandboxRequest r) {
        Map<String, String> form = SandboxRequest.parseForm(r.bodyText());
        String clientId = form.getOrDefault("client_id", "");
        String basic = r.header("Authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).map(h -> h.substring(6).strip())
                .orElse(null);
        if (basic != null) {
            try {
                clientId = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8).split(":", 2)[0];
            } catch (IllegalArgumentException e) {
                clientId = "";
            }
        }
        if (!clientId.equals(SandboxAccounts.X_DEMO_CLIENT_ID)) {
            return SandboxResponse.json(401, Map.of("error", "unauthorized_client", "error_description",
                    "Missing valid authorization header"));
        }
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return SandboxResponse.json(400, Map.of("error", "invalid_request", "error_description",
                    "Value passed for the grant type was invalid. The sandbox answers grant_type=refresh_token only."));
        }
        String refresh = form.getOrDefault("refresh_token", "");
        if (!refresh.equals(SandboxAccounts.X_DEMO_REFRESH_TOKEN) && !refreshTokens.contains(refresh)) {
            return SandboxResponse.json(400, Map.of("error", "invalid_request", "error_description",
                    "Value passed for the token was invalid."));
        }
        TokensIssued event = new TokensIssued("x-at-" + random(), clock.instant().plusSeconds(accessTokenSeconds),
                "x-rt-" + random(), refresh);
        journal.append(event);
        apply(event);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("token_type", "bearer");
        json.put("expires_in", accessTokenSeconds);
        json.put("access_token", event.access());
        json.put("scope", "tweet.read tweet.write users.read media.write offline.access");
        json.put("refresh_token", event.refresh());
        return SandboxResponse.json(200, json);
    }

    private SandboxResponse post(SandboxRequest r) {
        JsonNode body;
        try {
            body = r.jsonBody();
        } catch (SandboxApiException e) {
            return invalid("body", "The request body is not valid JSON.");
        }
        Instant now = clock.instant();
        List<Posted> recent = tweets.values().stream().filter(t -> t.at().isAfter(now.minus(RATE_WINDOW))).toList();
        Instant reset = recent.isEmpty() ? now.plus(RATE_WINDOW) : recent.get(0).at().plus(RATE_WINDOW);
        int remaining = Math.max(0, postsPer15Minutes - recent.size());
        if (remaining == 0) {
            return rateHeaders(problem(429, "Too Many Requests", "Too Many Requests", "about:blank"), 0, reset);
        }
        String text = body.path("text").isTextual() ? body.path("text").asText() : null;
        JsonNode mediaIds = body.path("media").path("media_ids");
        if ((text == null || text.isEmpty()) && !mediaIds.isArray()) {
            return rateHeaders(invalid("text", "Either text or media is required."), remaining, reset);
        }
        text = text == null ? "" : text;
        if (weightedLength(text) > maxWeightedLength) {
            return rateHeaders(problem(403, "Forbidden", "Your Tweet text is too long. For more information on how X counts"
                    + " text, see https://github.com/twitter/twitter-text.", "about:blank"), remaining, reset);
        }
        String replyTo = body.path("reply").path("in_reply_to_tweet_id").isTextual()
                ? body.path("reply").path("in_reply_to_tweet_id").asText() : null;
        if (replyTo != null && (!tweets.containsKey(replyTo) || deleted.containsKey(replyTo))) {
            return rateHeaders(problem(403, "Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to you.",
                    "about:blank"), remaining, reset);
        }
        List<String> attached = new ArrayList<>();
        for (JsonNode m : mediaIds) {
            if (!media.containsKey(m.asText())) {
                return rateHeaders(invalid("media.media_ids", "Your media IDs are invalid."), remaining, reset);
            }
            attached.add(m.asText());
        }
        if (attached.size() > 4) {
            return rateHeaders(invalid("media.media_ids", "A post takes at most 4 images."), remaining, reset);
        }
        String finalText = text;
        boolean duplicate = !duplicateWindow.isZero() && tweets.values().stream()
                .anyMatch(t -> !deleted.containsKey(t.id()) && t.text().equals(finalText) && Objects.equals(t.replyTo(), replyTo)
                        && t.at().isAfter(now.minus(duplicateWindow)));
        if (duplicate) {
            return rateHeaders(problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.",
                    "about:blank"), remaining, reset);
        }
        Posted event = new Posted(nextId(), text, replyTo, attached, now);
        journal.append(event);
        apply(event);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", event.id());
        data.put("text", shown(event.text()));
        data.put("edit_history_tweet_ids", List.of(event.id()));
        return rateHeaders(SandboxResponse.json(201, Map.of("data", data)), remaining - 1, reset);
    }

    private SandboxResponse timeline(SandboxRequest r, String userId) {
        if (!userId.equals(SandboxAccounts.X_DEMO_USER_ID)) {
            return problem(400, "Invalid Request", "The `id` query parameter value [" + userId + "] does not match the"
                    + " authenticated user.", "https://api.twitter.com/2/problems/invalid-request");
        }
        int max = 10;
        if (r.query().containsKey("max_results")) {
            try {
                max = Integer.parseInt(r.query().get("max_results"));
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 5 || max > 100) {
                return invalid("max_results", "The `max_results` query parameter value [" + r.query().get("max_results")
                        + "] is not between 5 and 100");
            }
        }
        Instant since = Instant.EPOCH;
        if (r.query().containsKey("start_time")) {
            try {
                since = Instant.parse(r.query().get("start_time"));
            } catch (DateTimeParseException e) {
                return invalid("start_time", "Invalid 'start_time':'" + r.query().get("start_time") + "'. 'start_time' must be"
                        + " a valid RFC 3339 date.");
            }
        }
        Set<String> fields = new HashSet<>(List.of(r.query().getOrDefault("tweet.fields", "").split(",")));
        List<Posted> chosen = new ArrayList<>();
        for (Posted t : tweets.values()) {
            if (!deleted.containsKey(t.id()) && !t.at().isBefore(since)) {
                chosen.add(t);
            }
        }
        java.util.Collections.reverse(chosen);
        List<Object> data = chosen.stream().limit(max).map(t -> (Object) tweetJson(t, fields)).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("result_count", data.size());
        if (!data.isEmpty()) {
            meta.put("newest_id", chosen.get(0).id());
            meta.put("oldest_id", chosen.get(data.size() - 1).id());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!data.isEmpty()) {
            out.put("data", data);
        }
        out.put("meta", meta);
        return SandboxResponse.json(200, out);
    }

    private Map<String, Object> tweetJson(Posted t, Set<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", t.id());
        boolean isLong = weightedLength(t.text()) > STANDARD_LIMIT;
        String shown = shown(t.text());
        json.put("text", isLong ? shown.substring(0, shown.offsetByCodePoints(0, Math.min(shown.codePointCount(0, shown.length()),
                250))) + "…" : shown);
        json.put("edit_history_tweet_ids", List.of(t.id()));
        if (fields.contains("created_at")) {
            json.put("created_at", t.at().truncatedTo(ChronoUnit.MILLIS).toString());
        }
        if (fields.contains("author_id")) {
            json.put("author_id", SandboxAccounts.X_DEMO_USER_ID);
        }
        if (fields.contains("referenced_tweets") && t.replyTo() != null) {
            json.put("referenced_tweets", List.of(Map.of("type", "replied_to", "id", t.replyTo())));
        }
        if (fields.contains("note_tweet") && isLong) {
            json.put("note_tweet", Map.of("text", shown));
        }
        if (fields.contains("attachments") && !t.mediaIds().isEmpty()) {
            json.put("attachments", Map.of("media_keys", t.mediaIds().stream().map(m -> "3_" + m).toList()));
        }
        return json;
    }

    /** The text as X shows it: every URL as a t.co link, {@code & < >} escaped. */
    static String shown(String text) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (Extractor.Entity url : new Extractor().extractURLsWithIndices(text)) {
            out.append(escape(text.substring(from, url.getStart()))).append("https://t.co/").append(shortCode(url.getValue()));
            from = url.getEnd();
        }
        return out.append(escape(text.substring(from))).toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String shortCode(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).replace("-", "x").replace("_", "y").substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private SandboxResponse initialize(SandboxRequest r) {
        JsonNode body;
        try {
            body = r.jsonBody();
        } catch (SandboxApiException e) {
            return invalid("body", "The request body is not valid JSON.");
        }
        String type = body.path("media_type").asText("");
        long total = body.path("total_bytes").asLong(-1);
        if (!IMAGE_TYPES.contains(type)) {
            return invalid("media_type", "The media_type '" + type + "' is not supported by the Herald sandbox; it takes"
                    + " image/jpeg, image/png, image/gif and image/webp.");
        }
        if (total <= 0 || total > MAX_IMAGE_BYTES) {
            return invalid("total_bytes", "total_bytes must be from 1 to " + MAX_IMAGE_BYTES + " for an image, but was " + total);
        }
        String id = nextId();
        uploads.put(id, new Upload(type, total));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("media_key", "3_" + id);
        data.put("expires_after_secs", 86400);
        return SandboxResponse.json(200, Map.of("data", data));
    }

    private SandboxResponse append(SandboxRequest r, String id) {
        Upload upload = uploads.get(id);
        if (upload == null) {
            return invalid("id", "The media_id " + id + " is not an upload in progress.");
        }
        Multipart form = Multipart.parse(r);
        var chunk = form.part("media");
        var index = form.part("segment_index");
        if (chunk.isEmpty() || index.isEmpty()) {
            return invalid("media", "append takes multipart fields media and segment_index.");
        }
        int segment;
        try {
            segment = Integer.parseInt(index.get().text().strip());
        } catch (NumberFormatException e) {
            return invalid("segment_index", "segment_index must be a number from 0 to 999.");
        }
        upload.segments.put(segment, chunk.get().bytes().length);
        if (upload.received() > upload.totalBytes) {
            return invalid("media", "More bytes than total_bytes were appended.");
        }
        return SandboxResponse.json(200, Map.of("data", Map.of("expires_at", clock.instant().plus(Duration.ofDays(1)).getEpochSecond())));
    }

    private SandboxResponse finalizeUpload(String id) {
        Upload upload = uploads.get(id);
        if (upload == null) {
            return invalid("id", "The media_id " + id + " is not an upload in progress.");
        }
        if (upload.received() != upload.totalBytes) {
            return invalid("id", "File size mismatch: total_bytes was " + upload.totalBytes + " but " + upload.received()
                    + " bytes were appended.");
        }
        uploads.remove(id);
        MediaReady event = new MediaReady(id, upload.mimeType, upload.totalBytes, null);
        journal.append(event);
        apply(event);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("media_key", "3_" + id);
        data.put("size", upload.totalBytes);
        data.put("expires_after_secs", 86400);
        return SandboxResponse.json(200, Map.of("data", data));
    }

    private SandboxResponse metadata(SandboxRequest r) {
        JsonNode body;
        try {
            body = r.jsonBody();
        } catch (SandboxApiException e) {
            return invalid("body", "The request body is not valid JSON.");
        }
        String id = body.path("id").asText("");
        MediaReady ready = media.get(id);
        if (ready == null) {
            return invalid("id", "The media id " + id + " is not a finalized upload.");
        }
        String alt = body.path("metadata").path("alt_text").path("text").asText("");
        if (alt.codePointCount(0, alt.length()) > MAX_ALT_TEXT) {
            return invalid("metadata.alt_text.text", "Alt text must be at most " + MAX_ALT_TEXT + " characters.");
        }
        MediaReady event = new MediaReady(id, ready.mimeType(), ready.bytes(), alt);
        journal.append(event);
        apply(event);
        return SandboxResponse.json(200, Map.of("data", Map.of("id", id, "associated_metadata", true)));
    }

    private static SandboxResponse rateHeaders(SandboxResponse response, int remaining, Instant reset) {
        return response.withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", Integer.toString(remaining))
                .withHeader("x-rate-limit-reset", Long.toString(reset.getEpochSecond()));
    }

    private static SandboxResponse problem(int status, String title, String detail, String type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("detail", detail);
        json.put("type", type);
        json.put("title", title);
        json.put("status", status);
        return SandboxResponse.json(status, json);
    }

    private static SandboxResponse invalid(String parameter, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("errors", List.of(Map.of("parameters", Map.of(parameter, List.of()), "message", message)));
        json.put("title", "Invalid Request");
        json.put("detail", "One or more parameters to your request was invalid.");
        json.put("type", "https://api.twitter.com/2/problems/invalid-request");
        return SandboxResponse.json(400, json);
    }

    private static SandboxResponse notFound() {
        return SandboxResponse.json(404, Map.of("errors", List.of(Map.of("message", "Sorry, that page does not exist", "code", 34))));
    }

    private void apply(XEvent event) {
        if (event instanceof Posted p) {
            tweets.put(p.id(), p);
            lastId = Math.max(lastId, Long.parseLong(p.id()));
        } else if (event instanceof Deleted d) {
            deleted.put(d.id(), d.at());
        } else if (event instanceof MediaReady m) {
            media.put(m.id(), m);
            lastId = Math.max(lastId, Long.parseLong(m.id()));
        } else if (event instanceof TokensIssued t) {
            issued.add(t);
            accessTokens.put(t.access(), t.accessExpiresAt());
            refreshTokens.add(t.refresh());
            refreshTokens.remove(t.usedRefresh());
        }
    }

    /** An id shaped like X's (a snowflake: milliseconds since 2010-11-04 shifted by 22 bits). */
    private String nextId() {
        long id = Math.max(lastId + 1, (clock.millis() - TWITTER_EPOCH) << 22);
        lastId = id;
        return Long.toString(id);
    }

    private static String random() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
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
