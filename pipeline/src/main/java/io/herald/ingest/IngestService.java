package io.herald.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditFinding;
import io.herald.audit.AuditLog;
import io.herald.audit.AuditLog.OutgoingRecord;
import io.herald.config.HeraldConfig;
import io.herald.connector.AdaptException;
import io.herald.connector.PlatformPost;
import io.herald.json.Json;
import io.herald.network.Networks;
import io.herald.post.InvalidPostException;
import io.herald.post.Post;
import io.herald.post.PostParser;
import io.herald.store.Decision;
import io.herald.store.DeliveryStore;
import io.herald.store.DeliveryStore.Incoming;
import io.herald.store.DeliveryStore.IngestResult;
import io.herald.store.NewDelivery;
import io.herald.store.StoreUnavailableException;
import io.herald.util.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to the input records of one poll, start to end: each is decided (parsed and
 * validated, its approval and content checked, adapted to every target) in parallel where the cores
 * allow, then all are recorded in one transaction (deliveries, audit events, held and invalid
 * copies in the outbox). Returns only when the outcomes are durable: the caller then commits the
 * offsets.
 *
 * <p><b>Bounded failure.</b> A record whose decision fails unexpectedly is tried again a few times,
 * then quarantined: copied to the invalid topic with Herald's reason and an INVALID event, and the
 * partition goes on. A batch the store refuses for its data is recorded record by record, so that
 * only the bad record is quarantined. An outage (the store or Kafka unreachable) is never a reason to
 * quarantine: ingest pauses and tries again until it recovers or Herald stops.
 *
 * <p>No reason, event or log line carries the text of a record: Herald's own words, field names and
 * positions only.
 */
public final class IngestService implements AutoCloseable {

    /** Header on {@code herald.posts.invalid} records: why the record was refused. */
    public static final String HEADER_INVALID_REASON = "herald.invalid.reason";
    /** Header on {@code herald.posts.invalid} records: the offending field, when there is one. */
    public static final String HEADER_INVALID_FIELD = "herald.invalid.field";
    /** Headers naming where the refused record came from. */
    public static final String HEADER_SOURCE_TOPIC = "herald.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "herald.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "herald.source.offset";

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Pattern POST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** How ingest works through failures. */
    public record Settings(int threads, int maxRecordAttempts, Duration retryPause, Duration outagePause) {
        public Settings {
            if (threads < 1 || maxRecordAttempts < 1) {
                throw new IllegalArgumentException("threads and maxRecordAttempts must be at least 1");
            }
        }

        public static Settings defaults() {
            return new Settings(Math.max(1, Runtime.getRuntime().availableProcessors()), 3, Duration.ofMillis(100),
                    Duration.ofSeconds(2));
        }
    }

    private final PostParser parser;
    private final List<PostCheck> checks;
    private final Networks networks;
    private final DeliveryStore store;
    private final AuditLog audit;
    private final HeraldConfig.Topics topics;
    private final Clock clock;
    private final Runnable onScheduled;
    private final Settings settings;
    private final ExecutorService deciders;
    private volatile boolean stopping;

    public IngestService(PostParser parser, List<PostCheck> checks, Networks networks, DeliveryStore store, AuditLog audit,
            HeraldConfig.Topics topics, Clock clock, Runnable onScheduled, Settings settings) {
        this.parser = parser;
        this.checks = List.copyOf(checks);
        this.networks = networks;
        this.store = store;
        this.audit = audit;
        this.topics = topics;
        this.clock = clock;
        this.onScheduled = onScheduled;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.deciders = settings.threads() == 1 ? null : Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "herald-ingest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Processes one record; returns when its outcome is durably recorded. */
    public IngestResult process(InputRecord r) {
        return processBatch(List.of(r)).get(0);
    }

    /**
     * Processes the records of one poll, in their order; returns when every outcome is durably
     * recorded. Never gives up on a batch while Herald runs: what cannot be recorded for a reason of
     * its own is quarantined, and anything else (an outage, a fault of Herald's) is waited out, since
     * committing a later batch would skip this one. Throws only when Herald stops meanwhile.
     */
    public List<IngestResult> processBatch(List<InputRecord> records) {
        boolean failing = false;
        while (true) {
            try {
                List<IngestResult> results = processOnce(records);
                if (failing) {
                    LOG.info("ingest goes on");
                }
                return results;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                if (!failing) {
                    LOG.error("ingest cannot record a batch of {} records ({}); it pauses and tries again every {} s",
                            records.size(), where(e), settings.outagePause().toSeconds());
                    LOG.debug("the failure", e);
                    failing = true;
                }
                pause(settings.outagePause());
            }
        }
    }

    private List<IngestResult> processOnce(List<InputRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<Decision> decisions = decideAll(records);
        List<Incoming> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            InputRecord r = records.get(i);
            batch.add(new Incoming(r.source(), r.timestamp(), decisions.get(i)));
        }
        List<IngestResult> results = record(batch, records);
        audit.signal();
        boolean scheduled = false;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == IngestResult.ALREADY_PROCESSED) {
                LOG.info("record {} was processed before a restart; skipped", records.get(i).source());
            } else if (results.get(i) == IngestResult.RECORDED && batch.get(i).decision() instanceof Decision.Schedule s
                    && !s.deliveries().isEmpty()) {
                scheduled = true;
            }
        }
        if (scheduled) {
            onScheduled.run();
        }
        return results;
    }

    /** Stops waiting out an outage: a batch under way fails, and is redelivered after the restart. */
    @Override
    public void close() {
        stopping = true;
        if (deciders != null) {
            deciders.shutdownNow();
        }
    }

    // --- deciding ---------------------------------------------------------------------------

    private List<Decision> decideAll(List<InputRecord> records) {
        if (deciders == null || records.size() == 1) {
            return records.stream().map(this::decideSafely).toList();
        }
        List<Callable<Decision>> tasks = records.stream().<Callable<Decision>>map(r -> () -> decideSafely(r)).toList();
        try {
            List<Decision> out = new ArrayList<>(records.size());
            for (Future<Decision> f : deciders.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("deciding a batch failed", e.getCause());
        }
    }

    /** Decides one record; an unexpected failure is tried again a few times, then the record is quarantined. */
    private Decision decideSafely(InputRecord r) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= settings.maxRecordAttempts(); attempt++) {
            try {
                return decide(r);
            } catch (RuntimeException e) {
                last = e;
                LOG.warn("record {}: unexpected {} while deciding it (attempt {} of {})", r.source(), where(e), attempt,
                        settings.maxRecordAttempts());
                if (attempt < settings.maxRecordAttempts()) {
                    pause(settings.retryPause().multipliedBy(attempt));
                }
            }
        }
        LOG.debug("record {}: the last failure", r.source(), last);
        return quarantine(r, "Herald could not process this record: an unexpected " + where(last) + ", "
                + settings.maxRecordAttempts() + " times; it was set aside so that the partition goes on");
    }

    private Decision decide(InputRecord r) {
        if (r.tombstone()) {
            if (r.key() == null) {
                return invalid(r, null, "a tombstone without a key cancels nothing");
            }
            if (!isPostId(r.keyString())) {
                return invalid(r, null, keyProblem(r) + "; a tombstone cancels the post whose id is its key");
            }
            return new Decision.Cancel(r.keyString(), "cancelled by a tombstone");
        }
        ObjectNode raw;
        Post post;
        try {
            raw = PostParser.readTree(r.value());
            post = parser.parse(raw);
        } catch (InvalidPostException e) {
            return invalid(r, e.field(), e.getMessage());
        }
        if (r.key() == null || !r.keyString().equals(post.id())) {
            return invalid(r, "id", "id: is '" + post.id() + "' but " + (r.key() == null ? "the record has no key"
                    : "the record key is another") + "; the key must be the post id so that a tombstone can cancel it");
        }
        String contentSha = Hashing.sha256Hex(r.value());
        AuditEvent received = AuditEvent.of(AuditEventType.RECEIVED, post.id()).revision(post.revision())
                .source(r.source()).contentSha256(contentSha).reason("targets " + String.join(", ", post.targets()))
                .targets(post.targets()).build();

        List<AuditFinding> warnings = new ArrayList<>();
        PostCheck.Context context = new PostCheck.Context();
        for (PostCheck check : checks) {
            PostCheck.Result result = check.check(raw, post, context);
            switch (result.outcome()) {
                case PASS -> warnings.addAll(result.findings());
                case REJECT -> {
                    AuditEvent rejected = AuditEvent.of(AuditEventType.REJECTED, post.id()).revision(post.revision())
                            .contentSha256(contentSha).reason(result.reason()).build();
                    return new Decision.Stop(post.id(), post.revision(), false, "REJECTED", List.of(context.received(received), rejected), List.of());
                }
                case HOLD, BLOCK -> {
                    AuditEventType type = result.outcome() == PostCheck.Outcome.BLOCK ? AuditEventType.BLOCKED : AuditEventType.HELD;
                    AuditEvent stopped = AuditEvent.of(type, post.id()).revision(post.revision()).contentSha256(contentSha)
                            .reason(result.reason()).findings(result.findings()).build();
                    return new Decision.Stop(post.id(), post.revision(), true, type.name(), List.of(context.received(received), stopped),
                            List.of(heldCopy(r, raw, type, result)));
                }
            }
        }

        Instant now = clock.instant();
        Instant publishAt = post.publishAt() == null ? now : post.publishAt().toInstant();
        Instant expiresAt = post.expiresAt() == null ? null : post.expiresAt().toInstant();
        String warningsJson = warnings.isEmpty() ? null : Json.write(warnings);
        List<NewDelivery> deliveries = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>(List.of(context.received(received)));
        for (String target : post.targets()) {
            String platform = Post.platformOf(target);
            try {
                PlatformPost adapted = networks.adapt(target, post.contentFor(platform));
                String content = Json.write(adapted);
                deliveries.add(new NewDelivery(target, publishAt, expiresAt, content,
                        Hashing.sha256Hex(content.getBytes(StandardCharsets.UTF_8)), warningsJson, post.queue(),
                        post.recurrence(publishAt)));
            } catch (AdaptException e) {
                events.add(AuditEvent.of(AuditEventType.FAILED, post.id()).revision(post.revision()).target(target)
                        .reason("cannot adapt for " + platform + ": " + e.getMessage()).build());
            }
        }
        return new Decision.Schedule(post.id(), post.revision(), deliveries, events);
    }

    // --- recording --------------------------------------------------------------------------

    /**
     * Records a batch in one transaction; if the store refuses it for its data, record by record, so
     * that only a bad record is quarantined. An outage pauses and tries again.
     */
    private List<IngestResult> record(List<Incoming> batch, List<InputRecord> records) {
        try {
            return untilAvailable(() -> store.recordAll(batch));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                return List.of(recordAlone(batch.get(0), records.get(0), e));
            }
            LOG.warn("the store refused a batch of {} records ({}); recording them one by one", batch.size(), where(e));
        }
        List<IngestResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Incoming in = batch.get(i);
            try {
                results.add(untilAvailable(() -> store.recordAll(List.of(in))).get(0));
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                results.add(recordAlone(in, records.get(i), e));
            }
        }
        return results;
    }

    /** A record the store refused: tried a few more times, then quarantined. */
    private IngestResult recordAlone(Incoming in, InputRecord r, RuntimeException first) {
        RuntimeException last = first;
        for (int attempt = 2; attempt <= settings.maxRecordAttempts(); attempt++) {
            LOG.warn("record {}: the store refused it ({}); attempt {} of {}", r.source(), where(last), attempt,
                    settings.maxRecordAttempts());
            pause(settings.retryPause().multipliedBy(attempt));
            try {
                return untilAvailable(() -> store.recordAll(List.of(in))).get(0);
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        LOG.debug("record {}: the store's last refusal", r.source(), last);
        Decision quarantined = quarantine(r, "Herald could not record this record: the store refused it ("
                + where(last) + ") " + settings.maxRecordAttempts() + " times; it was set aside so that the partition goes on");
        return untilAvailable(() -> store.recordAll(List.of(new Incoming(in.source(), in.timestamp(), quarantined)))).get(0);
    }

    /** Runs store work; while the store is unreachable, waits and tries again until it answers or Herald stops. */
    private <T> T untilAvailable(java.util.function.Supplier<T> work) {
        boolean waiting = false;
        while (true) {
            try {
                T result = work.get();
                if (waiting) {
                    LOG.info("the delivery store answers again; ingest goes on");
                }
                return result;
            } catch (StoreUnavailableException e) {
                if (stopping) {
                    throw e;
                }
                if (!waiting) {
                    LOG.warn("the delivery store is unavailable ({}); ingest pauses and tries again every {} s",
                            e.getMessage(), settings.outagePause().toSeconds());
                    waiting = true;
                }
                pause(settings.outagePause());
            }
        }
    }

    // --- what is refused --------------------------------------------------------------------

    private Decision quarantine(InputRecord r, String reason) {
        return invalid(r, null, reason);
    }

    /** A record copied byte for byte to the invalid topic, with an INVALID event; the reason is Herald's own words. */
    private Decision invalid(InputRecord r, String field, String reason) {
        List<Header> headers = new ArrayList<>();
        if (r.headers() != null) {
            for (Header h : r.headers()) {
                headers.add(h);
            }
        }
        headers.add(new RecordHeader(HEADER_INVALID_REASON, reason.getBytes(StandardCharsets.UTF_8)));
        if (field != null) {
            headers.add(new RecordHeader(HEADER_INVALID_FIELD, field.getBytes(StandardCharsets.UTF_8)));
        }
        headers.add(new RecordHeader(HEADER_SOURCE_TOPIC, r.source().topic().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(HEADER_SOURCE_PARTITION, String.valueOf(r.source().partition()).getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(HEADER_SOURCE_OFFSET, String.valueOf(r.source().offset()).getBytes(StandardCharsets.UTF_8)));
        String postId = r.key() != null && isPostId(r.keyString()) ? r.keyString() : null;
        String why = postId != null || r.key() == null ? reason : reason + " (" + keyProblem(r) + ")";
        AuditEvent event = AuditEvent.of(AuditEventType.INVALID, postId).source(r.source())
                .contentSha256(r.value() == null ? null : Hashing.sha256Hex(r.value())).reason(why).build();
        LOG.warn("refused record {}{}: {}", r.source(), postId == null ? "" : " (post " + postId + ")", why);
        return new Decision.Invalid(postId, event, new OutgoingRecord(topics.invalid(), r.key(), r.value(), headers));
    }

    private OutgoingRecord heldCopy(InputRecord r, ObjectNode raw, AuditEventType type, PostCheck.Result result) {
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
        return new OutgoingRecord(topics.held(), r.key(), Json.write(held).getBytes(StandardCharsets.UTF_8), List.of());
    }

    private static boolean isPostId(String s) {
        return s != null && POST_ID.matcher(s).matches();
    }

    /** What is wrong with a key that is not a post id, without repeating it. */
    private static String keyProblem(InputRecord r) {
        return "the record key (" + r.key().length + " bytes) is not a post id: ids are 1 to 128 of A-Z, a-z, 0-9, '.', '_', '-'";
    }

    /** An exception in Herald's words: its kind and where it happened, never its message (it may quote the record). */
    static String where(Throwable e) {
        StackTraceElement at = null;
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("io.herald.")) {
                at = frame;
                break;
            }
        }
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
            kind += " (SQLState " + sql.getSQLState() + ")";
        } else if (e.getCause() instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
            kind += " (SQLState " + sql.getSQLState() + ")";
        }
        return kind + (at == null ? "" : " in " + at.getClassName().substring(at.getClassName().lastIndexOf('.') + 1)
                + "." + at.getMethodName());
    }

    private void pause(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis()); // back-off before a retry: nothing to wait on but time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pausing", e);
        }
    }
}
