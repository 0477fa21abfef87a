package io.herald.compliance.internal;

import io.herald.compliance.ComplianceInput;
import io.herald.compliance.Finding;
import java.util.Comparator;
import java.util.List;

/** Runs every detector over one input. Stateless; the gate calls it from any thread. */
public final class Checker {

    private static final Comparator<Finding> ORDER = Comparator
            .comparingInt((Finding f) -> f.start() < 0 ? Integer.MAX_VALUE : f.start())
            .thenComparingInt(Finding::end)
            .thenComparing(Finding::rule);

    private Checker() {}

    /** What a patient's written consent stated in the post covers: not numbers, contacts or addresses. */
    private static final java.util.Set<String> CONSENTABLE = java.util.Set.of(io.herald.compliance.Rules.PHI_NAME,
            io.herald.compliance.Rules.PHI_AGE, io.herald.compliance.Rules.PHI_COMBINATION, io.herald.compliance.Rules.PHI_DATE,
            io.herald.compliance.Rules.PHI_CONTEXT);

    /** Every finding for the input, ordered by position (findings without one last). */
    public static List<Finding> findings(GateConfig cfg, ComplianceInput input) {
        Text text = new Text(input.body());
        Scan sc = new Scan(cfg, input, text);
        // number-like identifiers first: they claim their spans so later rules do not repeat them
        Identifiers.run(sc);
        PlacesAndDates.run(sc);
        Names.run(sc);
        Signals.run(sc);
        Replies.run(sc);
        Conduct.run(sc);
        Claims.run(sc);
        Disclosure.run(sc);
        Wording.run(sc);
        Friendly.run(sc);
        MediaText.run(sc);
        // last: the text model's second opinion on what the rules let through
        ModelOpinion.run(sc);
        List<Finding> out = sc.findings;
        if (sc.consentInText) {
            // the post says the person agreed in writing: their name, age and story are theirs to share
            out.removeIf(f -> CONSENTABLE.contains(f.rule()));
        }
        if (out.size() > 1) {
            out.sort(ORDER);
        }
        return out;
    }
}
