package io.herald.sandbox.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.mastodon.MastodonEvent.Status;
import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxRequest;
import io.herald.sandbox.standin.SandboxResponse;
import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A stand-in of a Mastodon server's REST API, for the calls Herald makes and the ones a person
 * uses to check an account:
 * <ul>
 *   <li>{@code POST /api/v1/statuses}: JSON or form body ({@code status}, {@code in_reply_to_id},
 *       {@code visibility}, {@code language}, {@code spoiler_text}, {@code sensitive}); the 500
 *       character limit counted as Mastodon counts ({@link MastodonTextLength}); the
 *       {@code Idempotency-Key} header honoured for an hour</li>
 *   <li>{@code GET} and {@code DELETE /api/v1/statuses/:id}; {@code PUT /api/v1/statuses/:id} edits the text
 *       in place (as Mastodon 3.5+: same id, {@code edited_at} set, media kept when {@code media_ids} is absent)</li>
 *   <li>{@code GET /api/v1/accounts/:id}, {@code GET /api/v1/accounts/:id/statuses} (newest first;
 *       {@code limit}, {@code max_id}, {@code since_id}, {@code exclude_replies})</li>
 *   <li>{@code GET /api/v1/accounts/verify_credentials}, {@code GET /api/v1/instance} and
 *       {@code /api/v2/instance}</li>
 *   <li>{@code POST /api/v2/media} (multipart {@code file}, {@code description}), {@code GET /api/v1/media/:id};
 *       statuses take {@code media_ids}</li>
 * </ul>
 * Settings ({@link #configure}): {@code idempotencyKeys} {@code honour} (Mastodon) or {@code ignore}
 * (servers of the API that do not implement it); {@code maxCharacters} and {@code urlWeight} (what
 * the instance announces and enforces); {@code instanceApi} {@code v2}, {@code v1} (a server without
 * {@code /api/v2/instance}) or {@code none}.
 * Errors are Mastodon's: {@code {"error": "..."}} with 401, 404 or 422.
 */
public final class MastodonStandIn implements StandIn {

    /** The platform name and path prefix. */
    public static final String PLATFORM = "mastodon";
    /** Mastodon's default {@code max_characters}. */
    public static final int MAX_CHARACTERS = 500;

    private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 40;

    private final MastodonStore store;
    private volatile boolean honourKeys = true;
    private volatile int maxCharacters = MAX_CHARACTERS;
    private volatile int urlWeight = MastodonTextLength.URL_LENGTH;
    private volatile String instanceApi = "v2";
    private final Map<String, MastodonAccount> byId;
    private final Map<String, MastodonAccount> byToken;

    /** The stand-in with its one account, {@code demo}. */
    public MastodonStandIn(StandInContext context) {
        this(context, List.of(MastodonAccount.demo()));
    }

    public MastodonStandIn(StandInContext context, List<MastodonAccount> accounts) {
        this.store = new MastodonStore(context.journal(PLATFORM, MastodonEvent.class), context.clock());
        this.byId = accounts.stream().collect(Collectors.toUnmodifiableMap(MastodonAccount::id, Function.identity()));
        this.byToken = accounts.stream()
                .collect(Collectors.toUnmodifiableMap(MastodonAccount::token, Function.identity()));
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public synchronized SandboxResponse handle(SandboxRequest request) {
        try {
            return route(request);
        } catch (SandboxApiException e) {
            return SandboxResponse.error(e.status(), e.getMessage());
        }
    }

    @Override
    public synchronized List<SandboxPost> posts() {
        List<SandboxPost> out = new java.util.ArrayList<>();
        store.all().forEach(s -> out.add(post(s, s.editedAt() == null ? SandboxPost.PUBLISHED : SandboxPost.EDITED)));
        store.deleted().forEach(s -> out.add(post(s, SandboxPost.DELETED)));
        out.sort(java.util.Comparator.comparing(SandboxPost::createdAt).thenComparing(p -> Long.parseLong(p.remoteId())));
        return out;
    }

    private SandboxPost post(Status s, String state) {
        return new SandboxPost(PLATFORM + ":" + byId.get(s.accountId()).username(), s.id(), s.text(),
                s.inReplyToId(), s.createdAt(), s.mediaIds().stream().flatMap(id -> store.media(id).stream())
                .map(m -> new SandboxPost.SandboxMedia(m.description(), m.mimeType(), m.size(), null)).toList(), state);
    }

    @Override
    public synchronized void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (e.getKey()) {
                case "idempotencyKeys" -> {
                    if (!v.equals("honour") && !v.equals("ignore")) {
                        throw new SandboxApiException(422, "idempotencyKeys must be honour or ignore, but was '" + v + "'");
                    }
                    honourKeys = v.equals("honour");
                }
                case "maxCharacters" -> maxCharacters = positive(e.getKey(), v);
                case "urlWeight" -> urlWeight = positive(e.getKey(), v);
                case "instanceApi" -> {
                    if (!List.of("v2", "v1", "none").contains(v)) {
                        throw new SandboxApiException(422, "instanceApi must be v2, v1 or none, but was '" + v + "'");
                    }
                    instanceApi = v;
                }
                default -> throw new SandboxApiException(422, "unknown setting '" + e.getKey()
                        + "'; the mastodon stand-in has idempotencyKeys, maxCharacters, urlWeight, instanceApi");
            }
        }
    }

    @Override
    public synchronized Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("idempotencyKeys", honourKeys ? "honour" : "ignore");
        out.put("maxCharacters", Integer.toString(maxCharacters));
        out.put("urlWeight", Integer.toString(urlWeight));
        out.put("instanceApi", instanceApi);
        return out;
    }

    private static int positive(String name, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new SandboxApiException(422, name + " must be a positive whole number, but was '" + v + "'");
    }

    private SandboxResponse route(SandboxRequest request) {
        List<String> seg = request.segments();
        String method = request.method();
        if (seg.size() == 3 && seg.get(0).equals("api") && seg.get(1).equals("v2")) {
            if (seg.get(2).equals("instance") && method.equals("GET") && instanceApi.equals("v2")) {
                return SandboxResponse.json(200, MastodonJson.instance(request.baseUrl(), maxCharacters, urlWeight, true));
            }
            if (seg.get(2).equals("media") && method.equals("POST")) {
                return uploadMedia(request, requireAccount(request));
            }
            throw notFound();
        }
        if (seg.size() < 3 || !seg.get(0).equals("api") || !seg.get(1).equals("v1")) {
            throw notFound();
        }
        String resource = seg.get(2);
        if (resource.equals("media") && seg.size() == 4 && method.equals("GET")) {
            MastodonAccount account = requireAccount(request);
            return store.media(seg.get(3)).filter(m -> m.accountId().equals(account.id()))
                    .map(m -> SandboxResponse.json(200, MastodonJson.media(m, request.baseUrl())))
                    .orElseThrow(MastodonStandIn::notFound);
        }
        if (resource.equals("statuses") && seg.size() == 3 && method.equals("POST")) {
            return createStatus(request, requireAccount(request));
        }
        if (resource.equals("statuses") && seg.size() == 4 && method.equals("GET")) {
            return showStatus(request, seg.get(3));
        }
        if (resource.equals("statuses") && seg.size() == 4 && method.equals("PUT")) {
            return editStatus(request, seg.get(3));
        }
        if (resource.equals("statuses") && seg.size() == 4 && method.equals("DELETE")) {
            return deleteStatus(request, seg.get(3));
        }
        if (resource.equals("accounts") && seg.size() == 4 && seg.get(3).equals("verify_credentials")
                && method.equals("GET")) {
            MastodonAccount account = requireAccount(request);
            return SandboxResponse.json(200,
                    MastodonJson.credentialAccount(account, statusesCount(account), request.baseUrl()));
        }
        if (resource.equals("accounts") && seg.size() == 4 && method.equals("GET")) {
            MastodonAccount account = account(seg.get(3));
            return SandboxResponse.json(200, MastodonJson.account(account, statusesCount(account), request.baseUrl()));
        }
        if (resource.equals("accounts") && seg.size() == 5 && seg.get(4).equals("statuses") && method.equals("GET")) {
            return accountStatuses(request, account(seg.get(3)));
        }
        if (resource.equals("instance") && seg.size() == 3 && method.equals("GET") && !instanceApi.equals("none")) {
            return SandboxResponse.json(200, MastodonJson.instance(request.baseUrl(), maxCharacters, urlWeight, false));
        }
        throw notFound();
    }

    private SandboxResponse createStatus(SandboxRequest request, MastodonAccount account) {
        Map<String, String> params = params(request);
        Status inReplyTo = null;
        String inReplyToId = blankToNull(params.get("in_reply_to_id"));
        if (inReplyToId != null) {
            inReplyTo = store.find(inReplyToId).filter(s -> visibleTo(s, Optional.of(account)))
                    .orElseThrow(() -> new SandboxApiException(404,
                            "The post you are trying to reply to does not appear to exist."));
        }
        Optional<String> key = request.header("Idempotency-Key").map(String::strip).filter(k -> !k.isEmpty())
                .filter(k -> honourKeys);
        if (key.isPresent()) {
            var used = store.key(account.id(), key.get());
            if (used.isPresent()) {
                // as Mastodon: the status created under this key, or 404 when it was deleted since
                Status earlier = store.find(used.get().statusId()).orElseThrow(MastodonStandIn::notFound);
                return statusJson(earlier, request, false);
            }
        }
        String text = params.getOrDefault("status", "");
        String spoiler = params.getOrDefault("spoiler_text", "");
        if (text.isBlank()) {
            throw new SandboxApiException(422, "Validation failed: Text can't be blank");
        }
        if (MastodonTextLength.of(text, urlWeight) + MastodonTextLength.of(spoiler, urlWeight) > maxCharacters) {
            throw new SandboxApiException(422,
                    "Validation failed: Text character limit of " + maxCharacters + " exceeded");
        }
        List<String> mediaIds = mediaIds(request);
        if (mediaIds.size() > 4) {
            throw new SandboxApiException(422, "Validation failed: You can only attach up to 4 files");
        }
        for (String id : mediaIds) {
            if (store.media(id).filter(m -> m.accountId().equals(account.id())).isEmpty()) {
                throw new SandboxApiException(422, "Validation failed: media_ids " + id + " does not exist");
            }
        }
        String visibility = params.getOrDefault("visibility", "public");
        if (!VISIBILITIES.contains(visibility)) {
            throw new SandboxApiException(422, "Validation failed: Visibility is not included in the list");
        }
        String language = blankToNull(params.get("language"));
        if (language != null && !language.matches("[a-zA-Z]{2,3}")) {
            language = null;
        }
        boolean sensitive = "true".equalsIgnoreCase(params.get("sensitive")) || "1".equals(params.get("sensitive"));
        Status status = store.create(account.id(), text, spoiler, sensitive, visibility,
                language == null ? null : language.toLowerCase(java.util.Locale.ROOT), inReplyTo, key.orElse(null), mediaIds);
        return statusJson(status, request, false);
    }

    private SandboxResponse uploadMedia(SandboxRequest request, MastodonAccount account) {
        io.herald.sandbox.standin.Multipart body = io.herald.sandbox.standin.Multipart.parse(request);
        io.herald.sandbox.standin.Multipart.Part file = body.part("file")
                .orElseThrow(() -> new SandboxApiException(422, "Validation failed: File can't be blank"));
        if (!file.contentType().startsWith("image/")) {
            throw new SandboxApiException(422, "Validation failed: File content type is invalid");
        }
        String description = body.part("description").map(io.herald.sandbox.standin.Multipart.Part::text).orElse(null);
        if (description != null && description.codePointCount(0, description.length()) > 1500) {
            throw new SandboxApiException(422, "Validation failed: Description is too long (maximum is 1500 characters)");
        }
        MastodonEvent.Media m = store.upload(account.id(), description, file.contentType(), file.bytes().length);
        return SandboxResponse.json(200, MastodonJson.media(m, request.baseUrl()));
    }

    /** {@code media_ids} from a JSON array, or {@code media_ids[]} form fields. */
    private static List<String> mediaIds(SandboxRequest request) {
        List<String> out = new java.util.ArrayList<>();
        if (request.mediaType().equals("application/json") && request.body().length > 0) {
            request.jsonBody().path("media_ids").forEach(n -> out.add(n.asText()));
        } else if (request.mediaType().equals("application/x-www-form-urlencoded")) {
            for (String pair : request.bodyText().split("&")) {
                if (pair.startsWith("media_ids%5B%5D=") || pair.startsWith("media_ids[]=")) {
                    out.add(java.net.URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private SandboxResponse showStatus(SandboxRequest request, String id) {
        Optional<MastodonAccount> viewer = optionalAccount(request);
        Status status = store.find(id).filter(s -> visibleTo(s, viewer)).orElseThrow(MastodonStandIn::notFound);
        return statusJson(status, request, false);
    }

    private SandboxResponse deleteStatus(SandboxRequest request, String id) {
        MastodonAccount account = requireAccount(request);
        Status status = store.find(id).filter(s -> s.accountId().equals(account.id()))
                .orElseThrow(MastodonStandIn::notFound);
        SandboxResponse answer = statusJson(status, request, true);
        store.delete(status);
        return answer;
    }

    private SandboxResponse editStatus(SandboxRequest request, String id) {
        MastodonAccount account = requireAccount(request);
        Status status = store.find(id).filter(s -> s.accountId().equals(account.id()))
                .orElseThrow(MastodonStandIn::notFound);
        String text = params(request).getOrDefault("status", "");
        if (text.isBlank() && status.mediaIds().isEmpty()) {
            throw new SandboxApiException(422, "Validation failed: Text can't be blank");
        }
        if (MastodonTextLength.of(text, urlWeight) + MastodonTextLength.of(status.spoilerText(), urlWeight) > maxCharacters) {
            throw new SandboxApiException(422,
                    "Validation failed: Text character limit of " + maxCharacters + " exceeded");
        }
        return statusJson(store.edit(status, text), request, false);
    }

    private SandboxResponse accountStatuses(SandboxRequest request, MastodonAccount account) {
        Optional<MastodonAccount> viewer = optionalAccount(request);
        int limit = Math.min(MAX_PAGE, Math.max(1, intParam(request, "limit", DEFAULT_PAGE)));
        long maxId = longParam(request, "max_id", Long.MAX_VALUE);
        long sinceId = longParam(request, "since_id", Long.MIN_VALUE);
        boolean excludeReplies = "true".equalsIgnoreCase(request.query().get("exclude_replies"));
        int count = statusesCount(account);
        List<Object> page = store.byAccount(account.id()).stream()
                .filter(s -> visibleTo(s, viewer))
                .filter(s -> Long.parseLong(s.id()) < maxId && Long.parseLong(s.id()) > sinceId)
                .filter(s -> !excludeReplies || s.inReplyToId() == null)
                .limit(limit)
                .map(s -> (Object) MastodonJson.status(s, account, count, store.replies(s.id()), request.baseUrl(),
                        false, mediaOf(s)))
                .toList();
        return SandboxResponse.json(200, page);
    }

    private SandboxResponse statusJson(Status status, SandboxRequest request, boolean withSource) {
        MastodonAccount owner = byId.get(status.accountId());
        return SandboxResponse.json(200, MastodonJson.status(status, owner, statusesCount(owner),
                store.replies(status.id()), request.baseUrl(), withSource, mediaOf(status)));
    }

    private List<MastodonEvent.Media> mediaOf(Status s) {
        return s.mediaIds().stream().flatMap(id -> store.media(id).stream()).toList();
    }

    private int statusesCount(MastodonAccount account) {
        return store.count(account.id());
    }

    private static boolean visibleTo(Status status, Optional<MastodonAccount> viewer) {
        return status.visibility().equals("public") || status.visibility().equals("unlisted")
                || viewer.map(v -> v.id().equals(status.accountId())).orElse(false);
    }

    private MastodonAccount account(String id) {
        return Optional.ofNullable(byId.get(id)).orElseThrow(MastodonStandIn::notFound);
    }

    private MastodonAccount requireAccount(SandboxRequest request) {
        return optionalAccount(request).orElseThrow(MastodonStandIn::invalidToken);
    }

    /** The caller, if a token came; a token that came but is wrong is refused even where none is needed. */
    private Optional<MastodonAccount> optionalAccount(SandboxRequest request) {
        if (request.header("Authorization").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(request.bearerToken().map(byToken::get).orElseThrow(MastodonStandIn::invalidToken));
    }

    /** The parameters of a request: its query, overlaid by a JSON or form body. */
    private static Map<String, String> params(SandboxRequest request) {
        Map<String, String> params = new LinkedHashMap<>(request.query());
        String type = request.mediaType();
        if (request.body().length == 0) {
            return params;
        }
        if (type.equals("application/json")) {
            JsonNode json = request.jsonBody();
            if (!json.isObject()) {
                throw new SandboxApiException(400, "Error occurred while parsing request parameters");
            }
            json.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                    params.put(f.getKey(), f.getValue().asText());
                }
            });
        } else if (type.equals("application/x-www-form-urlencoded")) {
            params.putAll(SandboxRequest.parseForm(request.bodyText()));
        } else {
            throw new SandboxApiException(415, "Unsupported media type: " + (type.isEmpty() ? "none" : type));
        }
        return params;
    }

    private static int intParam(SandboxRequest request, String name, int fallback) {
        return (int) Math.min(Integer.MAX_VALUE, longParam(request, name, fallback));
    }

    private static long longParam(SandboxRequest request, String name, long fallback) {
        String v = request.query().get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new SandboxApiException(422, "Validation failed: " + name + " is not a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static SandboxApiException notFound() {
        return new SandboxApiException(404, "Record not found");
    }

    private static SandboxApiException invalidToken() {
        return new SandboxApiException(401, "The access token is invalid");
    }
}
