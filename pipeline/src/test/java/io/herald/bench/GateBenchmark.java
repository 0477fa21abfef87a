package io.herald.bench;

import io.herald.compliance.ComplianceGate;
import io.herald.compliance.ComplianceInput;
import io.herald.compliance.CompliancePolicy;
import io.herald.compliance.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the compliance gate on one core: posts of about 280 characters, a mix of clean
 * posts, posts with patient identifiers and posts with conduct or claims problems, checked one
 * after the other by a single thread. One op = one post checked. See docs/BENCHMARKS.md for the
 * command and the recorded figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class GateBenchmark {

    /** Sentences the posts are built from; each post is padded to about 280 characters. */
    private static final String[] SENTENCES = {
        "Flu season is here, and our Oak Street clinic offers shots Monday to Saturday; call 555-010-3000 to book.",
        "Washing your hands for 20 seconds is one of the best ways to avoid getting sick this winter.",
        "Welcome Dr. Aaron Blake, DO, to our family medicine team starting January 5, 2027!",
        "Screening saves lives: women 40 and older should discuss mammograms with their doctor. https://www.cancer.org",
        "Meet our front desk team lead, Jasmine Cole, who has welcomed patients here for 12 years.",
        "Questions about billing? Email billing@valleyhealth.example and never email your SSN.",
        "Congratulations to Linda Park on completing cardiac rehab with us this week! You worked so hard, Linda.",
        "Interesting presentation today: 61 y/o female, DOB 09/02/1965, with new-onset seizures.",
        "Mr. Harold Jensen, your cholesterol results are in. Please call 555-310-7788 to discuss.",
        "Our patient who lives at 88 Birch Road, Salem, is recovering well after her hip surgery.",
        "The governor's son came in for stitches after a skiing accident today. Healing nicely!",
        "Our detox tea flushes out toxins and cures bloating forever. Guaranteed!",
        "Some patients are too lazy to take their meds and then blame us. Ridiculous.",
        "STOP GOOGLING YOUR SYMPTOMS!!! WE ARE THE DOCTORS!!!",
        "Hydroxychloroquine prevents COVID. Ask us for a prescription today.",
        "Parkinson's disease affects movement, and our neurology team can help you and your family plan ahead.",
        "Our clinic will close early at 1pm on December 24 and reopen December 26. #HappyHolidays",
        "Patients over 65 should ask about the high-dose flu vaccine; it is free with most insurance plans.",
    };

    private ComplianceGate gate;
    private ComplianceInput[] posts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Path config = Path.of("config", "compliance.yaml");
        if (!Files.exists(config)) {
            config = Path.of("..", "config", "compliance.yaml");
        }
        gate = new ComplianceGate(CompliancePolicy.loadOrDefaults(config));
        List<ComplianceInput> list = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            StringBuilder b = new StringBuilder(SENTENCES[i % SENTENCES.length]);
            int k = i * 7;
            while (b.length() < 250) {
                b.append(' ').append(SENTENCES[k++ % SENTENCES.length]);
            }
            String body = b.length() > 290 ? b.substring(0, b.lastIndexOf(" ", 285)) : b.toString();
            list.add(ComplianceInput.of("post-" + i, body));
        }
        posts = list.toArray(new ComplianceInput[0]);
    }

    /** Average body length of the posts, printed by {@link #main}. */
    double averageLength() {
        double sum = 0;
        for (ComplianceInput p : posts) {
            sum += p.body().length();
        }
        return sum / posts.length;
    }

    @Benchmark
    public Verdict checkOnePost() {
        ComplianceInput p = posts[next];
        next = (next + 1) & (posts.length - 1);
        return gate.check(p);
    }

    /** Prints the average post length, so the figure in docs/BENCHMARKS.md can say what was measured. */
    public static void main(String[] args) {
        GateBenchmark b = new GateBenchmark();
        b.setUp();
        System.out.printf("%d posts, average %.0f characters%n", b.posts.length, b.averageLength());
    }
}
