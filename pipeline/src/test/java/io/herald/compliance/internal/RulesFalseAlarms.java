package io.herald.compliance.internal;

import io.herald.compliance.Action;
import io.herald.compliance.ComplianceInput;
import io.herald.compliance.Finding;
import io.herald.compliance.HeldoutTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Development tool (test scope): the rules alone on labelled files of other practices, each with
 * its own policy (with {@code -Dmodel=true} the whole gate with the shipped model); prints pooled phi / conduct / clean rates and, with {@code -Dshow=clean|phi|conduct},
 * the misjudged posts of that category with each finding's rule and span. Refuses {@code blind/}.
 */
public final class RulesFalseAlarms {

    /** {@code -Dmodel=true}: the whole gate with the shipped text model, not the rules alone. */
    private static final boolean MODEL = Boolean.getBoolean("model");
    private static final java.util.Map<Path, GateConfig> SHIPPED = new java.util.HashMap<>();

    private RulesFalseAlarms() {
    }

    public static void main(String[] args) throws Exception {
        String show = System.getProperty("show", "");
        int[][] r = new int[3][2];
        for (String a : args) {
            Path f = Path.of(a);
            if (f.toString().contains("blind")) {
                throw new IllegalArgumentException("blind sets are not evaluated here");
            }
            for (TextModelTrainer.Post p : TextModelTrainer.loadFile(f, f.getFileName().toString())) {
                ComplianceInput in = HeldoutTest.input(p.json());
                List<Finding> fs = Checker.findings(MODEL ? SHIPPED.computeIfAbsent(p.policy(),
                        k -> new GateConfig(TextModelTrainer.policy(k), TextModel.shipped())) : TextModelTrainer.rulesOnly(p.policy()), in);
                boolean block = fs.stream().anyMatch(x -> x.action() == Action.BLOCK);
                boolean hold = fs.stream().anyMatch(x -> x.action() == Action.HOLD);
                int c = p.phi() ? 0 : p.clean() ? 2 : 1;
                boolean ok = p.phi() ? block : p.clean() ? !block && !hold : block || hold;
                r[c][0] += ok ? 1 : 0;
                r[c][1]++;
                String cat = c == 0 ? "phi" : c == 1 ? "conduct" : "clean";
                if (!ok && show.contains(cat)) {
                    List<String> why = new ArrayList<>();
                    for (Finding x : fs) {
                        why.add(x.rule() + (x.hasPosition() ? "[" + p.body().substring(x.start(), Math.min(x.end(), p.body().length())).replace('\n', ' ') + "]" : ""));
                    }
                    System.out.println("MISS " + cat + " " + f.getFileName() + " " + why + " | " + p.body().replace('\n', ' ')
                            + (p.hasMedia() ? " | media " + p.json().get("media") : ""));
                }
            }
        }
        System.out.printf(Locale.ROOT, "phi %.1f%% (%d/%d), conduct %.1f%% (%d/%d), clean %.1f%% (%d/%d)%n",
                100.0 * r[0][0] / r[0][1], r[0][0], r[0][1], 100.0 * r[1][0] / r[1][1], r[1][0], r[1][1],
                100.0 * r[2][0] / r[2][1], r[2][0], r[2][1]);
    }
}
