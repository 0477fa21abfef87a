package io.herald.compliance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.herald.compliance.Action;
import io.herald.compliance.ComplianceInput;
import io.herald.compliance.CompliancePolicy;
import io.herald.compliance.Finding;
import io.herald.compliance.HeldoutTest;
import io.herald.compliance.LabelledCases;
import io.herald.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Trains the gate's {@link TextModel} on every labelled JSONL file under the test resources
 * ({@code io/herald/compliance/**}/*.jsonl: fields {@code category} and {@code body}), except the
 * blind sets in {@code blind/}, with the
 * repository's practice policy, and writes it to the main resources. Run from the pipeline module
 * (docs/COMPLIANCE.md has the command):
 *
 * <ul>
 *   <li>no arguments: train on everything and write {@code text-model.bin};
 *   <li>{@code --evaluate SET[,SET...]}: train without those files (by base name, e.g.
 *       {@code heldout-6}) and print, for each, the share of posts judged right by the rules alone
 *       and by the rules with the model at several thresholds. That is how a blind set measures the
 *       model before it joins the training data.
 * </ul>
 *
 * <p>Deterministic: the same files give the same weights (liblinear's trust-region Newton solver).
 */
public final class TextModelTrainer {

    static final Path DATA = Path.of("src", "test", "resources", "io", "herald", "compliance");
    static final Path OUT = Path.of("src", "main", "resources", "io", "herald", "compliance", "text-model.bin");
    static final Path POLICY = Path.of("..", "config", "compliance.yaml");

    /** liblinear's inverse regularisation strength. */
    static final double C = Double.parseDouble(System.getProperty("herald.train.C", "20"));
    private static final double EPS = 0.001;
    /**
     * How many times a post of another practice (a file with its own policy) counts: the
     * repository's own practice has many more posts, and the model must not learn its voice alone.
     */
    static final int OTHER_PRACTICE_WEIGHT = Integer.getInteger("herald.train.otherWeight", 3);
    /** Weigh the classes equally ({@code -Dherald.train.balanced=true}); off: each post weighs the same, which keeps clean posts clean. */
    static final boolean BALANCED = Boolean.getBoolean("herald.train.balanced");

    /** One labelled post. */
    record Post(String set, String category, String body, boolean hasMedia, JsonNode json, Path policy) {
        boolean phi() {
            return category.equals("phi");
        }

        boolean clean() {
            return category.equals("clean");
        }

        boolean conduct() {
            return !phi() && !clean();
        }
    }

    private TextModelTrainer() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("TextModelTrainer: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args, PrintStream out) throws IOException {
        if (args.length >= 1 && args[0].equals("--leave-out-each")) {
            leaveOutEach(out, args.length > 1 ? List.of(args[1].split(",")) : null);
            return;
        }
        if (args.length == 2 && args[0].equals("--evaluate")) {
            Set<String> held = Set.of(args[1].split(","));
            List<Post> all = load(DATA);
            List<Post> train = all.stream().filter(p -> !held.contains(p.set())).toList();
            TextModel model = train(train, "evaluation");
            for (String set : held) {
                evaluate(out, set, testSet(all, set), model, true);
            }
            evaluate(out, "LabelledCases (never trained on)", labelledCases(), model, true);
            return;
        }
        if (args.length != 0) {
            throw new IllegalArgumentException("usage: TextModelTrainer [--evaluate SET[,SET...] | --leave-out-each [SET,...]]");
        }
        List<Post> all = load(DATA);
        TextModel model = train(all, fingerprint(DATA, POLICY));
        try (OutputStream o = Files.newOutputStream(OUT)) {
            model.write(o);
        }
        out.printf(Locale.ROOT, "trained on %d posts (%d phi, %d conduct or claims, %d clean); wrote %s (%d bytes)%n",
                all.size(), all.stream().filter(Post::phi).count(), all.stream().filter(Post::conduct).count(),
                all.stream().filter(Post::clean).count(), OUT, Files.size(OUT));
        evaluate(out, "LabelledCases (never trained on)", labelledCases(), model, true);
    }

    /** The posts of a labelled set by base name (in the training data or a path to a file elsewhere). */
    private static List<Post> testSet(List<Post> all, String set) throws IOException {
        List<Post> test = all.stream().filter(p -> p.set().equals(set)).toList();
        if (!test.isEmpty()) {
            return test;
        }
        Path file = Path.of(set);
        if (!Files.isRegularFile(file) || !file.toString().endsWith(".jsonl")) {
            throw new IllegalArgumentException("--evaluate: no labelled set '" + set + "' under " + DATA
                    + " and no file " + file.toAbsolutePath());
        }
        if (file.toAbsolutePath().normalize().toString().contains("/compliance/" + BLIND + "/")) {
            throw new IllegalArgumentException("--evaluate: " + set + " is a blind set; the lead measures it");
        }
        return loadFile(file, set);
    }

    /** The name of the group of sets written for the repository's own practice (config/compliance.yaml). */
    static final String OWN_PRACTICE = "valley-health";

    /**
     * Practice-wise held-out evaluation: for each practice (each labelled file with its own policy
     * file, and {@value #OWN_PRACTICE} for every file of the repository's practice), trains on
     * everything else and measures that practice with its own policy. Prints each practice at the
     * policy's thresholds and all of them pooled at several.
     */
    private static void leaveOutEach(PrintStream out, List<String> only) throws IOException {
        List<Post> all = load(DATA);
        List<String> practices = new ArrayList<>(all.stream().filter(p -> !p.policy().equals(POLICY)).map(Post::set).distinct().toList());
        practices.add(OWN_PRACTICE);
        if (only != null) {
            practices.retainAll(only);
        }
        Map<String, Map<String, int[]>> pooled = new LinkedHashMap<>();
        for (String practice : practices) {
            List<Post> test = all.stream().filter(p -> practice.equals(OWN_PRACTICE) ? p.policy().equals(POLICY) : p.set().equals(practice)).toList();
            List<Post> train = all.stream().filter(p -> !test.contains(p)).toList();
            TextModel model = train(train, "evaluation");
            Map<String, Map<String, int[]>> r = evaluate(out, practice, test, model, GRID);
            r.forEach((k, m) -> m.forEach((c, a) -> {
                int[] t = pooled.computeIfAbsent(k, x -> new LinkedHashMap<>()).computeIfAbsent(c, x -> new int[2]);
                t[0] += a[0];
                t[1] += a[1];
            }));
        }
        out.printf(Locale.ROOT, "pooled over %s%n", practices);
        pooled.forEach((k, m) -> out.printf(Locale.ROOT, "  %s: %s%n", k, rates(m)));
    }

    /** The hand-labelled cases of the unit tests: never trained on, so they show what the model adds on new text. */
    static List<Post> labelledCases() {
        List<Post> out = new ArrayList<>();
        addCases(out, LabelledCases.PHI, "phi");
        addCases(out, LabelledCases.CONDUCT_AND_CLAIMS, "claims-or-conduct");
        addCases(out, LabelledCases.CLEAN, "clean");
        return out;
    }

    private static void addCases(List<Post> out, String block, String category) {
        for (LabelledCases.Case c : LabelledCases.parse(block)) {
            JsonNode n = Json.mapper().createObjectNode().put("id", "case-" + c.line()).put("body", c.body());
            out.add(new Post("LabelledCases", category, c.body(), false, n, POLICY));
        }
    }

    /** Every labelled post under the directory, files in name order. */
    static List<Post> load(Path dir) throws IOException {
        List<Post> out = new ArrayList<>();
        for (Path f : files(dir)) {
            String name = f.getFileName().toString();
            out.addAll(loadFile(f, name.substring(0, name.length() - ".jsonl".length())));
        }
        return out;
    }

    static List<Post> loadFile(Path f, String set) throws IOException {
        List<Post> out = new ArrayList<>();
        Path policy = policyOf(f);
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Json.mapper().readTree(line);
            out.add(new Post(set, n.get("category").asText(), n.get("body").asText(), n.has("media"), n, policy));
        }
        return out;
    }

    /**
     * The policy a labelled file was written for: its sibling {@code <name>.policy.yaml} (another
     * practice, with its own names, addresses, phones and staff), else {@code config/compliance.yaml}.
     */
    static Path policyOf(Path jsonl) {
        String name = jsonl.getFileName().toString();
        Path sibling = jsonl.resolveSibling(name.substring(0, name.length() - ".jsonl".length()) + ".policy.yaml");
        return Files.isRegularFile(sibling) ? sibling : POLICY;
    }

    private static final Map<Path, CompliancePolicy> POLICIES = new java.util.concurrent.ConcurrentHashMap<>();

    static CompliancePolicy policy(Path file) {
        return POLICIES.computeIfAbsent(file, CompliancePolicy::load);
    }

    private static final Map<Path, GateConfig> RULES_ONLY = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rules alone with the post's own practice policy: what its features are taken with. */
    static GateConfig rulesOnly(Path policy) {
        return RULES_ONLY.computeIfAbsent(policy, p -> GateConfig.rulesOnly(policy(p)));
    }

    /** The training files: every labelled file under the directory except the untrained blind sets in {@code blind/}. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsonl") && !dir.relativize(p).startsWith(BLIND))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** Blind sets kept out of training, so that the next change to the gate is measured on them first. */
    static final String BLIND = "blind";

    /**
     * What a model is trained on: the training files (names and bytes), the policy file (its
     * placeholders depend on it), the feature version and the solver's settings.
     */
    static String fingerprint(Path dir, Path policy) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("features " + TextModel.FEATURES_VERSION + " bits " + TextModel.BITS + " C " + C + " balanced " + BALANCED
                    + (OTHER_PRACTICE_WEIGHT == 1 ? "" : " other " + OTHER_PRACTICE_WEIGHT) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Path f : files(dir)) {
                md.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update(normalisedLines(f));
                Path own = policyOf(f);
                if (!own.equals(POLICY)) {
                    md.update(normalisedLines(own));
                }
            }
            md.update(normalisedLines(policy));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's bytes with CRLF made LF, so a checkout on Windows has the same fingerprint. */
    private static byte[] normalisedLines(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Trains both classes. Posts with media are left out: what makes them phi may be the picture.
     * Each bucket is weighted by its smoothed inverse document frequency, as a tf-idf vectoriser does.
     */
    static TextModel train(List<Post> posts, String fingerprint) {
        List<Post> used = new ArrayList<>();
        for (Post p : posts) {
            if (!p.hasMedia()) {
                for (int k = p.policy().equals(POLICY) ? 1 : OTHER_PRACTICE_WEIGHT; k > 0; k--) {
                    used.add(p);
                }
            }
        }
        List<TextModel.Features> fs = used.stream().map(p -> TextModel.features(new Text(p.body()), rulesOnly(p.policy()))).toList();
        int[] df = new int[TextModel.DIM];
        for (TextModel.Features f : fs) {
            int[] b = distinct(f);
            for (int x : b) {
                df[x]++;
            }
        }
        float[] idf = new float[TextModel.DIM];
        for (int b = 0; b < TextModel.DIM; b++) {
            idf[b] = (float) (Math.log((1.0 + fs.size()) / (1.0 + df[b])) + 1);
        }
        Feature[][] x = new Feature[fs.size()][];
        for (int i = 0; i < fs.size(); i++) {
            x[i] = vector(fs.get(i), idf);
        }
        float[][] w = new float[TextModel.CLASSES][];
        float[] bias = new float[TextModel.CLASSES];
        w[TextModel.PHI] = trainClass(x, used.stream().map(Post::phi).toList(), TextModel.PHI, bias);
        w[TextModel.CONDUCT] = trainClass(x, used.stream().map(Post::conduct).toList(), TextModel.CONDUCT, bias);
        return TextModel.of(w, bias, idf, fingerprint);
    }

    private static int[] distinct(TextModel.Features f) {
        return Arrays.stream(f.bucket, 0, f.count).distinct().toArray();
    }

    private static float[] trainClass(Feature[][] x, List<Boolean> positive, int cls, float[] bias) {
        Problem prob = new Problem();
        prob.l = x.length;
        prob.n = TextModel.DIM + 1;
        prob.x = x;
        prob.bias = 1;
        prob.y = new double[x.length];
        int pos = 0;
        for (int i = 0; i < x.length; i++) {
            prob.y[i] = positive.get(i) ? 1 : -1;
            pos += positive.get(i) ? 1 : 0;
        }
        Parameter param = new Parameter(SolverType.L2R_LR, C, EPS);
        if (BALANCED) {
            // balanced classes: each weighs as much as the other in total
            param.setWeights(new double[] {x.length / (2.0 * pos), x.length / (2.0 * (x.length - pos))}, new int[] {1, -1});
        }
        Linear.disableDebugOutput();
        Model m = Linear.train(prob, param);
        double sign = m.getLabels()[0] == 1 ? 1 : -1;
        double[] fw = m.getFeatureWeights();
        float[] w = new float[TextModel.DIM];
        for (int b = 0; b < TextModel.DIM; b++) {
            w[b] = (float) (sign * fw[b]);
        }
        bias[cls] = (float) (sign * fw[TextModel.DIM]);
        return w;
    }

    /**
     * liblinear's sparse vector of the features: buckets in order, each its count times its idf,
     * over the length the model uses at run time ({@link TextModel#scale(double)}), then the bias.
     */
    private static Feature[] vector(TextModel.Features f, float[] idf) {
        int[] b = Arrays.copyOf(f.bucket, f.count);
        Arrays.sort(b);
        double sq = 0;
        for (int x : b) {
            sq += (double) idf[x] * idf[x];
        }
        double sc = TextModel.scale(sq);
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < b.length; ) {
            int j = i;
            while (j < b.length && b[j] == b[i]) {
                j++;
            }
            out.add(new FeatureNode(b[i] + 1, (j - i) * idf[b[i]] * sc));
            i = j;
        }
        out.add(new FeatureNode(TextModel.DIM + 1, 1));
        return out.toArray(new Feature[0]);
    }

    // ----------------------------------------------------------------------------- evaluation

    /** Thresholds tried by {@code --evaluate}, for phi.context and conduct.context alike. */
    private static final double[] THRESHOLDS = {0.35, 0.4, 0.45, 0.5, 0.6};
    /** {@code -Dherald.eval.show=PHI,CONDUCT}: list the posts judged wrong at these thresholds. */
    private static final double[] SHOW = System.getProperty("herald.eval.show") == null ? null
            : Arrays.stream(System.getProperty("herald.eval.show").split(",")).mapToDouble(Double::parseDouble).toArray();

    private static Map<String, Map<String, int[]>> evaluate(PrintStream out, String set, List<Post> test, TextModel model,
            boolean grid) throws IOException {
        List<String> names = new ArrayList<>();
        names.add("rules alone");
        names.add(SHIPPED);
        if (grid) {
            for (double tp : THRESHOLDS) {
                for (double tc : THRESHOLDS) {
                    names.add(label(tp, tc));
                }
            }
        }
        String shown = SHOW == null ? null : label(SHOW[0], SHOW[1]);
        if (shown != null && !names.contains(shown)) {
            names.add(shown);
        }
        Map<String, GateConfig> cache = new java.util.HashMap<>();
        Map<String, Map<String, int[]>> rates = new LinkedHashMap<>();
        for (Post p : test) {
            ComplianceInput in = HeldoutTest.input(p.json());
            for (String name : names) {
                GateConfig cfg = cache.computeIfAbsent(p.policy() + "|" + name, k -> config(p.policy(), name, model));
                List<Finding> fs = Checker.findings(cfg, in);
                boolean block = fs.stream().anyMatch(f -> f.action() == Action.BLOCK);
                boolean hold = fs.stream().anyMatch(f -> f.action() == Action.HOLD);
                boolean ok = count(rates.computeIfAbsent(name, k -> new LinkedHashMap<>()), p, block, hold);
                if (!ok && name.equals(shown)) {
                    out.printf(Locale.ROOT, "  miss %-17s %-7s %s | %s%s%n", p.category(), block ? "BLOCK" : hold ? "HOLD" : "PUBLISH",
                            fs.stream().map(Finding::rule).distinct().collect(Collectors.joining(",")), p.body(),
                            p.hasMedia() ? " | media " + p.json().get("media") : "");
                }
            }
        }
        out.printf(Locale.ROOT, "%s (%d posts)%n", set, test.size());
        rates.forEach((k, m) -> out.printf(Locale.ROOT, "  %s: %s%n", k, rates(m)));
        return rates;
    }

    private static final String SHIPPED = "the policy's thresholds";
    /** {@code -Dherald.eval.grid=true}: {@code --leave-out-each} tries several thresholds too. */
    private static final boolean GRID = Boolean.getBoolean("herald.eval.grid");

    private static String label(double tp, double tc) {
        return String.format(Locale.ROOT, "phi.context %.2f, conduct.context %.2f", tp, tc);
    }

    private static GateConfig config(Path policy, String name, TextModel model) {
        if (name.equals("rules alone")) {
            return GateConfig.rulesOnly(policy(policy));
        }
        if (name.equals(SHIPPED)) {
            return new GateConfig(policy(policy), model);
        }
        String[] parts = name.replace("phi.context ", "").replace(" conduct.context ", "").split(",");
        try {
            return new GateConfig(withThresholds(policy, Double.parseDouble(parts[0]), Double.parseDouble(parts[1])), model);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A practice's policy with other thresholds for the two model rules. */
    private static CompliancePolicy withThresholds(Path policy, double phi, double conduct) throws IOException {
        String yaml = Files.readString(policy, StandardCharsets.UTF_8);
        String p = "phi.context: {action: BLOCK, threshold: " + phi + "}";
        String c = "conduct.context: {action: HOLD, threshold: " + conduct + "}";
        if (yaml.contains("phi.context:")) {
            yaml = yaml.replaceAll("phi\\.context: \\{[^}]*}", p).replaceAll("conduct\\.context: \\{[^}]*}", c);
        } else if (yaml.matches("(?s).*^rules:.*")) {
            yaml = yaml.replaceFirst("(?m)^rules:\\s*$", "rules:\n  " + p + "\n  " + c);
        } else {
            yaml = yaml + "\nrules:\n  " + p + "\n  " + c + "\n";
        }
        return CompliancePolicy.parse(yaml, policy.toString());
    }

    private static boolean count(Map<String, int[]> m, Post p, boolean block, boolean hold) {
        String c = p.phi() ? "phi" : p.clean() ? "clean" : "conduct";
        boolean ok = p.phi() ? block : p.clean() ? !block && !hold : block || hold;
        int[] a = m.computeIfAbsent(c, k -> new int[2]);
        a[0] += ok ? 1 : 0;
        a[1]++;
        return ok;
    }

    private static String rates(Map<String, int[]> m) {
        return m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %5.1f%% (%d/%d)", e.getKey(), 100.0 * e.getValue()[0] / e.getValue()[1],
                        e.getValue()[0], e.getValue()[1]))
                .collect(Collectors.joining(", "));
    }
}
