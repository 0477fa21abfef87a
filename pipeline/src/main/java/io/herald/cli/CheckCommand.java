package io.herald.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.compliance.CompliancePolicy;
import io.herald.compliance.Finding;
import io.herald.compliance.PolicyException;
import io.herald.compliance.Verdict;
import io.herald.json.Json;
import io.herald.post.InvalidPostException;
import io.herald.post.Post;
import io.herald.post.PostParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herald check [--jsonl] [--policy FILE] FILE|-}: the compliance gate alone, no approval and
 * no Kafka (DESIGN.md section 5).
 *
 * <p>Prints one JSON verdict per post, one per line: {@code {"id", "decision", "findings": [{"rule",
 * "category", "action", "start", "end", "message"}]}}, the verdict the pipeline reaches on the
 * post's content (its body and each platform override's body; the worst decides). The post is read
 * by the pipeline's own parser, so what {@code submit} refuses, {@code check} refuses too; only
 * {@code id} and {@code targets} may be left out. The policy is the configuration's
 * ({@code compliance.policy}), found as {@code run} finds it.
 *
 * <p>With {@code --jsonl} each non-blank line holds one post, and each gets one output line in
 * order: its verdict, or {@code {"line": N, "error": "..."}} when the line is not a valid post.
 * Exit 0 when every post was read; 2 when one was not (after the other verdicts) or when the input
 * or the policy cannot be read.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks posts against the compliance policy, as the pipeline does, and prints one JSON verdict per post.",
            "A verdict is {\"id\", \"decision\": PUBLISH|HOLD|BLOCK, \"findings\": [...]}, each finding {\"rule\", \"category\","
                    + " \"action\": BLOCK|HOLD|WARN, \"start\", \"end\", \"message\"}; start and end are character offsets into"
                    + " the body, or -1 for the link, hashtags and media.",
            "The post is read as submit reads it (only id and targets may be left out), and the approval is not read.",
            "With --jsonl each non-blank line is one post, and each gets one output line in order: its verdict, or"
                    + " {\"line\": N, \"error\": \"...\"} when it is not a valid post.",
            "Exit 0 when every post was checked; 2 when one could not be read, or the input or the policy cannot be used."
        })
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFile options;

    @Option(names = "--jsonl", description = "The input holds one post per line (a JSON object with at least \"body\").")
    boolean jsonl;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "The compliance policy. Default: compliance.policy of the configuration (config/compliance.yaml).")
    Path policyFile;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The post file, or - for standard input.")
    String input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Preflight preflight = new Preflight(options.config(), note -> {
            err.println("herald: note: " + note);
            err.flush();
        });
        if (policyFile != null) {
            try {
                preflight.withPolicy(CompliancePolicy.load(policyFile));
            } catch (PolicyException e) {
                throw new UserError(e.getMessage());
            }
        }
        preflight.policy();
        PostParser parser = preflight.parser().contentOnly();
        byte[] bytes = ClientSupport.read(input);
        if (!jsonl) {
            Post post;
            try {
                post = parser.parse(bytes);
            } catch (InvalidPostException e) {
                throw new UserError(ClientSupport.describe(input, e));
            }
            out.println(Json.write(render(preflight.verdict(post, Set.of()))));
            out.flush();
            return 0;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        int bad = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                Post post = parser.parse(line.getBytes(StandardCharsets.UTF_8));
                out.println(Json.write(render(preflight.verdict(post, Set.of()))));
            } catch (InvalidPostException e) {
                bad++;
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("line", i + 1);
                o.put("error", (e.field() == null ? "" : e.field() + ": ") + e.problem()
                        + (e.column() > 0 ? " (column " + e.column() + ")" : ""));
                out.println(Json.write(o));
                err.println("herald: " + ClientSupport.describeLine(input, i + 1, e));
            }
        }
        out.flush();
        err.flush();
        return bad == 0 ? 0 : 2;
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
