package io.herald.load;

import io.herald.config.HeraldConfig;
import io.herald.json.Json;
import io.herald.kafka.EmbeddedKafka;
import io.herald.kafka.KafkaClients;
import io.herald.sandbox.SandboxAccounts;
import io.herald.store.DeliveryState;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Load harness: measures Herald against baselines in the same run, on a real embedded broker and
 * the sandbox over real HTTP, and prints the figures.
 *
 * <ol>
 *   <li>raw Kafka producer, acks=all: the ceiling for getting posts into the input topic;
 *   <li>ingest: posts consumed, validated, adapted and recorded (deliveries + audit, offsets
 *       committed) per second;
 *   <li>end to end: posts published to the Mastodon stand-in per second, against a bare HTTP
 *       client posting the same statuses one at a time, as Herald does for one account.
 * </ol>
 *
 * Run: {@code mvn -q -B install -DskipTests && mvn -q -B -pl pipeline test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.herald.load.PipelineLoad [-Dexec.args="5000 1000"]}
 */
public final class PipelineLoad {

    private PipelineLoad() {}

    public static void main(String[] args) throws Exception {
        int ingestPosts = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int publishPosts = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        try (EmbeddedKafka broker = EmbeddedKafka.start("127.0.0.1", 0, Files.createTempDirectory("herald-load"), 3)) {
            TestKafka kafka = new TestKafka(broker.bootstrapServers(), "embedded");
            System.out.printf("herald load: %d posts for ingest, %d for end-to-end, %d cores%n",
                    ingestPosts, publishPosts, Runtime.getRuntime().availableProcessors());

            double rawRate = rawProducer(kafka, ingestPosts);
            System.out.printf("raw Kafka producer (acks=all):  %,10.0f records/s%n", rawRate);

            try (TestHerald herald = new TestHerald(kafka, "load", List.of())
                    .withDispatch(new HeraldConfig.Dispatch(Duration.ofMillis(100), 5, Duration.ofSeconds(1), 4, 1_000_000))) {
                herald.start();
                String later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
                double ingestRate = timed(ingestPosts, () -> {
                    produce(herald, "ingest", ingestPosts, later);
                    await(() -> count(herald, DeliveryState.SCHEDULED) >= ingestPosts);
                });
                System.out.printf("Herald ingest (to the store):   %,10.0f posts/s   (%.1f%% of raw produce)%n",
                        ingestRate, 100 * ingestRate / rawRate);

                double publishRate = timed(publishPosts, () -> {
                    produce(herald, "publish", publishPosts, null);
                    await(() -> count(herald, DeliveryState.PUBLISHED) >= publishPosts);
                });
                double httpRate = bareHttp(herald, publishPosts);
                System.out.printf("bare HTTP client to stand-in:   %,10.0f posts/s%n", httpRate);
                System.out.printf("Herald end to end (published):  %,10.0f posts/s   (%.1f%% of bare HTTP)%n",
                        publishRate, 100 * publishRate / httpRate);
            }
        }
        System.exit(0);
    }

    private static double rawProducer(TestKafka kafka, int n) throws Exception {
        String body = "x".repeat(900);
        try (var admin = KafkaClients.admin(kafka.bootstrapServers())) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("load-raw", 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        try (Producer<byte[], byte[]> p = KafkaClients.producer(kafka.bootstrapServers(), "load-raw")) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(n);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String json = TestHerald.post("raw-" + i, 1, body);
                sends.add(p.send(new ProducerRecord<>("load-raw", ("raw-" + i).getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<RecordMetadata> f : sends) {
                f.get(60, TimeUnit.SECONDS);
            }
            return n / seconds(start);
        }
    }

    private static void produce(TestHerald herald, String prefix, int n, String publishAt) {
        String body = "Flu shots are now available at our Main Street clinic. Walk-ins welcome, no appointment needed. "
                .repeat(2);
        try (Producer<byte[], byte[]> p = KafkaClients.producer(herald.config().kafka().bootstrap(), "load-" + prefix)) {
            for (int i = 0; i < n; i++) {
                String id = prefix + "-" + i;
                Map<String, Object> post = new java.util.LinkedHashMap<>();
                post.put("id", id);
                post.put("body", body + i);
                post.put("targets", List.of("mastodon:demo"));
                if (publishAt != null) {
                    post.put("publishAt", publishAt);
                }
                p.send(new ProducerRecord<>(herald.topics().approved(), id.getBytes(StandardCharsets.UTF_8),
                        Json.write(post).getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
        }
    }

    private static double bareHttp(TestHerald herald, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + herald.sandbox().port() + "/mastodon/api/v1/statuses");
        ExecutorService pool = Executors.newFixedThreadPool(1); // one at a time, as Herald sends to one account
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            all.add(pool.submit(() -> {
                HttpRequest req = HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + SandboxAccounts.MASTODON_DEMO_TOKEN)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "bare-" + k)
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("status", "bare http " + k))))
                        .build();
                try {
                    if (http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        double rate = n / seconds(start);
        pool.shutdown();
        if (failures.get() > 0) {
            System.out.println("bare HTTP: " + failures.get() + " requests failed");
        }
        return rate;
    }

    private static long count(TestHerald herald, DeliveryState state) {
        return herald.app().store().countByState().getOrDefault(state, 0L);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double timed(int n, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return n / seconds(start);
    }

    private static void await(java.util.function.BooleanSupplier done) {
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                .until(done::getAsBoolean);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
