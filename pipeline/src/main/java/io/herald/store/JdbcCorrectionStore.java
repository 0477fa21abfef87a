package io.herald.store;

import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.connector.Checkpoint;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PartReceipt;
import io.herald.connector.Receipt;
import io.herald.json.Json;
import io.herald.store.Correction.Kind;
import io.herald.store.Correction.State;
import io.herald.store.DeliveryStore.IngestResult;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Corrections of published deliveries on JDBC (table {@code correction}, migration V8): a person's
 * retraction, and the edit and replace policies' work. Every method is one transaction with the
 * audit events describing it. Parts taken down are checkpoints {@code deleted-N} of the delivery,
 * each recorded with its RETRACTED event before the next part is asked for.
 */
public final class JdbcCorrectionStore {

    private static final String COLUMNS = "post_id, revision, target, kind, state, successor_revision, attempts, next_attempt_at,"
            + " requested_by, reason, source_topic, source_partition, source_offset";

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final JdbcDeliveryStore deliveries;

    public JdbcCorrectionStore(Database db, AuditLog audit, Clock clock, JdbcDeliveryStore deliveries) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.deliveries = deliveries;
    }

    /** The step that records part {@code index} of a delivery as taken down. */
    public static String deletedStep(int index) {
        return "deleted-" + index;
    }

    /**
     * What a person asks to take down: one post (all its targets, or one), or everything an
     * account published since a time.
     */
    public record RetractRequest(String postId, String target, Instant since, boolean dryRun, String by, String reason) {
        public RetractRequest {
            if (postId == null && (target == null || since == null)) {
                throw new IllegalArgumentException("a retraction names a post, or an account and a time since when");
            }
        }
    }

    /**
     * Records a person's retraction: waiting deliveries of the post are cancelled, each delivery with
     * something on the network gets a RETRACT correction (RETRACT_REQUESTED, listing its parts) for
     * the worker. A dry run changes nothing and answers NOT_APPLIED events saying what would go.
     * Events carry {@code source}; a control record processed before changes nothing.
     */
    public IngestResult requestRetraction(RecordSource source, long ts, RetractRequest r) {
        return db.inTransaction(c -> {
            if (deliveries.alreadyIngested(c, source, ts)) {
                return IngestResult.ALREADY_PROCESSED;
            }
            List<Delivery> all;
            if (r.postId() != null) {
                all = r.target() == null ? deliveries.select(c, "WHERE post_id = ? ORDER BY revision, target", r.postId())
                        : deliveries.select(c, "WHERE post_id = ? AND target = ? ORDER BY revision", r.postId(), r.target());
            } else {
                all = deliveries.select(c, "WHERE target = ? AND state IN ('PUBLISHED', 'IN_FLIGHT', 'SCHEDULED', 'RETRY',"
                        + " 'CORRECTING') AND COALESCE(published_at, first_attempt_at, updated_at) >= ? ORDER BY post_id, revision",
                        r.target(), odt(r.since()));
            }
            String who = "retract by " + r.by() + ": " + r.reason();
            List<AuditEvent> events = new ArrayList<>();
            for (Delivery d : all) {
                events.addAll(retractOne(c, d, r, who, source));
            }
            if (events.isEmpty()) {
                String what = r.postId() != null ? JdbcDeliveryStore.describe(all, r.target())
                        : "no delivery of " + r.target() + " published or waiting since " + r.since();
                events.add(AuditEvent.of(AuditEventType.NOT_APPLIED, r.postId()).target(r.target()).source(source)
                        .reason(who + "; nothing of it is on the network or waiting (" + what + ")").build());
            }
            audit.append(c, events);
            deliveries.markIngested(c, source, ts);
            return IngestResult.RECORDED;
        });
    }

    private List<AuditEvent> retractOne(Connection c, Delivery d, RetractRequest r, String who, RecordSource source)
            throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        DeliveryKey k = d.key();
        List<PartReceipt> parts = publishedParts(c, k);
        boolean waiting = d.state() == DeliveryState.SCHEDULED || d.state() == DeliveryState.RETRY
                || d.state() == DeliveryState.CORRECTING;
        if (waiting) {
            if (r.dryRun()) {
                events.add(event(AuditEventType.NOT_APPLIED, k, source).reason("dry run of " + who + "; would cancel revision "
                        + k.revision() + ", waiting (" + d.state() + ")").build());
            } else if (deliveries.updateState(c, k, d.state(), DeliveryState.CANCELLED, truncate(who))) {
                events.add(event(AuditEventType.CANCELLED, k, source).reason(who + "; it was waiting to go out").build());
                cancelCorrectionsFor(c, k);
            }
        }
        boolean onNetwork = d.state() == DeliveryState.PUBLISHED || d.state() == DeliveryState.IN_FLIGHT || !parts.isEmpty();
        if (!onNetwork || d.state() == DeliveryState.RETRACTED || d.state() == DeliveryState.EDITED) {
            return events;
        }
        Optional<Correction> existing = find(c, k, Kind.RETRACT);
        if (existing.isPresent() && (existing.get().state().open() || existing.get().state() == State.DONE)) {
            if (!r.dryRun()) {
                events.add(event(AuditEventType.NOT_APPLIED, k, source).reason(who + "; revision " + k.revision()
                        + (existing.get().state() == State.DONE ? " is already taken down" : " is already being taken down")).build());
            }
            return events;
        }
        String list = parts.isEmpty() ? "being published now" : describeParts(parts);
        if (r.dryRun()) {
            events.add(event(AuditEventType.NOT_APPLIED, k, source).remoteIds(ids(parts)).remoteId(first(parts, true))
                    .remoteUrl(first(parts, false)).reason("dry run of " + who + "; would take down revision " + k.revision()
                            + ": " + list).build());
            return events;
        }
        insert(c, k, Kind.RETRACT, null, r.by(), r.reason(), source, deliveries.now());
        // an edit waiting for this delivery no longer applies: what it would edit is going
        for (Delivery s : deliveries.select(c, "WHERE post_id = ? AND target = ? AND revision > ? AND state = 'CORRECTING'",
                k.postId(), k.target(), k.revision())) {
            if (deliveries.updateState(c, s.key(), DeliveryState.CORRECTING, DeliveryState.CANCELLED, truncate(who))) {
                events.add(event(AuditEventType.CANCELLED, s.key(), source).reason(who + "; revision " + k.revision()
                        + " it would have corrected is taken down").build());
            }
        }
        cancelCorrections(c, k, Kind.EDIT);
        events.add(event(AuditEventType.RETRACT_REQUESTED, k, source).remoteIds(ids(parts)).remoteId(first(parts, true))
                .remoteUrl(first(parts, false)).reason(who + "; " + (parts.isEmpty() ? "it is being published now: taken down"
                        + " once that ends" : parts.size() + " part(s) to take down: " + list)).build());
        return events;
    }

    /** Within a transaction: a correction for the worker, replacing a finished one of the same kind. */
    static void insert(Connection c, DeliveryKey k, Kind kind, Integer successor, String by, String reason, RecordSource source,
            OffsetDateTime now) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM correction WHERE post_id = ? AND revision = ? AND target = ?"
                + " AND kind = ?")) {
            setKey(del, 1, k);
            del.setString(4, kind.name());
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO correction (post_id, revision, target, kind, state,"
                + " successor_revision, attempts, next_attempt_at, requested_by, reason, source_topic, source_partition,"
                + " source_offset, created_at, updated_at) VALUES (?, ?, ?, ?, 'PENDING', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            setKey(ps, 1, k);
            ps.setString(4, kind.name());
            ps.setObject(5, successor);
            ps.setObject(6, now);
            ps.setString(7, truncate100(by));
            ps.setString(8, truncate(reason == null ? "" : reason));
            ps.setString(9, source == null ? null : source.topic());
            ps.setObject(10, source == null ? null : source.partition());
            ps.setObject(11, source == null ? null : source.offset());
            ps.setObject(12, now);
            ps.setObject(13, now);
            ps.executeUpdate();
        }
    }

    /** Open corrections whose next attempt is due, and claims whose lease ran out, oldest first. */
    public List<Correction> due(Instant now, int limit) {
        return db.inTransaction(c -> select(c, "WHERE (state IN ('PENDING', 'RETRY') AND next_attempt_at <= ?)"
                + " OR (state = 'IN_FLIGHT' AND lease_until < ?) ORDER BY next_attempt_at FETCH FIRST " + limit + " ROWS ONLY",
                odt(now), odt(now)));
    }

    /** The earliest next attempt of an open correction. */
    public Optional<Instant> nextDue() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(next_attempt_at) FROM correction WHERE state IN ('PENDING', 'RETRY')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
            }
        });
    }

    /** Claims a correction by compare-and-set (state and attempts unchanged since read), with a lease. */
    public Optional<Correction> claim(Correction k, String instance, Instant now, Instant leaseUntil) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE correction SET state = 'IN_FLIGHT', attempts = attempts + 1,"
                    + " claimed_by = ?, lease_until = ?, updated_at = ? WHERE post_id = ? AND revision = ? AND target = ?"
                    + " AND kind = ? AND state = ? AND attempts = ?")) {
                ps.setString(1, instance);
                ps.setObject(2, odt(leaseUntil));
                ps.setObject(3, odt(now));
                setKey(ps, 4, k.key());
                ps.setString(7, k.kind().name());
                ps.setString(8, k.state().name());
                ps.setInt(9, k.attempts());
                if (ps.executeUpdate() != 1) {
                    return Optional.<Correction>empty();
                }
            }
            return find(c, k.key(), k.kind());
        });
    }

    /** Corrections this instance left in flight (it was stopped): due again now, resuming after their recorded parts. */
    public int recover(String instance) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE correction SET state = 'RETRY', claimed_by = NULL,"
                    + " lease_until = NULL, next_attempt_at = ?, updated_at = ? WHERE state = 'IN_FLIGHT' AND claimed_by = ?")) {
                ps.setObject(1, deliveries.now());
                ps.setObject(2, deliveries.now());
                ps.setString(3, instance);
                return ps.executeUpdate();
            }
        });
    }

    /** What a delivery left on the network, part by part: its receipt, else its recorded parts, else its remote id. */
    public List<PartReceipt> publishedParts(DeliveryKey key) {
        return db.inTransaction(c -> publishedParts(c, key));
    }

    /** The parts of a delivery already taken down (their {@code deleted-N} checkpoints). */
    public Set<Integer> takenDown(DeliveryKey key) {
        Set<Integer> out = new TreeSet<>();
        for (Checkpoint cp : deliveries.checkpoints(key)) {
            if (cp.step().startsWith("deleted-")) {
                out.add(Integer.parseInt(cp.step().substring("deleted-".length())));
            }
        }
        return out;
    }

    /** A delivery's receipt as published, if it has one. */
    public Optional<Receipt> receipt(DeliveryKey key) {
        return db.inTransaction(c -> Optional.ofNullable(receiptOf(c, key)));
    }

    /** One part taken down: its checkpoint and RETRACTED event in one transaction, the lease renewed. */
    public void recordTakedown(Correction k, int part, PartReceipt published, AuditEvent event, Instant leaseUntil) {
        db.inTransaction(c -> {
            Checkpoint cp = new Checkpoint(deletedStep(part), published.url() == null
                    ? java.util.Map.of("remoteId", published.remoteId())
                    : java.util.Map.of("remoteId", published.remoteId(), "url", published.url()));
            try (PreparedStatement del = c.prepareStatement("DELETE FROM delivery_checkpoint"
                    + " WHERE post_id = ? AND revision = ? AND target = ? AND step = ?")) {
                setKey(del, 1, k.key());
                del.setString(4, cp.step());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_checkpoint (post_id, revision, target, step,"
                    + " position, data, recorded_at) VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM delivery_checkpoint"
                    + " WHERE post_id = ? AND revision = ? AND target = ?), ?, ?)")) {
                setKey(ps, 1, k.key());
                ps.setString(4, cp.step());
                setKey(ps, 5, k.key());
                ps.setString(8, Json.write(cp.data()));
                ps.setObject(9, deliveries.now());
                ps.executeUpdate();
            }
            updateCorrection(c, k, "lease_until = ?", "'IN_FLIGHT'", odt(leaseUntil));
            audit.append(c, List.of(event));
            return null;
        });
    }

    /**
     * A retraction done: the delivery RETRACTED, the correction DONE, and under the replace policy the
     * revision waiting for it scheduled now (or at its time), with {@code events}.
     *
     * @return whether a successor was scheduled (dispatch has something to do)
     */
    public boolean finishRetraction(Correction k, List<AuditEvent> events) {
        return db.inTransaction(c -> {
            List<AuditEvent> all = new ArrayList<>(events);
            updateCorrection(c, k, "state = 'DONE', lease_until = NULL, last_error = NULL", "'IN_FLIGHT'");
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'RETRACTED', last_error = ?, lease_until = NULL,"
                    + " updated_at = ? WHERE post_id = ? AND revision = ? AND target = ? AND state IN ('PUBLISHED', 'FAILED',"
                    + " 'UNKNOWN_OUTCOME', 'CANCELLED')")) {
                ps.setString(1, truncate("taken down " + k.who()));
                ps.setObject(2, deliveries.now());
                setKey(ps, 3, k.key());
                ps.executeUpdate();
            }
            boolean scheduled = false;
            if (k.successorRevision() != null) {
                DeliveryKey s = new DeliveryKey(k.key().postId(), k.successorRevision(), k.key().target());
                try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'SCHEDULED', next_attempt_at ="
                        + " CASE WHEN publish_at > ? THEN publish_at ELSE ? END, last_error = NULL, updated_at = ?"
                        + " WHERE post_id = ? AND revision = ? AND target = ? AND state = 'CORRECTING'")) {
                    ps.setObject(1, deliveries.now());
                    ps.setObject(2, deliveries.now());
                    ps.setObject(3, deliveries.now());
                    setKey(ps, 4, s);
                    scheduled = ps.executeUpdate() == 1;
                }
                if (scheduled) {
                    all.add(AuditEvent.of(AuditEventType.SCHEDULED, s.postId()).revision(s.revision()).target(s.target())
                            .reason("revision " + k.key().revision() + " is taken down; revision " + s.revision()
                                    + " goes out in its place (the account's corrections policy is replace)").build());
                }
            }
            audit.append(c, all);
            return scheduled;
        });
    }

    /** A part the network cannot delete: the correction BY_HAND, a revision waiting for it FAILED. */
    public void byHand(Correction k, AuditEvent event) {
        end(k, "BY_HAND", event, "revision " + k.key().revision() + " cannot be taken down through the network's API (delete it by"
                + " hand, then publish a new post)");
    }

    /** A correction that failed for good, with its event; a revision waiting for it FAILED. */
    public void fail(Correction k, String error, AuditEvent event) {
        end(k, "FAILED", event, "the correction of revision " + k.key().revision() + " failed: " + error);
    }

    private void end(Correction k, String state, AuditEvent event, String successorReason) {
        db.inTransaction(c -> {
            List<AuditEvent> events = new ArrayList<>(List.of(event));
            updateCorrection(c, k, "state = '" + state + "', lease_until = NULL, last_error = ?", "'IN_FLIGHT'",
                    truncate(event.reason()));
            if (k.successorRevision() != null) {
                DeliveryKey s = new DeliveryKey(k.key().postId(), k.successorRevision(), k.key().target());
                if (deliveries.updateState(c, s, DeliveryState.CORRECTING, DeliveryState.FAILED, truncate(successorReason))) {
                    events.add(AuditEvent.of(AuditEventType.FAILED, s.postId()).revision(s.revision()).target(s.target())
                            .reason(successorReason + "; nothing was posted a second time").build());
                }
            }
            audit.append(c, events);
            return null;
        });
    }

    /** A failed attempt that is tried again at {@code next}, with its RETRY_SCHEDULED event. */
    public void retry(Correction k, Instant next, String error, AuditEvent event) {
        retry(k, next, error, event, true);
    }

    /**
     * A failed attempt tried again at {@code next}; {@code counted} false for a network's rate limit,
     * which (as for publishing) is waited out without using up an attempt.
     */
    public void retry(Correction k, Instant next, String error, AuditEvent event, boolean counted) {
        db.inTransaction(c -> {
            updateCorrection(c, k, "state = 'RETRY', " + (counted ? "" : "attempts = attempts - 1, ")
                    + "next_attempt_at = ?, claimed_by = NULL, lease_until = NULL, last_error = ?",
                    "'IN_FLIGHT'", odt(next), truncate(error));
            audit.append(c, List.of(event));
            return null;
        });
    }

    /** Waits for the delivery's own attempt to end (it is being published), without counting an attempt. */
    public void postpone(Correction k, Instant next) {
        db.inTransaction(c -> {
            updateCorrection(c, k, "state = 'RETRY', attempts = attempts - 1, next_attempt_at = ?, claimed_by = NULL,"
                    + " lease_until = NULL", "'IN_FLIGHT'", odt(next));
            return null;
        });
    }

    /** A correction that no longer applies (what it would correct changed meanwhile), with its event if any. */
    public void drop(Correction k, AuditEvent event) {
        db.inTransaction(c -> {
            updateCorrection(c, k, "state = 'CANCELLED', lease_until = NULL", "'IN_FLIGHT'");
            if (event != null) {
                audit.append(c, List.of(event));
            }
            return null;
        });
    }

    /** Cancels the delivery's own waiting attempt (a retraction asked while it waited to go on), with its event. */
    public void cancelDelivery(Correction k, Delivery d) {
        db.inTransaction(c -> {
            if (deliveries.updateState(c, d.key(), d.state(), DeliveryState.CANCELLED, truncate("retracted " + k.who()))) {
                audit.append(c, List.of(AuditEvent.of(AuditEventType.CANCELLED, d.key().postId()).revision(d.key().revision())
                        .target(d.key().target()).source(k.source()).reason("retract " + k.who() + "; the rest of it will not go out")
                        .build()));
            }
            return null;
        });
    }

    /**
     * An edit done: the new revision PUBLISHED with the receipt (the same remote ids), the edited
     * one EDITED, the correction DONE, with the EDITED event.
     */
    public void finishEdit(Correction k, Receipt receipt, AuditEvent event) {
        db.inTransaction(c -> {
            DeliveryKey s = new DeliveryKey(k.key().postId(), k.successorRevision(), k.key().target());
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'PUBLISHED', remote_id = ?, remote_url = ?,"
                    + " receipt = ?, last_error = NULL, published_at = ?, updated_at = ? WHERE post_id = ? AND revision = ?"
                    + " AND target = ? AND state = 'CORRECTING'")) {
                ps.setString(1, receipt.remoteId());
                ps.setString(2, receipt.remoteUrl());
                ps.setString(3, Json.write(receipt));
                ps.setObject(4, deliveries.now());
                ps.setObject(5, deliveries.now());
                setKey(ps, 6, s);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("delivery " + s + " was not waiting for its edit; another worker changed it");
                }
            }
            deliveries.updateState(c, k.key(), DeliveryState.PUBLISHED, DeliveryState.EDITED,
                    "edited in place into revision " + s.revision());
            updateCorrection(c, k, "state = 'DONE', lease_until = NULL, last_error = NULL", "'IN_FLIGHT'");
            audit.append(c, List.of(event));
            return null;
        });
    }

    /** One correction, for tests and tools. */
    public Optional<Correction> find(DeliveryKey key, Kind kind) {
        return db.inTransaction(c -> find(c, key, kind));
    }

    /** Every correction of a post. */
    public List<Correction> forPost(String postId) {
        return db.inTransaction(c -> select(c, "WHERE post_id = ? ORDER BY revision, target, kind", postId));
    }

    // --- helpers -------------------------------------------------------------------------------

    private Optional<Correction> find(Connection c, DeliveryKey key, Kind kind) throws SQLException {
        return select(c, "WHERE post_id = ? AND revision = ? AND target = ? AND kind = ?", key.postId(), key.revision(),
                key.target(), kind.name()).stream().findFirst();
    }

    private void cancelCorrectionsFor(Connection c, DeliveryKey k) throws SQLException {
        for (Kind kind : Kind.values()) {
            cancelCorrections(c, k, kind);
        }
        // corrections waiting to bring this revision in (edit, replace)
        try (PreparedStatement ps = c.prepareStatement("UPDATE correction SET state = 'CANCELLED', updated_at = ?"
                + " WHERE post_id = ? AND target = ? AND successor_revision = ? AND state IN ('PENDING', 'RETRY') AND kind = 'EDIT'")) {
            ps.setObject(1, deliveries.now());
            ps.setString(2, k.postId());
            ps.setString(3, k.target());
            ps.setInt(4, k.revision());
            ps.executeUpdate();
        }
    }

    private void cancelCorrections(Connection c, DeliveryKey k, Kind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE correction SET state = 'CANCELLED', updated_at = ?"
                + " WHERE post_id = ? AND revision = ? AND target = ? AND kind = ? AND state IN ('PENDING', 'RETRY')")) {
            ps.setObject(1, deliveries.now());
            setKey(ps, 2, k);
            ps.setString(5, kind.name());
            ps.executeUpdate();
        }
    }

    private List<PartReceipt> publishedParts(Connection c, DeliveryKey key) throws SQLException {
        Receipt r = receiptOf(c, key);
        if (r != null) {
            return r.parts();
        }
        List<PartReceipt> parts = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT step, data FROM delivery_checkpoint"
                + " WHERE post_id = ? AND revision = ? AND target = ? ORDER BY position")) {
            setKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checkpoints.add(new Checkpoint(rs.getString(1), readMap(rs.getString(2))));
                }
            }
        }
        for (int i = 0; ; i++) {
            String step = Checkpoint.part(i);
            Optional<Checkpoint> cp = checkpoints.stream().filter(x -> x.step().equals(step)).findFirst();
            if (cp.isEmpty()) {
                break;
            }
            parts.add(cp.get().asPartReceipt());
        }
        if (parts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT remote_id, remote_url FROM delivery"
                    + " WHERE post_id = ? AND revision = ? AND target = ? AND remote_id IS NOT NULL")) {
                setKey(ps, 1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        parts.add(PartReceipt.of(rs.getString(1), rs.getString(2)));
                    }
                }
            }
        }
        return parts;
    }

    private static Receipt receiptOf(Connection c, DeliveryKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT receipt FROM delivery WHERE post_id = ? AND revision = ? AND target = ?")) {
            setKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return null;
                }
                try {
                    return Json.mapper().readValue(rs.getString(1), Receipt.class);
                } catch (IOException e) {
                    throw new StoreException("the stored receipt of " + key + " is not JSON", e);
                }
            }
        }
    }

    private static java.util.Map<String, String> readMap(String json) {
        try {
            return Json.mapper().readValue(json,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new StoreException("a stored checkpoint is not JSON", e);
        }
    }

    private void updateCorrection(Connection c, Correction k, String set, String fromStates, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE correction SET " + set + ", updated_at = ?"
                + " WHERE post_id = ? AND revision = ? AND target = ? AND kind = ? AND state IN (" + fromStates + ")")) {
            int i = 1;
            for (Object v : values) {
                ps.setObject(i++, v);
            }
            ps.setObject(i++, deliveries.now());
            setKey(ps, i, k.key());
            ps.setString(i + 3, k.kind().name());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("correction " + k.kind() + " of " + k.key() + " was not " + fromStates.replace("'", "")
                        + "; another worker changed it");
            }
        }
    }

    private List<Correction> select(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM correction " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Correction> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String topic = rs.getString(11);
                    RecordSource source = topic == null ? null : new RecordSource(topic, rs.getInt(12), rs.getLong(13));
                    int successor = rs.getInt(6);
                    Integer s = rs.wasNull() ? null : successor;
                    out.add(new Correction(new DeliveryKey(rs.getString(1), rs.getInt(2), rs.getString(3)),
                            Kind.valueOf(rs.getString(4)), State.valueOf(rs.getString(5)), s, rs.getInt(7),
                            rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getString(9), rs.getString(10), source));
                }
            }
            return out;
        }
    }

    private static AuditEvent.Builder event(AuditEventType type, DeliveryKey k, RecordSource source) {
        return AuditEvent.of(type, k.postId()).revision(k.revision()).target(k.target()).source(source);
    }

    /** "1134 (https://…/1134), 1135 (…)". */
    public static String describeParts(List<PartReceipt> parts) {
        return String.join(", ", parts.stream().map(p -> p.remoteId() + (p.url() == null ? "" : " (" + p.url() + ")")).toList());
    }

    private static List<String> ids(List<PartReceipt> parts) {
        return parts.stream().map(PartReceipt::remoteId).toList();
    }

    private static String first(List<PartReceipt> parts, boolean id) {
        return parts.isEmpty() ? null : id ? parts.get(0).remoteId() : parts.get(0).url();
    }

    private static void setKey(PreparedStatement ps, int from, DeliveryKey key) throws SQLException {
        ps.setString(from, key.postId());
        ps.setInt(from + 1, key.revision());
        ps.setString(from + 2, key.target());
    }

    private static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }

    private static String truncate100(String s) {
        return s == null || s.length() <= 100 ? s : s.substring(0, 100);
    }

    Clock clock() {
        return clock;
    }
}
