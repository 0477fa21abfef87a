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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Parses and validates Post JSON version 1: the one parser of the pipeline and of every client
 * command ({@code submit}, {@code preview}, {@code approve}, {@code check}). Strict: an unknown
 * field is refused (a misspelt {@code publish_at} must not silently mean "now"), and so are a
 * field given twice and text after the post.
 *
 * <p>Every refusal is an {@link InvalidPostException} in Herald's own words: the field's path,
 * what is wrong and, when the record's bytes are at hand, the line and column. No message quotes
 * the record: not a value, not an unknown field's name, not the token a JSON parser stumbled on.
 */
public final class PostParser {

    /** The longest body accepted, in Unicode code points. */
    public static final int MAX_BODY = 10_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern TARGET = Pattern.compile("([a-z][a-z0-9-]{0,31}):([A-Za-z0-9._-]{1,64})");
    private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9-]{0,31}");
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
            "publishAt", "expiresAt", "overrides", "approval", "queue", "zone", "repeat");
    private static final Set<String> REPEAT_FIELDS = Set.of("every", "until", "count");
    /**
     * The shortest {@code repeat.every} a post may ask for: one hour, unless the system property
     * {@code herald.repeat.minEvery} (an ISO-8601 duration) says otherwise (tests and demos repeat
     * every few seconds).
     */
    static Duration minEvery() {
        String v = System.getProperty("herald.repeat.minEvery");
        if (v != null) {
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                // a bad setting keeps the safe default
            }
        }
        return Duration.ofHours(1);
    }
    private static final Set<String> MEDIA_FIELDS = Set.of("url", "altText", "mimeType", "showsFace", "consentRef");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("body", "link", "hashtags");
    private static final Set<String> APPROVAL_FIELDS = Set.of("approvedBy", "approvedAt", "signature", "acknowledged");
    /** Names a message may say: Herald's own field names, never one taken from the record. */
    private static final Set<String> KNOWN_NAMES = union(FIELDS, MEDIA_FIELDS, OVERRIDE_FIELDS, APPROVAL_FIELDS, REPEAT_FIELDS);

    private final Predicate<String> knownTarget;
    private final Supplier<String> knownTargetsHint;
    private final boolean contentOnly;

    /**
     * @param knownTarget whether a {@code platform:account} target is configured
     * @param knownTargetsHint the configured targets, for the error message
     */
    public PostParser(Predicate<String> knownTarget, Supplier<String> knownTargetsHint) {
        this(knownTarget, knownTargetsHint, false);
    }

    private PostParser(Predicate<String> knownTarget, Supplier<String> knownTargetsHint, boolean contentOnly) {
        this.knownTarget = knownTarget;
        this.knownTargetsHint = knownTargetsHint;
        this.contentOnly = contentOnly;
    }

    /**
     * The same parser for content checks ({@code herald check}): {@code id} and {@code targets}
     * may be absent (then {@link Post#id()} is null and {@link Post#targets()} empty), and targets
     * are not looked up among the configured accounts; whatever else is present is checked exactly
     * as for a post to publish.
     */
    public PostParser contentOnly() {
        return new PostParser(t -> true, knownTargetsHint, true);
    }

    /** Parses raw bytes: not UTF-8, not JSON, or not an object is invalid too. */
    public Post parse(byte[] raw) throws InvalidPostException {
        String text = text(raw);
        return parse(tree(text), text);
    }

    /**
     * Parses a tree read from {@code raw} by {@link #readTree}; errors carry the line and column
     * in {@code raw}.
     */
    public Post parse(ObjectNode tree, byte[] raw) throws InvalidPostException {
        String text;
        try {
            text = text(raw);
        } catch (InvalidPostException e) {
            text = null;
        }
        return parse(tree, text);
    }

    /** Parses a tree; errors name the field, without a line and column. */
    public Post parse(JsonNode n) throws InvalidPostException {
        return parse(n, (String) null);
    }

    /** The JSON tree of raw bytes, or an {@link InvalidPostException} saying why it is not one. */
    public static ObjectNode readTree(byte[] raw) throws InvalidPostException {
        return tree(text(raw));
    }

    private static String text(byte[] raw) throws InvalidPostException {
        if (raw == null) {
            throw new InvalidPostException(null, "empty record");
        }
        String text = JsonProblems.utf8(raw);
        if (text.isBlank()) {
            throw new InvalidPostException(null, "empty record");
        }
        return text;
    }

    private static ObjectNode tree(String text) throws InvalidPostException {
        JsonNode node;
        try {
            node = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw JsonProblems.syntax(e, KNOWN_NAMES);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidPostException(null, "empty record");
        }
        if (!node.isObject()) {
            throw new InvalidPostException(null, "a post must be a JSON object, but is " + JsonProblems.kind(node));
        }
        return (ObjectNode) node;
    }

    private Post parse(JsonNode n, String text) throws InvalidPostException {
        try {
            return read(n);
        } catch (Refusal r) {
            InvalidPostException e = new InvalidPostException(r.field == null ? null : r.field.display(), r.problem);
            int[] at = text == null || r.locate == null ? null : JsonProblems.locate(text, r.locate.segments, r.name);
            throw at == null ? e : e.at(at[0], at[1]);
        }
    }

    private Post read(JsonNode n) throws Refusal {
        if (n == null || !n.isObject()) {
            throw new Refusal(null, "a post must be a JSON object, but is " + (n == null ? "null" : JsonProblems.kind(n)));
        }
        FieldPath top = FieldPath.ROOT;
        onlyKnown(n, FIELDS, top);
        String id = contentOnly ? optionalText(n, top.field("id")) : requiredText(n, top.field("id"));
        if (id != null && !ID.matcher(id).matches()) {
            throw new Refusal(top.field("id"), "must be 1 to 128 letters, digits, '.', '_' or '-' ([A-Za-z0-9._-]{1,128})");
        }
        int revision = 1;
        if (present(n, "revision")) {
            JsonNode r = n.get("revision");
            if (!r.isIntegralNumber() || !r.canConvertToInt() || r.intValue() < 1) {
                throw new Refusal(top.field("revision"), "must be a whole number of at least 1");
            }
            revision = r.intValue();
        }
        String body = requiredText(n, top.field("body"));
        checkBody(top.field("body"), body);
        String link = optionalLink(n, top.field("link"));
        List<String> hashtags = hashtags(n.get("hashtags"), top.field("hashtags"));
        List<Post.MediaItem> media = media(n.get("media"), top.field("media"));
        List<String> targets = targets(n.get("targets"), top.field("targets"));
        java.time.ZoneId zone = zone(n, top.field("zone"));
        OffsetDateTime publishAt = instant(n, top.field("publishAt"), zone);
        OffsetDateTime expiresAt = instant(n, top.field("expiresAt"), zone);
        boolean queue = false;
        if (present(n, "queue")) {
            if (!n.get("queue").isBoolean()) {
                throw new Refusal(top.field("queue"), "must be true or false, but is " + JsonProblems.kind(n.get("queue")));
            }
            queue = n.get("queue").booleanValue();
        }
        if (publishAt != null && expiresAt != null && !expiresAt.isAfter(publishAt)) {
            throw new Refusal(top.field("expiresAt"), "must be after publishAt");
        }
        Post.Repeat repeat = repeat(n, top.field("repeat"), zone, publishAt);
        if (repeat != null && queue) {
            throw new Refusal(top.field("repeat"), "cannot be combined with queue: true (a queued post takes one posting slot;"
                    + " give a recurring post its publishAt instead)");
        }
        Map<String, Post.Override> overrides = overrides(n.get("overrides"), targets, top.field("overrides"));
        Post.Approval approval = approval(n.get("approval"), top.field("approval"));
        return new Post(id, revision, body, link, hashtags, media, targets, publishAt, expiresAt, overrides, approval, queue, zone,
                repeat);
    }

    /**
     * {@code "repeat": {"every": "P7D", "until": ...}} or {@code {"every": "PT12H", "count": 10}}: one of
     * until and count, a period of at least {@link #minEvery()}, at most {@link Recurrence#MAX_COUNT}
     * occurrences, an until after publishAt.
     */
    private static Post.Repeat repeat(JsonNode n, FieldPath field, java.time.ZoneId zone, OffsetDateTime publishAt)
            throws Refusal {
        if (!present(n, "repeat")) {
            return null;
        }
        JsonNode r = n.get("repeat");
        if (!r.isObject()) {
            throw new Refusal(field, "must be an object such as {\"every\": \"P7D\", \"count\": 4}, but is " + JsonProblems.kind(r));
        }
        onlyKnown(r, REPEAT_FIELDS, field);
        String every = requiredText(r, field.field("every"));
        Duration shortest;
        try {
            shortest = Recurrence.shortest(every);
        } catch (IllegalArgumentException e) {
            throw new Refusal(field.field("every"), e.getMessage());
        }
        Duration min = minEvery();
        if (shortest.compareTo(min) < 0) {
            throw new Refusal(field.field("every"), "must be at least " + min + " (so a repeat never floods an account), but is "
                    + every);
        }
        boolean hasUntil = present(r, "until");
        boolean hasCount = present(r, "count");
        if (hasUntil && hasCount) {
            throw new Refusal(field.field("count"), "cannot be given with repeat.until; end the repeat with one of them");
        }
        if (!hasUntil && !hasCount) {
            throw new Refusal(field.field("until"), "or repeat.count is required: a repeat must end (a time, or a number of"
                    + " occurrences)");
        }
        Integer count = null;
        if (hasCount) {
            JsonNode c = r.get("count");
            if (!c.isIntegralNumber() || !c.canConvertToInt() || c.intValue() < 1 || c.intValue() > Recurrence.MAX_COUNT) {
                throw new Refusal(field.field("count"), "must be a whole number from 1 to " + Recurrence.MAX_COUNT
                        + " (occurrences in all, the first included)");
            }
            count = c.intValue();
        }
        OffsetDateTime until = hasUntil ? instant(r, field.field("until"), zone) : null;
        if (until != null && publishAt != null && until.isBefore(publishAt)) {
            throw new Refusal(field.field("until"), "must not be before publishAt");
        }
        return new Post.Repeat(every, until, count);
    }

    /** A region time zone such as America/New_York (not a bare offset: offsets do not follow daylight saving). */
    private static java.time.ZoneId zone(JsonNode n, FieldPath field) throws Refusal {
        String v = optionalText(n, field);
        if (v == null) {
            return null;
        }
        try {
            java.time.ZoneId z = java.time.ZoneId.of(v);
            if (z instanceof java.time.ZoneOffset) {
                throw new Refusal(field, "must be a region such as America/New_York, not an offset (an offset does not follow"
                        + " daylight saving time); write the offset in publishAt instead");
            }
            return z;
        } catch (java.time.DateTimeException e) {
            throw new Refusal(field, "is not a time zone; write a region such as America/New_York or Europe/London");
        }
    }

    /**
     * A time with an offset, or, when the post names a {@code zone}, a local wall time in it. A wall
     * time that does not exist (in the gap when clocks go forward, 02:30 on such a night) is moved
     * forward by the length of the gap (03:30); one that exists twice (in the overlap when clocks go
     * back, 01:30) is the earlier of the two (still on summer time).
     */
    private static OffsetDateTime instant(JsonNode n, FieldPath field, java.time.ZoneId zone) throws Refusal {
        if (zone == null) {
            return instant(n, field);
        }
        String v = optionalText(n, field);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return java.time.LocalDateTime.parse(v).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw new Refusal(field, "must be a local time in " + zone.getId() + " such as 2026-03-08T09:00,"
                        + " or a time with an offset such as 2026-03-08T09:00:00-05:00");
            }
        }
    }

    private static void checkBody(FieldPath field, String body) throws Refusal {
        if (invisible(body)) {
            throw new Refusal(field, "must not be empty");
        }
        int length = body.codePointCount(0, body.length());
        if (length > MAX_BODY) {
            throw new Refusal(field, "is " + length + " characters; the most is " + MAX_BODY);
        }
    }

    private List<String> targets(JsonNode t, FieldPath field) throws Refusal {
        if (t == null || t.isNull()) {
            if (contentOnly) {
                return List.of();
            }
            throw new Refusal(field, "is required");
        }
        if (!t.isArray() || t.isEmpty()) {
            throw new Refusal(field, "must be a non-empty array of \"platform:account\" strings, such as [\"mastodon:riverside\"],"
                    + " but is " + (t.isArray() ? "empty" : JsonProblems.kind(t)));
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            FieldPath f = field.index(i);
            JsonNode e = t.get(i);
            if (!e.isTextual()) {
                throw new Refusal(f, "must be a string \"platform:account\", but is " + JsonProblems.kind(e));
            }
            String target = e.textValue();
            if (!TARGET.matcher(target).matches()) {
                throw new Refusal(f, "must look like platform:account, such as mastodon:riverside");
            }
            if (!knownTarget.test(target)) {
                throw new Refusal(f, "is not a configured account; configured: " + knownTargetsHint.get());
            }
            Integer first = seen.putIfAbsent(target, i);
            if (first != null) {
                throw new Refusal(f, "is listed twice (also " + field.index(first).display() + ")");
            }
        }
        return List.copyOf(seen.keySet());
    }

    private static List<String> hashtags(JsonNode h, FieldPath field) throws Refusal {
        if (h == null || h.isNull()) {
            return List.of();
        }
        if (!h.isArray()) {
            throw new Refusal(field, "must be an array of strings, but is " + JsonProblems.kind(h));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            JsonNode e = h.get(i);
            FieldPath f = field.index(i);
            if (!e.isTextual()) {
                throw new Refusal(f, "must be a string, but is " + JsonProblems.kind(e));
            }
            String tag = e.textValue().startsWith("#") ? e.textValue().substring(1) : e.textValue();
            if (!HASHTAG.matcher(tag).matches()) {
                throw new Refusal(f, "must be 1 to 100 letters, digits or _ without spaces (a leading # is allowed)");
            }
            out.add(tag);
        }
        return List.copyOf(out);
    }

    private static List<Post.MediaItem> media(JsonNode m, FieldPath field) throws Refusal {
        if (m == null || m.isNull()) {
            return List.of();
        }
        if (!m.isArray()) {
            throw new Refusal(field, "must be an array of objects with url, altText, mimeType, but is " + JsonProblems.kind(m));
        }
        List<Post.MediaItem> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            FieldPath f = field.index(i);
            JsonNode e = m.get(i);
            if (!e.isObject()) {
                throw new Refusal(f, "must be an object with url, altText, mimeType, but is " + JsonProblems.kind(e));
            }
            onlyKnown(e, MEDIA_FIELDS, f);
            String url = requiredText(e, f.field("url"));
            checkUrl(url, f.field("url"));
            String alt = optionalText(e, f.field("altText"));
            String mime = optionalText(e, f.field("mimeType"));
            if (mime != null && !MIME_TYPE.matcher(mime).matches()) {
                // the compliance gate tells images by their type: a vague one must not slip past it
                throw new Refusal(f.field("mimeType"), "must be an image, video or audio type such as image/jpeg");
            }
            boolean face = false;
            if (present(e, "showsFace")) {
                if (!e.get("showsFace").isBoolean()) {
                    throw new Refusal(f.field("showsFace"), "must be true or false");
                }
                face = e.get("showsFace").booleanValue();
            }
            String consent = optionalText(e, f.field("consentRef"));
            out.add(new Post.MediaItem(url, alt, mime, face, consent));
        }
        return List.copyOf(out);
    }

    private Map<String, Post.Override> overrides(JsonNode o, List<String> targets, FieldPath field) throws Refusal {
        if (o == null || o.isNull()) {
            return Map.of();
        }
        if (!o.isObject()) {
            throw new Refusal(field, "must be an object keyed by platform, such as {\"x\": {\"body\": \"...\"}}, but is "
                    + JsonProblems.kind(o));
        }
        Set<String> platforms = new LinkedHashSet<>();
        targets.forEach(t -> platforms.add(Post.platformOf(t)));
        Map<String, Post.Override> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            // a key is named only once it is known to be a platform of the post: then it is Herald's word
            boolean platform = contentOnly && targets.isEmpty() ? PLATFORM.matcher(key).matches() : platforms.contains(key);
            if (!platform) {
                throw new Refusal(field, field.field(key), true, contentOnly && targets.isEmpty()
                        ? "a key is not a platform name (lower-case letters, digits and -)"
                        : "a key is not the platform of any target; targets' platforms: " + String.join(", ", platforms));
            }
            FieldPath f = field.field(key);
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                throw new Refusal(f, "must be an object with body, link or hashtags, but is " + JsonProblems.kind(v));
            }
            onlyKnown(v, OVERRIDE_FIELDS, f);
            String body = optionalText(v, f.field("body"));
            if (body != null) {
                checkBody(f.field("body"), body);
            }
            String link = optionalText(v, f.field("link"));
            if (link != null) {
                checkUrl(link, f.field("link"));
            }
            List<String> tags = present(v, "hashtags") ? hashtags(v.get("hashtags"), f.field("hashtags")) : null;
            out.put(key, new Post.Override(body, link, tags));
        }
        return Map.copyOf(out);
    }

    private static Post.Approval approval(JsonNode a, FieldPath field) throws Refusal {
        if (a == null || a.isNull()) {
            return null;
        }
        if (!a.isObject()) {
            throw new Refusal(field, "must be an object with approvedBy, approvedAt and signature, but is " + JsonProblems.kind(a));
        }
        onlyKnown(a, APPROVAL_FIELDS, field);
        String by = optionalText(a, field.field("approvedBy"));
        String at = optionalText(a, field.field("approvedAt"));
        if (at != null) {
            try {
                OffsetDateTime.parse(at);
            } catch (DateTimeParseException e) {
                throw new Refusal(field.field("approvedAt"), "must be an ISO-8601 time with an offset, such as 2026-11-25T14:00:00Z");
            }
        }
        String sig = optionalText(a, field.field("signature"));
        Set<String> ack = new LinkedHashSet<>();
        JsonNode acks = a.get("acknowledged");
        if (acks != null && !acks.isNull()) {
            if (!acks.isArray()) {
                throw new Refusal(field.field("acknowledged"), "must be an array of rule ids, but is " + JsonProblems.kind(acks));
            }
            for (int i = 0; i < acks.size(); i++) {
                if (!acks.get(i).isTextual()) {
                    throw new Refusal(field.field("acknowledged").index(i), "must be a rule id (a string), but is "
                            + JsonProblems.kind(acks.get(i)));
                }
                ack.add(acks.get(i).textValue());
            }
        }
        return new Post.Approval(by, at, sig, Set.copyOf(ack));
    }

    private static OffsetDateTime instant(JsonNode n, FieldPath field) throws Refusal {
        String v = optionalText(n, field);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new Refusal(field, "must be an ISO-8601 time with an offset, such as 2026-11-26T09:00:00-05:00 or 2026-11-26T14:00:00Z");
        }
    }

    private static String optionalLink(JsonNode n, FieldPath field) throws Refusal {
        String v = optionalText(n, field);
        if (v != null) {
            checkUrl(v, field);
        }
        return v;
    }

    private static void checkUrl(String v, FieldPath field) throws Refusal {
        boolean ok;
        try {
            URI u = new URI(v);
            ok = u.getScheme() != null && (u.getScheme().equals("https") || u.getScheme().equals("http")) && u.getHost() != null;
        } catch (URISyntaxException e) {
            ok = false;
        }
        if (!ok) {
            throw new Refusal(field, "must be an http or https URL with a host, such as https://riverside.example/flu");
        }
    }

    private static void onlyKnown(JsonNode n, Set<String> known, FieldPath where) throws Refusal {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                String hint = suggestion(name, known);
                throw new Refusal(where.isRoot() ? null : where, where.field(name), true, "unknown field"
                        + (hint == null ? "" : " (did you mean " + hint + "?)") + "; the fields "
                        + (where.isRoot() ? "of a post" : "here") + " are " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** The known name that a misspelt one most likely meant: same letters in another case or spelling, or one or two edits away. */
    static String suggestion(String name, Set<String> known) {
        String plain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String best = null;
        int bestDistance = 3;
        for (String k : new TreeSet<>(known)) {
            String kp = k.toLowerCase(Locale.ROOT);
            if (kp.equals(plain)) {
                return k;
            }
            if (plain.length() > 40) {
                continue;
            }
            int d = distance(plain, kp);
            if (d < bestDistance && d < kp.length() / 2 + 1) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static boolean present(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull();
    }

    private static String requiredText(JsonNode n, FieldPath field) throws Refusal {
        if (!present(n, field.last())) {
            throw new Refusal(field, "is required");
        }
        return optionalText(n, field);
    }

    private static String optionalText(JsonNode n, FieldPath field) throws Refusal {
        if (!present(n, field.last())) {
            return null;
        }
        JsonNode v = n.get(field.last());
        if (!v.isTextual()) {
            throw new Refusal(field, "must be a string, but is " + JsonProblems.kind(v));
        }
        return v.textValue();
    }

    /** Blank, or only spaces and invisible characters (no-break spaces, zero-width spaces and joiners). */
    private static boolean invisible(String body) {
        return body.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    /**
     * A field's place: the segments from the top (names and indexes) and how a message writes it.
     * Only paths made of Herald's field names and of checked platform names are ever displayed.
     */
    private record FieldPath(List<Object> segments) {
        static final FieldPath ROOT = new FieldPath(List.of());

        FieldPath field(String name) {
            List<Object> s = new ArrayList<>(segments);
            s.add(name);
            return new FieldPath(List.copyOf(s));
        }

        FieldPath index(int i) {
            List<Object> s = new ArrayList<>(segments);
            s.add(i);
            return new FieldPath(List.copyOf(s));
        }

        boolean isRoot() {
            return segments.isEmpty();
        }

        String last() {
            return (String) segments.get(segments.size() - 1);
        }

        String display() {
            StringBuilder out = new StringBuilder();
            for (Object s : segments) {
                if (s instanceof Integer i) {
                    out.append('[').append(i).append(']');
                } else {
                    out.append(out.length() == 0 ? "" : ".").append(s);
                }
            }
            return out.toString();
        }
    }

    /** A refusal inside the parser: the field named, the text to point at, and the problem. */
    private static final class Refusal extends Exception {
        final FieldPath field;
        final FieldPath locate;
        final boolean name;
        final String problem;

        Refusal(FieldPath field, String problem) {
            this(field, field, false, problem);
        }

        /**
         * @param locate where in the text to point (may go deeper than {@code field}, to a name
         *     the message does not say)
         * @param name whether to point at the field's name rather than its value
         */
        Refusal(FieldPath field, FieldPath locate, boolean name, String problem) {
            super(problem, null, false, false);
            this.field = field;
            this.locate = locate;
            this.name = name;
            this.problem = problem;
        }
    }
}
