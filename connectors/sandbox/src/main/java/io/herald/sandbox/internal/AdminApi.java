package io.herald.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.SandboxFault;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxRequest;
import io.herald.sandbox.standin.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The sandbox's own endpoints under {@code /_sandbox}, which no real network has:
 * <ul>
 *   <li>{@code GET /_sandbox/health}: {@code {"status":"UP","platforms":[...]}}</li>
 *   <li>{@code GET /_sandbox/posts[?target=mastodon:demo]}: a JSON array of
 *       {@code {"target","remoteId","text","replyTo","createdAt"}}, oldest first</li>
 *   <li>{@code POST /_sandbox/faults} with a {@link SandboxFault} as JSON: queue a fault</li>
 *   <li>{@code GET /_sandbox/faults}: the faults still waiting; {@code DELETE /_sandbox/faults}: drop them</li>
 * </ul>
 */
public final class AdminApi {

    /** The path prefix of the admin endpoints. */
    public static final String PREFIX = "/_sandbox";

    private final Function<String, List<SandboxPost>> posts;
    private final FaultInjector faults;
    private final Map<String, io.herald.sandbox.standin.StandIn> standIns;
    private final Set<String> platforms;

    public AdminApi(Function<String, List<SandboxPost>> posts, FaultInjector faults,
            Map<String, io.herald.sandbox.standin.StandIn> standIns) {
        this.posts = posts;
        this.faults = faults;
        this.standIns = standIns;
        this.platforms = standIns.keySet();
    }

    /** Answers a request whose path is relative to {@link #PREFIX}. */
    public SandboxResponse handle(SandboxRequest request) {
        String route = request.method() + " " + request.path();
        if (request.path().startsWith("/settings/")) {
            return settings(request, request.path().substring("/settings/".length()));
        }
        switch (route) {
            case "GET /health":
                return SandboxResponse.json(200, Map.of("status", "UP", "platforms", platforms));
            case "GET /posts":
                return SandboxResponse.json(200, posts.apply(request.query().get("target")).stream()
                        .map(AdminApi::postJson).toList());
            case "GET /faults":
                return SandboxResponse.json(200, faults.pending());
            case "POST /faults":
                SandboxFault fault = readFault(request.jsonBody());
                if (!platforms.contains(fault.platform())) {
                    return SandboxResponse.error(422, "unknown platform '" + fault.platform() + "'; available: "
                            + String.join(", ", platforms));
                }
                faults.inject(fault);
                return SandboxResponse.json(201, fault);
            case "DELETE /faults":
                faults.clear();
                return SandboxResponse.noContent();
            default:
                return SandboxResponse.error(404, "no sandbox endpoint " + route);
        }
    }

    /** {@code GET /settings/<platform>} shows a stand-in's settings, {@code PUT} changes some of them. */
    private SandboxResponse settings(SandboxRequest request, String platform) {
        io.herald.sandbox.standin.StandIn standIn = standIns.get(platform);
        if (standIn == null) {
            return SandboxResponse.error(404, "unknown platform '" + platform + "'; available: " + String.join(", ", platforms));
        }
        if (request.method().equals("PUT")) {
            JsonNode json = request.jsonBody();
            if (!json.isObject()) {
                return SandboxResponse.error(422, "settings are a JSON object of names to values");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            json.fields().forEachRemaining(f -> settings.put(f.getKey(), f.getValue().asText()));
            standIn.configure(settings);
        } else if (!request.method().equals("GET")) {
            return SandboxResponse.error(405, "settings take GET or PUT");
        }
        return SandboxResponse.json(200, standIn.settings());
    }

    private static SandboxFault readFault(JsonNode json) {
        try {
            return JsonMapper.MAPPER.treeToValue(json, SandboxFault.class);
        } catch (Exception e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new SandboxApiException(422, "invalid fault: " + cause.getMessage());
        }
    }

    private static Map<String, Object> postJson(SandboxPost post) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", post.target());
        json.put("remoteId", post.remoteId());
        json.put("text", post.text());
        json.put("replyTo", post.replyTo());
        json.put("createdAt", post.createdAt().toString());
        if (!post.state().equals(SandboxPost.PUBLISHED)) {
            json.put("state", post.state()); // edited or deleted: what a retraction or a correction did
        }
        return json;
    }
}
