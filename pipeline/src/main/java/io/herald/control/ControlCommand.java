package io.herald.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import io.herald.store.DeliveryStore.Resolution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A person's command to a running Herald, one record on the control topic (key: the post id):
 * {@code {"command": "redrive", "postId", "target"?, "by", "reason"?}} or
 * {@code {"command": "resolve", "postId", "target", "resolution": "published"|"retry"|"abandon", "remoteId"?, "by", "reason"?}}.
 * Herald answers in the audit log with events that carry the record's position as their source.
 */
public record ControlCommand(String command, String postId, String target, Resolution resolution, String remoteId, String by,
        String reason, java.time.Instant since, boolean dryRun) {

    /** The command without the retract fields. */
    public ControlCommand(String command, String postId, String target, Resolution resolution, String remoteId, String by,
            String reason) {
        this(command, postId, target, resolution, remoteId, by, reason, null, false);
    }

    /**
     * {@code {"command": "retract", "postId"?, "target"?, "since"?, "dryRun"?, "by", "reason"}}: takes down
     * one post (every target, or one), or with {@code target} and {@code since} and no post id,
     * everything that account published since then. {@code reason} is required.
     */
    public static ControlCommand retract(String postId, String target, java.time.Instant since, boolean dryRun, String by,
            String reason) {
        return new ControlCommand("retract", postId, target, null, null, by, reason, since, dryRun);
    }

    /** The record key: the post id, or for a bulk takedown the account. */
    public String key() {
        return postId != null ? postId : target;
    }

    private static final Pattern POST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9-]{0,31}:[A-Za-z0-9._-]{1,64}");

    public static ControlCommand redrive(String postId, String target, String by, String reason) {
        return new ControlCommand("redrive", postId, target, null, null, by, reason);
    }

    public static ControlCommand resolve(String postId, String target, Resolution resolution, String remoteId, String by,
            String reason) {
        return new ControlCommand("resolve", postId, target, resolution, remoteId, by, reason);
    }

    /** The record's value. */
    public byte[] toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        if (postId != null) {
            m.put("postId", postId);
        }
        if (target != null) {
            m.put("target", target);
        }
        if (resolution != null) {
            m.put("resolution", resolution.name().toLowerCase(Locale.ROOT));
        }
        if (remoteId != null) {
            m.put("remoteId", remoteId);
        }
        m.put("by", by);
        if (reason != null) {
            m.put("reason", reason);
        }
        if (since != null) {
            m.put("since", since.toString());
        }
        if (dryRun) {
            m.put("dryRun", true);
        }
        return Json.write(m).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a control record; a one-line reason in Herald's words when it is not a command.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static ControlCommand parse(byte[] value) {
        JsonNode n;
        try {
            n = value == null ? null : Json.mapper().readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String command = text(n, "command");
        String postId = text(n, "postId");
        boolean bulk = "retract".equals(command) && postId == null;
        if (!bulk && (postId == null || !POST_ID.matcher(postId).matches())) {
            throw new IllegalArgumentException("postId must be 1 to 128 of A-Z, a-z, 0-9, '.', '_', '-'");
        }
        String target = text(n, "target");
        if (target != null && !TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException("target must look like platform:account");
        }
        String by = text(n, "by");
        if (by == null || by.isBlank() || by.length() > 100) {
            throw new IllegalArgumentException("by must name the person (1 to 100 characters)");
        }
        String reason = text(n, "reason");
        if (reason != null && reason.length() > 500) {
            throw new IllegalArgumentException("reason must be at most 500 characters");
        }
        if ("retract".equals(command)) {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason is required for a retraction (who will read the audit needs to know why)");
            }
            java.time.Instant since = null;
            String s = text(n, "since");
            if (s != null) {
                try {
                    since = java.time.Instant.parse(s);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("since must be an ISO instant such as 2026-11-26T09:00:00Z, but was '" + s + "'");
                }
            }
            if (bulk && (target == null || since == null)) {
                throw new IllegalArgumentException("a retraction names a postId, or an account (target) and since");
            }
            if (!bulk && since != null) {
                throw new IllegalArgumentException("since goes with an account (target) instead of a postId, not with a postId");
            }
            return retract(postId, target, since, n.path("dryRun").asBoolean(false), by, reason);
        }
        if ("redrive".equals(command)) {
            return redrive(postId, target, by, reason);
        }
        if ("resolve".equals(command)) {
            if (target == null) {
                throw new IllegalArgumentException("resolve needs a target");
            }
            String r = text(n, "resolution");
            Resolution resolution;
            try {
                resolution = Resolution.valueOf(String.valueOf(r).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("resolution must be published, retry or abandon");
            }
            String remoteId = text(n, "remoteId");
            if (resolution == Resolution.PUBLISHED && (remoteId == null || remoteId.isBlank() || remoteId.length() > 200)) {
                throw new IllegalArgumentException("resolution published needs the remoteId found on the account (at most 200 characters)");
            }
            return resolve(postId, target, resolution, remoteId, by, reason);
        }
        throw new IllegalArgumentException("command must be redrive, resolve or retract");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
