package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.Durations;
import io.herald.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code herald cancel POST_ID}: produces the tombstone that cancels a post's waiting deliveries,
 * then reads the audit topic for what Herald did with it, and says so.
 *
 * <p>Herald answers a tombstone with CANCELLED events that name the tombstone as their source:
 * one per delivery it cancelled, or one without a target when nothing was waiting. Exit 0 when a
 * delivery was cancelled; 3 when nothing was waiting (with why: never submitted, already
 * published, ...); 4 when Herald did not answer within {@code --wait} (the tombstone stays on the
 * topic and counts when Herald reads it).
 */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancels every delivery of a post that has not gone out yet, and says what it cancelled.",
            "It produces a tombstone under the post id, then reads the audit topic for Herald's answer.",
            "Exit 0 when a delivery was cancelled; 3 when nothing was waiting (never submitted, or already published);"
                    + " 4 when Herald did not answer within --wait."})
public final class CancelCommand implements Callable<Integer> {

    /** Nothing of the post was waiting. */
    static final int NOTHING_WAITING = 3;
    /** Herald did not answer in time. */
    static final int NOT_CONFIRMED = 4;

    private static final Duration SETTLE = Duration.ofMillis(300);

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "POST_ID", description = "The id of the post to cancel.")
    String postId;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for Herald's answer on the audit topic: 10s (the default), 500ms, 1m or PT30S.")
    String waitText;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!postId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new UserError("POST_ID must be 1 to 128 letters, digits, '.', '_' or '-' ([A-Za-z0-9._-]{1,128})");
        }
        Duration wait;
        try {
            wait = Durations.parse(waitText);
        } catch (IllegalArgumentException e) {
            throw new UserError("--wait: " + e.getMessage());
        }
        String topic = options.config().kafka().topics().approved();
        String auditTopic = options.config().kafka().topics().audit();
        String bootstrap = options.reachableBootstrap();
        PrintWriter out = spec.commandLine().getOut();

        TopicFollower audit = TopicFollower.open(bootstrap, auditTopic, "herald-cancel");
        History history = new History();
        if (audit != null) {
            audit.mark().readToMark(r -> history.add(event(r)));
        }
        RecordMetadata md;
        try (Producer<byte[], byte[]> producer = SubmitCommand.producer(bootstrap, "herald-cancel", options)) {
            md = SubmitCommand.send(producer, new ProducerRecord<>(topic, postId.getBytes(StandardCharsets.UTF_8), null), bootstrap);
        }
        String sent = "cancel of " + postId + " sent to " + topic + " (partition " + md.partition() + ", offset " + md.offset() + ")";
        if (audit == null) {
            out.println(sent + "; nothing of it can be waiting: there is no audit topic " + auditTopic + " at " + bootstrap
                    + ", so no Herald has run there");
            out.flush();
            return NOTHING_WAITING;
        }
        List<JsonNode> answer = new ArrayList<>();
        try (audit) {
            boolean answered = audit.follow(wait, r -> {
                JsonNode e = event(r);
                if (answers(e, topic, md)) {
                    answer.add(e);
                    return true;
                }
                return false;
            });
            if (!answered) {
                out.println(sent + ", but Herald has not answered within " + waitText + " (is it running?); the tombstone stays"
                        + " on the topic and cancels what is waiting when Herald reads it");
                out.flush();
                return NOT_CONFIRMED;
            }
            // the other events of the same answer are written in one go: take them too
            long until = System.nanoTime() + SETTLE.toNanos();
            long limit = until + Duration.ofSeconds(2).toNanos();
            do {
                audit.pollOnce(r -> {
                    JsonNode e = event(r);
                    if (answers(e, topic, md)) {
                        answer.add(e);
                    }
                });
            } while ((System.nanoTime() < until || !audit.caughtUp()) && System.nanoTime() < limit);
        }
        List<String> cancelled = new ArrayList<>();
        for (JsonNode e : answer) {
            if (e.hasNonNull("target")) {
                cancelled.add(e.get("target").asText() + (e.hasNonNull("revision") ? " (revision " + e.get("revision").asInt() + ")" : ""));
            }
        }
        if (!cancelled.isEmpty()) {
            out.println("cancelled " + postId + ": " + String.join(", ", cancelled) + " (nothing of it will go out)");
            out.flush();
            return 0;
        }
        out.println("nothing of " + postId + " was waiting: " + history.describe(postId));
        out.flush();
        return NOTHING_WAITING;
    }

    /** Whether an audit event is Herald's answer to this tombstone. */
    private boolean answers(JsonNode e, String topic, RecordMetadata md) {
        if (e == null || !"CANCELLED".equals(e.path("type").asText()) || !postId.equals(e.path("postId").asText())) {
            return false;
        }
        JsonNode s = e.path("source");
        return topic.equals(s.path("topic").asText()) && s.path("partition").asInt(-1) == md.partition()
                && s.path("offset").asLong(-1) == md.offset();
    }

    private JsonNode event(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            JsonNode e = Json.mapper().readTree(r.value());
            return e != null && e.isObject() && postId.equals(e.path("postId").asText()) ? e : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** What the audit says of one post before the tombstone: the last state of each target, and of the post. */
    private static final class History {
        private final Map<String, JsonNode> byTarget = new LinkedHashMap<>();
        private JsonNode lastDecision;
        private boolean any;

        void add(JsonNode e) {
            if (e == null) {
                return;
            }
            any = true;
            String type = e.path("type").asText();
            if (e.hasNonNull("target")) {
                byTarget.put(e.get("target").asText(), e);
            } else if (List.of("REJECTED", "HELD", "BLOCKED", "INVALID", "CANCELLED").contains(type)) {
                lastDecision = e;
            }
        }

        String describe(String postId) {
            if (!any) {
                return "Herald has no record of a post " + postId + " (never submitted, or submitted to another Kafka)";
            }
            List<String> parts = new ArrayList<>();
            byTarget.forEach((target, e) -> parts.add(state(e) + " on " + target));
            if (parts.isEmpty() && lastDecision != null) {
                String type = lastDecision.path("type").asText();
                parts.add(type.equals("CANCELLED") ? "it was cancelled before"
                        : "its last revision was " + type + ", so nothing was scheduled"
                                + (type.equals("HELD") || type.equals("BLOCKED") ? "; it no longer waits for a person (herald held)" : ""));
            }
            if (parts.isEmpty()) {
                parts.add("none of its deliveries was scheduled");
            }
            return String.join("; ", parts);
        }

        private static String state(JsonNode e) {
            String revision = e.hasNonNull("revision") ? "revision " + e.get("revision").asInt() + " " : "";
            return switch (e.path("type").asText()) {
                case "PUBLISHED" -> revision + "already published" + (e.hasNonNull("remoteId") ? " (remote id "
                        + e.get("remoteId").asText() + ")" : "");
                case "CANCELLED" -> revision + "cancelled before";
                case "FAILED" -> revision + "failed for good";
                case "EXPIRED" -> revision + "expired";
                case "UNKNOWN_OUTCOME" -> revision + "has an unknown outcome for a person to settle (herald resolve)";
                case "ATTEMPT" -> revision + "being published right now";
                default -> revision + "last " + e.path("type").asText();
            };
        }
    }
}
