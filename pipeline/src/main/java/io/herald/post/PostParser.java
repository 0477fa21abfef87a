package io.herald.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Parses and validates Post JSON version 1. Strict: an unknown field is refused (a misspelt
 * {@code publish_at} must not silently mean "now"), and every error names its field.
 */
public final class PostParser {

    /** The longest body accepted, in Unicode code points. */
    public static final int MAX_BODY = 10_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern TARGET = Pattern.compile("([a-z][a-z0-9-]{0,31}):([A-Za-z0-9._-]{1,64})");
    private static final Pattern HASHTAG = Pattern.compile("[\\p{L}\\p{N}_]{1,100}");
    /** Media a network can show: image, video or audio, as {@code type/subtype} without parameters. */
    private static final Pattern MIME_TYPE = Pattern.compile("(?i)(image|video|audio)/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    /**
     * Strict reading: a field given twice is refused (which of the two was approved?), and so is
     * anything after the post (a second object, or garbage), instead of being silently ignored.
     */
    private static final ObjectReader READER = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> FIELDS = Set.of("id", "revision", "body", "link", "hashtags", "media", "targets",
            "publishAt", "expiresAt", "overrides", "approval");
    private static final Set<String> MEDIA_FIELDS = Set.of("url", "altText", "mimeType", "showsFace", "consentRef");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("body", "link", "hashtags");
    private static final Set<String> APPROVAL_FIELDS = Set.of("approvedBy", "approvedAt", "signature", "acknowledged");

    private final Predicate<String> knownTarget;
    private final java.util.function.Supplier<String> knownTargetsHint;

    /**
     * @param knownTarget whether a {@code platform:account} target is configured
     * @param knownTargetsHint the configured targets, for the error message
     */
    public PostParser(Predicate<String> knownTarget, java.util.function.Supplier<String> knownTargetsHint) {
        this.knownTarget = knownTarget;
        this.knownTargetsHint = knownTargetsHint;
    }

    /** Parses raw bytes: not JSON, or not an object, is invalid too. */
    public Post parse(byte[] raw) throws InvalidPostException {
        return parse(readTree(raw));
    }

    /** The JSON tree of raw bytes, or an {@link InvalidPostException} saying why it is not JSON. */
    public static ObjectNode readTree(byte[] raw) throws InvalidPostException {
        if (raw == null) {
            throw new InvalidPostException(null, "empty record");
        }
        JsonNode node;
        try {
            node = READER.readTree(raw);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            if (m != null && m.startsWith("Duplicate field ")) {
                throw new InvalidPostException(null, "not valid JSON: the field " + abbreviate(m.substring(16)) + " is given twice");
            }
            if (m != null && m.startsWith("Trailing token")) {
                throw new InvalidPostException(null, "not valid JSON: there is more after the end of the post");
            }
            throw new InvalidPostException(null, "not valid JSON: " + oneLine(m, e));
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidPostException(null, "not valid JSON: " + oneLine(e.getMessage(), e));
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidPostException(null, "empty record");
        }
        if (!node.isObject()) {
            throw new InvalidPostException(null, "a post must be a JSON object, but was " + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    public Post parse(JsonNode n) throws InvalidPostException {
        onlyKnown(n, FIELDS, "");
        String id = requiredText(n, "id");
        if (!ID.matcher(id).matches()) {
            throw new InvalidPostException("id", "must match [A-Za-z0-9._-]{1,128}, but was '" + abbreviate(id) + "'");
        }
        int revision = 1;
        if (present(n, "revision")) {
            JsonNode r = n.get("revision");
            if (!r.isIntegralNumber() || !r.canConvertToInt() || r.intValue() < 1) {
                throw new InvalidPostException("revision", "must be a whole number of at least 1");
            }
            revision = r.intValue();
        }
        String body = requiredText(n, "body");
        checkBody("body", body);
        String link = optionalLink(n, "link");
        List<String> hashtags = hashtags(n.get("hashtags"), "hashtags");
        List<Post.MediaItem> media = media(n.get("media"));
        List<String> targets = targets(n.get("targets"));
        OffsetDateTime publishAt = instant(n, "publishAt");
        OffsetDateTime expiresAt = instant(n, "expiresAt");
        if (publishAt != null && expiresAt != null && !expiresAt.isAfter(publishAt)) {
            throw new InvalidPostException("expiresAt", "must be after publishAt");
        }
        Map<String, Post.Override> overrides = overrides(n.get("overrides"), targets);
        Post.Approval approval = approval(n.get("approval"));
        return new Post(id, revision, body, link, hashtags, media, targets, publishAt, expiresAt, overrides, approval);
    }

    private static void checkBody(String field, String body) throws InvalidPostException {
        if (invisible(body)) {
            throw new InvalidPostException(field, "must not be empty");
        }
        int length = body.codePointCount(0, body.length());
        if (length > MAX_BODY) {
            throw new InvalidPostException(field, "is " + length + " characters; the most is " + MAX_BODY);
        }
    }

    private List<String> targets(JsonNode t) throws InvalidPostException {
        if (t == null || t.isNull()) {
            throw new InvalidPostException("targets", "is required");
        }
        if (!t.isArray() || t.isEmpty()) {
            throw new InvalidPostException("targets", "must be a non-empty array of \"platform:account\"");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < t.size(); i++) {
            String field = "targets[" + i + "]";
            JsonNode e = t.get(i);
            if (!e.isTextual()) {
                throw new InvalidPostException(field, "must be a string \"platform:account\"");
            }
            String target = e.textValue();
            if (!TARGET.matcher(target).matches()) {
                throw new InvalidPostException(field, "must look like platform:account, but was '" + abbreviate(target) + "'");
            }
            if (!knownTarget.test(target)) {
                throw new InvalidPostException(field, "unknown account '" + target + "'; configured: " + knownTargetsHint.get());
            }
            if (!out.add(target)) {
                throw new InvalidPostException(field, "'" + target + "' is listed twice");
            }
        }
        return List.copyOf(out);
    }

    private static List<String> hashtags(JsonNode h, String field) throws InvalidPostException {
        if (h == null || h.isNull()) {
            return List.of();
        }
        if (!h.isArray()) {
            throw new InvalidPostException(field, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            JsonNode e = h.get(i);
            String f = field + "[" + i + "]";
            if (!e.isTextual()) {
                throw new InvalidPostException(f, "must be a string");
            }
            String tag = e.textValue().startsWith("#") ? e.textValue().substring(1) : e.textValue();
            if (!HASHTAG.matcher(tag).matches()) {
                throw new InvalidPostException(f, "must be letters, digits or _ (without spaces), but was '" + abbreviate(tag) + "'");
            }
            out.add(tag);
        }
        return List.copyOf(out);
    }

    private static List<Post.MediaItem> media(JsonNode m) throws InvalidPostException {
        if (m == null || m.isNull()) {
            return List.of();
        }
        if (!m.isArray()) {
            throw new InvalidPostException("media", "must be an array of objects");
        }
        List<Post.MediaItem> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            String f = "media[" + i + "]";
            JsonNode e = m.get(i);
            if (!e.isObject()) {
                throw new InvalidPostException(f, "must be an object with url, altText, mimeType");
            }
            onlyKnown(e, MEDIA_FIELDS, f + ".");
            String url = requiredText(e, "url", f + ".url");
            checkUrl(url, f + ".url");
            String alt = optionalText(e, "altText", f + ".altText");
            String mime = optionalText(e, "mimeType", f + ".mimeType");
            if (mime != null && !MIME_TYPE.matcher(mime).matches()) {
                // the compliance gate tells images by their type: a vague one must not slip past it
                throw new InvalidPostException(f + ".mimeType", "must be an image, video or audio type such as image/jpeg,"
                        + " but was '" + abbreviate(mime) + "'");
            }
            boolean face = false;
            if (present(e, "showsFace")) {
                if (!e.get("showsFace").isBoolean()) {
                    throw new InvalidPostException(f + ".showsFace", "must be true or false");
                }
                face = e.get("showsFace").booleanValue();
            }
            String consent = optionalText(e, "consentRef", f + ".consentRef");
            out.add(new Post.MediaItem(url, alt, mime, face, consent));
        }
        return List.copyOf(out);
    }

    private static Map<String, Post.Override> overrides(JsonNode o, List<String> targets) throws InvalidPostException {
        if (o == null || o.isNull()) {
            return Map.of();
        }
        if (!o.isObject()) {
            throw new InvalidPostException("overrides", "must be an object keyed by platform");
        }
        Set<String> platforms = new LinkedHashSet<>();
        targets.forEach(t -> platforms.add(Post.platformOf(t)));
        Map<String, Post.Override> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = "overrides." + abbreviate(e.getKey());
            if (!platforms.contains(e.getKey())) {
                throw new InvalidPostException(f, "no target is on platform '" + e.getKey() + "'; targets' platforms: "
                        + String.join(", ", platforms));
            }
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                throw new InvalidPostException(f, "must be an object with body, link or hashtags");
            }
            onlyKnown(v, OVERRIDE_FIELDS, f + ".");
            String body = optionalText(v, "body", f + ".body");
            if (body != null) {
                checkBody(f + ".body", body);
            }
            String link = optionalText(v, "link", f + ".link");
            if (link != null) {
                checkUrl(link, f + ".link");
            }
            List<String> tags = present(v, "hashtags") ? hashtags(v.get("hashtags"), f + ".hashtags") : null;
            out.put(e.getKey(), new Post.Override(body, link, tags));
        }
        return Map.copyOf(out);
    }

    private static Post.Approval approval(JsonNode a) throws InvalidPostException {
        if (a == null || a.isNull()) {
            return null;
        }
        if (!a.isObject()) {
            throw new InvalidPostException("approval", "must be an object with approvedBy, approvedAt and signature");
        }
        onlyKnown(a, APPROVAL_FIELDS, "approval.");
        String by = optionalText(a, "approvedBy", "approval.approvedBy");
        String at = optionalText(a, "approvedAt", "approval.approvedAt");
        if (at != null) {
            try {
                OffsetDateTime.parse(at);
            } catch (DateTimeParseException e) {
                throw new InvalidPostException("approval.approvedAt", "must be an ISO-8601 time with offset, e.g. 2026-11-25T14:00:00Z");
            }
        }
        String sig = optionalText(a, "signature", "approval.signature");
        Set<String> ack = new LinkedHashSet<>();
        JsonNode acks = a.get("acknowledged");
        if (acks != null && !acks.isNull()) {
            if (!acks.isArray()) {
                throw new InvalidPostException("approval.acknowledged", "must be an array of rule ids");
            }
            for (int i = 0; i < acks.size(); i++) {
                if (!acks.get(i).isTextual()) {
                    throw new InvalidPostException("approval.acknowledged[" + i + "]", "must be a string rule id");
                }
                ack.add(acks.get(i).textValue());
            }
        }
        return new Post.Approval(by, at, sig, Set.copyOf(ack));
    }

    private static OffsetDateTime instant(JsonNode n, String field) throws InvalidPostException {
        String v = optionalText(n, field, field);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidPostException(field, "must be an ISO-8601 time with an offset, e.g. 2026-11-26T09:00:00-05:00, but was '"
                    + abbreviate(v) + "'");
        }
    }

    private static String optionalLink(JsonNode n, String field) throws InvalidPostException {
        String v = optionalText(n, field, field);
        if (v != null) {
            checkUrl(v, field);
        }
        return v;
    }

    private static void checkUrl(String v, String field) throws InvalidPostException {
        try {
            URI u = new URI(v);
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null) {
                throw new InvalidPostException(field, "must be an http(s) URL, but was '" + abbreviate(v) + "'");
            }
        } catch (URISyntaxException e) {
            throw new InvalidPostException(field, "must be an http(s) URL, but was '" + abbreviate(v) + "'");
        }
    }

    private static void onlyKnown(JsonNode n, Set<String> known, String prefix) throws InvalidPostException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new InvalidPostException(prefix + abbreviate(name), "unknown field; expected one of " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    private static boolean present(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull();
    }

    private static String requiredText(JsonNode n, String field) throws InvalidPostException {
        return requiredText(n, field, field);
    }

    private static String requiredText(JsonNode n, String field, String path) throws InvalidPostException {
        if (!present(n, field)) {
            throw new InvalidPostException(path, "is required");
        }
        return optionalText(n, field, path);
    }

    private static String optionalText(JsonNode n, String field, String path) throws InvalidPostException {
        if (!present(n, field)) {
            return null;
        }
        JsonNode v = n.get(field);
        if (!v.isTextual()) {
            throw new InvalidPostException(path, "must be a string, but was " + v.getNodeType().name().toLowerCase());
        }
        return v.textValue();
    }

    private static String abbreviate(String s) {
        if (s.length() <= 60) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(56)) ? 56 : 57;
        return s.substring(0, end) + "...";
    }

    /** Blank, or only spaces and invisible characters (no-break spaces, zero-width spaces and joiners). */
    private static boolean invisible(String body) {
        return body.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    private static String oneLine(String message, Exception e) {
        String m = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        return m.replaceAll("\\s+", " ").trim();
    }
}
