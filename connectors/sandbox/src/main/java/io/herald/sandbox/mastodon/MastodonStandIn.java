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
 *   <li>{@code GET} and {@code DELETE /api/v1/statuses/:id}</li>
 *   <li>{@code GET /api/v1/accounts/:id}, {@code GET /api/v1/accounts/:id/statuses} (newest first;
 *       {@code limit}, {@code max_id}, {@code since_id}, {@code exclude_replies})</li>
 *   <li>{@code GET /api/v1/accounts/verify_credentials}, {@code GET /api/v1/instance}</li>
 * </ul>
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
        return store.all().stream()
                .map(s -> new SandboxPost(PLATFORM + ":" + byId.get(s.accountId()).username(), s.id(), s.text(),
                        s.inReplyToId(), s.createdAt()))
                .toList();
    }

    private SandboxResponse route(SandboxRequest request) {
        List<String> seg = request.segments();
        String method = request.method();
        if (seg.size() < 3 || !seg.get(0).equals("api") || !seg.get(1).equals("v1")) {
            throw notFound();
        }
        String resource = seg.get(2);
        if (resource.equals("statuses") && seg.size() == 3 && method.equals("POST")) {
            return createStatus(request, requireAccount(request));
        }
        if (resource.equals("statuses") && seg.size() == 4 && method.equals("GET")) {
            return showStatus(request, seg.get(3));
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
        if (resource.equals("instance") && seg.size() == 3 && method.equals("GET")) {
            return SandboxResponse.json(200, MastodonJson.instance(request.baseUrl()));
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
        Optional<String> key = request.header("Idempotency-Key").map(String::strip).filter(k -> !k.isEmpty());
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
        if (MastodonTextLength.of(text) + MastodonTextLength.of(spoiler) > MAX_CHARACTERS) {
            throw new SandboxApiException(422,
                    "Validation failed: Text character limit of " + MAX_CHARACTERS + " exceeded");
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
                language == null ? null : language.toLowerCase(java.util.Locale.ROOT), inReplyTo, key.orElse(null));
        return statusJson(status, request, false);
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
                        false))
                .toList();
        return SandboxResponse.json(200, page);
    }

    private SandboxResponse statusJson(Status status, SandboxRequest request, boolean withSource) {
        MastodonAccount owner = byId.get(status.accountId());
        return SandboxResponse.json(200, MastodonJson.status(status, owner, statusesCount(owner),
                store.replies(status.id()), request.baseUrl(), withSource));
    }

    private int statusesCount(MastodonAccount account) {
        return store.byAccount(account.id()).size();
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
