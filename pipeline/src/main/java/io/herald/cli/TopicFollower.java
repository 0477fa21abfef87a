package io.herald.cli;

import io.herald.kafka.KafkaClients;
import io.herald.kafka.KafkaUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one topic as a command needs it: everything up to where it ended when the command looked
 * ({@link #mark()}, {@link #readToMark}), then what comes after, for a bounded time
 * ({@link #follow}). No consumer group, nothing committed; only committed records.
 */
final class TopicFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrap;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private Map<TopicPartition, Long> mark;

    private TopicFollower(String bootstrap, String topic, KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /**
     * Opens the topic, or returns null when it does not exist.
     *
     * @throws UserError when Kafka cannot be used
     */
    static TopicFollower open(String bootstrap, String topic, String clientId) {
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = KafkaClients.reader(bootstrap, clientId, KafkaClients.COMMAND_TIMEOUT);
        } catch (KafkaUnavailableException e) {
            throw new UserError(e.getMessage());
        }
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, KafkaClients.COMMAND_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                consumer.close();
                return null;
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            return new TopicFollower(bootstrap, topic, consumer, parts);
        } catch (KafkaException e) {
            consumer.close();
            throw failed(bootstrap, topic, e);
        }
    }

    /** Notes where the topic ends now. */
    TopicFollower mark() {
        try {
            mark = consumer.endOffsets(partitions, KafkaClients.COMMAND_TIMEOUT);
        } catch (KafkaException e) {
            throw failed(bootstrap, topic, e);
        }
        return this;
    }

    /** Gives every record before the mark to {@code sink}, partition by partition in topic order. */
    void readToMark(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long deadline = System.nanoTime() + KafkaClients.COMMAND_TIMEOUT.multipliedBy(3).toNanos();
        try {
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, KafkaClients.COMMAND_TIMEOUT) < mark.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new UserError("Kafka at " + bootstrap + " stopped answering while " + topic + " was read");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() < mark.get(new TopicPartition(r.topic(), r.partition()))) {
                        sink.accept(r);
                    }
                }
            }
        } catch (KafkaException e) {
            throw failed(bootstrap, topic, e);
        }
        // what was read past the mark is read again by follow()
        mark.forEach(consumer::seek);
    }

    /**
     * Gives the records after the mark to {@code sink} until {@code done} says so or {@code wait}
     * has passed.
     *
     * @return whether {@code done} said so
     */
    boolean follow(Duration wait, Predicate<ConsumerRecord<byte[], byte[]>> done) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (done.test(r)) {
                        return true;
                    }
                }
            }
        } catch (KafkaException e) {
            throw failed(bootstrap, topic, e);
        }
        return false;
    }

    /** Whether every partition has been read to its end as it is now. */
    boolean caughtUp() {
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KafkaClients.COMMAND_TIMEOUT);
            return partitions.stream().allMatch(tp -> consumer.position(tp, KafkaClients.COMMAND_TIMEOUT) >= end.get(tp));
        } catch (KafkaException e) {
            throw failed(bootstrap, topic, e);
        }
    }

    /** Polls once more, giving what came to {@code sink}. */
    void pollOnce(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try {
            consumer.poll(POLL).forEach(sink);
        } catch (KafkaException e) {
            throw failed(bootstrap, topic, e);
        }
    }

    List<TopicPartition> partitions() {
        return new ArrayList<>(partitions);
    }

    private static UserError failed(String bootstrap, String topic, KafkaException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new UserError("reading " + topic + " from Kafka at " + bootstrap + " failed: " + m.replaceAll("\\s+", " "));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
