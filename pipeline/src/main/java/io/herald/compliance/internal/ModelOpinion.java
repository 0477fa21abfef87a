package io.herald.compliance.internal;

import io.herald.compliance.Action;
import io.herald.compliance.Finding;
import io.herald.compliance.Rules;
import java.util.Locale;

/**
 * The gate's second opinion: when the rules let a post through, the {@link TextModel} may still
 * find that it reads as a post about an identifiable patient ({@code phi.context}, blocks) or as
 * unprofessional or an unsupported claim ({@code conduct.context}, holds). It only adds findings;
 * its message points at the words that weighed most, and a {@code phi} finding never repeats them.
 */
final class ModelOpinion {

    /** How many tokens a finding's message points at. */
    private static final int SHOWN = 3;

    private ModelOpinion() {}

    /** "our own Aaron Blake", "our colleague Dana": a person of the practice, whether or not the policy lists them. */
    private static final java.util.regex.Pattern COLLEAGUE = java.util.regex.Pattern.compile(
            "\\b(?:[Oo]ur|[Mm]y) (?:own|colleague|coworker|co-worker|teammate|team member|fellow [a-z]+)\\s+(?:Dr\\.?\\s+)?\\p{Lu}");

    static void run(Scan sc) {
        boolean blocked = false;
        boolean held = false;
        for (Finding f : sc.findings) {
            blocked |= f.action() == Action.BLOCK;
            held |= f.action() == Action.HOLD;
        }
        // The rules know better when the post says the patient agreed to it, or names staff or a public figure.
        boolean consented = sc.consentInText || sc.input.media().stream().anyMatch(m -> m != null && m.hasConsent());
        boolean phi = !blocked && !consented && !sc.namesNotPatient && sc.on(Rules.PHI_CONTEXT)
                && !COLLEAGUE.matcher(sc.t.s).find();
        boolean conduct = !blocked && !held && sc.on(Rules.CONDUCT_CONTEXT);
        if (!phi && !conduct || sc.t.count == 0) {
            return;
        }
        TextModel model = sc.cfg.model;
        double[] p = model.probabilities(sc.t, sc.cfg);
        if (phi && p[TextModel.PHI] >= sc.cfg.phiContextThreshold) {
            int[] top = top(model.contributions(sc.t, sc.cfg, TextModel.PHI));
            StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
                    "reads as a post about an identifiable patient (model score %.2f); the words that weigh most are at",
                    p[TextModel.PHI]));
            for (int k = 0; k < top.length; k++) {
                m.append(k == 0 ? " " : ", ").append(sc.t.start[top[k]]).append('-').append(sc.t.end[top[k]]);
            }
            // the whole body: the model judges the text as a whole (and the message repeats none of it)
            sc.add(Rules.PHI_CONTEXT, 0, sc.t.n, m.append("; take out what points at one person").toString());
        } else if (conduct && p[TextModel.CONDUCT] >= sc.cfg.conductContextThreshold) {
            int[] top = top(model.contributions(sc.t, sc.cfg, TextModel.CONDUCT));
            StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
                    "reads as unprofessional or as an unsupported claim (model score %.2f); the words that weigh most:",
                    p[TextModel.CONDUCT]));
            for (int k = 0; k < top.length; k++) {
                m.append(k == 0 ? " '" : ", '").append(sc.t.tok(top[k])).append('\'');
            }
            int at = top.length > 0 ? top[0] : 0;
            sc.add(Rules.CONDUCT_CONTEXT, sc.t.start[at], sc.t.end[at],
                    m.append("; acknowledge it if the post is fine as it is").toString());
        }
    }

    /** Up to {@link #SHOWN} tokens with the largest positive contributions, largest first. */
    private static int[] top(double[] contributions) {
        int[] best = new int[SHOWN];
        int n = 0;
        for (int i = 0; i < contributions.length; i++) {
            if (contributions[i] <= 0 || n == SHOWN && contributions[i] <= contributions[best[SHOWN - 1]]) {
                continue;
            }
            int k = n < SHOWN ? n++ : SHOWN - 1;
            // insertion: move smaller ones down
            while (k > 0 && contributions[best[k - 1]] < contributions[i]) {
                best[k] = best[k - 1];
                k--;
            }
            best[k] = i;
        }
        return java.util.Arrays.copyOf(best, n);
    }
}
