package io.herald.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditFinding;
import io.herald.audit.AuditLog;
import io.herald.config.HeraldConfig;
import io.herald.connector.AdaptException;
import io.herald.connector.PlatformPost;
import io.herald.json.Json;
import io.herald.post.InvalidPostException;
import io.herald.post.Post;
import io.herald.post.PostParser;
import io.herald.store.DeliveryStore;
import io.herald.store.DeliveryStore.IngestResult;
import io.herald.store.NewDelivery;
import io.herald.util.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one input record, start to end: parse and validate, check approval and
 * compliance, adapt to every target, and record the outcome (deliveries and audit events) in one
 * transaction. Returns only when the outcome is durable: the caller then commits the offset.
 */
public final class IngestService {

    /** Header on {@code herald.posts.invalid} records: why the record was refused. */
    public static final String HEADER_INVALID_REASON = "herald.invalid.reason";
    /** Header on {@code herald.posts.invalid} records: the offending field, when there is one. */
    public static final String HEADER_INVALID_FIELD = "herald.invalid.field";
    /** Headers naming where the refused record came from. */
    public static final String HEADER_SOURCE_TOPIC = "herald.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "herald.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "herald.source.offset";

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final PostParser parser;
    private final List<PostCheck> checks;
    private final io.herald.network.Networks networks;
    private final DeliveryStore store;
    private final AuditLog audit;
    private final Producer<byte[], byte[]> producer;
    private final HeraldConfig.Topics topics;
    private final Clock clock;
    private final Runnable onScheduled;

    public IngestService(PostParser parser, List<PostCheck> checks, io.herald.network.Networks networks, DeliveryStore store, AuditLog audit,
            Producer<byte[], byte[]> producer, HeraldConfig.Topics topics, Clock clock, Runnable onScheduled) {
        this.parser = parser;
        this.checks = List.copyOf(checks);
        this.networks = networks;
        this.store = store;
        this.audit = audit;
        this.producer = producer;
        this.topics = topics;
        this.clock = clock;
        this.onScheduled = onScheduled;
    }

    /** Processes one record; returns when its outcome is durably recorded. */
    public IngestResult process(InputRecord r) {
        IngestResult result = decide(r);
        audit.flush();
        if (result == IngestResult.ALREADY_PROCESSED) {
            LOG.info("record {} was processed before a restart; skipped", r.source());
        }
        return result;
    }

    private IngestResult decide(InputRecord r) {
        if (r.tombstone()) {
            if (r.key() == null) {
                return invalid(r, new InvalidPostException(null, "a tombstone without a key cancels nothing"));
            }
            return store.recordCancel(r.source(), r.timestamp(), r.keyString(), "cancelled by a tombstone");
        }
        ObjectNode raw;
        Post post;
        try {
            raw = PostParser.readTree(r.value());
            post = parser.parse(raw);
            if (r.key() != null && !r.keyString().equals(post.id())) {
                throw new InvalidPostException("id", "is '" + post.id() + "' but the record key is '" + abbreviate(r.keyString())
                        + "'; the key must be the post id so that a tombstone can cancel it");
            }
        } catch (InvalidPostException e) {
            return invalid(r, e);
        }
        String contentSha = Hashing.sha256Hex(r.value());
        AuditEvent received = AuditEvent.of(AuditEventType.RECEIVED, post.id()).revision(post.revision())
                .source(r.source()).contentSha256(contentSha).reason("targets " + String.join(", ", post.targets())).build();

        List<AuditFinding> warnings = new ArrayList<>();
        PostCheck.Context context = new PostCheck.Context();
        for (PostCheck check : checks) {
            PostCheck.Result result = check.check(raw, post, context);
            switch (result.outcome()) {
                case PASS -> warnings.addAll(result.findings());
                case REJECT -> {
                    AuditEvent rejected = AuditEvent.of(AuditEventType.REJECTED, post.id()).revision(post.revision())
                            .contentSha256(contentSha).reason(result.reason()).build();
                    return store.recordStopped(r.source(), r.timestamp(), post.id(), post.revision(), false, "REJECTED",
                            List.of(received, rejected));
                }
                case HOLD, BLOCK -> {
                    AuditEventType type = result.outcome() == PostCheck.Outcome.BLOCK ? AuditEventType.BLOCKED : AuditEventType.HELD;
                    sendHeld(r, raw, type, result);
                    AuditEvent stopped = AuditEvent.of(type, post.id()).revision(post.revision()).contentSha256(contentSha)
                            .reason(result.reason()).findings(result.findings()).build();
                    return store.recordStopped(r.source(), r.timestamp(), post.id(), post.revision(), true, type.name(),
                            List.of(received, stopped));
                }
            }
        }

        Instant now = clock.instant();
        Instant publishAt = post.publishAt() == null ? now : post.publishAt().toInstant();
        Instant expiresAt = post.expiresAt() == null ? null : post.expiresAt().toInstant();
        String warningsJson = warnings.isEmpty() ? null : Json.write(warnings);
        List<NewDelivery> deliveries = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>(List.of(received));
        for (String target : post.targets()) {
            String platform = Post.platformOf(target);
            try {
                PlatformPost adapted = networks.adapt(target, post.contentFor(platform));
                String content = Json.write(adapted);
                deliveries.add(new NewDelivery(target, publishAt, expiresAt, content,
                        Hashing.sha256Hex(content.getBytes(StandardCharsets.UTF_8)), warningsJson));
            } catch (AdaptException e) {
                events.add(AuditEvent.of(AuditEventType.FAILED, post.id()).revision(post.revision()).target(target)
                        .reason("cannot adapt for " + platform + ": " + e.getMessage()).build());
            }
        }
        IngestResult result = store.recordScheduled(r.source(), r.timestamp(), post.id(), post.revision(), deliveries, events);
        if (result == IngestResult.RECORDED && !deliveries.isEmpty()) {
            onScheduled.run();
        }
        return result;
    }

    private IngestResult invalid(InputRecord r, InvalidPostException e) {
        RecordHeaders headers = new RecordHeaders();
        if (r.headers() != null) {
            for (Header h : r.headers()) {
                headers.add(h);
            }
        }
        headers.add(HEADER_INVALID_REASON, e.getMessage().getBytes(StandardCharsets.UTF_8));
        if (e.field() != null) {
            headers.add(HEADER_INVALID_FIELD, e.field().getBytes(StandardCharsets.UTF_8));
        }
        headers.add(HEADER_SOURCE_TOPIC, r.source().topic().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_SOURCE_PARTITION, String.valueOf(r.source().partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_SOURCE_OFFSET, String.valueOf(r.source().offset()).getBytes(StandardCharsets.UTF_8));
        send(new ProducerRecord<>(topics.invalid(), null, r.key(), r.value(), headers));
        String postId = r.key() == null ? null : r.keyString();
        AuditEvent event = AuditEvent.of(AuditEventType.INVALID, postId).source(r.source())
                .contentSha256(r.value() == null ? null : Hashing.sha256Hex(r.value()))
                .reason(e.getMessage()).build();
        LOG.warn("refused record {} (key {}): {}", r.source(), postId, e.getMessage());
        return store.recordStopped(r.source(), r.timestamp(), postId, null, false, "INVALID", List.of(event));
    }

    private void sendHeld(InputRecord r, ObjectNode raw, AuditEventType type, PostCheck.Result result) {
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("decision", type.name());
        held.put("reason", result.reason());
        if (result.report() instanceof Map<?, ?> report) {
            report.forEach((k, v) -> held.put(String.valueOf(k), v));
        } else {
            held.put("findings", result.findings());
        }
        held.put("source", r.source());
        held.put("post", raw);
        send(new ProducerRecord<>(topics.held(), r.key(), Json.write(held).getBytes(StandardCharsets.UTF_8)));
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
