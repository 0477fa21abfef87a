package io.herald.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.compliance.ComplianceGate;
import io.herald.compliance.ComplianceInput;
import io.herald.compliance.CompliancePolicy;
import io.herald.compliance.Decision;
import io.herald.compliance.Finding;
import io.herald.compliance.MediaInfo;
import io.herald.compliance.PolicyException;
import io.herald.compliance.Verdict;
import io.herald.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herald check [--jsonl] [--policy FILE] FILE|-}: the compliance gate alone, no approval and
 * no Kafka (DESIGN.md section 5).
 *
 * <p>Prints one JSON verdict per post, one per line: {@code {"id", "decision", "findings": [{"rule",
 * "category", "action", "start", "end", "message"}]}}. {@code start}/{@code end} are char offsets
 * into {@code body}; -1 for findings about the link, hashtags, media or a platform override (the
 * message says which). A plain FILE holds one post (a JSON object with at least {@code body});
 * with {@code --jsonl} each non-blank line holds one, and the verdicts come in the same order. A
 * post without an {@code id} gets {@code "id": null}. The approval (and its {@code acknowledged}
 * list) is not read: the decision is what the gate decides about the content itself.
 *
 * <p>Exit 0 whatever the verdicts; exit 2 with one line naming the file (and line) when the
 * input or the policy cannot be read. Nothing is printed for a file with a bad line.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks posts against the compliance policy (patient identifiers, conduct and claims, patient-friendliness)"
                    + " and prints one JSON verdict per post: {\"id\", \"decision\": PUBLISH|HOLD|BLOCK, \"findings\": [...]}.",
            "Findings: {\"rule\", \"category\", \"action\": BLOCK|HOLD|WARN, \"start\", \"end\", \"message\"}; start/end are"
                    + " char offsets into body, -1 for the link, hashtags, media and platform overrides.",
            "With --jsonl each non-blank line is one post and verdicts come in the same order; a line without \"id\""
                    + " gets \"id\": null. The approval is not read (no acknowledgements).",
            "Exit 0 whatever the verdicts; 2 when the input or the policy cannot be read."
        })
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jsonl", description = "The input holds one post per line (a JSON object with at least \"body\").")
    boolean jsonl;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Compliance policy (default: config/compliance.yaml in the working directory,"
                    + " or the built-in defaults when that file is absent).")
    Path policyFile;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "Post file, or - for standard input.")
    String input;

    @Override
    public Integer call() {
        CompliancePolicy policy = policy();
        String name = "-".equals(input) ? "<stdin>" : input;
        String text = read(name);
        List<Post> posts = jsonl ? parseLines(text, name) : List.of(parseOne(text, name));
        ComplianceGate gate = new ComplianceGate(policy);
        PrintWriter out = spec.commandLine().getOut();
        for (Post p : posts) {
            out.println(Json.write(render(check(gate, p))));
        }
        out.flush();
        return 0;
    }

    private CompliancePolicy policy() {
        try {
            return policyFile != null ? CompliancePolicy.load(policyFile)
                    : CompliancePolicy.loadOrDefaults(CompliancePolicy.DEFAULT_FILE);
        } catch (PolicyException e) {
            throw new UserError(e.getMessage());
        }
    }

    private String read(String name) {
        try {
            byte[] bytes;
            if ("-".equals(input)) {
                InputStream in = System.in;
                bytes = in.readAllBytes();
            } else {
                bytes = Files.readAllBytes(Path.of(input));
            }
            String s = new String(bytes, StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (NoSuchFileException e) {
            throw new UserError(name + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new UserError(name + ": cannot read: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------- parsing

    /** What check reads from a post: its content and its platform overrides. */
    record Post(ComplianceInput content, Map<String, ComplianceInput> overrides) {}

    private static List<Post> parseLines(String text, String name) {
        List<Post> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = name + ":" + (i + 1);
            JsonNode node;
            try {
                node = Json.mapper().readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw new UserError(where + ": not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
            }
            out.add(post(node, where));
        }
        return out;
    }

    private static Post parseOne(String text, String name) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new UserError(name + loc + ": not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (node == null || node.isMissingNode()) {
            throw new UserError(name + ": empty file, expected a post (a JSON object with at least \"body\")");
        }
        return post(node, name);
    }

    private static Post post(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new UserError(where + ": expected a post (a JSON object with at least \"body\")");
        }
        JsonNode idNode = node.get("id");
        String id = null;
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual() && !idNode.isNumber()) {
                throw new UserError(where + ": field \"id\" must be a string");
            }
            id = idNode.asText();
        }
        String body = text(node, "body", where, true);
        String link = text(node, "link", where, false);
        List<String> hashtags = strings(node, "hashtags", where);
        List<MediaInfo> media = media(node, where);
        ComplianceInput content = new ComplianceInput(id, body, link, hashtags, media, Set.of());
        Map<String, ComplianceInput> overrides = new java.util.LinkedHashMap<>();
        JsonNode ov = node.get("overrides");
        if (ov != null && !ov.isNull()) {
            if (!ov.isObject()) {
                throw new UserError(where + ": field \"overrides\" must be an object keyed by platform");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = ov.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = "overrides." + e.getKey();
                JsonNode o = e.getValue();
                if (!o.isObject()) {
                    throw new UserError(where + ": field \"" + key + "\" must be an object");
                }
                String ob = text(o, "body", where + " " + key, false);
                String ol = text(o, "link", where + " " + key, false);
                List<String> oh = o.has("hashtags") ? strings(o, "hashtags", where + " " + key) : hashtags;
                if (ob == null && ol == null && !o.has("hashtags")) {
                    continue;
                }
                overrides.put(e.getKey(), new ComplianceInput(id, ob != null ? ob : body, ol != null ? ol : link, oh,
                        media, Set.of()));
            }
        }
        return new Post(content, overrides);
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new UserError(where + ": field \"" + field + "\" is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new UserError(where + ": field \"" + field + "\" must be a string");
        }
        return v.textValue();
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new UserError(where + ": field \"" + field + "\" must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new UserError(where + ": field \"" + field + "\" must be a list of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static List<MediaInfo> media(JsonNode node, String where) {
        JsonNode v = node.get("media");
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new UserError(where + ": field \"media\" must be a list of objects");
        }
        List<MediaInfo> out = new ArrayList<>();
        int k = 0;
        for (JsonNode m : v) {
            String w = where + " media[" + k++ + "]";
            if (!m.isObject()) {
                throw new UserError(w + ": must be an object with url, altText, mimeType");
            }
            JsonNode face = m.get("showsFace");
            if (face != null && !face.isNull() && !face.isBoolean()) {
                throw new UserError(w + ": field \"showsFace\" must be true or false");
            }
            out.add(new MediaInfo(text(m, "url", w, false), text(m, "altText", w, false), text(m, "mimeType", w, false),
                    face != null && face.asBoolean(false), text(m, "consentRef", w, false)));
        }
        return out;
    }

    // ------------------------------------------------------------------------------ checking

    /** The verdict on the post's own content and on each platform override, merged. */
    static Verdict check(ComplianceGate gate, Post post) {
        Verdict main = gate.check(post.content());
        if (post.overrides().isEmpty()) {
            return main;
        }
        List<Finding> all = new ArrayList<>(main.findings());
        Decision decision = main.decision();
        for (Map.Entry<String, ComplianceInput> e : post.overrides().entrySet()) {
            Verdict v = gate.check(e.getValue());
            for (Finding f : v.findings()) {
                String msg = "overrides." + e.getKey() + ": " + f.message();
                boolean same = all.stream().anyMatch(g -> g.rule().equals(f.rule()) && g.message().equals(f.message())
                        && g.start() == f.start());
                if (!same) {
                    all.add(new Finding(f.rule(), f.category(), f.action(), Finding.NO_POSITION, Finding.NO_POSITION, msg));
                }
            }
            if (v.decision().ordinal() > decision.ordinal()) {
                decision = v.decision();
            }
        }
        return new Verdict(main.id(), decision, all);
    }

    static ObjectNode render(Verdict v) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", v.id());
        o.put("decision", v.decision().name());
        ArrayNode fs = o.putArray("findings");
        for (Finding f : v.findings()) {
            ObjectNode n = fs.addObject();
            n.put("rule", f.rule());
            n.put("category", f.category());
            n.put("action", f.action().name());
            n.put("start", f.start());
            n.put("end", f.end());
            n.put("message", f.message());
        }
        return o;
    }
}
