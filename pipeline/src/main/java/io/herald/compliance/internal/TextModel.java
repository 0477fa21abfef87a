package io.herald.compliance.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A linear text model, the gate's second opinion after its rules: two logistic regressions over
 * hashed word, word-pair and character n-gram features of a post, one scoring "names or singles out
 * a patient" ({@link #PHI}), one "unprofessional conduct or an unsupported claim" ({@link #CONDUCT}).
 * Trained on the labelled posts in the test resources by {@code TextModelTrainer} (see
 * docs/COMPLIANCE.md); the weights ship as the resource {@value #RESOURCE}. It can only add a
 * finding to a post the rules let through, never take one away. Immutable and thread-safe.
 *
 * <p>The practice's own details (staff names, practice names, its phone, emails, domains and
 * handles) are replaced by placeholders before features are taken, so the model judges how a post
 * reads, not whose staff it names.
 */
public final class TextModel {

    /** Class index of the patient-identifier score. */
    public static final int PHI = 0;
    /** Class index of the conduct-or-claims score. */
    public static final int CONDUCT = 1;
    static final int CLASSES = 2;

    /** Log2 of the number of hash buckets. */
    static final int BITS = 18;
    static final int DIM = 1 << BITS;

    /** Changes whenever {@link #features} changes, so an old model file is refused. */
    static final int FEATURES_VERSION = 6;

    static final String RESOURCE = "/io/herald/compliance/text-model.bin";
    private static final String MAGIC = "herald-text-model";

    private static volatile TextModel shipped;

    /**
     * By bucket, {@link #STRIDE} floats: each class's weight (already multiplied by the bucket's
     * inverse document frequency) and the square of that idf, for the vector's length.
     */
    private final float[] w;
    private final float[] bias;
    private final String fingerprint;

    static final int STRIDE = CLASSES + 1;

    /**
     * The shortest length a post's vector is divided by. A post of a few words would otherwise be
     * made as long as any other, and its few words would weigh like a whole post's; below this
     * length its score stays near the model's prior instead.
     */
    static final double MIN_LENGTH = 60;

    TextModel(float[] w, float[] bias, String fingerprint) {
        if (w.length != STRIDE * DIM || bias.length != CLASSES) {
            throw new IllegalArgumentException("model needs " + STRIDE * DIM + " weights and " + CLASSES + " biases");
        }
        this.w = w;
        this.bias = bias;
        this.fingerprint = fingerprint;
    }

    /** A model from trained weights (not multiplied by idf) and each bucket's inverse document frequency. */
    static TextModel of(float[][] weights, float[] bias, float[] idf, String fingerprint) {
        float[] w = new float[STRIDE * DIM];
        for (int b = 0; b < DIM; b++) {
            for (int c = 0; c < CLASSES; c++) {
                w[STRIDE * b + c] = weights[c][b] * idf[b];
            }
            w[STRIDE * b + CLASSES] = idf[b] * idf[b];
        }
        return new TextModel(w, bias, fingerprint);
    }

    /** The model shipped with Herald. */
    public static TextModel shipped() {
        TextModel m = shipped;
        if (m == null) {
            synchronized (TextModel.class) {
                m = shipped;
                if (m == null) {
                    try (InputStream in = TextModel.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("the text model " + RESOURCE + " is not on the classpath");
                        }
                        m = read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the text model " + RESOURCE, e);
                    }
                    shipped = m;
                }
            }
        }
        return m;
    }

    /** A model that never fires: the rules alone. */
    static TextModel none() {
        float[] w = new float[STRIDE * DIM];
        for (int b = 0; b < DIM; b++) {
            w[STRIDE * b + CLASSES] = 1;
        }
        return new TextModel(w, new float[] {-100, -100}, "none");
    }

    /** What the model was trained on: a hash of the training posts, the policy and the features. */
    public String fingerprint() {
        return fingerprint;
    }

    // ------------------------------------------------------------------------------- scoring

    /** Where a post's features go, one bucket at a time: scored on the fly, or collected. */
    abstract static class Sink {
        /** Scratch space for a token's form with its edges marked. */
        private char[] padded = new char[32];

        abstract void add(int bucket, int token);
    }

    /** The post's features collected (for training and for explaining a score). */
    static final class Features extends Sink {
        int count;
        int[] bucket = new int[256];
        /** The token each feature comes from. */
        int[] token = new int[256];

        @Override
        void add(int b, int tok) {
            if (count == bucket.length) {
                bucket = java.util.Arrays.copyOf(bucket, count * 2);
                token = java.util.Arrays.copyOf(token, count * 2);
            }
            bucket[count] = b;
            token[count++] = tok;
        }
    }

    /** Scores the features as they come: nothing is stored. */
    private final class Scorer extends Sink {
        double phi;
        double conduct;
        double lengthSquared;

        @Override
        void add(int b, int tok) {
            int at = STRIDE * b;
            phi += w[at];
            conduct += w[at + 1];
            lengthSquared += w[at + 2];
        }
    }

    /**
     * One over the length of the post's vector. Each occurrence of a bucket is worth its idf; the
     * length is taken as if no bucket repeated (rare in a post, and training makes the same choice),
     * and never below {@link #MIN_LENGTH}.
     */
    static double scale(double lengthSquared) {
        return 1.0 / Math.max(MIN_LENGTH, Math.sqrt(lengthSquared));
    }

    double lengthSquared(Features f) {
        double sq = 0;
        for (int k = 0; k < f.count; k++) {
            sq += w[STRIDE * f.bucket[k] + CLASSES];
        }
        return sq;
    }

    /** Probability of each class for the text, indexed by {@link #PHI} and {@link #CONDUCT}. */
    public double[] probabilities(Text t, GateConfig cfg) {
        Scorer s = new Scorer();
        features(t, cfg, s);
        double sc = scale(s.lengthSquared);
        return new double[] {sigmoid(s.phi * sc + bias[PHI]), sigmoid(s.conduct * sc + bias[CONDUCT])};
    }

    /** How much each token adds to a class's score (before the sigmoid), by token index. */
    double[] contributions(Text t, GateConfig cfg, int cls) {
        Features f = features(t, cfg);
        double[] out = new double[t.count];
        double sc = scale(lengthSquared(f));
        for (int k = 0; k < f.count; k++) {
            out[f.token[k]] += w[STRIDE * f.bucket[k] + cls] * sc;
        }
        return out;
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    // ------------------------------------------------------------------------------ features

    private static final int SEED_WORD = 0x2f0b3c1d;
    private static final int SEED_PAIR = 0x5bd1e995;
    private static final int SEED_CHARS = 0x68e31da4;
    private static final int SEED_SHAPE = 0x1b873593;
    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 4;

    /** The features of a text, collected. */
    static Features features(Text t, GateConfig cfg) {
        Features f = new Features();
        features(t, cfg, f);
        return f;
    }

    /**
     * The features of a text: each token's normalised form, each pair of neighbouring forms, the
     * character 3- and 4-grams of each word (with its edges marked), and a feature for capitalised
     * words inside a sentence (and pairs of them) that stands for the names that were never seen.
     */
    static void features(Text t, GateConfig cfg, Sink sink) {
        int prev = 0;
        boolean prevCap = false;
        for (int i = 0; i < t.count; i++) {
            String form = form(t, i, cfg);
            int h = hash(form, SEED_WORD);
            sink.add(bucket(h), i);
            if (i > 0) {
                sink.add(bucket(prev * 0x9E3779B1 + h + SEED_PAIR), i);
            }
            prev = h;
            byte k = t.kind[i];
            if (form.charAt(0) != '\u00a7' && (k == Text.WORD || k == Text.HANDLE || k == Text.HASHTAG)) {
                charGrams(sink, form, i);
            }
            boolean capWord = k == Text.WORD && t.cap[i] && !t.allCaps[i] && !t.sentenceInitial(i);
            if (capWord) {
                sink.add(CAP_WORD, i);
                if (prevCap) {
                    sink.add(CAP_PAIR, i);
                }
            }
            prevCap = capWord;
        }
    }

    private static final int CAP_WORD = bucket(SEED_SHAPE);
    private static final int CAP_PAIR = bucket(SEED_SHAPE + 1);

    /** The character n-grams of {@code '<' + form + '>'}, {@value #MIN_GRAM} to {@value #MAX_GRAM} long. */
    private static void charGrams(Sink sink, String form, int tok) {
        int len = form.length() + 2;
        if (sink.padded.length < len) {
            sink.padded = new char[len * 2];
        }
        char[] p = sink.padded;
        p[0] = '<';
        form.getChars(0, form.length(), p, 1);
        p[len - 1] = '>';
        for (int a = 0; a + MIN_GRAM <= len; a++) {
            int h = SEED_CHARS;
            for (int j = a; j < a + MIN_GRAM - 1; j++) {
                h = h * 31 + p[j];
            }
            int end = Math.min(len, a + MAX_GRAM);
            for (int j = a + MIN_GRAM - 1; j < end; j++) {
                h = h * 31 + p[j];
                sink.add(bucket(h), tok);
            }
        }
    }

    /**
     * A token's normalised form, the same for every practice: the practice's own details (from the
     * policy loaded) are placeholders, words that look like people's names are a class (a common
     * given name {@code §first}, another name part {@code §surname}, any other capitalised word that
     * is no English word {@code §proper}), other handles, emails, phones and URLs a class, and
     * numbers keep only their shape (digits made 0).
     */
    static String form(Text t, int i, GateConfig cfg) {
        String low = t.lower[i];
        switch (t.kind[i]) {
            case Text.WORD -> {
                if (t.cap[i]) {
                    if (cfg.staffTokens.contains(low)) {
                        return "\u00a7staff";
                    }
                    if (cfg.practiceNameTokens.contains(low)) {
                        return "\u00a7practice";
                    }
                    if (cfg.practicePlaceTokens.contains(low)) {
                        return "\u00a7practice-place";
                    }
                    if (!t.allCaps[i] && low.length() > 1 && low.charAt(0) >= 'a' && low.charAt(0) <= 'z'
                            && !Lexicon.english(low) && !cfg.notNames.contains(low) && !cfg.acronyms.contains(low)
                            && !Lexicon.STAFF_TITLES.contains(low) && !Lexicon.HONORIFICS.contains(low)
                            && !Lexicon.CREDENTIALS.contains(low.replace(".", "")) && !Lexicon.PUBLIC_TITLES.contains(low)) {
                        if (Lexicon.firstName(low)) {
                            return "\u00a7first";
                        }
                        if (!t.sentenceInitial(i)) {
                            return Lexicon.namePart(low) ? "\u00a7surname" : "\u00a7proper";
                        }
                    }
                }
                return digitsToZero(low);
            }
            case Text.NUMBER -> {
                String d = GateConfig.lastTen(GateConfig.digits(t.tok(i)));
                if (d.length() >= 7 && cfg.practicePhones.contains(d)) {
                    return "\u00a7practice-phone";
                }
                if (d.length() >= 10 && d.length() == GateConfig.digits(t.tok(i)).length() && PHONE_SHAPE.matcher(t.tok(i)).matches()) {
                    return "\u00a7phone";
                }
                return digitsToZero(t.tok(i));
            }
            case Text.EMAIL -> {
                return cfg.practiceEmails.contains(low) || cfg.isPracticeDomain(low.substring(low.indexOf('@') + 1))
                        ? "\u00a7practice-email" : "\u00a7email";
            }
            case Text.URL -> {
                return cfg.isPracticeDomain(host(low)) ? "\u00a7practice-url" : "\u00a7url";
            }
            case Text.HANDLE -> {
                String h = low.startsWith("@") ? low.substring(1) : low;
                return cfg.practiceHandles.contains(h) ? "\u00a7practice-handle" : "\u00a7handle";
            }
            default -> {
                return low.isEmpty() ? t.tok(i) : low;
            }
        }
    }

    private static final java.util.regex.Pattern PHONE_SHAPE = java.util.regex.Pattern.compile(
            "\\+?1?[ .-]?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}");

    private static String host(String url) {
        int s = url.indexOf("://");
        String h = s >= 0 ? url.substring(s + 3) : url;
        int e = 0;
        while (e < h.length() && h.charAt(e) != '/' && h.charAt(e) != '?' && h.charAt(e) != '#' && h.charAt(e) != ':') {
            e++;
        }
        return h.substring(0, e);
    }

    private static String digitsToZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                char[] cs = s.toCharArray();
                for (int j = i; j < cs.length; j++) {
                    if (cs[j] >= '1' && cs[j] <= '9') {
                        cs[j] = '0';
                    }
                }
                return new String(cs);
            }
        }
        return s;
    }

    static int hash(String s, int seed) {
        int h = seed;
        for (int i = 0; i < s.length(); i++) {
            h = h * 31 + s.charAt(i);
        }
        return h;
    }

    /** Fibonacci hashing: the top {@link #BITS} bits of the hash times the golden ratio pick the bucket. */
    static int bucket(int h) {
        return (h * 0x9E3779B9) >>> (32 - BITS);
    }

    // ---------------------------------------------------------------------------- file format

    /** Writes the model: gzip of a header, the biases, the idf of an unseen bucket and the seen buckets. */
    void write(OutputStream out) throws IOException {
        float unseen = 0;
        for (int b = 0; b < DIM; b++) {
            unseen = Math.max(unseen, w[STRIDE * b + CLASSES]);
        }
        try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(out))) {
            d.writeUTF(MAGIC);
            d.writeInt(FEATURES_VERSION);
            d.writeInt(BITS);
            d.writeInt(CLASSES);
            d.writeUTF(fingerprint);
            for (float b : bias) {
                d.writeFloat(b);
            }
            d.writeFloat(unseen);
            int seen = 0;
            for (int b = 0; b < DIM; b++) {
                seen += w[STRIDE * b + CLASSES] != unseen ? 1 : 0;
            }
            d.writeInt(seen);
            for (int b = 0; b < DIM; b++) {
                if (w[STRIDE * b + CLASSES] != unseen) {
                    d.writeInt(b);
                    for (int c = 0; c < STRIDE; c++) {
                        d.writeFloat(w[STRIDE * b + c]);
                    }
                }
            }
        }
    }

    static TextModel read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new GZIPInputStream(in));
        if (!MAGIC.equals(d.readUTF())) {
            throw new IOException("not a Herald text model");
        }
        int version = d.readInt();
        int bits = d.readInt();
        int classes = d.readInt();
        if (version != FEATURES_VERSION || bits != BITS || classes != CLASSES) {
            throw new IOException("text model of features version " + version + " (" + bits + " bits, " + classes
                    + " classes); this build needs version " + FEATURES_VERSION + ": retrain it");
        }
        String fingerprint = d.readUTF();
        float[] bias = new float[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            bias[c] = d.readFloat();
        }
        float unseen = d.readFloat();
        float[] w = new float[STRIDE * DIM];
        for (int b = 0; b < DIM; b++) {
            w[STRIDE * b + CLASSES] = unseen;
        }
        int seen = d.readInt();
        for (int k = 0; k < seen; k++) {
            int b = d.readInt();
            for (int c = 0; c < STRIDE; c++) {
                w[STRIDE * b + c] = d.readFloat();
            }
        }
        return new TextModel(w, bias, fingerprint);
    }
}
