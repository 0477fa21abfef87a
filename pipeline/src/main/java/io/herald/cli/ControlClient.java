package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.Durations;
import io.herald.control.ControlCommand;
import io.herald.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends a person's command to the running Herald over the control topic and reads its answer from
 * the audit log: the events that name the command's record as their source.
 */
final class ControlClient {

    /** Herald answered that there was nothing to act on. */
    static final int NOT_APPLIED = 3;
    /** Herald did not answer in time. */
    static final int NOT_CONFIRMED = 4;

    private static final Duration SETTLE = Duration.ofMillis(300);

    private ControlClient() {
    }

    /** Who runs the command, for the audit: {@code $USER@host}. */
    static String whoAmI() {
        String user = System.getProperty("user.name", "someone");
        try {
            return user + "@" + InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return user;
        }
    }

    static Duration wait(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--wait: " + e.getMessage());
        }
    }

    /** Sends, waits for the answer, prints it; returns the exit code. */
    static int send(ConfigOptions options, ControlCommand command, Duration wait, String waitText, PrintWriter out) {
        String topic = options.config().kafka().topics().control();
        String auditTopic = options.config().kafka().topics().audit();
        String bootstrap = options.reachableBootstrap();
        TopicFollower audit = TopicFollower.open(bootstrap, auditTopic, "herald-" + command.command());
        if (audit == null) {
            throw new UserError("there is no audit topic " + auditTopic + " at " + bootstrap + ": no Herald has run there");
        }
        try (audit) {
            audit.mark();
            RecordMetadata md;
            try (Producer<byte[], byte[]> producer = SubmitCommand.producer(bootstrap, "herald-" + command.command(), options)) {
                md = SubmitCommand.send(producer, new ProducerRecord<>(topic,
                        command.postId().getBytes(StandardCharsets.UTF_8), command.toJson()), bootstrap);
            }
            List<JsonNode> answer = new ArrayList<>();
            boolean answered = audit.follow(wait, r -> {
                JsonNode e = answerTo(r, topic, md);
                if (e != null) {
                    answer.add(e);
                    return true;
                }
                return false;
            });
            if (!answered) {
                out.println(command.command() + " of " + command.postId() + " sent to " + topic + ", but Herald has not answered"
                        + " within " + waitText + " (is it running?); it applies the command when it reads it");
                out.flush();
                return NOT_CONFIRMED;
            }
            long until = System.nanoTime() + SETTLE.toNanos();
            do {
                audit.pollOnce(r -> {
                    JsonNode e = answerTo(r, topic, md);
                    if (e != null) {
                        answer.add(e);
                    }
                });
            } while (System.nanoTime() < until || !audit.caughtUp());
            boolean applied = false;
            for (JsonNode e : answer) {
                String type = e.path("type").asText();
                applied |= !type.equals("NOT_APPLIED");
                out.println(type + (e.hasNonNull("target") ? " " + e.get("target").asText() : "")
                        + (e.hasNonNull("revision") ? " revision " + e.get("revision").asInt() : "") + ": " + e.path("reason").asText());
            }
            out.flush();
            return applied ? 0 : NOT_APPLIED;
        }
    }

    static JsonNode answerTo(ConsumerRecord<byte[], byte[]> r, String topic, RecordMetadata md) {
        if (r.value() == null) {
            return null;
        }
        try {
            JsonNode e = Json.mapper().readTree(r.value());
            JsonNode s = e == null ? null : e.path("source");
            return s != null && topic.equals(s.path("topic").asText()) && s.path("partition").asInt(-1) == md.partition()
                    && s.path("offset").asLong(-1) == md.offset() ? e : null;
        } catch (IOException ex) {
            return null;
        }
    }
}
