package io.herald.sandbox.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.internal.JsonMapper;
import io.herald.sandbox.standin.Journal;
import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxRequest;
import io.herald.sandbox.standin.SandboxResponse;
import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in of a Bluesky PDS (AT Protocol XRPC, {@code /xrpc/<nsid>}), for the calls Herald makes and
 * the reads a person uses to check an account:
 * <ul>
 *   <li>{@code com.atproto.server.createSession} ({@code identifier}: handle or DID, {@code password}):
 *       access and refresh JWTs; a wrong password is {@code 401 AuthenticationRequired}; at most 30
 *       per 5 minutes per account (setting {@code sessionsPer5Minutes}, as bsky.social), then
 *       {@code 429 RateLimitExceeded} with {@code RateLimit-Reset};</li>
 *   <li>{@code com.atproto.server.refreshSession} (the refresh JWT as Bearer): a new pair, the old
 *       refresh token revoked; {@code getSession}, {@code deleteSession};</li>
 *   <li>{@code com.atproto.repo.uploadBlob} (raw bytes): a blob ref;</li>
 *   <li>{@code com.atproto.repo.createRecord} of {@code app.bsky.feed.post}: {@code rkey} must be a
 *       valid TID ({@code 400 InvalidRequest}); an existing rkey is answered {@code 500
 *       InternalServerError} and creates nothing, as the reference PDS does; text over 300 graphemes
 *       or 3,000 UTF-8 bytes is refused in the PDS's words; facets must lie within the text's bytes;
 *       at most 4 images of at most 1,000,000 bytes, each an uploaded blob with alt text; a reply's
 *       parent and root must exist;</li>
 *   <li>{@code com.atproto.repo.getRecord} ({@code 400 RecordNotFound}), {@code listRecords} (newest
 *       first, {@code limit}, {@code cursor}, {@code reverse}), {@code deleteRecord};</li>
 *   <li>{@code com.atproto.identity.resolveHandle}.</li>
 * </ul>
 * Access tokens last {@code accessTokenSeconds} (default 7,200, as the PDS); an expired one is {@code 400
 * ExpiredToken}, a wrong one {@code 400 InvalidToken}, none {@code 401 AuthMissing}. Errors are XRPC's
 * {@code {"error", "message"}} in the reference PDS's words (measured on {@code @atproto/pds} 0.5.35).
 * Stricter than the PDS on purpose: facets outside the text and replies to records it does not hold are
 * refused (the PDS stores them, and the app then shows a broken post), and a refresh token works once
 * (the PDS allows a grace period). State: {@code bluesky.jsonl}.
 */
public final class BlueskyStandIn implements StandIn {

    public static final String PLATFORM = "bluesky";
    public static final String POST = "app.bsky.feed.post";
    /** The demo account's handle. */
    public static final String DEMO_HANDLE = SandboxAccounts.BLUESKY_DEMO_HANDLE;
    /** The demo account's DID. */
    public static final String DEMO_DID = "did:plc:heraldsandboxdemo2222222";
    /** The demo account's app password: valid on the sandbox only. */
    public static final String DEMO_PASSWORD = SandboxAccounts.BLUESKY_DEMO_PASSWORD;
    /** A second account, for mentions. */
    public static final String NURSE_HANDLE = "nurse.herald.test";
    public static final String NURSE_DID = "did:plc:heraldsandboxnurse222222";

    /** A TID: 13 characters of base32-sortable, the first without the top bit. */
    public static final Pattern TID = Pattern.compile("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$");
    private static final Pattern DATETIME = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$");
    private static final String B32 = "234567abcdefghijklmnopqrstuvwxyz";
    private static final long MAX_IMAGE_BYTES = 1_000_000;
    private static final byte[] SIGNING_KEY = "herald-sandbox-bluesky-not-a-secret".getBytes(StandardCharsets.UTF_8);
    private static final Set<String> SETTINGS = Set.of("accessTokenSeconds", "sessionsPer5Minutes");

    /** An account of the stand-in's PDS. */
    record Repo(String did, String handle, String password, String target) {
    }

    /** A stored record. */
    record Rec(String uri, String did, String collection, String rkey, String cid, JsonNode value, Instant at) {
    }

    /** A stored blob. */
    record Blob(String cid, String did, String mimeType, long size) {
    }

    private final Journal<BlueskyEvent> journal;
    private final Clock clock;
    private final List<Repo> repos = List.of(
            new Repo(DEMO_DID, DEMO_HANDLE, DEMO_PASSWORD, PLATFORM + ":" + SandboxAccounts.DEMO),
            new Repo(NURSE_DID, NURSE_HANDLE, "sandbox-bluesky-nurse", PLATFORM + ":nurse"));
    private final Map<String, Rec> records = new LinkedHashMap<>();
    /** Records deleted, kept for {@code herald sandbox posts} only: the XRPC reads no longer show them. */
    private final Map<String, Rec> deleted = new LinkedHashMap<>();
    private final Map<String, Blob> blobs = new LinkedHashMap<>();
    private final Set<String> revoked = new HashSet<>();
    private final Map<String, Deque<Instant>> sessions = new TreeMap<>();
    private volatile long accessTokenSeconds = 7200;
    private volatile int sessionsPer5Minutes = 30;
    private long lastTid;

    public BlueskyStandIn(StandInContext context) {
        this.journal = context.journal(PLATFORM, BlueskyEvent.class);
        this.clock = context.clock();
        journal.replay().forEach(this::apply);
        journal.rewrite(compact());
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public synchronized SandboxResponse handle(SandboxRequest request) {
        try {
            return route(request);
        } catch (XrpcError e) {
            SandboxResponse r = SandboxResponse.json(e.status, Map.of("error", e.error, "message", e.getMessage()));
            for (Map.Entry<String, String> h : e.headers.entrySet()) {
                r = r.withHeader(h.getKey(), h.getValue());
            }
            return r;
        } catch (SandboxApiException e) {
            return SandboxResponse.json(e.status(), Map.of("error", "InvalidRequest", "message", e.getMessage()));
        }
    }

    @Override
    public synchronized List<SandboxPost> posts() {
        List<SandboxPost> out = new ArrayList<>();
        for (Rec r : records.values()) {
            if (r.collection().equals(POST)) {
                out.add(post(r, SandboxPost.PUBLISHED));
            }
        }
        for (Rec r : deleted.values()) {
            if (r.collection().equals(POST)) {
                out.add(post(r, SandboxPost.DELETED));
            }
        }
        out.sort(java.util.Comparator.comparing(SandboxPost::createdAt).thenComparing(SandboxPost::remoteId));
        return out;
    }

    private SandboxPost post(Rec r, String state) {
        JsonNode v = r.value();
        String parent = v.path("reply").path("parent").path("uri").isTextual() ? v.path("reply").path("parent").path("uri").asText()
                : null;
        List<SandboxPost.SandboxMedia> media = new ArrayList<>();
        for (JsonNode image : v.path("embed").path("images")) {
            Blob b = blobs.get(image.path("image").path("ref").path("$link").asText());
            media.add(new SandboxPost.SandboxMedia(image.path("alt").asText(""),
                    b == null ? image.path("image").path("mimeType").asText() : b.mimeType(),
                    b == null ? image.path("image").path("size").asLong() : b.size(), null));
        }
        return new SandboxPost(repoOf(r.did()).target(), r.uri(), v.path("text").asText(""), parent, r.at(), media, state);
    }

    /** The record at {@code uri} as stored (its JSON value), or null: for tests that check facets and embeds. */
    public synchronized JsonNode record(String uri) {
        Rec r = records.get(uri);
        return r == null ? null : r.value().deepCopy();
    }

    @Override
    public synchronized void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (e.getKey()) {
                case "accessTokenSeconds" -> accessTokenSeconds = number(e.getKey(), v, 1);
                case "sessionsPer5Minutes" -> sessionsPer5Minutes = (int) number(e.getKey(), v, 0);
                default -> throw new SandboxApiException(422, "unknown setting '" + e.getKey() + "'; the bluesky stand-in has "
                        + String.join(", ", new java.util.TreeSet<>(SETTINGS)));
            }
        }
    }

    @Override
    public synchronized Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("accessTokenSeconds", Long.toString(accessTokenSeconds));
        out.put("sessionsPer5Minutes", Integer.toString(sessionsPer5Minutes));
        return out;
    }

    private SandboxResponse route(SandboxRequest r) {
        if (!r.path().startsWith("/xrpc/")) {
            throw new XrpcError(404, "NotFound", "Not Found");
        }
        String nsid = r.path().substring("/xrpc/".length());
        switch (r.method() + " " + nsid) {
            case "POST com.atproto.server.createSession" -> {
                return createSession(r);
            }
            case "POST com.atproto.server.refreshSession" -> {
                return refreshSession(r);
            }
            case "GET com.atproto.server.getSession" -> {
                Repo repo = authorize(r);
                return SandboxResponse.json(200, Map.of("did", repo.did(), "handle", repo.handle(), "active", true));
            }
            case "POST com.atproto.server.deleteSession" -> {
                Map<String, Object> claims = verify(r, "com.atproto.refresh");
                revoke((String) claims.get("jti"));
                return new SandboxResponse(200, Map.of(), null);
            }
            case "POST com.atproto.repo.uploadBlob" -> {
                return uploadBlob(r);
            }
            case "POST com.atproto.repo.createRecord" -> {
                return createRecord(r);
            }
            case "POST com.atproto.repo.deleteRecord" -> {
                return deleteRecord(r);
            }
            case "GET com.atproto.repo.getRecord" -> {
                return getRecord(r);
            }
            case "GET com.atproto.repo.listRecords" -> {
                return listRecords(r);
            }
            case "GET com.atproto.identity.resolveHandle" -> {
                String handle = r.query().getOrDefault("handle", "");
                Repo repo = repos.stream().filter(x -> x.handle().equalsIgnoreCase(handle)).findFirst()
                        .orElseThrow(() -> new XrpcError(400, "InvalidRequest", "Unable to resolve handle"));
                return SandboxResponse.json(200, Map.of("did", repo.did()));
            }
            case "GET com.atproto.server.describeServer" -> {
                return SandboxResponse.json(200, Map.of("did", "did:web:localhost", "availableUserDomains", List.of(".herald.test"),
                        "inviteCodeRequired", false));
            }
            default -> throw new XrpcError(501, "MethodNotImplemented", "Method Not Implemented");
        }
    }

    private SandboxResponse createSession(SandboxRequest r) {
        JsonNode body = json(r);
        String identifier = body.path("identifier").asText("");
        String password = body.path("password").asText("");
        if (identifier.isEmpty() || password.isEmpty()) {
            throw new XrpcError(400, "InvalidRequest", "Input must have the property \"" + (identifier.isEmpty() ? "identifier"
                    : "password") + "\"");
        }
        Repo repo = repos.stream().filter(x -> x.handle().equalsIgnoreCase(identifier) || x.did().equals(identifier))
                .findFirst().orElse(null);
        if (repo != null && sessionsPer5Minutes > 0) {
            Instant now = clock.instant();
            Deque<Instant> recent = sessions.computeIfAbsent(repo.did(), d -> new ArrayDeque<>());
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(Duration.ofMinutes(5)))) {
                recent.pollFirst();
            }
            if (recent.size() >= sessionsPer5Minutes) {
                long reset = recent.peekFirst().plus(Duration.ofMinutes(5)).getEpochSecond();
                throw new XrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded", Map.of(
                        "RateLimit-Limit", Integer.toString(sessionsPer5Minutes), "RateLimit-Remaining", "0",
                        "RateLimit-Reset", Long.toString(reset), "RateLimit-Policy", sessionsPer5Minutes + ";w=300"));
            }
            recent.addLast(now);
        }
        if (repo == null || !repo.password().equals(password)) {
            throw new XrpcError(401, "AuthenticationRequired", "Invalid identifier or password");
        }
        return SandboxResponse.json(200, session(repo));
    }

    private SandboxResponse refreshSession(SandboxRequest r) {
        Map<String, Object> claims = verify(r, "com.atproto.refresh");
        String jti = (String) claims.get("jti");
        if (revoked.contains(jti)) {
            throw new XrpcError(400, "ExpiredToken", "Token has been revoked");
        }
        revoke(jti);
        return SandboxResponse.json(200, session(repoOf((String) claims.get("sub"))));
    }

    private Map<String, Object> session(Repo repo) {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessJwt", jwt("com.atproto.access", repo.did(), now, now.plusSeconds(accessTokenSeconds)));
        out.put("refreshJwt", jwt("com.atproto.refresh", repo.did(), now, now.plus(Duration.ofDays(90))));
        out.put("handle", repo.handle());
        out.put("did", repo.did());
        out.put("active", true);
        return out;
    }

    private SandboxResponse uploadBlob(SandboxRequest r) {
        Repo repo = authorize(r);
        String type = r.mediaType();
        if (type.isEmpty()) {
            type = "application/octet-stream";
        }
        String cid = cid("bafkrei", r.body());
        Blob blob = new Blob(cid, repo.did(), type, r.body().length);
        blobs.put(cid, blob);
        append(new BlueskyEvent.BlobStored(cid, repo.did(), type, blob.size(), clock.instant()));
        return SandboxResponse.json(200, Map.of("blob", blobJson(blob)));
    }

    private SandboxResponse createRecord(SandboxRequest r) {
        Repo repo = authorize(r);
        JsonNode body = json(r);
        requireOwnRepo(repo, body.path("repo").asText(""));
        String collection = body.path("collection").asText("");
        if (!collection.equals(POST)) {
            throw new XrpcError(400, "InvalidRequest", "the sandbox PDS stores " + POST + " records only, not '" + collection + "'");
        }
        String rkey = body.hasNonNull("rkey") ? body.get("rkey").asText() : nextTid();
        if (!TID.matcher(rkey).matches()) {
            throw new XrpcError(400, "InvalidRequest", "Invalid record key for " + POST + ": Invalid TID string (got \"" + rkey
                    + "\") at $");
        }
        JsonNode record = body.path("record");
        validatePost(record, repo);
        String uri = "at://" + repo.did() + "/" + collection + "/" + rkey;
        if (records.containsKey(uri)) {
            // what the reference PDS answers for a second createRecord with the same rkey: nothing is written
            throw new XrpcError(500, "InternalServerError", "Internal Server Error");
        }
        String cid = cid("bafyrei", record.toString().getBytes(StandardCharsets.UTF_8));
        Rec rec = new Rec(uri, repo.did(), collection, rkey, cid, record, clock.instant());
        records.put(uri, rec);
        deleted.remove(uri);
        append(new BlueskyEvent.RecordCreated(uri, rec.did(), collection, rkey, cid, record.toString(), rec.at()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uri", uri);
        out.put("cid", cid);
        out.put("commit", Map.of("cid", cid("bafyrei", uri.getBytes(StandardCharsets.UTF_8)), "rev", nextTid()));
        out.put("validationStatus", "valid");
        return SandboxResponse.json(200, out);
    }

    private void validatePost(JsonNode record, Repo repo) {
        String prefix = "Invalid " + POST + " record: ";
        if (!record.isObject()) {
            throw new XrpcError(400, "InvalidRequest", "Input/record must be an object");
        }
        String type = record.path("$type").asText("");
        if (!type.equals(POST)) {
            throw new XrpcError(400, "InvalidRequest", "Invalid $type: expected " + POST + ", got " + type);
        }
        if (!record.path("text").isTextual()) {
            throw new XrpcError(400, "InvalidRequest", prefix + "Missing required key \"text\" at $.record");
        }
        String text = record.get("text").asText();
        int bytes = BlueskyTextRules.bytes(text);
        if (bytes > BlueskyTextRules.MAX_BYTES) {
            throw new XrpcError(400, "InvalidRequest", prefix + "string too big (maximum " + BlueskyTextRules.MAX_BYTES + ", got "
                    + bytes + ") at $.record.text");
        }
        int graphemes = BlueskyTextRules.graphemes(text);
        if (graphemes > BlueskyTextRules.MAX_GRAPHEMES) {
            throw new XrpcError(400, "InvalidRequest", prefix + "grapheme too big (maximum " + BlueskyTextRules.MAX_GRAPHEMES
                    + ", got " + graphemes + ") at $.record.text");
        }
        String createdAt = record.path("createdAt").asText("");
        if (createdAt.isEmpty()) {
            throw new XrpcError(400, "InvalidRequest", prefix + "Missing required key \"createdAt\" at $.record");
        }
        try {
            if (!DATETIME.matcher(createdAt).matches()) {
                throw new DateTimeParseException("not RFC 3339", createdAt, 0);
            }
            java.time.OffsetDateTime.parse(createdAt);
        } catch (DateTimeParseException e) {
            throw new XrpcError(400, "InvalidRequest", prefix + "Invalid datetime string at $.record.createdAt");
        }
        int i = 0;
        for (JsonNode facet : record.path("facets")) {
            int start = facet.path("index").path("byteStart").asInt(-1);
            int end = facet.path("index").path("byteEnd").asInt(-1);
            if (start < 0 || end <= start || end > bytes) {
                throw new XrpcError(400, "InvalidRequest", prefix + "Record/facets/" + i + "/index covers bytes [" + start + ", " + end
                        + ") of a text of " + bytes + " bytes");
            }
            for (JsonNode feature : facet.path("features")) {
                String t = feature.path("$type").asText("");
                boolean ok = switch (t) {
                    case "app.bsky.richtext.facet#link" -> feature.path("uri").asText("").matches("(?i)[a-z][a-z0-9+.-]*:\\S+");
                    case "app.bsky.richtext.facet#tag" -> !feature.path("tag").asText("").isEmpty()
                            && !feature.path("tag").asText().startsWith("#");
                    case "app.bsky.richtext.facet#mention" -> feature.path("did").asText("").startsWith("did:");
                    default -> false;
                };
                if (!ok) {
                    throw new XrpcError(400, "InvalidRequest", prefix + "Record/facets/" + i + " has an invalid feature " + feature);
                }
            }
            i++;
        }
        JsonNode reply = record.path("reply");
        if (!reply.isMissingNode()) {
            for (String which : List.of("root", "parent")) {
                String uri = reply.path(which).path("uri").asText("");
                String cid = reply.path(which).path("cid").asText("");
                Rec target = records.get(uri);
                if (target == null || !target.cid().equals(cid)) {
                    throw new XrpcError(400, "InvalidRequest", prefix + "Record/reply/" + which + " is not a record of this PDS: "
                            + uri + " (cid " + cid + ")");
                }
            }
        }
        JsonNode embed = record.path("embed");
        if (!embed.isMissingNode()) {
            String t = embed.path("$type").asText("");
            if (t.equals("app.bsky.embed.images")) {
                JsonNode images = embed.path("images");
                if (!images.isArray() || images.size() == 0 || images.size() > 4) {
                    throw new XrpcError(400, "InvalidRequest", prefix + "Record/embed/images must have 1 to 4 elements");
                }
                for (int n = 0; n < images.size(); n++) {
                    JsonNode image = images.get(n);
                    if (!image.path("alt").isTextual()) {
                        throw new XrpcError(400, "InvalidRequest", prefix + "Record/embed/images/" + n
                                + " must have the property \"alt\"");
                    }
                    Blob b = blobs.get(image.path("image").path("ref").path("$link").asText(""));
                    if (b == null || !b.did().equals(repo.did())) {
                        throw new XrpcError(400, "BlobNotFound", "Could not find blob: "
                                + image.path("image").path("ref").path("$link").asText(""));
                    }
                    if (b.size() > MAX_IMAGE_BYTES) {
                        throw new XrpcError(400, "InvalidRequest", prefix + "Record/embed/images/" + n
                                + "/image file too large (" + MAX_IMAGE_BYTES + " max)");
                    }
                    if (!b.mimeType().startsWith("image/")) {
                        throw new XrpcError(400, "InvalidRequest", prefix + "Record/embed/images/" + n
                                + "/image mimeType (" + b.mimeType() + ") not accepted");
                    }
                }
            } else if (t.equals("app.bsky.embed.external")) {
                JsonNode ext = embed.path("external");
                for (String field : List.of("uri", "title", "description")) {
                    if (!ext.path(field).isTextual()) {
                        throw new XrpcError(400, "InvalidRequest", prefix + "Record/embed/external must have the property \""
                                + field + "\"");
                    }
                }
            } else {
                throw new XrpcError(400, "InvalidRequest", prefix + "Record/embed $type " + t + " is not supported by the sandbox");
            }
        }
    }

    private SandboxResponse deleteRecord(SandboxRequest r) {
        Repo repo = authorize(r);
        JsonNode body = json(r);
        requireOwnRepo(repo, body.path("repo").asText(""));
        String uri = "at://" + repo.did() + "/" + body.path("collection").asText("") + "/" + body.path("rkey").asText("");
        Rec gone = records.remove(uri);
        if (gone != null) {
            deleted.put(uri, gone);
            append(new BlueskyEvent.RecordDeleted(uri, clock.instant()));
        }
        return SandboxResponse.json(200, Map.of("commit", Map.of("cid", cid("bafyrei", uri.getBytes(StandardCharsets.UTF_8)),
                "rev", nextTid())));
    }

    private SandboxResponse getRecord(SandboxRequest r) {
        Repo repo = repoByName(r.query().getOrDefault("repo", ""));
        String uri = "at://" + repo.did() + "/" + r.query().getOrDefault("collection", "") + "/" + r.query().getOrDefault("rkey", "");
        Rec rec = records.get(uri);
        if (rec == null) {
            throw new XrpcError(400, "RecordNotFound", "Could not locate record: " + uri);
        }
        return SandboxResponse.json(200, recordJson(rec));
    }

    private SandboxResponse listRecords(SandboxRequest r) {
        Repo repo = repoByName(r.query().getOrDefault("repo", ""));
        String collection = r.query().getOrDefault("collection", "");
        int limit = (int) Math.min(100, number("limit", r.query().getOrDefault("limit", "50"), 1));
        boolean reverse = Boolean.parseBoolean(r.query().getOrDefault("reverse", "false"));
        String cursor = r.query().get("cursor");
        List<Rec> mine = new ArrayList<>(records.values().stream()
                .filter(x -> x.did().equals(repo.did()) && x.collection().equals(collection)).toList());
        mine.sort(java.util.Comparator.comparing(Rec::rkey));
        if (!reverse) {
            java.util.Collections.reverse(mine);
        }
        List<Object> out = new ArrayList<>();
        String last = null;
        for (Rec x : mine) {
            if (cursor != null && (reverse ? x.rkey().compareTo(cursor) <= 0 : x.rkey().compareTo(cursor) >= 0)) {
                continue;
            }
            if (out.size() == limit) {
                break;
            }
            out.add(recordJson(x));
            last = x.rkey();
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("records", out);
        if (last != null && out.size() == limit) {
            page.put("cursor", last);
        }
        return SandboxResponse.json(200, page);
    }

    private Map<String, Object> recordJson(Rec rec) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uri", rec.uri());
        out.put("cid", rec.cid());
        out.put("value", rec.value());
        return out;
    }

    private static Map<String, Object> blobJson(Blob b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("$type", "blob");
        out.put("ref", Map.of("$link", b.cid()));
        out.put("mimeType", b.mimeType());
        out.put("size", b.size());
        return out;
    }

    private void requireOwnRepo(Repo repo, String name) {
        if (!name.equals(repo.did()) && !name.equalsIgnoreCase(repo.handle())) {
            throw new XrpcError(403, "InvalidRequest", "Input/repo must be the authenticated account (" + repo.handle() + ")");
        }
    }

    private Repo repoByName(String name) {
        return repos.stream().filter(x -> x.did().equals(name) || x.handle().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new XrpcError(400, "InvalidRequest", "Could not find repo: " + name));
    }

    private Repo repoOf(String did) {
        return repos.stream().filter(x -> x.did().equals(did)).findFirst()
                .orElseThrow(() -> new XrpcError(401, "InvalidToken", "Token could not be verified"));
    }

    private Repo authorize(SandboxRequest r) {
        return repoOf((String) verify(r, "com.atproto.access").get("sub"));
    }

    /** The claims of the request's Bearer JWT, checked: signature, scope, expiry. */
    private Map<String, Object> verify(SandboxRequest r, String scope) {
        String token = r.bearerToken().orElseThrow(() -> new XrpcError(401, "AuthMissing", "Authentication Required"));
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !sign(parts[0] + "." + parts[1]).equals(parts[2])) {
            throw new XrpcError(400, "InvalidToken", "Token could not be verified");
        }
        Map<String, Object> claims;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = JsonMapper.MAPPER.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
            claims = read;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new XrpcError(400, "InvalidToken", "Token could not be verified");
        }
        if (!scope.equals(claims.get("scope"))) {
            throw new XrpcError(400, "InvalidToken", "Token could not be verified");
        }
        long exp = ((Number) claims.get("exp")).longValue();
        if (clock.instant().getEpochSecond() >= exp) {
            throw new XrpcError(400, "ExpiredToken", "Token has expired");
        }
        if (scope.equals("com.atproto.refresh") && revoked.contains(claims.get("jti"))) {
            throw new XrpcError(400, "ExpiredToken", "Token has been revoked");
        }
        return claims;
    }

    private String jwt(String scope, String did, Instant iat, Instant exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("scope", scope);
        claims.put("sub", did);
        claims.put("aud", "did:web:localhost");
        claims.put("iat", iat.getEpochSecond());
        claims.put("exp", exp.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String head = b64(Map.of("alg", "HS256", "typ", scope.equals("com.atproto.access") ? "at+jwt" : "refresh+jwt"));
        String body = b64(claims);
        return head + "." + body + "." + sign(head + "." + body);
    }

    private static String b64(Object json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JsonMapper.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SIGNING_KEY, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    private void revoke(String jti) {
        if (jti != null && revoked.add(jti)) {
            append(new BlueskyEvent.RefreshRevoked(jti, clock.instant()));
        }
    }

    /** A fresh TID from the stand-in's clock: microseconds, strictly increasing, clock id 0. */
    private String nextTid() {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        lastTid = Math.max(lastTid + 1, micros);
        long v = lastTid << 10;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            s.insert(0, B32.charAt((int) (v & 31)));
            v >>>= 5;
        }
        return s.toString();
    }

    /** A CID-like content id: {@code prefix} then base32 of the SHA-256 of the bytes. */
    private static String cid(String prefix, byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder s = new StringBuilder(prefix);
            String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
            int buffer = 0;
            int bits = 0;
            for (byte b : d) {
                buffer = (buffer << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    s.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                s.append(alphabet.charAt((buffer << (5 - bits)) & 31));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static JsonNode json(SandboxRequest r) {
        if (!r.mediaType().equals("application/json")) {
            throw new XrpcError(400, "InvalidRequest", "Wrong request encoding (Content-Type): " + (r.mediaType().isEmpty() ? "none"
                    : r.mediaType()));
        }
        JsonNode body = r.jsonBody();
        if (body == null || !body.isObject()) {
            throw new XrpcError(400, "InvalidRequest", "Input must be an object");
        }
        return body;
    }

    private static long number(String name, String value, long min) {
        try {
            long v = Long.parseLong(value);
            if (v < min) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new XrpcError(400, "InvalidRequest", name + " must be a whole number of at least " + min + ", but was '" + value + "'");
        }
    }

    private void append(BlueskyEvent e) {
        journal.append(e);
    }

    private void apply(BlueskyEvent e) {
        if (e instanceof BlueskyEvent.RecordCreated c) {
            try {
                deleted.remove(c.uri()); // a record key may be written again once its record is deleted
                records.put(c.uri(), new Rec(c.uri(), c.did(), c.collection(), c.rkey(), c.cid(),
                        JsonMapper.MAPPER.readTree(c.value()), c.at()));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("sandbox state " + journal.path() + " holds a record that is not JSON", ex);
            }
        } else if (e instanceof BlueskyEvent.RecordDeleted d) {
            Rec gone = records.remove(d.uri());
            if (gone != null) {
                deleted.put(d.uri(), gone);
            }
        } else if (e instanceof BlueskyEvent.BlobStored b) {
            blobs.put(b.cid(), new Blob(b.cid(), b.did(), b.mimeType(), b.size()));
        } else if (e instanceof BlueskyEvent.RefreshRevoked r) {
            revoked.add(r.jti());
        }
    }

    private List<BlueskyEvent> compact() {
        List<BlueskyEvent> out = new ArrayList<>();
        Instant now = clock.instant();
        blobs.values().forEach(b -> out.add(new BlueskyEvent.BlobStored(b.cid(), b.did(), b.mimeType(), b.size(), now)));
        deleted.values().forEach(r -> {
            out.add(new BlueskyEvent.RecordCreated(r.uri(), r.did(), r.collection(), r.rkey(), r.cid(), r.value().toString(), r.at()));
            out.add(new BlueskyEvent.RecordDeleted(r.uri(), now));
        });
        records.values().forEach(r -> out.add(new BlueskyEvent.RecordCreated(r.uri(), r.did(), r.collection(), r.rkey(), r.cid(),
                r.value().toString(), r.at())));
        revoked.forEach(j -> out.add(new BlueskyEvent.RefreshRevoked(j, now)));
        return out;
    }

    /** An XRPC error answer: {@code {"error": name, "message": message}}. */
    static final class XrpcError extends RuntimeException {
        final int status;
        final String error;
        final Map<String, String> headers;

        XrpcError(int status, String error, String message) {
            this(status, error, message, Map.of());
        }

        XrpcError(int status, String error, String message, Map<String, String> headers) {
            super(message);
            this.status = status;
            this.error = error;
            this.headers = headers;
        }
    }

}
