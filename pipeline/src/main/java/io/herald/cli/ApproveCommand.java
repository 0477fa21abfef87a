package io.herald.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.approval.ApprovalFailure;
import io.herald.approval.ApprovalResult;
import io.herald.approval.ApprovalSigner;
import io.herald.approval.KeyFileException;
import io.herald.approval.KeyFiles;
import io.herald.approval.SignedContent;
import io.herald.compliance.Action;
import io.herald.compliance.Decision;
import io.herald.compliance.Rules;
import io.herald.compliance.Verdict;
import io.herald.json.Json;
import io.herald.post.Post;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herald approve --key FILE [--acknowledge RULE,...] [--pretty] POST_FILE|-}: prints the
 * post signed, on one line, so that it pipes into any line-based Kafka producer.
 *
 * <p>It signs only what Herald will take: a valid post (the pipeline's own parser and accounts),
 * that the compliance gate will not BLOCK, whose HOLD findings are all acknowledged, signed with a
 * key that the configuration's approvers folder trusts under the key file's base name. It refuses
 * to acknowledge a rule that blocks (patient identifiers) or a rule id that does not exist.
 */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description = {
            "Signs a post as its approver and prints it on one line, ready for 'herald submit' or any Kafka producer.",
            "The approval holds approvedBy (the key file's base name), approvedAt (now, UTC), the acknowledged rule ids"
                    + " and the Ed25519 signature over the canonical JSON of the post.",
            "It signs only what Herald will take: a valid post that the compliance gate will not block, whose held findings"
                    + " are all acknowledged, with a key that the configured approvers folder trusts.",
            "Change nothing in the post after signing: any change makes it fail verification."
        })
public final class ApproveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFile options;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "The approver's private key, NAME.key (from 'herald keygen NAME').")
    Path key;

    @Option(names = "--acknowledge", split = ",", paramLabel = "RULE",
            description = "Rule ids of held findings that the approver accepts for this post (comma-separated, repeatable)."
                    + " Rules that block, such as phi.name, cannot be acknowledged.")
    List<String> acknowledge = new ArrayList<>();

    @Option(names = "--pretty", description = "Print the signed post indented on several lines, for people to read.")
    boolean pretty;

    /** One line is the default now; kept so that scripts that ask for it go on working. */
    @Option(names = "--compact", hidden = true, description = "Print the signed post on one line (the default).")
    boolean compact;

    @Parameters(index = "0", paramLabel = "POST_FILE", description = "The post JSON file, or - for standard input.")
    String postFile;

    /** Where "now" comes from. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrivateKey privateKey = readKey();
        String approver;
        try {
            approver = KeyFiles.approverName(key, KeyFiles.PRIVATE_SUFFIX);
        } catch (KeyFileException e) {
            throw new UserError("--key " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        Preflight preflight = new Preflight(options.config(), note -> {
            err.println("herald: note: " + note);
            err.flush();
        });
        String name = ClientSupport.name(postFile);
        byte[] bytes = ClientSupport.read(postFile);
        Post post = preflight.parse(postFile, bytes);
        boolean forSandbox = preflight.forSandbox(postFile, post);
        ObjectNode raw = rawTree(bytes);

        Set<String> acknowledged = acknowledgements(preflight, post);
        Verdict verdict = preflight.verdict(post, acknowledged);
        if (verdict.decision() == Decision.BLOCK) {
            throw new UserError(name + ": not signed: " + Preflight.gateClause(verdict)
                    + "; no approval can release that: rewrite the post (see 'herald check " + name + "')");
        }
        if (verdict.decision() == Decision.HOLD) {
            throw new UserError(name + ": not signed: " + Preflight.gateClause(verdict) + "; if you accept "
                    + (verdict.ruleIdsToAcknowledge().size() == 1 ? "it" : "them") + ", sign with --acknowledge "
                    + Preflight.ids(verdict.ruleIdsToAcknowledge()));
        }
        String unadaptable = preflight.adaptRefusal(post);
        if (unadaptable != null) {
            throw new UserError(name + ": not signed: " + unadaptable);
        }

        ObjectNode signed;
        try {
            signed = ApprovalSigner.sign(raw, privateKey, approver, clock.instant(), acknowledge);
        } catch (IllegalArgumentException e) {
            throw new UserError(name + ": " + e.getMessage());
        }
        ApprovalResult check = preflight.approval(forSandbox, signed);
        if (!check.accepted()) {
            String why = check.failure() == ApprovalFailure.CONTENT_CHANGED
                    ? "this key is not the one whose public key Herald trusts as '" + approver + "'"
                    : check.message();
            throw new UserError("--key " + key + ": not signed: Herald would REJECT the post: " + why
                    + (check.failure() == ApprovalFailure.UNKNOWN_APPROVER
                            ? "; copy " + approver + KeyFiles.PUBLIC_SUFFIX + " (from 'herald keygen') there first" : ""));
        }
        JsonNode previous = raw.path(SignedContent.APPROVAL).path(ApprovalSigner.APPROVED_BY);
        if (previous.isTextual() && !previous.asText().equals(approver)) {
            err.println("herald: note: replacing an approval by another approver");
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(pretty ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(signed)
                    : Json.mapper().writeValueAsString(signed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
        return 0;
    }

    /**
     * The rule ids the approval will acknowledge: those already in the post and those of
     * {@code --acknowledge}. Each must be a rule of the catalogue that a person may accept.
     */
    private Set<String> acknowledgements(Preflight preflight, Post post) {
        Set<String> all = new LinkedHashSet<>();
        List<String> existing = post.approval() == null ? List.of() : new ArrayList<>(post.approval().acknowledged());
        for (int i = 0; i < existing.size(); i++) {
            // the file's ids are the post's content: named by place, not quoted
            String problem = problem(preflight, existing.get(i));
            if (problem != null) {
                throw new UserError(ClientSupport.name(postFile) + ": approval.acknowledged: one of the rule ids " + problem
                        + "; remove it, or fix it");
            }
            all.add(existing.get(i));
        }
        for (String id : acknowledge) {
            String rule = id == null ? "" : id.trim();
            if (rule.isEmpty() || rule.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new UserError("--acknowledge: a rule id is one word, such as conduct.profanity; an empty or spaced one was given");
            }
            String problem = problem(preflight, rule);
            if (problem != null) {
                throw new UserError("--acknowledge " + rule + ": " + problem);
            }
            all.add(rule);
        }
        return all;
    }

    /** Why a rule id cannot be acknowledged, or null when it can. */
    private static String problem(Preflight preflight, String id) {
        Rules.Spec rule = Rules.spec(id);
        if (rule == null) {
            return "is no rule of Herald's; rules a person may acknowledge: " + String.join(", ", acknowledgeable(preflight));
        }
        if (rule.isPhi() || preflight.policy().rule(id).action() == Action.BLOCK) {
            return "blocks (patient identifiers); no approval can release it";
        }
        return null;
    }

    private static Set<String> acknowledgeable(Preflight preflight) {
        Set<String> out = new TreeSet<>();
        for (String id : Rules.ids()) {
            Rules.Spec s = Rules.spec(id);
            if (!s.isPhi() && preflight.policy().rule(id).action() == Action.HOLD) {
                out.add(id);
            }
        }
        return out;
    }

    private PrivateKey readKey() {
        if (!Files.exists(key)) {
            throw new UserError("--key " + key + ": no such file");
        }
        try {
            return KeyFiles.readPrivate(key);
        } catch (KeyFileException e) {
            throw new UserError("--key " + e.getMessage());
        }
    }

    /** The post as the signature covers it: every field, numbers exactly as written. */
    private ObjectNode rawTree(byte[] bytes) {
        try {
            return (ObjectNode) SignedContent.parse(bytes);
        } catch (JsonProcessingException | ClassCastException e) {
            // the parser took it already; this cannot happen for a post it accepted
            throw new IllegalStateException("the post parsed once but not twice", e);
        }
    }
}
