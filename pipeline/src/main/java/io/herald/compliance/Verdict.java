package io.herald.compliance;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The gate's answer for one post.
 *
 * <p>{@code findings} holds every finding, WARN and acknowledged HOLD ones included, ordered by
 * position (findings without a position last). {@code acknowledged} holds the rule ids of the
 * HOLD findings that the approval acknowledged and that therefore did not hold the post; ids the
 * approval listed that matched no HOLD finding (or named a BLOCK rule) are not in it.
 */
public record Verdict(String id, Decision decision, List<Finding> findings, Set<String> acknowledged) {

    public Verdict {
        Objects.requireNonNull(decision, "decision");
        findings = List.copyOf(findings);
        acknowledged = Set.copyOf(acknowledged);
    }

    /** A verdict without acknowledgements. */
    public Verdict(String id, Decision decision, List<Finding> findings) {
        this(id, decision, findings, Set.of());
    }

    /** True when this finding was acknowledged by the approval (only HOLD findings can be). */
    public boolean isAcknowledged(Finding finding) {
        return finding.action() == Action.HOLD && acknowledged.contains(finding.rule());
    }

    /** The HOLD findings that keep the post held: those the approval did not acknowledge. */
    public List<Finding> unacknowledgedHolds() {
        return findings.stream()
                .filter(f -> f.action() == Action.HOLD && !acknowledged.contains(f.rule()))
                .toList();
    }

    /** The findings that decided a BLOCK. */
    public List<Finding> blocking() {
        return findings.stream().filter(f -> f.action() == Action.BLOCK).toList();
    }

    /** The rule ids that a reviewer would have to acknowledge for a HOLD to become a PUBLISH. */
    public Set<String> ruleIdsToAcknowledge() {
        return unacknowledgedHolds().stream().map(Finding::rule).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
