package io.herald.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditFinding;
import io.herald.compliance.ComplianceGate;
import io.herald.compliance.ComplianceInput;
import io.herald.compliance.Finding;
import io.herald.compliance.MediaInfo;
import io.herald.compliance.Verdict;
import io.herald.post.Post;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compliance gate in the pipeline. Checks the post's body and, where a platform overrides it,
 * each override too: what goes out to any network passes the gate. Patient identifiers BLOCK
 * (nothing acknowledges them); conduct and claims HOLD unless a verified approval acknowledged
 * each held rule; warnings ride along to the PUBLISHED events.
 */
public final class ComplianceCheck implements PostCheck {

    private final ComplianceGate gate;

    public ComplianceCheck(ComplianceGate gate) {
        this.gate = gate;
    }

    @Override
    public Result check(ObjectNode raw, Post post, Context context) {
        Verdict worst = verdict(gate, post, context.acknowledged());
        List<AuditFinding> findings = worst.findings().stream().map(f -> audit(f, worst)).toList();
        // what a reviewer reads on the held topic: every finding with its message, and what to acknowledge
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("findings", worst.findings());
        report.put("toAcknowledge", new TreeSet<>(worst.ruleIdsToAcknowledge()));
        return switch (worst.decision()) {
            case PUBLISH -> Result.pass(findings, report);
            case HOLD -> new Result(Outcome.HOLD, "needs a reviewer; a signed approval must acknowledge "
                    + String.join(", ", new TreeSet<>(worst.ruleIdsToAcknowledge())), findings, report);
            case BLOCK -> new Result(Outcome.BLOCK, "patient identifiers: " + rules(worst.blocking()), findings, report);
        };
    }

    /**
     * The gate's verdict on a post as the pipeline takes it: the body and each platform's override
     * body are checked (with the post's link, hashtags and media), and the worst verdict decides.
     * What {@code herald check}, {@code approve} and {@code submit} show, so that they tell what
     * the pipeline will do.
     *
     * @param acknowledged the rule ids a verified approval acknowledges
     */
    public static Verdict verdict(ComplianceGate gate, Post post, Set<String> acknowledged) {
        List<MediaInfo> media = post.media().stream()
                .map(m -> new MediaInfo(m.url(), m.altText(), m.mimeType(), m.showsFace(), m.consentRef())).toList();
        Set<String> texts = new LinkedHashSet<>();
        texts.add(post.body());
        post.overrides().values().forEach(o -> {
            if (o.body() != null) {
                texts.add(o.body());
            }
        });
        Verdict worst = null;
        for (String body : texts) {
            String link = post.link();
            Verdict v = gate.check(new ComplianceInput(post.id(), body, link, post.hashtags(), media, acknowledged));
            if (worst == null || v.decision().compareTo(worst.decision()) > 0) {
                worst = v;
            }
        }
        return worst;
    }

    /** The audit's view of a finding: rule, category, action and position, never the text. */
    static AuditFinding audit(Finding f) {
        return new AuditFinding(f.rule(), f.category(), f.action().name(), f.start(), f.end());
    }

    /** The same, saying for a HOLD finding whether the signed approval acknowledged its rule. */
    static AuditFinding audit(Finding f, Verdict verdict) {
        Boolean acknowledged = f.action() == io.herald.compliance.Action.HOLD ? verdict.isAcknowledged(f) : null;
        return new AuditFinding(f.rule(), f.category(), f.action().name(), f.start(), f.end(), acknowledged);
    }

    private static String rules(List<Finding> findings) {
        Set<String> rules = new TreeSet<>();
        findings.forEach(f -> rules.add(f.rule()));
        return String.join(", ", rules);
    }
}
