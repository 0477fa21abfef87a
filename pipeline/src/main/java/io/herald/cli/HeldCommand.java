package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald held}: the posts waiting for a person. Reads {@code herald.posts.held} (the latest
 * revision of each post put there) and the audit topic: a post is no longer waiting once a later
 * revision was scheduled or published, or once it was cancelled (a tombstone after it was held).
 *
 * <p>Shows the findings, and never a post's text: for a BLOCKED post not even the findings'
 * messages (they may quote the post), only rule, category, action and position.
 */
@Command(name = "held", mixinStandardHelpOptions = true,
        description = {"Lists the posts that wait for a person: held for a reviewer, or blocked for patient identifiers.",
            "A post no longer waits once a later revision of it was scheduled or published, or once it was cancelled.",
            "It shows each post's findings and what to acknowledge, never the post's text."})
public final class HeldCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "The output: table (for people; the default) or jsonl (one JSON object a post, for scripts).")
    String format;

    @Option(names = "--post", paramLabel = "ID", description = "Only this post id.")
    String post;

    @Spec
    CommandSpec spec;

    /** One post on the held topic, its latest revision there. */
    record Waiting(String id, int revision, String decision, Instant heldAt, List<String> targets, String approvedBy,
            JsonNode findings, List<String> toAcknowledge) {}

    @Override
    public Integer call() {
        String fmt = format.trim().toLowerCase(Locale.ROOT);
        if (!fmt.equals("table") && !fmt.equals("jsonl")) {
            throw new UserError("--format must be table or jsonl, but was '" + format + "'");
        }
        String bootstrap = options.reachableBootstrap();
        var topics = options.config().kafka().topics();
        Map<String, Waiting> held = new LinkedHashMap<>();
        try (TopicFollower t = TopicFollower.open(bootstrap, topics.held(), "herald-held")) {
            if (t != null) {
                t.mark().readToMark(r -> take(r, held));
            }
        }
        Map<String, List<JsonNode>> events = new LinkedHashMap<>();
        try (TopicFollower t = held.isEmpty() ? null : TopicFollower.open(bootstrap, topics.audit(), "herald-held")) {
            if (t != null) {
                t.mark().readToMark(r -> {
                    JsonNode e = json(r.value());
                    if (e != null && held.containsKey(e.path("postId").asText())) {
                        events.computeIfAbsent(e.path("postId").asText(), k -> new ArrayList<>()).add(e);
                    }
                });
            }
        }
        List<Waiting> waiting = held.values().stream()
                .filter(w -> stillWaiting(w, events.getOrDefault(w.id(), List.of())))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        if (fmt.equals("jsonl")) {
            waiting.forEach(w -> out.println(Json.write(jsonl(w))));
        } else {
            table(out, waiting);
        }
        out.flush();
        return 0;
    }

    private void take(ConsumerRecord<byte[], byte[]> r, Map<String, Waiting> held) {
        JsonNode v = json(r.value());
        if (v == null) {
            return;
        }
        JsonNode p = v.path("post");
        String id = p.path("id").isTextual() ? p.get("id").asText()
                : r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if (id == null || (post != null && !post.equals(id))) {
            return;
        }
        int revision = p.path("revision").canConvertToInt() && p.path("revision").asInt() > 0 ? p.path("revision").asInt() : 1;
        Waiting before = held.get(id);
        if (before != null && before.revision() > revision) {
            return;
        }
        List<String> targets = new ArrayList<>();
        p.path("targets").forEach(t -> targets.add(t.asText()));
        List<String> toAck = new ArrayList<>();
        v.path("toAcknowledge").forEach(t -> toAck.add(t.asText()));
        String decision = v.path("decision").asText("HELD");
        JsonNode by = p.path("approval").path("approvedBy");
        held.put(id, new Waiting(id, revision, decision, Instant.ofEpochMilli(r.timestamp()), targets,
                by.isTextual() ? by.asText() : null, findings(v.path("findings"), "BLOCKED".equals(decision)),
                List.copyOf(new TreeSet<>(toAck))));
    }

    /** The findings to show: for a BLOCKED post without their messages, which may quote the post. */
    private static JsonNode findings(JsonNode findings, boolean blocked) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (JsonNode f : findings) {
            ObjectNode o = out.addObject();
            for (String k : List.of("rule", "category", "action", "start", "end")) {
                if (f.has(k)) {
                    o.set(k, f.get(k));
                }
            }
            if (!blocked && f.has("message")) {
                o.set("message", f.get("message"));
            }
        }
        return out;
    }

    /**
     * Whether a held revision still waits: no later revision was scheduled or published, and no
     * tombstone cancelled the post after it was held.
     */
    static boolean stillWaiting(Waiting w, List<JsonNode> events) {
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            int revision = e.path("revision").asInt(0);
            if ((type.equals("SCHEDULED") || type.equals("PUBLISHED")) && revision > w.revision()) {
                return false;
            }
            if (type.equals("CANCELLED") && e.hasNonNull("source") && atOrAfter(e, w.heldAt())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the event happened at or after {@code t}; false when it has no readable time. */
    private static boolean atOrAfter(JsonNode e, Instant t) {
        try {
            return !Instant.parse(e.path("at").asText()).isBefore(t);
        } catch (DateTimeParseException ex) {
            return false;
        }
    }

    private static ObjectNode jsonl(Waiting w) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", w.id());
        o.put("revision", w.revision());
        o.put("decision", w.decision());
        o.put("heldAt", w.heldAt().toString());
        ArrayNode t = o.putArray("targets");
        w.targets().forEach(t::add);
        o.put("approvedBy", w.approvedBy());
        o.set("findings", w.findings());
        ArrayNode a = o.putArray("toAcknowledge");
        w.toAcknowledge().forEach(a::add);
        return o;
    }

    private static void table(PrintWriter out, List<Waiting> waiting) {
        if (waiting.isEmpty()) {
            out.println("no post is waiting for a person");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"POST", "REV", "DECISION", "HELD AT", "FINDINGS", "NEXT STEP"});
        for (Waiting w : waiting) {
            List<String> f = new ArrayList<>();
            w.findings().forEach(n -> f.add(n.path("rule").asText()
                    + (n.path("start").asInt(-1) >= 0 ? "@" + n.path("start").asInt() + "-" + n.path("end").asInt() : "")));
            String next = "BLOCKED".equals(w.decision()) ? "rewrite it: no approval can release patient identifiers"
                    : w.toAcknowledge().isEmpty() ? "review it"
                    : "sign a new revision with --acknowledge " + String.join(",", w.toAcknowledge()) + ", or rewrite it";
            rows.add(new String[] {w.id(), String.valueOf(w.revision()), w.decision(), w.heldAt().toString(),
                String.join(" ", new TreeSet<>(f)), next});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static JsonNode json(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode n = Json.mapper().readTree(value);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
