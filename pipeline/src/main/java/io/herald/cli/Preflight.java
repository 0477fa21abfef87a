package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.approval.ApprovalFailure;
import io.herald.approval.ApprovalResult;
import io.herald.approval.ApprovalVerifier;
import io.herald.approval.KeyFileException;
import io.herald.compliance.ComplianceGate;
import io.herald.compliance.CompliancePolicy;
import io.herald.compliance.Decision;
import io.herald.compliance.Finding;
import io.herald.compliance.Verdict;
import io.herald.config.AccountRegistry;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import io.herald.ingest.ComplianceCheck;
import io.herald.post.InvalidPostException;
import io.herald.post.Post;
import io.herald.post.PostParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What Herald will do with a post, told before it is sent: the one parser, the approval check
 * and the compliance gate of the pipeline, from the configuration the pipeline reads. What
 * {@code check}, {@code preview}, {@code approve} and {@code submit} share, so that none of them
 * says "fine" of a post that Herald refuses.
 *
 * <p>The accounts come from both accounts files (production and sandbox), without credentials. A
 * post whose targets are all sandbox accounts is judged as {@code run --sandbox} would (the
 * sandbox approvers are trusted too); any other as production.
 */
final class Preflight {

    private final HeraldConfig config;
    private final Consumer<String> notes;
    private final Path productionFile;
    private final Path sandboxFile;
    private final Set<String> production;
    private final Set<String> sandbox;
    private final PostParser parser;
    private CompliancePolicy policy;
    private ComplianceGate gate;

    /**
     * @param notes where to say something the user should know but that is no error (the
     *     built-in compliance policy is used)
     */
    Preflight(HeraldConfig config, Consumer<String> notes) {
        this.config = config;
        this.notes = notes;
        this.productionFile = config.resolve(config.accounts());
        this.sandboxFile = config.resolve(config.sandbox().accounts());
        try {
            this.production = AccountRegistry.targetsIn(productionFile);
            this.sandbox = AccountRegistry.targetsIn(sandboxFile);
        } catch (ConfigException e) {
            throw new UserError(e.getMessage());
        }
        this.parser = new PostParser(t -> production.contains(t) || sandbox.contains(t), this::targetsHint);
    }

    /** A post read with another policy than the configured one ({@code check --policy}). */
    Preflight withPolicy(CompliancePolicy p) {
        this.policy = p;
        this.gate = null;
        return this;
    }

    private String targetsHint() {
        String p = production.isEmpty() ? "none" : String.join(", ", production);
        String s = sandbox.isEmpty() ? "none" : String.join(", ", sandbox);
        return p + " (" + productionFile + ")" + "; sandbox: " + s + " (" + sandboxFile + ")";
    }

    PostParser parser() {
        return parser;
    }

    /** Parses and validates a post; a problem is one line naming the file, the field and the position. */
    Post parse(String file, byte[] bytes) {
        try {
            return parser.parse(bytes);
        } catch (InvalidPostException e) {
            throw new UserError(ClientSupport.describe(file, e));
        }
    }

    /**
     * Whether the post is for a sandbox Herald ({@code run --sandbox}): every target a sandbox
     * account that is not a production one too. A post that mixes them is refused: no Herald runs
     * both.
     */
    boolean forSandbox(String file, Post post) {
        List<String> sandboxOnly = post.targets().stream().filter(t -> !production.contains(t)).toList();
        if (sandboxOnly.isEmpty()) {
            return false;
        }
        if (sandboxOnly.size() < post.targets().size()) {
            throw new UserError(ClientSupport.name(file) + ": targets: mixes sandbox accounts (" + String.join(", ", sandboxOnly)
                    + ") with production ones; a Herald runs either the sandbox accounts or the production ones");
        }
        return true;
    }

    /** The approval check of the pipeline, for a production or a sandbox Herald. */
    ApprovalResult approval(boolean forSandbox, JsonNode raw) {
        try {
            return ApprovalVerifier.fromConfig(config, forSandbox).verify(raw);
        } catch (KeyFileException e) {
            throw new UserError(e.getMessage());
        } catch (ConfigException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The compliance gate's verdict, exactly as the pipeline's. */
    Verdict verdict(Post post, Set<String> acknowledged) {
        return ComplianceCheck.verdict(gate(), post, acknowledged);
    }

    CompliancePolicy policy() {
        if (policy == null) {
            try {
                policy = Gate.policy(config, notes);
            } catch (io.herald.compliance.PolicyException e) {
                throw new UserError(e.getMessage());
            }
        }
        return policy;
    }

    private ComplianceGate gate() {
        if (gate == null) {
            gate = new ComplianceGate(policy());
        }
        return gate;
    }

    /** Rule ids with where they are: {@code phi.name (12-24), conduct.profanity}. Never the text. */
    static String findings(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.rule() + (f.hasPosition() ? " (at " + f.start() + "-" + f.end() + ")" : ""))
                .distinct()
                .collect(Collectors.joining(", "));
    }

    /** What the gate would do, as a clause: {@code BLOCK it for patient identifiers: phi.name (at 3-14)}. */
    static String gateClause(Verdict v) {
        if (v.decision() == Decision.BLOCK) {
            return "the compliance gate will BLOCK it for patient identifiers: " + findings(v.blocking());
        }
        if (v.decision() == Decision.HOLD) {
            return "the compliance gate will HOLD it for a reviewer: " + findings(v.unacknowledgedHolds());
        }
        return "the compliance gate will let it through";
    }

    /** The advice for a post Herald will REJECT, fitting why. */
    static String advice(ApprovalResult r, String file) {
        String f = "-".equals(file) ? "FILE" : file;
        ApprovalFailure failure = r.failure();
        if (failure == null) {
            return "";
        }
        return switch (failure) {
            case UNSIGNED -> "it is not signed: sign it with 'herald approve --key KEY " + f + "'";
            case UNKNOWN_APPROVER -> "its approver is not trusted here: add the approver's NAME.pub to the approvers folder,"
                    + " or have a trusted approver sign it with 'herald approve'";
            case CONTENT_CHANGED -> "it was changed after it was signed (or signed with a key other than the approver's .pub):"
                    + " sign the final version again with 'herald approve --key KEY " + f + "'";
            case BAD_SIGNATURE -> "its signature is damaged: sign it again with 'herald approve --key KEY " + f + "'";
            case TOO_OLD -> "its approval is older than approval.maxAge: sign it again with 'herald approve --key KEY " + f + "'";
            case MALFORMED -> "its approval is malformed: sign it again with 'herald approve --key KEY " + f + "'";
        };
    }

    /** The rule ids, sorted, comma-separated. */
    static String ids(Set<String> ids) {
        return String.join(",", new TreeSet<>(ids));
    }

    HeraldConfig config() {
        return config;
    }

    /** What one target would be sent, or why it cannot be: the connector's own adapt, as the pipeline runs it. */
    record Adapted(String target, io.herald.connector.PlatformPost post, String error) { }

    /** Adapts the post for each of its targets, with the accounts of both files (no credentials) and their limits. */
    List<Adapted> adapt(Post post) {
        if (connectors == null) {
            connectors = io.herald.connector.Connectors.load(io.herald.connector.ConnectorContext.defaults());
            accounts = new java.util.TreeMap<>();
            try {
                accounts.putAll(AccountRegistry.withoutSecrets(sandboxFile));
                accounts.putAll(AccountRegistry.withoutSecrets(productionFile));
            } catch (ConfigException e) {
                throw new UserError(e.getMessage());
            }
        }
        List<Adapted> out = new java.util.ArrayList<>();
        for (String target : post.targets()) {
            String platform = Post.platformOf(target);
            try {
                var connector = connectors.get(platform);
                var caps = connector.capabilities(accounts.get(target));
                out.add(new Adapted(target, connector.adapt(post.contentFor(platform), caps), null));
            } catch (io.herald.connector.AdaptException | io.herald.connector.UnknownPlatformException e) {
                // a target configured for a platform no connector serves cannot be adapted either
                out.add(new Adapted(target, null, e.getMessage()));
            }
        }
        return out;
    }

    /** Why Herald will FAIL some targets at once (they cannot be adapted), or null when every target can be. */
    String adaptRefusal(Post post) {
        String why = adapt(post).stream().filter(a -> a.error() != null)
                .map(a -> a.target() + ": " + a.error()).collect(Collectors.joining("; "));
        return why.isEmpty() ? null : "Herald will FAIL " + why;
    }

    private io.herald.connector.Connectors connectors;
    private java.util.Map<String, io.herald.connector.Account> accounts;
}
