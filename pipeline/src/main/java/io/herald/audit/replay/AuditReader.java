package io.herald.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the audit topic, once, in order.
 *
 * <p>A plain {@link KafkaConsumer} with no group: it assigns every partition, seeks, and never
 * commits, so it disturbs no one. It reads from the beginning, or, with a {@code from} time, from
 * the first record of each partition whose timestamp is at most {@link #FROM_SLACK} before it (found
 * with {@code offsetsForTimes}; the slack covers clocks that disagree, events are then filtered on
 * their own {@code at}). It stops at the end offsets it saw when it started, so it always ends;
 * events appended meanwhile are left for the next run. Only committed records are read
 * ({@code read_committed}).
 *
 * <p>Order: within a partition, topic order, always (the topic is keyed by post id, so one post's
 * events are in one partition, in the order they happened). Across partitions the events are merged
 * by their time (the event's {@code at}, else the record timestamp), ties by partition number. The
 * {@code seq} field is not used for the merge: it numbers one hash chain, and numbers of different
 * chains are not comparable.
 *
 * <p>Repeats are skipped: the audit log may re-send an event after a crash (same {@code eventId},
 * same bytes), so an event whose {@code eventId} was among the last {@link #REMEMBERED_IDS} seen is
 * not given again ({@link #repeatsSkipped()} counts them). Records that are tombstones or not a JSON
 * object are skipped with a warning. Thread-confined: one read at a time per instance.
 */
public final class AuditReader {

    private static final Logger LOG = LoggerFactory.getLogger(AuditReader.class);

    /** How long to wait for the broker before giving up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** How far before {@code from} the seek by time starts. */
    public static final Duration FROM_SLACK = Duration.ofMinutes(5);

    /** How many recent event ids are remembered to skip repeats. */
    public static final int REMEMBERED_IDS = 100_000;

    private static final Duration POLL = Duration.ofMillis(200);
    /** Reads events as trees (made once: the mapper's readTree looks the type up on every call). */
    private static final com.fasterxml.jackson.databind.ObjectReader TREE = Json.mapper().readerFor(JsonNode.class);
    /** Records per poll and bytes per partition fetch of a replay (the consumer's defaults: 500 and 1 MiB). */
    static final int MAX_POLL_RECORDS = 5_000;
    static final int FETCH_BYTES = 8 << 20;
    /** The consumer settings that make a replay read in fewer, larger fetches and polls. */
    public static final Map<String, Object> FETCH_SETTINGS = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES,
            ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * FETCH_BYTES,
            ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1 << 20);
    private static final int PAUSE_ABOVE = 10_000;
    private static final int RESUME_BELOW = 1_000;
    private static final Comparator<AuditRecord> ORDER =
            Comparator.comparing(AuditRecord::time).thenComparingInt(AuditRecord::partition);

    private final String bootstrap;
    private final String topic;
    private final Duration timeout;
    private final Consumer<String> warnings;
    private final boolean skipRepeats;
    private final boolean hashing;
    private long repeats;

    public AuditReader(String bootstrap, String topic) {
        this(bootstrap, topic, DEFAULT_TIMEOUT, LOG::warn);
    }

    /**
     * @param timeout how long to wait for the broker (at start, and for progress while reading)
     * @param warnings where to say that a record was skipped
     */
    public AuditReader(String bootstrap, String topic, Duration timeout, Consumer<String> warnings) {
        this(bootstrap, topic, timeout, warnings, true);
    }

    private AuditReader(String bootstrap, String topic, Duration timeout, Consumer<String> warnings, boolean skipRepeats) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.timeout = timeout;
        this.warnings = warnings;
        this.skipRepeats = skipRepeats;
        this.hashing = !skipRepeats;
    }

    /**
     * A reader like this one for a chain check: it gives re-sent events too, and computes each
     * event's content hash ({@link AuditRecord#contentHash()}) on its decoding thread.
     */
    public AuditReader keepingRepeats() {
        return new AuditReader(bootstrap, topic, timeout, warnings, false);
    }

    /** The events (as parsed JSON) that match, in order. */
    public static List<JsonNode> read(String bootstrap, String topic, AuditFilter filter) {
        return new AuditReader(bootstrap, topic).readAll(filter).stream()
                .map(AuditRecord::event)
                .collect(Collectors.toList());
    }

    /** The records that match, in order. */
    public List<AuditRecord> readAll(AuditFilter filter) {
        List<AuditRecord> records = new ArrayList<>();
        read(filter, records::add);
        return records;
    }

    /**
     * Gives every matching record to {@code sink}, in order, as soon as its place in the order is
     * certain.
     *
     * @return how many records were given
     * @throws AuditReadException when the broker cannot be reached or the topic does not exist
     */
    public long read(AuditFilter filter, Consumer<AuditRecord> sink) {
        repeats = 0;
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(properties());
        } catch (KafkaException e) {
            throw new AuditReadException(AuditReadException.Kind.UNREACHABLE,
                    "cannot use the Kafka bootstrap address '" + bootstrap + "': " + rootMessage(e), e);
        }
        try (consumer) {
            return read(consumer, filter, sink);
        } catch (TimeoutException e) {
            throw new AuditReadException(AuditReadException.Kind.UNREACHABLE, "no Kafka broker answered at "
                    + bootstrap + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            throw new AuditReadException(AuditReadException.Kind.FAILED,
                    "reading " + topic + " from " + bootstrap + " failed: " + rootMessage(e), e);
        }
    }

    private long read(KafkaConsumer<byte[], byte[]> consumer, AuditFilter filter, Consumer<AuditRecord> sink) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new AuditReadException(AuditReadException.Kind.NO_TOPIC,
                    "there is no topic '" + topic + "' at " + bootstrap, null);
        }
        List<TopicPartition> partitions = infos.stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> start = startOffsets(consumer, partitions, filter.from());

        Set<TopicPartition> open = new LinkedHashSet<>();
        for (TopicPartition tp : partitions) {
            long s = start.get(tp);
            if (s < end.get(tp)) {
                consumer.seek(tp, s);
                open.add(tp);
            }
        }
        consumer.pause(partitions.stream().filter(tp -> !open.contains(tp)).collect(Collectors.toList()));
        Merger merger = new Merger(open.stream().map(TopicPartition::partition).collect(Collectors.toList()));

        Set<String> recentIds = recentIds();
        java.util.function.Predicate<AuditRecord> keep = filter.matcher();
        long emitted = 0;
        long progress = -1;
        long lastProgress = System.nanoTime();
        Set<TopicPartition> paused = new HashSet<>();
        long[] endOf = new long[partitions.stream().mapToInt(TopicPartition::partition).max().orElse(0) + 1];
        end.forEach((tp, offset) -> endOf[tp.partition()] = offset);
        // decoding (JSON, and the content hash for a chain check) runs on a second thread, one batch
        // behind the polls: the next batch is fetched and the last one given while one is decoded
        java.util.concurrent.ExecutorService decoder = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "herald-audit-decode");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<java.util.concurrent.Future<List<AuditRecord>>> decoding = new ArrayDeque<>();
        try {
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    decoding.add(decoder.submit(() -> decode(batch, endOf)));
                }
                while (decoding.size() > 1 || (!decoding.isEmpty() && decoding.peekFirst().isDone())) {
                    emitted += take(decoding.pollFirst(), recentIds, keep, merger, sink);
                }
                long positions = 0;
                for (Iterator<TopicPartition> it = open.iterator(); it.hasNext(); ) {
                    TopicPartition tp = it.next();
                    long position = consumer.position(tp, timeout);
                    positions += position;
                    if (position >= end.get(tp)) {
                        while (!decoding.isEmpty()) {
                            emitted += take(decoding.pollFirst(), recentIds, keep, merger, sink);
                        }
                        merger.finish(tp.partition());
                        consumer.pause(List.of(tp));
                        it.remove();
                    }
                }
                emitted += merger.drain(sink);
                for (TopicPartition tp : open) {
                    int buffered = merger.buffered(tp.partition());
                    if (buffered > PAUSE_ABOVE && paused.add(tp)) {
                        consumer.pause(List.of(tp));
                    } else if (buffered < RESUME_BELOW && paused.remove(tp)) {
                        consumer.resume(List.of(tp));
                    }
                }
                long now = System.nanoTime();
                if (positions != progress) {
                    progress = positions;
                    lastProgress = now;
                } else if (!open.isEmpty() && Duration.ofNanos(now - lastProgress).compareTo(timeout.multipliedBy(3)) > 0) {
                    throw new AuditReadException(AuditReadException.Kind.STALLED, "no records from " + bootstrap + " for "
                            + timeout.multipliedBy(3).toSeconds() + " s while reading " + topic + " (partitions left: "
                            + open.stream().map(tp -> String.valueOf(tp.partition())).collect(Collectors.joining(","))
                            + ")", null);
                }
            }
            while (!decoding.isEmpty()) {
                emitted += take(decoding.pollFirst(), recentIds, keep, merger, sink);
            }
        } finally {
            decoder.shutdownNow();
        }
        emitted += merger.drain(sink);
        return emitted;
    }

    /** The records of a batch below the end offsets, decoded (on the decoder thread). */
    private List<AuditRecord> decode(ConsumerRecords<byte[], byte[]> batch, long[] endOf) {
        List<AuditRecord> records = new ArrayList<>(batch.count());
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            if (r.offset() >= endOf[r.partition()]) {
                continue;
            }
            AuditRecord record = toRecord(r);
            if (record != null) {
                records.add(hashing && record.event() instanceof com.fasterxml.jackson.databind.node.ObjectNode o
                        ? record.withContentHash(io.herald.audit.AuditLog.hashOf(o)) : record);
            }
        }
        return records;
    }

    /** Waits for a decoded batch, skips repeats, filters, merges, and gives what can be given. */
    private long take(java.util.concurrent.Future<List<AuditRecord>> decoded, Set<String> recentIds,
            java.util.function.Predicate<AuditRecord> keep, Merger merger, Consumer<AuditRecord> sink) {
        List<AuditRecord> records;
        try {
            records = decoded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("decoding audit records failed", e.getCause());
        }
        for (AuditRecord record : records) {
            if (skipRepeats && repeated(record, recentIds)) {
                repeats++;
                continue;
            }
            if (keep.test(record)) {
                merger.add(record);
            }
        }
        return merger.drain(sink);
    }

    /** How many re-sent events (an {@code eventId} seen just before) the last read skipped. */
    public long repeatsSkipped() {
        return repeats;
    }

    private static boolean repeated(AuditRecord record, Set<String> recentIds) {
        JsonNode id = record.event().get("eventId");
        return id != null && id.isTextual() && !recentIds.add(id.asText());
    }

    private static Set<String> recentIds() {
        return java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_IDS;
            }
        });
    }

    private Map<TopicPartition, Long> startOffsets(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Instant from) {
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, timeout);
        if (from == null) {
            return beginning;
        }
        long at = Math.max(0, from.minus(FROM_SLACK).toEpochMilli());
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, at));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> start = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp o = found.get(tp);
            // no record at or after the time: nothing to read in that partition
            start.put(tp, o == null ? end.get(tp) : Math.max(o.offset(), beginning.get(tp)));
        }
        return start;
    }

    private AuditRecord toRecord(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        JsonNode event;
        try {
            event = TREE.readTree(r.value());
        } catch (IOException e) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            warnings.accept("skipping the record at partition " + r.partition() + ", offset " + r.offset()
                    + " of " + topic + ": not a JSON object");
            return null;
        }
        String json = new String(r.value(), StandardCharsets.UTF_8);
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            json = json.replace("\r", "").replace("\n", "");
        }
        json = json.strip();
        return AuditRecord.of(r.partition(), r.offset(), r.timestamp(), json, event);
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "herald-audit-replay");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // a replay reads the whole topic: fewer, larger fetches and polls (docs/BENCHMARKS.md)
        p.putAll(FETCH_SETTINGS);
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        p.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(ms, 5_000)));
        p.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, String.valueOf(Math.min(ms, 5_000)));
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("\\s+", " ");
    }

    /**
     * Merges per-partition queues: gives the earliest head (by {@link #ORDER}) as long as every
     * partition still being read has a head, so that a later record from a slower partition can
     * never be needed before one already given.
     */
    static final class Merger {
        private final Map<Integer, ArrayDeque<AuditRecord>> buffers = new TreeMap<>();
        private final Set<Integer> open = new HashSet<>();

        Merger(Collection<Integer> partitions) {
            for (int p : partitions) {
                buffers.put(p, new ArrayDeque<>());
                open.add(p);
            }
        }

        void add(AuditRecord record) {
            buffers.computeIfAbsent(record.partition(), p -> new ArrayDeque<>()).addLast(record);
        }

        /** No more records will come for the partition. */
        void finish(int partition) {
            open.remove(partition);
        }

        int buffered(int partition) {
            ArrayDeque<AuditRecord> q = buffers.get(partition);
            return q == null ? 0 : q.size();
        }

        long drain(Consumer<AuditRecord> sink) {
            long n = 0;
            while (true) {
                ArrayDeque<AuditRecord> best = null;
                for (Map.Entry<Integer, ArrayDeque<AuditRecord>> e : buffers.entrySet()) {
                    ArrayDeque<AuditRecord> q = e.getValue();
                    if (q.isEmpty()) {
                        if (open.contains(e.getKey())) {
                            return n;
                        }
                        continue;
                    }
                    if (best == null || ORDER.compare(q.peekFirst(), best.peekFirst()) < 0) {
                        best = q;
                    }
                }
                if (best == null) {
                    return n;
                }
                sink.accept(best.pollFirst());
                n++;
            }
        }
    }
}
