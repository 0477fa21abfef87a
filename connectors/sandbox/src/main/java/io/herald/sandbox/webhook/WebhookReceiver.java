package io.herald.sandbox.webhook;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A receiver of signed webhooks, as an integration (a CMS, a Slack bridge) would run it, mounted at
 * {@code /webhook}: {@code POST} to any path below it is a delivery, verified as the Standard Webhooks
 * spec says ({@link StandardWebhookVerifier}, the secret {@link SandboxAccounts#WEBHOOK_DEMO_SECRET}):
 * a missing header, a timestamp outside {@code toleranceSeconds} (300) or a signature that does not
 * match is refused with 401 and recorded nowhere; a body that is not JSON is 400. An accepted delivery
 * is kept by its {@code webhook-id} and answered {@code 200 {"id": "<webhook-id>"}}; a repeat of an
 * id already kept is answered the same and kept once (setting {@code deduplicate}, true), as the spec
 * asks receivers to do. {@code GET} lists what was received. A {@code herald.post.retracted} or
 * {@code herald.post.edited} event is verified and kept the same way and shown by
 * {@code herald sandbox posts} as the named post deleted or edited. State: {@code webhook.jsonl}.
 */
public final class WebhookReceiver implements StandIn {

    public static final String PLATFORM = "webhook";
    /** The event that takes a delivered post down. */
    public static final String RETRACTED = "herald.post.retracted";
    /** The event that changes a delivered post into a new revision. */
    public static final String EDITED = "herald.post.edited";
    private static final Set<String> SETTINGS = Set.of("toleranceSeconds", "deduplicate");

    private final Journal<WebhookEvent> journal;
    private final Clock clock;
    private final List<WebhookEvent> received = new ArrayList<>();
    private volatile long toleranceSeconds = 300;
    private volatile boolean deduplicate = true;

    public WebhookReceiver(StandInContext context) {
        this.journal = context.journal(PLATFORM, WebhookEvent.class);
        this.clock = context.clock();
        received.addAll(journal.replay());
        journal.rewrite(received);
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public synchronized SandboxResponse handle(SandboxRequest r) {
        if (r.method().equals("GET")) {
            List<Object> out = new ArrayList<>();
            for (WebhookEvent e : received) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("webhookId", e.webhookId());
                row.put("timestamp", e.timestamp());
                row.put("receivedAt", e.receivedAt().toString());
                row.put("body", parse(e.body()));
                out.add(row);
            }
            return SandboxResponse.json(200, Map.of("deliveries", out));
        }
        if (!r.method().equals("POST")) {
            return SandboxResponse.error(405, "the receiver takes POST (a delivery) or GET (what was received)");
        }
        String id = r.header("webhook-id").orElse(null);
        try {
            new StandardWebhookVerifier(SandboxAccounts.WEBHOOK_DEMO_SECRET, Duration.ofSeconds(toleranceSeconds))
                    .verify(id, r.header("webhook-timestamp").orElse(null), r.header("webhook-signature").orElse(null), r.body(),
                            clock.instant());
        } catch (StandardWebhookVerifier.Refused e) {
            return SandboxResponse.error(401, "signature verification failed: " + e.getMessage());
        }
        JsonNode body = parse(r.bodyText());
        if (body == null || !body.isObject()) {
            return SandboxResponse.error(400, "the body must be a JSON object");
        }
        if (deduplicate && received.stream().anyMatch(e -> e.webhookId().equals(id))) {
            return SandboxResponse.json(200, Map.of("id", id, "duplicate", true));
        }
        WebhookEvent event = new WebhookEvent(id, Long.parseLong(r.header("webhook-timestamp").orElseThrow().strip()),
                r.bodyText(), clock.instant());
        journal.append(event);
        received.add(event);
        return SandboxResponse.json(200, Map.of("id", id));
    }

    /**
     * What an integration would show: each delivered post by its {@code webhook-id}; a
     * {@code herald.post.retracted} event marks the post it names ({@code data.remoteId}) deleted, a
     * {@code herald.post.edited} event changes the text of the one it replaces ({@code
     * data.replaces.remoteId}) and marks it edited. The events themselves are not posts.
     */
    @Override
    public synchronized List<SandboxPost> posts() {
        Map<String, SandboxPost> out = new LinkedHashMap<>();
        for (WebhookEvent e : received) {
            JsonNode root = parse(e.body()) == null ? JsonMapper.MAPPER.createObjectNode() : parse(e.body());
            JsonNode data = root.path("data");
            String type = root.path("type").asText("");
            if (type.equals(RETRACTED)) {
                out.computeIfPresent(data.path("remoteId").asText(""), (id, p) -> with(p, p.text(), SandboxPost.DELETED));
                continue;
            }
            if (type.equals(EDITED)) {
                out.computeIfPresent(data.path("replaces").path("remoteId").asText(""), (id, p) -> p.state().equals(SandboxPost.DELETED)
                        ? p : with(p, data.path("text").asText(""), SandboxPost.EDITED));
                continue;
            }
            List<SandboxPost.SandboxMedia> media = new ArrayList<>();
            for (JsonNode m : data.path("media")) {
                media.add(new SandboxPost.SandboxMedia(m.path("altText").isTextual() ? m.path("altText").asText() : null,
                        m.path("mimeType").isTextual() ? m.path("mimeType").asText() : null, 0, m.path("url").asText(null)));
            }
            out.put(e.webhookId(), new SandboxPost(PLATFORM + ":" + SandboxAccounts.DEMO, e.webhookId(), data.path("text").asText(""),
                    null, e.receivedAt(), media, SandboxPost.PUBLISHED));
        }
        return new ArrayList<>(out.values());
    }

    private static SandboxPost with(SandboxPost p, String text, String state) {
        return new SandboxPost(p.target(), p.remoteId(), text, p.replyTo(), p.createdAt(), p.media(), state);
    }

    @Override
    public synchronized void configure(Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            switch (e.getKey()) {
                case "toleranceSeconds" -> {
                    try {
                        toleranceSeconds = Long.parseLong(v);
                    } catch (NumberFormatException ex) {
                        throw new SandboxApiException(422, "toleranceSeconds must be a whole number, but was '" + v + "'");
                    }
                }
                case "deduplicate" -> {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new SandboxApiException(422, "deduplicate must be true or false, but was '" + v + "'");
                    }
                    deduplicate = v.equals("true");
                }
                default -> throw new SandboxApiException(422, "unknown setting '" + e.getKey() + "'; the webhook receiver has "
                        + String.join(", ", new TreeSet<>(SETTINGS)));
            }
        }
    }

    @Override
    public synchronized Map<String, String> settings() {
        return Map.of("toleranceSeconds", Long.toString(toleranceSeconds), "deduplicate", Boolean.toString(deduplicate));
    }

    private static JsonNode parse(String body) {
        try {
            return JsonMapper.MAPPER.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }
}
