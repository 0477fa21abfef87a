package io.herald.cli;

import ch.qos.logback.classic.Level;
import io.herald.bench.LoadBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herald bench}: the load harness (see {@link LoadBench} and docs/BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures Herald on this machine: an embedded broker, the Mastodon stand-in with --accounts accounts"
                + " and the real gate, each figure next to a baseline taken in the same run (raw Kafka producer, bare HTTP"
                + " client at the dispatcher's concurrency).",
            "Prints a table and, last, one line starting 'bench:'."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--posts", paramLabel = "N", defaultValue = "20000",
            description = "Posts for the ingest and the end-to-end phases, each (default: ${DEFAULT-VALUE}).")
    int posts;

    @Option(names = "--accounts", paramLabel = "M", defaultValue = "100",
            description = "Mastodon stand-in accounts the posts are spread over (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--rate", paramLabel = "POSTS_PER_S", defaultValue = "500",
            description = "The steady rate offered for the ingest-to-publish latency (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "10",
            description = "How long that rate is offered (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "4",
            description = "Dispatch threads, and the bare HTTP client's concurrency (default: ${DEFAULT-VALUE}, as dispatch.threads).")
    int threads;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the broker, store and stand-ins keep their data (default: a temporary directory).")
    Path dataDir;

    @Option(names = "--keep", description = "Keep the data directory afterwards (to look at the store or the logs).")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        LoadBench.Options options;
        try {
            options = new LoadBench.Options(posts, accounts, rate, latencySeconds, threads, dataDir, keep, System.out, System.err);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (System.getenv("HERALD_LOG_LEVEL") == null) {
            // one line per publication would be the bench's own bottleneck: warnings only
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.herald")).setLevel(Level.WARN);
        }
        LoadBench.Result result = LoadBench.run(options);
        System.out.println(result.summary());
        System.out.flush();
        return 0;
    }
}
