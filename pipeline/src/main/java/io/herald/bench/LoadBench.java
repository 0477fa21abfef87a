package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.app.HeraldApplication;
import io.herald.approval.ApprovalSigner;
import io.herald.approval.KeyFiles;
import io.herald.cli.Gate;
import io.herald.config.HeraldConfig;
import io.herald.json.Json;
import io.herald.kafka.EmbeddedKafka;
import io.herald.kafka.KafkaClients;
import io.herald.sandbox.SandboxServer;
import io.herald.sandbox.mastodon.MastodonAccount;
import io.herald.sandbox.mastodon.MastodonStandIn;
import io.herald.store.DeliveryState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The load harness behind {@code herald bench}: one process holds an embedded Kafka broker, the
 * Mastodon stand-in with {@code accounts} accounts and a Herald with the real gate (signatures
 * checked, compliance rules run), and measures each figure next to a baseline taken in the same
 * run:
 * <ol>
 *   <li><b>raw produce</b>: the signed posts written to a scratch topic by Herald's own producer
 *       settings (acks=all, idempotent), the ceiling for getting posts into Kafka;</li>
 *   <li><b>ingest</b>: the same number of signed posts consumed, verified, checked, adapted and
 *       recorded (deliveries and audit events durable, offsets committed), due a day later, so that
 *       only ingest is timed;</li>
 *   <li><b>end to end</b>: posts due now, from the topic to published on the stand-in over HTTP,
 *       spread over the accounts;</li>
 *   <li><b>bare HTTP</b>: the same statuses posted straight to the same stand-in by a bare JDK
 *       HTTP client at the dispatcher's concurrency;</li>
 *   <li><b>latency</b>: posts offered at a steady rate; ingest-to-publish is the time from handing
 *       the record to the producer to the {@code PUBLISHED} audit event;</li>
 *   <li><b>resident memory</b>: the process's peak ({@code VmHWM}), broker and stand-ins included.</li>
 * </ol>
 */
public final class LoadBench {

    /** Mastodon's own window (300 statuses per account per 3 hours), which the dispatcher honours. */
    public static final int MASTODON_WINDOW = 300;

    private static final String APPROVER = "bench";
    private static final String[] BODIES = {
        "Flu shots are now available at our Main Street clinic. Walk-ins are welcome, no appointment needed.",
        "Our pharmacy opens an hour earlier from Monday, at 8 in the morning, for prescriptions and advice.",
        "Join our free heart health talk this Thursday evening in the community room. Everyone is welcome.",
        "Remember to drink water and rest in the shade during the heat wave. Check on elderly neighbours.",
        "Our new parking garage is open. The first hour is free for visitors to the outpatient building.",
    };

    /** What to run. */
    public record Options(int posts, int accounts, int rate, int latencySeconds, int threads, Path workDir,
            boolean keep, PrintStream out, PrintStream progress) {
        public Options {
            if (posts < 1) {
                throw new IllegalArgumentException("--posts must be at least 1, but was " + posts);
            }
            if (accounts < 1) {
                throw new IllegalArgumentException("--accounts must be at least 1, but was " + accounts);
            }
            if (rate < 1) {
                throw new IllegalArgumentException("--rate must be at least 1, but was " + rate);
            }
            if (latencySeconds < 1) {
                throw new IllegalArgumentException("--latency-seconds must be at least 1, but was " + latencySeconds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, but was " + threads);
            }
            long perAccount = ((long) posts + (long) rate * latencySeconds + accounts - 1) / accounts;
            if (perAccount > MASTODON_WINDOW) {
                long needed = ((long) posts + (long) rate * latencySeconds + MASTODON_WINDOW - 1) / MASTODON_WINDOW;
                throw new IllegalArgumentException("--accounts: " + accounts + " accounts would each publish " + perAccount
                        + " posts, more than Mastodon's " + MASTODON_WINDOW + " per 3 hours; give at least " + needed
                        + " accounts, or fewer --posts");
            }
        }

        int latencyPosts() {
            return rate * latencySeconds;
        }
    }

    /** The figures of one run. */
    public record Result(double rawProducePerS, double ingestPerS, double e2ePerS, double bareHttpPerS,
            long p50IngestToPublishMs, long p99IngestToPublishMs, long maxIngestToPublishMs, double offeredPerS,
            long rssMb, long rssPeakMb) {

        /** The last line of {@code herald bench}. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "bench: raw_produce_per_s=%.0f ingest_per_s=%.0f e2e_per_s=%.0f"
                    + " bare_http_per_s=%.0f p99_ingest_to_publish_ms=%d rss_mb=%d p50_ingest_to_publish_ms=%d"
                    + " ingest_pct_of_raw=%.1f e2e_pct_of_bare_http=%.1f",
                    rawProducePerS, ingestPerS, e2ePerS, bareHttpPerS, p99IngestToPublishMs, rssPeakMb, p50IngestToPublishMs,
                    100 * ingestPerS / rawProducePerS, 100 * e2ePerS / bareHttpPerS);
        }
    }

    private final Options o;
    private final Path work;
    private final List<MastodonAccount> accounts = new ArrayList<>();
    private KeyPair key;

    private LoadBench(Options o, Path work) {
        this.o = o;
        this.work = work;
    }

    /** Runs every phase and prints the table; the summary line is the caller's to print. */
    public static Result run(Options o) throws Exception {
        Path work = o.workDir() != null ? o.workDir() : Files.createTempDirectory("herald-bench");
        Files.createDirectories(work);
        try {
            return new LoadBench(o, work).runAll();
        } finally {
            if (!o.keep()) {
                deleteTree(work);
            }
        }
    }

    private Result runAll() throws Exception {
        o.out().printf("herald bench: %,d posts, %d accounts, %d dispatch threads, latency at %d posts/s for %d s;"
                + " %d cores, max heap %d MB; work dir %s%n", o.posts(), o.accounts(), o.threads(), o.rate(),
                o.latencySeconds(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, work);
        prepareConfig();
        try (SandboxServer sandbox = SandboxServer.builder().port(0).dataDir(work.resolve("sandbox"))
                        .standIns(List.of(ctx -> new MastodonStandIn(ctx, accounts))).start();
                EmbeddedKafka broker = EmbeddedKafka.start("127.0.0.1", 0, work.resolve("kafka"), 6)) {
            String bootstrap = broker.bootstrapServers();
            Instant later = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            progress("signing " + (2 * o.posts() + o.latencyPosts()) + " posts");
            List<Signed> ingestPosts = sign("ing", o.posts(), later);
            List<Signed> e2ePosts = sign("e2e", o.posts(), null);
            List<Signed> latencyPosts = sign("lat", o.latencyPosts(), null);

            double raw = rawProduce(bootstrap, ingestPosts);
            row("raw Kafka producer, acks=all", raw, "records/s", "baseline");

            HeraldConfig config = config(bootstrap, sandbox.port());
            try (HeraldApplication app = HeraldApplication.start(config, new HeraldApplication.Options(true, Clock.systemUTC(),
                    Map.of(), new PrintStream(PrintStream.nullOutputStream()),
                    Gate.checks(config, true, new PrintStream(PrintStream.nullOutputStream()))))) {
                String input = config.kafka().topics().approved();

                double ingest = timed(o.posts(), "ingest", () -> {
                    try (Producer<byte[], byte[]> p = KafkaClients.producer(bootstrap, "bench-ingest")) {
                        ingestPosts.forEach(s -> p.send(s.record(input)));
                        p.flush();
                    }
                }, () -> count(app, DeliveryState.SCHEDULED));
                row("Herald ingest (gate, signatures, store, audit)", ingest, "posts/s",
                        pct(ingest, raw) + " of raw produce");

                long[] groupsBefore = app.database().groupCommits();
                double e2e = timed(o.posts(), "end to end", () -> {
                    try (Producer<byte[], byte[]> p = KafkaClients.producer(bootstrap, "bench-e2e")) {
                        e2ePosts.forEach(s -> p.send(s.record(input)));
                        p.flush();
                    }
                }, () -> count(app, DeliveryState.PUBLISHED));

                long[] groupsAfter = app.database().groupCommits();
                long pieces = groupsAfter[0] - groupsBefore[0];
                long commits = Math.max(1, groupsAfter[1] - groupsBefore[1]);
                o.out().printf("%-48s %,d outcomes and steps in %,d commits (%.1f per commit)%n", "end to end: group commit", pieces,
                        commits, (double) pieces / commits);
                double bare = bareHttp(sandbox.baseUri("mastodon"));
                row("bare HTTP client, " + o.threads() + " at a time", bare, "posts/s", "baseline");
                row("Herald end to end, " + o.accounts() + " accounts", e2e, "posts/s", pct(e2e, bare) + " of bare HTTP");

                long[] latencies = latency(app, bootstrap, input, latencyPosts);
                Arrays.sort(latencies);
                long p50 = percentile(latencies, 50);
                long p99 = percentile(latencies, 99);
                long max = latencies[latencies.length - 1];
                o.out().printf("%-48s p50 %d ms, p99 %d ms, max %d ms (%,d posts at %d/s)%n",
                        "ingest to publish, steady rate", p50, p99, max, latencies.length, o.rate());
                long rss = status("VmRSS");
                long peak = status("VmHWM");
                o.out().printf("%-48s %,d MB now, %,d MB peak (heap used %,d MB)%n", "resident memory, broker included",
                        rss, peak, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
                return new Result(raw, ingest, e2e, bare, p50, p99, max, o.rate(), rss, peak);
            }
        }
    }

    // ---- set-up ----

    private void prepareConfig() throws IOException {
        Path config = work.resolve("config");
        Files.createDirectories(config.resolve("approvers"));
        Files.createDirectories(config.resolve("sandbox/approvers"));
        key = KeyFiles.generate();
        KeyFiles.write(key, work.resolve("keys"), APPROVER);
        Files.copy(work.resolve("keys").resolve(APPROVER + KeyFiles.PUBLIC_SUFFIX),
                config.resolve("approvers").resolve(APPROVER + KeyFiles.PUBLIC_SUFFIX));
        String home = System.getProperty("herald.home");
        if (home != null && Files.exists(Path.of(home, "config", "compliance.yaml"))) {
            Files.copy(Path.of(home, "config", "compliance.yaml"), config.resolve("compliance.yaml"));
        }
        StringBuilder yaml = new StringBuilder("accounts:\n");
        for (int i = 1; i <= o.accounts(); i++) {
            String name = String.format("bench%03d", i);
            String token = "sandbox-mastodon-" + name;
            accounts.add(new MastodonAccount(Integer.toString(1000 + i), name, token, Instant.parse("2026-01-01T00:00:00Z")));
            yaml.append("  - target: mastodon:").append(name).append("\n    baseUrl: \"{sandbox}/mastodon\"\n")
                    .append("    sandboxToken: ").append(token).append('\n');
        }
        Files.writeString(config.resolve("sandbox/accounts.yaml"), yaml.toString());
    }

    private HeraldConfig config(String bootstrap, int sandboxPort) {
        return new HeraldConfig(new HeraldConfig.Kafka(bootstrap, null, 6, null, "herald-bench", null), null,
                work.resolve("data").toString(), null, new HeraldConfig.Sandbox(sandboxPort, null, null), null, null,
                // per-account pacing off (0): the bench measures what Herald can carry, Mastodon's own window stays
                new HeraldConfig.Dispatch(null, null, null, o.threads(), 0, null),
                work.resolve("config/herald.yaml"));
    }

    private record Signed(String id, byte[] json) {
        ProducerRecord<byte[], byte[]> record(String topic) {
            return new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), json);
        }
    }

    private List<Signed> sign(String prefix, int n, Instant publishAt) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return IntStream.range(0, n).parallel().mapToObj(i -> {
            ObjectNode post = Json.mapper().createObjectNode();
            String id = prefix + "-" + i;
            post.put("id", id);
            post.put("body", BODIES[i % BODIES.length]);
            post.put("link", "https://riverside.example/news/" + prefix + i);
            post.putArray("hashtags").add("Health");
            post.putArray("targets").add("mastodon:" + accounts.get(i % accounts.size()).username());
            if (publishAt != null) {
                post.put("publishAt", publishAt.toString());
            }
            ObjectNode signed = ApprovalSigner.sign(post, key.getPrivate(), APPROVER, now);
            return new Signed(id, Json.write(signed).getBytes(StandardCharsets.UTF_8));
        }).toList();
    }

    // ---- phases ----

    private double rawProduce(String bootstrap, List<Signed> posts) throws Exception {
        try (var admin = KafkaClients.admin(bootstrap)) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("bench.raw", 6, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        try (Producer<byte[], byte[]> p = KafkaClients.producer(bootstrap, "bench-raw")) {
            p.send(new ProducerRecord<>("bench.raw", new byte[0])).get(30, TimeUnit.SECONDS); // metadata, connection
            progress("raw produce");
            long start = System.nanoTime();
            List<Future<RecordMetadata>> sent = new ArrayList<>(posts.size());
            for (Signed s : posts) {
                sent.add(p.send(s.record("bench.raw")));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
            return posts.size() / seconds(start);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code send} and waits for {@code done} to reach {@code n}: posts per second over the whole. */
    private double timed(int n, String what, Work send, LongSupplier done) throws Exception {
        long before = done.getAsLong();
        long start = System.nanoTime();
        send.run();
        awaitCount(what, before + n, done);
        return n / seconds(start);
    }

    private void awaitCount(String what, long target, LongSupplier done) {
        long last = -1;
        long lastChange = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            long now = done.getAsLong();
            if (now >= target) {
                return;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(60)) {
                throw new IllegalStateException(what + " stalled at " + now + " of " + target
                        + " for a minute; run again with --keep and look at the data dir " + work);
            }
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(2)) {
                lastPrint = System.nanoTime();
                progress(what + ": " + now + " of " + target);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // each look is a COUNT on the store: not too often
        }
    }

    private double bareHttp(URI mastodon) throws Exception {
        progress("bare HTTP");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(); // as Herald builds its own
        URI statuses = URI.create(mastodon + "/api/v1/statuses");
        ExecutorService pool = Executors.newFixedThreadPool(o.threads());
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        int n = o.posts();
        try {
            long start = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < o.threads(); t++) {
                all.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        MastodonAccount a = accounts.get(i % accounts.size());
                        ObjectNode body = Json.mapper().createObjectNode();
                        body.put("status", BODIES[i % BODIES.length] + " https://riverside.example/news/bare" + i + " #Health");
                        body.put("visibility", "public");
                        HttpRequest req = HttpRequest.newBuilder(statuses)
                                .header("Authorization", "Bearer " + a.token())
                                .header("Accept", "application/json")
                                .header("Idempotency-Key", "bare-" + i)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(15))
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                        try {
                            if (http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            double rate = n / seconds(start);
            if (failures.get() > 0) {
                o.out().println("bare HTTP: " + failures.get() + " of " + n + " requests failed");
            }
            return rate;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Offers the posts at the steady rate; returns each post's ingest-to-publish time in ms. */
    private long[] latency(HeraldApplication app, String bootstrap, String input, List<Signed> posts) throws Exception {
        long published = count(app, DeliveryState.PUBLISHED);
        Map<String, Long> sentAt = new HashMap<>(posts.size() * 2);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / o.rate();
        try (Producer<byte[], byte[]> p = KafkaClients.producer(bootstrap, "bench-latency")) {
            p.send(new ProducerRecord<>("bench.raw", new byte[0])).get(30, TimeUnit.SECONDS);
            progress("latency: offering " + posts.size() + " posts at " + o.rate() + "/s");
            long start = System.nanoTime();
            for (int i = 0; i < posts.size(); i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Signed s = posts.get(i);
                sentAt.put(s.id(), System.currentTimeMillis());
                p.send(s.record(input));
            }
            p.flush();
        }
        awaitCount("latency", published + posts.size(), () -> count(app, DeliveryState.PUBLISHED));
        app.audit().flush();
        Map<String, Long> publishedAt = publishedEvents(bootstrap, app, "lat-");
        long[] out = new long[posts.size()];
        int k = 0;
        for (Signed s : posts) {
            Long at = publishedAt.get(s.id());
            if (at == null) {
                throw new IllegalStateException("no PUBLISHED audit event for " + s.id());
            }
            out[k++] = Math.max(0, at - sentAt.get(s.id()));
        }
        return out;
    }

    /** The time of each PUBLISHED audit event of posts whose id starts with {@code prefix}, read from the audit topic. */
    private Map<String, Long> publishedEvents(String bootstrap, HeraldApplication app, String prefix) {
        String topic = new HeraldConfig.Topics(null, null, null, null, null).audit();
        Map<String, Long> out = new HashMap<>();
        byte[] pre = prefix.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.reader(bootstrap, "bench-audit", Duration.ofSeconds(30))) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .sorted(Comparator.comparingInt(PartitionInfo::partition))
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.key() == null || !startsWith(r.key(), pre)) {
                        continue;
                    }
                    JsonNode e = Json.mapper().readTree(r.value());
                    if ("PUBLISHED".equals(e.path("type").asText())) {
                        out.put(e.get("postId").asText(), Instant.parse(e.get("at").asText()).toEpochMilli());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    // ---- helpers ----

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long count(HeraldApplication app, DeliveryState state) {
        return app.store().count(state); // an index range: the bench's own looks stay cheap
    }

    private static long percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** A line of /proc/self/status in MB (Linux), or -1. */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    private void row(String what, double figure, String unit, String ratio) {
        o.out().printf("%-48s %,10.0f %-9s %s%n", what, figure, unit, ratio);
        o.out().flush();
    }

    private static String pct(double a, double b) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", 100 * a / b);
    }

    private void progress(String line) {
        o.progress().println("bench: " + line + " ...");
        o.progress().flush();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
