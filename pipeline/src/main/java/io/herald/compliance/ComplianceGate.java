package io.herald.compliance;

import io.herald.compliance.internal.Checker;
import io.herald.compliance.internal.GateConfig;
import io.herald.compliance.internal.Lexicon;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Herald's compliance gate: checks a post's content against the policy and decides PUBLISH, HOLD
 * or BLOCK. Run after approval and before any network call. Immutable and thread-safe: build one
 * per policy and share it.
 *
 * <ul>
 *   <li>Any BLOCK finding (patient identifiers, category {@code phi}) blocks; nothing acknowledges it.
 *   <li>Otherwise any HOLD finding whose rule id is not in {@link ComplianceInput#acknowledged()}
 *       holds the post for a reviewer.
 *   <li>Otherwise the post is published; WARN findings and acknowledged HOLD findings stay in
 *       the verdict for the record.
 * </ul>
 */
public final class ComplianceGate {

    private final CompliancePolicy policy;
    private final GateConfig config;

    public ComplianceGate(CompliancePolicy policy) {
        this(policy, new GateConfig(Objects.requireNonNull(policy, "policy")));
    }

    /** A gate over a prepared config (the tests' rules-only gate: {@link GateConfig#rulesOnly}). */
    ComplianceGate(CompliancePolicy policy, GateConfig config) {
        this.policy = policy;
        this.config = config;
        Lexicon.warmUp();
    }

    /** A gate with the built-in default policy. */
    public static ComplianceGate withDefaults() {
        return new ComplianceGate(CompliancePolicy.defaults());
    }

    public CompliancePolicy policy() {
        return policy;
    }

    /** Checks one post (or one platform's version of it). Never throws for any body text. */
    public Verdict check(ComplianceInput input) {
        Objects.requireNonNull(input, "input");
        List<Finding> findings = Checker.findings(config, input);
        boolean block = false;
        boolean hold = false;
        Set<String> honoured = new HashSet<>();
        for (Finding f : findings) {
            switch (f.action()) {
                case BLOCK -> block = true;
                case HOLD -> {
                    if (input.acknowledged().contains(f.rule())) {
                        honoured.add(f.rule());
                    } else {
                        hold = true;
                    }
                }
                case WARN -> { }
                default -> throw new IllegalStateException("unknown action " + f.action());
            }
        }
        Decision decision = block ? Decision.BLOCK : hold ? Decision.HOLD : Decision.PUBLISH;
        return new Verdict(input.id(), decision, findings, honoured);
    }

    /** Checks a bare body. */
    public Verdict check(String id, String body) {
        return check(ComplianceInput.of(id, body));
    }
}
