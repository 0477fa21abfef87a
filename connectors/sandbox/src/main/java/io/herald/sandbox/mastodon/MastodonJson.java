package io.herald.sandbox.mastodon;

import io.herald.sandbox.mastodon.MastodonEvent.Status;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the stand-in's entities in the shapes of Mastodon's REST API. */
final class MastodonJson {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private MastodonJson() {
    }

    /** A Status entity. {@code base} is the stand-in's public root; {@code withSource} adds {@code text}. */
    static Map<String, Object> status(Status s, MastodonAccount account, int statusesCount, long repliesCount,
            String base, boolean withSource, List<MastodonEvent.Media> media) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id());
        json.put("created_at", time(s.createdAt()));
        json.put("in_reply_to_id", s.inReplyToId());
        json.put("in_reply_to_account_id", s.inReplyToAccountId());
        json.put("sensitive", s.sensitive());
        json.put("spoiler_text", s.spoilerText() == null ? "" : s.spoilerText());
        json.put("visibility", s.visibility());
        json.put("language", s.language());
        json.put("uri", base + "/users/" + account.username() + "/statuses/" + s.id());
        json.put("url", base + "/@" + account.username() + "/" + s.id());
        json.put("replies_count", repliesCount);
        json.put("reblogs_count", 0);
        json.put("favourites_count", 0);
        json.put("edited_at", s.editedAt() == null ? null : time(s.editedAt()));
        json.put("content", html(s.text()));
        if (withSource) {
            json.put("text", s.text());
        }
        json.put("reblog", null);
        json.put("application", Map.of("name", "Herald sandbox"));
        json.put("account", account(account, statusesCount, base));
        json.put("media_attachments", media.stream().map(m -> media(m, base)).toList());
        json.put("mentions", List.of());
        json.put("tags", List.of());
        json.put("emojis", List.of());
        json.put("card", null);
        json.put("poll", null);
        return json;
    }

    /** An Account entity. */
    static Map<String, Object> account(MastodonAccount account, int statusesCount, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", account.id());
        json.put("username", account.username());
        json.put("acct", account.username());
        json.put("display_name", account.username());
        json.put("locked", false);
        json.put("bot", false);
        json.put("created_at", time(account.createdAt()));
        json.put("note", "<p>Herald sandbox account. Nothing here is real.</p>");
        json.put("url", base + "/@" + account.username());
        json.put("followers_count", 0);
        json.put("following_count", 0);
        json.put("statuses_count", statusesCount);
        return json;
    }

    /** A CredentialAccount entity, for {@code verify_credentials}. */
    static Map<String, Object> credentialAccount(MastodonAccount account, int statusesCount, String base) {
        Map<String, Object> json = account(account, statusesCount, base);
        json.put("source", Map.of("privacy", "public", "sensitive", false, "note", "", "fields", List.of()));
        return json;
    }

    /** A MediaAttachment entity. */
    static Map<String, Object> media(MastodonEvent.Media m, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("type", m.mimeType() != null && m.mimeType().startsWith("image/") ? "image" : "unknown");
        json.put("url", base + "/system/media/" + m.id());
        json.put("preview_url", base + "/system/media/" + m.id() + "/small");
        json.put("description", m.description());
        return json;
    }

    /** An Instance entity (v1, or v2 with {@code v2}), with the limits Herald relies on. */
    static Map<String, Object> instance(String base, int maxCharacters, int urlWeight, boolean v2) {
        Map<String, Object> statuses = new LinkedHashMap<>();
        statuses.put("max_characters", maxCharacters);
        statuses.put("max_media_attachments", 4);
        statuses.put("characters_reserved_per_url", urlWeight);
        if (v2) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("domain", base.replaceFirst("^https?://", ""));
            json.put("title", "Herald sandbox (Mastodon stand-in)");
            json.put("version", "4.3.0 (compatible; Herald sandbox)");
            json.put("configuration", Map.of("statuses", statuses, "media_attachments", Map.of(
                    "supported_mime_types", List.of("image/jpeg", "image/png", "image/gif", "image/webp"),
                    "image_size_limit", 16777216)));
            return json;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uri", base);
        json.put("title", "Herald sandbox (Mastodon stand-in)");
        json.put("version", "4.3.0 (compatible; Herald sandbox)");
        json.put("configuration", Map.of("statuses", statuses));
        return json;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** The text as Mastodon renders it: paragraphs in {@code <p>}, line breaks as {@code <br />}, escaped. */
    static String html(String text) {
        StringBuilder sb = new StringBuilder();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            sb.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br />")).append("</p>");
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
