package io.herald.connector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.connector.Account;
import io.herald.connector.AdaptException;
import io.herald.connector.Capabilities;
import io.herald.connector.Checkpoint;
import io.herald.connector.Connector;
import io.herald.connector.DeliveryKey;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorHttp;
import io.herald.connector.Media;
import io.herald.connector.PartReceipt;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishAttempt;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Delivers each post as a signed JSON webhook to a configured URL, for integrations (a CMS, an
 * intranet, a Slack bridge), signed as the Standard Webhooks specification says ({@link WebhookSigner}).
 *
 * <p><b>Payload.</b> {@code POST <baseUrl>} with {@code Content-Type: application/json}:
 * <pre>{@code
 * {"type": "herald.post.published", "timestamp": "<first attempt, ISO>",
 *  "data": {"postId", "revision", "target", "text", "hashtags": [...], "facets": [...],
 *           "link", "media": [{"url", "altText", "mimeType"}], "language"}}
 * }</pre>
 * The body is the same bytes on every attempt; {@code webhook-id} ({@code msg_} and 32 hex characters
 * derived from the delivery) is too, so a receiver recognises a repeat; {@code webhook-timestamp} and
 * {@code webhook-signature} are fresh on each attempt, as the spec says.
 *
 * <p><b>Answers.</b> 2xx delivered (the receipt's id: the {@code id} of a JSON answer, else the
 * {@code webhook-id}); 410 permanent; 429 and 5xx retried after {@code Retry-After}; see
 * {@link WebhookErrorClassifier}. A request without an answer in time is an unclear outcome: with
 * {@value WebhookConfig#DEDUPLICATES} Herald repeats it (same id), else a person decides.
 */
public final class WebhookConnector implements Connector {

    static final String PLATFORM = "webhook";
    /** The type of the event that tells the receiver a post is taken down. */
    static final String RETRACTED = "herald.post.retracted";
    /** The type of the event that tells the receiver a post is changed into a new revision (corrections policy edit). */
    static final String EDITED = "herald.post.edited";
    /** How long a receiver that de-duplicates is trusted to remember a {@code webhook-id}. */
    static final Duration KEY_WINDOW = Duration.ofHours(24);
    static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NOT_IN_HASHTAG = Pattern.compile("[^\\p{L}\\p{N}_]");

    private final ConnectorHttp http;

    public WebhookConnector(ConnectorContext context) {
        this.http = new ConnectorHttp(context, PLATFORM, new WebhookErrorClassifier(context.clock()));
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public Capabilities capabilities(Account account) {
        boolean deduplicates;
        try {
            deduplicates = WebhookConfig.from(account).deduplicates();
        } catch (IllegalArgumentException e) {
            deduplicates = false; // validate names the problem at start
        }
        return Capabilities.builder()
                .threads(Capabilities.Threads.none())
                .media(new Capabilities.MediaRules(20, MEDIA_TYPES, 0, 0, false, true))
                .links(Capabilities.LinkHandling.FIELD)
                .idempotency(Capabilities.Idempotency.keyed(KEY_WINDOW, deduplicates))
                .corrections(Capabilities.Corrections.deleteAndEdit("a signed " + RETRACTED + " event takes a post down at"
                        + " the receiver; a signed " + EDITED + " event carries a new revision in its place"))
                .build();
    }

    /** The body, then the hashtags (also as facets over UTF-8 bytes); the link apart, as a field. No limit. */
    @Override
    public PlatformPost adapt(PostContent content, Capabilities capabilities) {
        StringBuilder text = new StringBuilder(content.body().strip());
        Map<String, String> tags = new LinkedHashMap<>();
        for (String raw : content.hashtags()) {
            String tag = NOT_IN_HASHTAG.matcher(raw.strip().replaceFirst("^#+", "")).replaceAll("");
            if (!tag.isEmpty()) {
                tags.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
            }
        }
        List<PlatformPost.Facet> facets = new ArrayList<>();
        String lower = text.toString().toLowerCase(Locale.ROOT);
        List<String> missing = tags.entrySet().stream()
                .filter(e -> !Pattern.compile("#" + Pattern.quote(e.getKey()) + "(?![\\p{L}\\p{N}_])").matcher(lower).find())
                .map(Map.Entry::getValue).toList();
        if (!missing.isEmpty()) {
            text.append(text.length() == 0 ? "" : "\n\n");
            for (int i = 0; i < missing.size(); i++) {
                if (i > 0) {
                    text.append(' ');
                }
                int start = bytes(text);
                text.append('#').append(missing.get(i));
                facets.add(new PlatformPost.Facet("tag", start, bytes(text), missing.get(i)));
            }
        }
        String link = content.link() == null || content.link().isBlank() ? null : content.link().strip();
        if (text.length() == 0 && link == null && content.media().isEmpty()) {
            throw new AdaptException("nothing to send to the webhook: the body, link, hashtags and media are empty");
        }
        if (content.media().size() > capabilities.media().maxItems()) {
            throw new AdaptException("the webhook passes on at most " + capabilities.media().maxItems() + " media items, but the"
                    + " post has " + content.media().size());
        }
        String t = text.toString();
        PlatformPost.Part part = new PlatformPost.Part(t, Map.of("characters", t.codePointCount(0, t.length())), facets);
        return new PlatformPost(List.of(part), Map.of(), content.media(), link, null);
    }

    @Override
    public void validate(Account account) {
        WebhookConfig.validated(account);
    }

    @Override
    public Set<String> settingNames() {
        return WebhookConfig.SETTINGS;
    }

    @Override
    public Receipt publish(PublishAttempt attempt) throws PublishException {
        Optional<Receipt> done = Receipt.fromCheckpoints(attempt, 1);
        if (done.isPresent()) {
            return done.get();
        }
        WebhookConfig config = config(attempt.account());
        WebhookSigner signer = signer(attempt.account(), config);
        for (Media m : attempt.post().media()) {
            attempt.media().checkFetchable(m);
        }
        byte[] body = payload(attempt, config);
        String id = webhookId(attempt);
        HttpResponse<String> response = deliver(config, signer, id, body);
        PartReceipt receipt = PartReceipt.of(remoteId(response, id), response.headers().firstValue("Location").orElse(null));
        attempt.record(Checkpoint.posted(0, receipt));
        return Receipt.of(List.of(receipt));
    }

    /** Sends one signed event: fresh {@code webhook-timestamp} and signature, the same {@code webhook-id} on every attempt. */
    private HttpResponse<String> deliver(WebhookConfig config, WebhookSigner signer, String id, byte[] body)
            throws PublishException {
        long timestamp = http.context().clock().instant().getEpochSecond();
        HttpRequest request = http.request(config.url())
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.sign(id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Secret secret = config.secret();
        return http.send(request, secret);
    }

    private static WebhookConfig config(Account account) throws PublishException {
        try {
            return WebhookConfig.from(account);
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
    }

    private static WebhookSigner signer(Account account, WebhookConfig config) throws PublishException {
        try {
            return config.signer();
        } catch (IllegalArgumentException e) {
            throw PublishException.authentication("account " + account.target() + ": " + e.getMessage());
        }
    }

    /**
     * Tells the receiver the post is taken down: a signed {@value #RETRACTED} event, signed as a
     * publish event is, naming the post, its revision, target, the remote id the receiver answered
     * when it was delivered, and the reason the person gave:
     * <pre>{@code
     * {"type": "herald.post.retracted", "timestamp": "<this attempt, ISO>",
     *  "data": {"postId", "revision", "target", "remoteId", "reason"}}
     * }</pre>
     * Its {@code webhook-id} is derived from the delivery (not the publish event's), the same on every
     * attempt, so a receiver that de-duplicates acts on it once; one that answers it as a repeat
     * ({@code "duplicate": true}) had it already, which counts as done.
     */
    @Override
    public io.herald.connector.TakedownResult delete(io.herald.connector.Takedown takedown) throws PublishException {
        WebhookConfig config = config(takedown.account());
        WebhookSigner signer = signer(takedown.account(), config);
        DeliveryKey key = takedown.delivery();
        ObjectNode root = envelope(RETRACTED, http.context().clock().instant(), key);
        ObjectNode data = (ObjectNode) root.get("data");
        data.put("remoteId", takedown.published().remoteId());
        data.put("reason", takedown.reason() == null ? "" : takedown.reason());
        String id = eventId("retracted", key, takedown.part());
        HttpResponse<String> response = deliver(config, signer, id, root.toString().getBytes(StandardCharsets.UTF_8));
        if (duplicate(response)) {
            return io.herald.connector.TakedownResult.alreadyGone("the receiver had the retraction event " + id + " already");
        }
        return io.herald.connector.TakedownResult.deleted("the receiver acknowledged the retraction event " + id);
    }

    /**
     * Tells the receiver the post is changed into a new revision (the {@code edit} corrections policy):
     * a signed {@value #EDITED} event with the new revision's data, as a publish event carries it, and
     * {@code replaces}: the revision and remote id it takes the place of. The receipt keeps the remote
     * id of the post as first delivered, as an edit on a network keeps the post's id.
     */
    @Override
    public Receipt edit(io.herald.connector.Edit edit) throws PublishException {
        WebhookConfig config = config(edit.account());
        WebhookSigner signer = signer(edit.account(), config);
        PartReceipt published = edit.published().parts().get(0);
        ObjectNode root = body(EDITED, http.context().clock().instant(), edit.delivery(), edit.post());
        ObjectNode replaces = ((ObjectNode) root.get("data")).putObject("replaces");
        replaces.put("remoteId", published.remoteId());
        String id = eventId("edited", edit.delivery(), 0);
        deliver(config, signer, id, root.toString().getBytes(StandardCharsets.UTF_8));
        return Receipt.of(List.of(published)).withNote("the receiver acknowledged the edit event " + id);
    }

    /** {@code msg_} and 32 hex characters for a correction event of {@code key}: the same on every attempt. */
    static String eventId(String kind, DeliveryKey key, int part) {
        return "msg_" + new DeliveryKey(key.postId() + "#" + kind, key.revision(), key.target()).idempotencyKey(part, 32);
    }

    private static boolean duplicate(HttpResponse<String> response) {
        String body = response.body();
        if (body == null || !body.strip().startsWith("{")) {
            return false;
        }
        try {
            return JSON.readTree(body).path("duplicate").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code msg_} and 32 hex characters derived from the delivery: the same on every attempt and after a restart. */
    static String webhookId(PublishAttempt attempt) {
        return "msg_" + attempt.delivery().idempotencyKey(0, 32);
    }

    /** The JSON body: the same bytes for every attempt of a delivery. */
    static byte[] payload(PublishAttempt attempt, WebhookConfig config) {
        return body(config.eventType(), attempt.firstAttemptAt(), attempt.delivery(), attempt.post()).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An event of {@code type} about the delivery {@code key}: type, timestamp and the delivery in {@code data}. */
    private static ObjectNode envelope(String type, java.time.Instant timestamp, DeliveryKey key) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", type);
        root.put("timestamp", timestamp.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        ObjectNode data = root.putObject("data");
        data.put("postId", key.postId());
        data.put("revision", key.revision());
        data.put("target", key.target());
        return root;
    }

    private static ObjectNode body(String type, java.time.Instant timestamp, DeliveryKey key, PlatformPost post) {
        PlatformPost.Part part = post.parts().get(0);
        ObjectNode root = envelope(type, timestamp, key);
        ObjectNode data = (ObjectNode) root.get("data");
        data.put("text", part.text());
        ArrayNode hashtags = data.putArray("hashtags");
        ArrayNode facets = data.putArray("facets");
        for (PlatformPost.Facet f : part.facets()) {
            if (f.type().equals("tag")) {
                hashtags.add(f.value());
            }
            ObjectNode fj = facets.addObject();
            fj.put("type", f.type());
            fj.put("byteStart", f.byteStart());
            fj.put("byteEnd", f.byteEnd());
            fj.put("value", f.value());
        }
        if (post.link() != null) {
            data.put("link", post.link());
        } else {
            data.putNull("link");
        }
        ArrayNode media = data.putArray("media");
        for (Media m : post.media()) {
            ObjectNode mj = media.addObject();
            mj.put("url", m.url());
            mj.put("altText", m.altText());
            mj.put("mimeType", m.mimeType());
        }
        if (post.language() != null) {
            data.put("language", post.language());
        }
        return root;
    }

    private static String remoteId(HttpResponse<String> response, String webhookId) {
        String body = response.body();
        if (body != null && body.strip().startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(body);
                if (json.path("id").isTextual() && !json.path("id").asText().isBlank()) {
                    return json.path("id").asText();
                }
            } catch (IOException e) {
                // a receiver may answer anything: the delivery's own id stands for it
            }
        }
        return webhookId;
    }

    private static int bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
