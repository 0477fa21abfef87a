package io.herald.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditEventType;
import io.herald.audit.replay.AuditChainVerifier;
import io.herald.audit.replay.AuditChains;
import io.herald.audit.replay.AuditFilter;
import io.herald.audit.replay.AuditFormat;
import io.herald.audit.replay.AuditReader;
import io.herald.json.Json;
import io.herald.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The audit read benchmark (docs/BENCHMARKS.md): an embedded broker, one audit topic of N events
 * (default 100,000) chained and signed as Herald writes them (a checkpoint every 1,000), then, in
 * rounds, alternately: a bare KafkaConsumer reading the topic to its end (the baseline), {@code
 * audit replay} (AuditReader and the JSONL printer, output discarded), {@code audit verify}
 * (AuditReader keeping repeats and AuditChainVerifier) and both in one pass. Prints one table and a
 * line starting {@code bench-audit:} with the best round of each as a share of the baseline.
 *
 * <p>Run: the command in docs/BENCHMARKS.md ("Audit replay and verify"), arguments {@code [events] [rounds]}
 * (default 100,000 and 3; the recorded run used 5 rounds).
 */
public final class AuditReplayBench {

    private AuditReplayBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("herald-bench-audit");
        try (EmbeddedKafka broker = EmbeddedKafka.start("127.0.0.1", 0, dir, 1)) {
            String bootstrap = broker.bootstrapServers();
            String topic = "bench.audit";
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            AuditChains chains = new AuditChains(Instant.now().minus(Duration.ofHours(2)));
            long bytes = 0;
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                AuditEventType[] types = {AuditEventType.RECEIVED, AuditEventType.SCHEDULED, AuditEventType.ATTEMPT,
                    AuditEventType.PUBLISHED};
                for (int i = 0; i < n; i++) {
                    ObjectNode e = i % 1000 == 0 ? chains.checkpoint("herald-bench", false, Duration.ofDays(365))
                            : chains.next("herald-bench", types[i % types.length], "post-" + (i / 4), node -> node
                                    .put("target", "mastodon:demo").put("reason", "targets mastodon:demo")
                                    .put("contentSha256", "ab".repeat(32)));
                    byte[] v = Json.write(e).getBytes(StandardCharsets.UTF_8);
                    bytes += v.length;
                    byte[] key = e.path("postId").isTextual() ? e.get("postId").asText().getBytes(StandardCharsets.UTF_8) : null;
                    p.send(new ProducerRecord<>(topic, key, v));
                }
                p.flush();
            }
            System.out.printf("bench-audit: topic of %,d events (%,d bytes, %.0f bytes each) written%n", n, bytes, (double) bytes / n);
            io.herald.audit.replay.TrustedInstances trusted = chains.trusted();

            String[] names = {"bare KafkaConsumer", "audit replay (jsonl)", "audit verify", "replay + verify, one pass",
                "bare, the reader's fetch sizes"};
            double[] best = new double[names.length];
            for (int r = 1; r <= rounds; r++) {
                for (int k = 0; k < names.length; k++) {
                    long start = System.nanoTime();
                    long count = switch (k) {
                        case 0 -> bare(bootstrap, topic, Map.of());
                        case 4 -> bare(bootstrap, topic, AuditReader.FETCH_SETTINGS);
                        case 1 -> replay(bootstrap, topic);
                        case 2 -> verify(bootstrap, topic, trusted);
                        case 3 -> both(bootstrap, topic, trusted);
                        default -> throw new IllegalStateException();
                    };
                    double secs = (System.nanoTime() - start) / 1e9;
                    if (count != n) {
                        throw new IllegalStateException(names[k] + " read " + count + " events, not " + n);
                    }
                    double rate = n / secs;
                    best[k] = Math.max(best[k], rate);
                    System.out.printf("round %d  %-28s %,10.0f events/s  (%.2f s)%n", r, names[k], rate, secs);
                }
            }
            System.out.printf("%n%-28s %14s %10s%n", "best of " + rounds + " rounds", "events/s", "of bare");
            for (int k = 0; k < names.length; k++) {
                System.out.printf("%-28s %,14.0f %9.0f %%%n", names[k], best[k], 100 * best[k] / best[0]);
            }
            System.out.printf("bench-audit: %,d events; bare %,.0f/s; replay %.0f %%, verify %.0f %%, replay+verify one pass %.0f %%"
                    + " of bare (bar 65 %%); one pass %.0f %% of a bare consumer with the reader's fetch sizes (%,.0f/s)%n",
                    n, best[0], 100 * best[1] / best[0], 100 * best[2] / best[0], 100 * best[3] / best[0],
                    100 * best[3] / best[4], best[4]);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * The baseline: assign, seek to the beginning, poll to the end offset; touch every value. With
     * the consumer's defaults, or with the fetch sizes the audit reader sets.
     */
    static long bare(String bootstrap, String topic, Map<String, Object> settings) {
        Map<String, Object> config = new java.util.HashMap<>(settings);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long count = 0;
            long sum = 0;
            while (c.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    count++;
                    sum += r.value().length;
                }
            }
            if (sum < 0) {
                throw new IllegalStateException();
            }
            return count;
        }
    }

    private static PrintWriter discard() {
        return new PrintWriter(Writer.nullWriter());
    }

    static long replay(String bootstrap, String topic) {
        AuditFormat.Printer printer = AuditFormat.JSONL.printer(discard());
        long n = new AuditReader(bootstrap, topic).read(AuditFilter.all(), printer::print);
        printer.finish();
        return n;
    }

    static long verify(String bootstrap, String topic, io.herald.audit.replay.TrustedInstances trusted) {
        AuditChainVerifier v = new AuditChainVerifier(trusted, Instant.now());
        long n = new AuditReader(bootstrap, topic).keepingRepeats().read(AuditFilter.all(), v);
        AuditChainVerifier.Report report = v.report();
        if (!report.intact()) {
            throw new IllegalStateException(report.summary());
        }
        return n;
    }

    static long both(String bootstrap, String topic, io.herald.audit.replay.TrustedInstances trusted) {
        AuditChainVerifier v = new AuditChainVerifier(trusted, Instant.now());
        AuditFormat.Printer printer = AuditFormat.JSONL.printer(discard());
        long n = new AuditReader(bootstrap, topic).keepingRepeats().read(AuditFilter.all(), r -> {
            v.accept(r);
            printer.print(r);
        });
        printer.finish();
        if (!v.report().intact()) {
            throw new IllegalStateException(v.report().summary());
        }
        return n;
    }
}
