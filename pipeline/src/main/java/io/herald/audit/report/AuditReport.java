package io.herald.audit.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.audit.replay.AuditChainVerifier;
import io.herald.audit.replay.AuditFormat;
import io.herald.audit.replay.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code herald audit report}: what happened in a period, for an auditor. Give it every record of
 * the audit topic in order ({@link #accept}); it keeps the events of the period (and, for the
 * whole log, which deliveries are left at UNKNOWN_OUTCOME), then {@link #html} or {@link #text}
 * render it with the verify result.
 *
 * <p>Counts per network and account: PUBLISHED, FAILED, EXPIRED and CANCELLED by the event's
 * target; HELD and BLOCKED (post-level events) for every target the post names. The totals are the
 * number of events of each type in the period, which is what {@code herald audit replay --from
 * --to} prints. Each post's timeline names its approver (or that approval was not verified) and
 * the acknowledged rules. The text of a post is never in the audit log, and for a BLOCKED post the
 * report shows no reason texts either, only rule ids, positions and the content hash.
 */
public final class AuditReport implements Consumer<AuditRecord> {

    /** The outcomes counted, in the order of the columns. */
    public static final List<String> OUTCOMES = List.of("PUBLISHED", "FAILED", "EXPIRED", "CANCELLED", "HELD", "BLOCKED");

    private static final Set<String> FINAL = Set.of("PUBLISHED", "FAILED", "EXPIRED", "CANCELLED", "RETRACTED");

    /** One post revision in the period. */
    static final class Post {
        boolean receivedEarlier;
        final String postId;
        final String revision;
        final List<JsonNode> events = new ArrayList<>();
        final Set<String> targets = new LinkedHashSet<>();
        JsonNode approval;
        boolean approvalsOff;
        boolean blocked;
        boolean received;
        boolean rejected;

        Post(String postId, String revision) {
            this.postId = postId;
            this.revision = revision;
        }
    }

    private final Instant from;
    private final Instant to;
    private final Map<String, Post> posts = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> byTarget = new TreeMap<>();
    private final Map<String, Integer> totals = new LinkedHashMap<>();
    private final Map<String, JsonNode> unknown = new LinkedHashMap<>();
    private final Map<String, Set<String>> targetsOfPost = new LinkedHashMap<>();
    private long events;

    /** @param from the period's start (inclusive), or null; @param to its end (exclusive), or null */
    public AuditReport(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        OUTCOMES.forEach(o -> totals.put(o, 0));
    }

    /** RECEIVED events before the period, by post id and revision: the approval of a post published in it. */
    private final Map<String, JsonNode> receivedBefore = new java.util.HashMap<>();

    @Override
    public void accept(AuditRecord record) {
        JsonNode e = record.event();
        String type = e.path("type").asText("");
        String postId = e.path("postId").asText(null);
        String target = e.path("target").asText(null);
        String revision = e.path("revision").asText("");
        Instant at = record.time();
        if (to != null && !at.isBefore(to)) {
            return;
        }
        if (postId != null && "RECEIVED".equals(type) && e.path("targets").isArray()) {
            Set<String> ts = targetsOfPost.computeIfAbsent(postId + "#" + revision, k -> new LinkedHashSet<>());
            e.path("targets").forEach(t -> ts.add(t.asText()));
        }
        // unresolved unclear attempts: over the whole log up to the period's end
        if (postId != null && target != null) {
            String delivery = postId + "#" + revision + "#" + target;
            if ("UNKNOWN_OUTCOME".equals(type)) {
                unknown.put(delivery, e);
            } else if (FINAL.contains(type) || "RETRY_SCHEDULED".equals(type) || "ATTEMPT".equals(type)) {
                unknown.remove(delivery);
            }
        }
        if (from != null && at.isBefore(from)) {
            if (postId != null && "RECEIVED".equals(type)) {
                receivedBefore.put(postId + "#" + revision, e);
            }
            return;
        }
        if ("CHECKPOINT".equals(type) || postId == null) {
            return;
        }
        events++;
        Post p = posts.computeIfAbsent(postId + "#" + revision, k -> new Post(postId, revision));
        p.events.add(e);
        if (target != null) {
            p.targets.add(target);
        }
        Set<String> named = targetsOfPost.get(postId + "#" + revision);
        if (named != null) {
            p.targets.addAll(named);
        }
        if ("RECEIVED".equals(type) && e.has("approval")) {
            p.approval = e.get("approval");
        }
        JsonNode earlier = p.received || p.approval != null ? null : receivedBefore.get(postId + "#" + revision);
        if (earlier != null) {
            // taken in before the period, published in it: the approval is the one its RECEIVED recorded
            p.approval = earlier.get("approval");
            p.approvalsOff |= earlier.path("approvalsOff").asBoolean(false);
            p.receivedEarlier = true;
        }
        if (e.path("approvalsOff").asBoolean(false)) {
            p.approvalsOff = true;
        }
        if ("BLOCKED".equals(type)) {
            p.blocked = true;
        }
        if ("RECEIVED".equals(type)) {
            p.received = true;
        }
        if ("REJECTED".equals(type)) {
            p.rejected = true;
        }
        if (totals.containsKey(type)) {
            totals.merge(type, 1, Integer::sum);
            if (target != null) {
                count(target, type);
            } else {
                Set<String> ts = named != null ? named : p.targets;
                if (ts.isEmpty()) {
                    count("(no target)", type);
                }
                ts.forEach(t -> count(t, type));
            }
        }
    }

    private void count(String target, String type) {
        byTarget.computeIfAbsent(target, k -> {
            Map<String, Integer> m = new LinkedHashMap<>();
            OUTCOMES.forEach(o -> m.put(o, 0));
            return m;
        }).merge(type, 1, Integer::sum);
    }

    /** Events of each counted type in the period (what replay gives for the period). */
    public Map<String, Integer> totals() {
        return totals;
    }

    /** Counts per target ({@code platform:account}). */
    public Map<String, Map<String, Integer>> byTarget() {
        return byTarget;
    }

    /** Deliveries whose last event is UNKNOWN_OUTCOME: a person must resolve them. */
    public List<JsonNode> unresolved() {
        return List.copyOf(unknown.values());
    }

    /** Post revisions published in the period, each with who approved it ("not verified ..." when nobody did). */
    public Map<String, String> approverOfPublished() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Post p : posts.values()) {
            if (p.events.stream().anyMatch(e -> "PUBLISHED".equals(e.path("type").asText()))) {
                out.put(p.postId + " rev " + p.revision, approver(p));
            }
        }
        return out;
    }

    static String approver(Post p) {
        if (p.approval != null && p.approval.path("verified").asBoolean(false)) {
            return p.approval.path("approvedBy").asText("?");
        }
        if (p.approvalsOff) {
            return "not verified (approvals off)";
        }
        if (p.rejected) {
            return "nobody (REJECTED: the approval did not verify)";
        }
        return p.approval == null && !p.received && !p.receivedEarlier
                ? "nobody: no RECEIVED of this revision on the topic, so Herald never took it in (written by someone else?)"
                : "not verified";
    }

    // --- text --------------------------------------------------------------------------------

    /** A plain summary: period, verify result, counts. */
    public String text(AuditChainVerifier.Report verify) {
        StringBuilder b = new StringBuilder();
        b.append("Herald audit report, ").append(period()).append('\n');
        b.append("verify: ").append(verify.summary()).append('\n');
        b.append(String.format("%-32s", "TARGET"));
        OUTCOMES.forEach(o -> b.append(String.format("%10s", o)));
        b.append('\n');
        byTarget.forEach((t, m) -> {
            b.append(String.format("%-32s", t));
            OUTCOMES.forEach(o -> b.append(String.format("%10d", m.get(o))));
            b.append('\n');
        });
        b.append(String.format("%-32s", "events in the period"));
        OUTCOMES.forEach(o -> b.append(String.format("%10d", totals.get(o))));
        b.append('\n');
        b.append("unresolved UNKNOWN_OUTCOME: ").append(unknown.size()).append('\n');
        approverOfPublished().forEach((post, who) -> b.append("published ").append(post).append(", approved by ").append(who)
                .append('\n'));
        return b.toString();
    }

    private String period() {
        return (from == null ? "the beginning" : AuditFormat.millis(from)) + " to "
                + (to == null ? "now" : AuditFormat.millis(to)) + " (UTC)";
    }

    // --- HTML --------------------------------------------------------------------------------

    private static final String[] COLORS = {"#2e7d32", "#c62828", "#6d4c41", "#757575", "#f9a825", "#4a148c"};

    /** A self-contained HTML page (no scripts, no external resources), printable to PDF. */
    public String html(AuditChainVerifier.Report verify, String topic, Instant generated) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Herald audit report ")
                .append(esc(period())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #bbb;padding:3px 8px;text-align:left;font-size:13px}td.n{text-align:right}")
                .append(".ok{color:#2e7d32}.bad{color:#c62828;font-weight:bold}.post{page-break-inside:avoid;margin-top:1.5em}")
                .append("code{font-size:12px}td.t{white-space:nowrap}</style></head><body>\n");
        h.append("<h1>Herald audit report</h1>\n<p>Period: <span id=\"period\">").append(esc(period()))
                .append("</span>. Topic <code>").append(esc(topic)).append("</code>. Generated ")
                .append(esc(AuditFormat.millis(generated))).append(". ").append(events).append(" post events in the period.</p>\n");

        h.append("<h2>Integrity</h2>\n<p id=\"verify\" class=\"").append(verify.intact() ? "ok" : "bad").append("\">")
                .append(esc(verify.summary())).append("</p>\n");
        if (!verify.intact()) {
            h.append("<ul id=\"problems\">");
            verify.problems().stream().limit(100).forEach(p -> h.append("<li>").append(esc(p.describe())).append("</li>"));
            h.append("</ul>\n");
        }
        verify.notes().forEach(n -> h.append("<p>Note: ").append(esc(n)).append("</p>\n"));

        h.append("<h2>Outcomes per network and account</h2>\n<table id=\"counts\"><tr><th>target</th>");
        OUTCOMES.forEach(o -> h.append("<th>").append(o).append("</th>"));
        h.append("</tr>\n");
        byTarget.forEach((t, m) -> {
            h.append("<tr data-target=\"").append(esc(t)).append("\"><td>").append(esc(t)).append("</td>");
            OUTCOMES.forEach(o -> h.append("<td class=\"n\" data-outcome=\"").append(o).append("\">").append(m.get(o)).append("</td>"));
            h.append("</tr>\n");
        });
        h.append("<tr id=\"totals\"><th>events in the period</th>");
        OUTCOMES.forEach(o -> h.append("<th class=\"n\" data-outcome=\"").append(o).append("\">").append(totals.get(o)).append("</th>"));
        h.append("</tr></table>\n<p>HELD and BLOCKED are decisions about a whole post: each target the post names counts"
                + " them; the last row counts events, as <code>herald audit replay</code> prints them.</p>\n");
        chart(h);

        h.append("<h2>Unresolved unclear attempts (UNKNOWN_OUTCOME)</h2>\n");
        if (unknown.isEmpty()) {
            h.append("<p id=\"unknown\">None.</p>\n");
        } else {
            h.append("<table id=\"unknown\"><tr><th>since</th><th>post</th><th>rev</th><th>target</th><th>reason</th></tr>\n");
            unknown.values().forEach(e -> h.append("<tr><td class=\"t\">").append(esc(at(e))).append("</td><td>")
                    .append(esc(e.path("postId").asText())).append("</td><td>").append(esc(e.path("revision").asText()))
                    .append("</td><td>").append(esc(e.path("target").asText())).append("</td><td>")
                    .append(esc(io.herald.audit.AuditEvent.millis(e.path("reason").asText("")))).append("</td></tr>\n"));
            h.append("</table>\n<p>Settle each with <code>herald resolve POST_ID --target T</code>.</p>\n");
        }

        h.append("<h2>Posts</h2>\n");
        for (Post p : posts.values()) {
            h.append("<div class=\"post\" data-post=\"").append(esc(p.postId)).append("\"><h3>").append(esc(p.postId))
                    .append(" (revision ").append(esc(p.revision)).append(")</h3>\n<p>Approved by: <b class=\"approver\">")
                    .append(esc(approver(p))).append("</b>");
            if (p.approval != null && p.approval.path("verified").asBoolean(false)) {
                h.append(" at ").append(esc(p.approval.path("approvedAt").asText("?"))).append(", key <code>")
                        .append(esc(p.approval.path("keyFingerprint").asText(""))).append("</code>");
                List<String> acks = new ArrayList<>();
                p.approval.path("acknowledged").forEach(a -> acks.add(a.asText()));
                h.append(". Acknowledged: <span class=\"acknowledged\">")
                        .append(acks.isEmpty() ? "none" : esc(String.join(", ", acks))).append("</span>");
            }
            h.append(". Targets: ").append(esc(String.join(", ", p.targets))).append(".</p>\n");
            if (p.blocked) {
                h.append("<p>Blocked for patient identifiers: reasons are not shown, only the kinds and positions of"
                        + " the findings and the content hash.</p>\n");
            }
            h.append("<table><tr><th>at (UTC)</th><th>event</th><th>target</th><th>attempt</th><th>remote</th>"
                    + "<th>findings</th><th>reason</th></tr>\n");
            for (JsonNode e : p.events) {
                String remote = e.path("remoteUrl").asText(e.path("remoteId").asText(""));
                h.append("<tr><td class=\"t\">").append(esc(at(e))).append("</td><td>").append(esc(e.path("type").asText()))
                        .append("</td><td>").append(esc(e.path("target").asText(""))).append("</td><td>")
                        .append(esc(e.path("attempt").asText(""))).append("</td><td>").append(esc(remote)).append("</td><td>")
                        .append(esc(AuditFormat.findings(e.path("findings")))).append("</td><td>")
                        .append(p.blocked ? "" : esc(io.herald.audit.AuditEvent.millis(e.path("reason").asText("")))).append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** A horizontal stacked bar per target, as inline SVG. */
    private void chart(StringBuilder h) {
        int max = 1;
        for (Map<String, Integer> m : byTarget.values()) {
            max = Math.max(max, m.values().stream().mapToInt(Integer::intValue).sum());
        }
        int rowH = 22;
        int labelW = 220;
        int barW = 500;
        int height = 30 + rowH * byTarget.size() + 30;
        h.append("<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelW + barW + 20)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"outcomes per target\">\n");
        int y = 10;
        for (Map.Entry<String, Map<String, Integer>> t : byTarget.entrySet()) {
            h.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"12\">").append(esc(t.getKey())).append("</text>");
            int x = labelW;
            for (int i = 0; i < OUTCOMES.size(); i++) {
                int n = t.getValue().get(OUTCOMES.get(i));
                if (n == 0) {
                    continue;
                }
                int w = Math.max(1, n * barW / max);
                h.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w)
                        .append("\" height=\"").append(rowH - 4).append("\" fill=\"").append(COLORS[i]).append("\"><title>")
                        .append(OUTCOMES.get(i)).append(": ").append(n).append("</title></rect>");
                x += w;
            }
            h.append('\n');
            y += rowH;
        }
        int x = 0;
        for (int i = 0; i < OUTCOMES.size(); i++) {
            h.append("<rect x=\"").append(x).append("\" y=\"").append(y + 8).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLORS[i]).append("\"/><text x=\"").append(x + 16).append("\" y=\"").append(y + 18)
                    .append("\" font-size=\"12\">").append(OUTCOMES.get(i)).append("</text>");
            x += 110;
        }
        h.append("\n</svg>\n");
    }

    private static String at(JsonNode e) {
        String at = e.path("at").asText("");
        try {
            return AuditFormat.millis(java.time.OffsetDateTime.parse(at).toInstant());
        } catch (java.time.format.DateTimeParseException ex) {
            return at;
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
