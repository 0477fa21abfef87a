package io.herald.store;

import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.connector.DeliveryKey;
import io.herald.connector.Receipt;
import io.herald.post.Post;
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
import java.util.Map;
import java.util.Optional;

/** The delivery store on JDBC: H2 for one instance, PostgreSQL for several. */
public final class JdbcDeliveryStore implements DeliveryStore {

    private static final String COLUMNS = "post_id, revision, target, state, publish_at, expires_at, next_attempt_at, attempts,"
            + " content, content_sha256, warnings, claimed_by, unclear_since, first_attempt_at, claimed_at, occurrence";

    /** The states {@link #markFinal} may end a delivery in; the others have their own transitions. */
    private static final java.util.Set<DeliveryState> FINAL =
            java.util.EnumSet.of(DeliveryState.FAILED, DeliveryState.EXPIRED, DeliveryState.UNKNOWN_OUTCOME);

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private volatile java.time.Duration lease = java.time.Duration.ofMinutes(2);
    /** Each account's posting slots, for queued posts (null: the account has none). */
    private volatile java.util.function.Function<String, io.herald.config.PostingSlots> slots = t -> null;
    private volatile CorrectionPolicy.Rules corrections = CorrectionPolicy.Rules.REFUSE_ALL;

    public JdbcDeliveryStore(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** Where queued posts find their accounts' posting slots. */
    public JdbcDeliveryStore withSlots(java.util.function.Function<String, io.herald.config.PostingSlots> slots) {
        this.slots = slots;
        return this;
    }

    /** What a new revision of a post already published to an account does there (refuse everywhere unless set). */
    public JdbcDeliveryStore withCorrections(CorrectionPolicy.Rules rules) {
        this.corrections = rules;
        return this;
    }

    /** How long a claim lives from its last sign of life (a claim, a checkpoint) before another instance may take it over. */
    public JdbcDeliveryStore withLease(java.time.Duration d) {
        this.lease = d;
        return this;
    }

    @Override
    public IngestResult recordScheduled(RecordSource source, long ts, String postId, int revision,
            List<NewDelivery> deliveries, List<AuditEvent> events) {
        return recordAll(List.of(new Incoming(source, ts, new Decision.Schedule(postId, revision, deliveries, events)))).get(0);
    }

    @Override
    public IngestResult recordStopped(RecordSource source, long ts, String postId, Integer revision, boolean decisive,
            String outcome, List<AuditEvent> events) {
        if (!decisive && revision == null) {
            return db.inTransaction(c -> {
                if (alreadyIngested(c, source, ts)) {
                    return IngestResult.ALREADY_PROCESSED;
                }
                audit.append(c, events);
                markIngested(c, source, ts);
                return IngestResult.RECORDED;
            });
        }
        return recordAll(List.of(new Incoming(source, ts,
                new Decision.Stop(postId, revision == null ? 0 : revision, decisive, outcome, events, List.of())))).get(0);
    }

    @Override
    public IngestResult recordCancel(RecordSource source, long ts, String postId, String reason) {
        return recordAll(List.of(new Incoming(source, ts, new Decision.Cancel(postId, reason)))).get(0);
    }

    @Override
    public List<IngestResult> recordAll(List<Incoming> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            List<IngestResult> results = new ArrayList<>(batch.size());
            List<AuditEvent> events = new ArrayList<>();
            List<io.herald.audit.AuditLog.OutgoingRecord> copies = new ArrayList<>();
            for (Incoming in : batch) {
                results.add(record(c, in, events, copies));
            }
            audit.append(c, events);
            audit.appendRecords(c, copies);
            markIngested(c, batch);
            return results;
        });
    }

    /** One record's decision, inside the batch's transaction; its events and copies are collected. */
    private IngestResult record(Connection c, Incoming in, List<AuditEvent> events,
            List<io.herald.audit.AuditLog.OutgoingRecord> copies) throws SQLException {
        if (alreadyIngested(c, in.source(), in.timestamp())) {
            return IngestResult.ALREADY_PROCESSED;
        }
        Decision d = in.decision();
        if (d instanceof Decision.Invalid invalid) {
            events.add(invalid.event());
            copies.add(invalid.copy());
            return IngestResult.RECORDED;
        }
        if (d instanceof Decision.Cancel cancel) {
            events.addAll(cancel(c, in.source(), cancel));
            return IngestResult.RECORDED;
        }
        if (d instanceof Decision.Stop stop && !stop.decisive()) {
            events.addAll(stop.events());
            copies.addAll(stop.copies());
            return IngestResult.RECORDED;
        }
        int revision = d instanceof Decision.Schedule sc ? sc.revision() : ((Decision.Stop) d).revision();
        Integer highest = highestRevision(c, d.postId());
        if (highest != null && revision <= highest) {
            events.add(duplicate(d.postId(), revision, highest, in.source()));
            return IngestResult.DUPLICATE;
        }
        if (d instanceof Decision.Stop stop) {
            events.addAll(stop.events());
            // A held or blocked new revision also stops older revisions still waiting to go out.
            events.addAll(supersede(c, stop.postId(), revision));
            copies.addAll(stop.copies());
            setRevision(c, stop.postId(), revision, stop.outcome(), highest != null);
            return IngestResult.RECORDED;
        }
        Decision.Schedule schedule = (Decision.Schedule) d;
        events.addAll(schedule.events());
        events.addAll(supersede(c, schedule.postId(), revision));
        insertDeliveries(c, schedule, events);
        setRevision(c, schedule.postId(), revision, "SCHEDULED", highest != null);
        return IngestResult.RECORDED;
    }

    /**
     * Inserts a revision's deliveries with their SCHEDULED events. A target where an earlier revision
     * of the post is already published is never published again as a second post; the account's
     * corrections policy decides: {@code edit} (where the network can) and {@code replace} leave the
     * delivery CORRECTING with a correction for the worker (edit in place; take down, then publish),
     * {@code refuse} records it REFUSED with a FAILED event naming the published post.
     */
    private void insertDeliveries(Connection c, Decision.Schedule s, List<AuditEvent> events) throws SQLException {
        Map<String, Delivery> published = new java.util.HashMap<>();
        for (Delivery p : select(c, "WHERE post_id = ? AND state = 'PUBLISHED' AND revision < ?", s.postId(), s.revision())) {
            published.merge(p.key().target(), p, (a, b) -> a.key().revision() > b.key().revision() ? a : b);
        }
        Map<String, String[]> remote = published.isEmpty() ? Map.of() : remoteOf(c, s.postId());
        OffsetDateTime now = now();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (post_id, revision, target, state, publish_at,"
                + " expires_at, next_attempt_at, attempts, content, content_sha256, warnings, last_error, created_at, updated_at, slot_at,"
                + " occurrence, repeat_every, repeat_first, repeat_zone, repeat_until, repeat_count, repeat_expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (NewDelivery d : s.deliveries()) {
                Delivery earlier = published.get(d.target());
                String state = "SCHEDULED";
                String refusal = null;
                AuditEvent scheduled = null;
                if (earlier != null) {
                    String[] r = remote.getOrDefault(earlier.key().target() + "#" + earlier.key().revision(), new String[2]);
                    String there = "revision " + earlier.key().revision() + " is already published there as " + r[0]
                            + (r[1] == null ? "" : " (" + r[1] + ")");
                    CorrectionPolicy policy = corrections.policy(d.target());
                    if (policy == CorrectionPolicy.EDIT && corrections.canEdit(d.target())) {
                        state = "CORRECTING";
                        JdbcCorrectionStore.insert(c, earlier.key(), Correction.Kind.EDIT, s.revision(), "the corrections policy",
                                "edited into revision " + s.revision(), null, now);
                        scheduled = AuditEvent.of(AuditEventType.SCHEDULED, s.postId()).revision(s.revision()).target(d.target())
                                .contentSha256(d.contentSha256()).remoteId(r[0]).reason(there + "; it is edited in place into"
                                        + " revision " + s.revision() + " now (the account's corrections policy is edit)").build();
                    } else if (policy == CorrectionPolicy.REPLACE) {
                        state = "CORRECTING";
                        JdbcCorrectionStore.insert(c, earlier.key(), Correction.Kind.RETRACT, s.revision(), "the corrections policy",
                                "replaced by revision " + s.revision(), null, now);
                        events.add(AuditEvent.of(AuditEventType.RETRACT_REQUESTED, s.postId()).revision(earlier.key().revision())
                                .target(d.target()).remoteId(r[0]).remoteUrl(r[1]).reason("retract by the corrections policy:"
                                        + " replaced by revision " + s.revision() + " (the account's corrections policy is replace)")
                                .build());
                        scheduled = AuditEvent.of(AuditEventType.SCHEDULED, s.postId()).revision(s.revision()).target(d.target())
                                .contentSha256(d.contentSha256()).remoteId(r[0]).reason(there + "; revision " + s.revision()
                                        + " goes out once it is taken down, at " + d.publishAt() + " or then (the account's"
                                        + " corrections policy is replace)").build();
                    } else {
                        state = "REFUSED";
                        refusal = "revision " + s.revision() + " was not published to " + d.target() + ": " + there
                                + (policy == CorrectionPolicy.EDIT
                                        ? "; the account's corrections policy is edit, but " + Post.platformOf(d.target())
                                                + " cannot edit a published post through its API, so Herald neither edits nor"
                                                + " posts it again (retract it, or set corrections: replace)"
                                        : "; the account's corrections policy is refuse, so Herald neither edits nor posts it"
                                                + " again (retract it, or publish a new post with a new id)");
                    }
                }
                Instant publishAt = d.publishAt();
                Instant slot = null;
                String queued = "";
                if (d.queue() && refusal == null && scheduled == null) {
                    io.herald.config.PostingSlots calendar = slots.apply(d.target());
                    if (calendar == null || calendar.isEmpty()) {
                        queued = "queued, but " + d.target() + " has no posting slots: ";
                    } else {
                        slot = takeSlot(c, calendar, s.postId(), s.revision(), d.target(), publishAt);
                        if (slot == null) {
                            queued = "queued, but " + d.target() + " has no slot after " + publishAt + ": ";
                        } else {
                            publishAt = slot;
                            queued = "queued: the slot " + slot + " (" + slot.atZone(calendar.zone()).toLocalDateTime() + " "
                                    + calendar.zone().getId() + ") of " + d.target() + "; ";
                        }
                    }
                }
                Instant expiresAt = d.expiresAt();
                int occurrence = 0;
                io.herald.post.Recurrence repeat = d.repeat();
                String series = "";
                if (repeat != null && refusal == null) {
                    io.herald.post.Recurrence.Next next = repeat.firstOpen(1, now.toInstant());
                    expireMissed(c, s.postId(), s.revision(), d.target(), repeat, next, d.contentSha256(), events);
                    if (next.occurrence() == 0) {
                        state = "EXPIRED";
                        occurrence = next.missed().isEmpty() ? 1 : next.missed().get(next.missed().size() - 1);
                        refusal = "every occurrence's time passed before the post arrived";
                        publishAt = repeat.at(occurrence);
                        expiresAt = repeat.windowEnd(occurrence);
                    } else {
                        occurrence = next.occurrence();
                        publishAt = repeat.at(occurrence);
                        expiresAt = repeat.windowEnd(occurrence);
                        series = describeSeries(repeat, occurrence);
                    }
                }
                ps.setString(1, s.postId());
                ps.setInt(2, s.revision());
                ps.setString(3, d.target());
                ps.setString(4, state);
                ps.setObject(5, odt(publishAt));
                ps.setObject(6, expiresAt == null ? null : odt(expiresAt));
                ps.setObject(7, odt(publishAt));
                ps.setString(8, d.content());
                ps.setString(9, d.contentSha256());
                ps.setString(10, d.warnings());
                ps.setString(11, truncate(refusal));
                ps.setObject(12, now);
                ps.setObject(13, now);
                ps.setObject(14, slot == null ? null : odt(slot));
                ps.setInt(15, occurrence);
                ps.setString(16, repeat == null ? null : repeat.every());
                ps.setObject(17, repeat == null ? null : odt(repeat.first()));
                ps.setString(18, repeat == null ? null : repeat.zone().getId());
                ps.setObject(19, repeat == null || repeat.until() == null ? null : odt(repeat.until()));
                ps.setObject(20, repeat == null ? null : repeat.count());
                ps.setObject(21, repeat == null || repeat.expiresAt() == null ? null : odt(repeat.expiresAt()));
                ps.addBatch();
                if (scheduled != null) {
                    events.add(scheduled);
                } else if (repeat != null && "EXPIRED".equals(state)) {
                    // the missed occurrences' EXPIRED events are written above; nothing is left to schedule
                } else if (refusal == null) {
                    events.add(AuditEvent.of(AuditEventType.SCHEDULED, s.postId()).revision(s.revision()).target(d.target())
                            .occurrence(occurrence).contentSha256(d.contentSha256())
                            .reason(queued + series + "publish at " + publishAt + (expiresAt == null ? "" : ", expires " + expiresAt))
                            .build());
                } else {
                    events.add(AuditEvent.of(AuditEventType.FAILED, s.postId()).revision(s.revision()).target(d.target())
                            .contentSha256(d.contentSha256()).remoteId(remote.getOrDefault(earlier.key().target() + "#"
                                    + earlier.key().revision(), new String[2])[0]).reason(refusal).build());
                }
            }
            ps.executeBatch();
        }
    }

    /**
     * The slot a queued delivery takes: the one its post's previous revision held, when that is still
     * free and not before {@code publishAt} (a new revision keeps its place in the queue); else the
     * account's first free slot at or after {@code publishAt} (or now). The account's queue row is
     * locked meanwhile, so that two instances never hand out one slot twice.
     */
    private Instant takeSlot(Connection c, io.herald.config.PostingSlots calendar, String postId, int revision, String target,
            Instant publishAt) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE account_queue SET updated_at = ? WHERE target = ?")) {
            up.setObject(1, now());
            up.setString(2, target);
            if (up.executeUpdate() == 0) {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO account_queue (target, updated_at) VALUES (?, ?)")) {
                    ins.setString(1, target);
                    ins.setObject(2, now());
                    ins.executeUpdate();
                }
            }
        }
        Instant from = publishAt.isBefore(clock.instant()) ? clock.instant() : publishAt;
        java.util.Set<Instant> taken = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT slot_at FROM delivery WHERE target = ? AND slot_at >= ?"
                + " AND state IN ('SCHEDULED', 'RETRY', 'IN_FLIGHT', 'PUBLISHED', 'UNKNOWN_OUTCOME')")) {
            ps.setString(1, target);
            ps.setObject(2, odt(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(instant(rs, 1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT slot_at FROM delivery WHERE post_id = ? AND target = ?"
                + " AND revision < ? AND state = 'SUPERSEDED' AND slot_at IS NOT NULL ORDER BY revision DESC")) {
            ps.setString(1, postId);
            ps.setString(2, target);
            ps.setInt(3, revision);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Instant kept = instant(rs, 1);
                    if (!kept.isBefore(from) && !taken.contains(kept)) {
                        return kept;
                    }
                }
            }
        }
        Optional<Instant> slot = calendar.firstAtOrAfter(from);
        for (int i = 0; i < 100_000 && slot.isPresent(); i++) {
            if (!taken.contains(slot.get())) {
                return slot.get();
            }
            slot = calendar.firstAfter(slot.get());
        }
        return null;
    }

    /** The remote id and URL of every published delivery of a post, by {@code target#revision}. */
    private static Map<String, String[]> remoteOf(Connection c, String postId) throws SQLException {
        Map<String, String[]> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT target, revision, remote_id, remote_url FROM delivery WHERE post_id = ? AND state = 'PUBLISHED'")) {
            ps.setString(1, postId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "#" + rs.getInt(2), new String[] {rs.getString(3), rs.getString(4)});
                }
            }
        }
        return out;
    }

    /** Cancels every waiting delivery of a post; the events say what was cancelled, or that nothing was waiting. */
    private List<AuditEvent> cancel(Connection c, RecordSource source, Decision.Cancel cancel) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        for (Delivery d : select(c, "WHERE post_id = ? AND state IN ('SCHEDULED', 'RETRY', 'CORRECTING')", cancel.postId())) {
            if (updateState(c, d.key(), d.state(), DeliveryState.CANCELLED, cancel.reason())) {
                events.add(AuditEvent.of(AuditEventType.CANCELLED, cancel.postId()).revision(d.key().revision())
                        .target(d.key().target()).occurrence(d.key().occurrence()).reason(cancel.reason()
                                + (d.key().recurring() ? " (occurrence " + d.key().occurrence() + " and every later one)" : ""))
                        .source(source).build());
            }
        }
        if (events.isEmpty()) {
            events.add(AuditEvent.of(AuditEventType.CANCELLED, cancel.postId()).source(source)
                    .reason(cancel.reason() + "; no delivery was waiting").build());
        }
        return events;
    }

    @Override
    public IngestResult redrive(RecordSource source, long ts, String postId, String target, String by, String reason) {
        return db.inTransaction(c -> {
            if (alreadyIngested(c, source, ts)) {
                return IngestResult.ALREADY_PROCESSED;
            }
            String who = "re-driven by " + by + (reason == null || reason.isBlank() ? "" : ": " + reason);
            List<AuditEvent> events = new ArrayList<>();
            List<Delivery> all = target == null ? select(c, "WHERE post_id = ? ORDER BY revision, target", postId)
                    : select(c, "WHERE post_id = ? AND target = ? ORDER BY revision", postId, target);
            for (Delivery d : all) {
                if (d.state() != DeliveryState.FAILED) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'RETRY', attempts = 0,"
                        + " next_attempt_at = ?, last_error = NULL, unclear_since = NULL, claimed_by = NULL, lease_until = NULL,"
                        + " updated_at = ? WHERE post_id = ? AND revision = ? AND target = ? AND state = 'FAILED'")) {
                    ps.setObject(1, now());
                    ps.setObject(2, now());
                    setKey(ps, 3, d.key());
                    if (ps.executeUpdate() == 1) {
                        events.add(AuditEvent.of(AuditEventType.RETRY_SCHEDULED, postId).revision(d.key().revision())
                                .target(d.key().target()).source(source).reason(who + "; next attempt now").build());
                    }
                }
            }
            if (events.isEmpty()) {
                events.add(AuditEvent.of(AuditEventType.NOT_APPLIED, postId).target(target).source(source)
                        .reason("redrive by " + by + ": nothing failed to re-drive (" + describe(all, target) + ")").build());
            }
            audit.append(c, events);
            markIngested(c, source, ts);
            return IngestResult.RECORDED;
        });
    }

    @Override
    public IngestResult resolve(RecordSource source, long ts, String postId, String target, Resolution resolution,
            String remoteId, String by, String reason) {
        return db.inTransaction(c -> {
            if (alreadyIngested(c, source, ts)) {
                return IngestResult.ALREADY_PROCESSED;
            }
            String who = "resolved by " + by + (reason == null || reason.isBlank() ? "" : ": " + reason);
            List<AuditEvent> events = new ArrayList<>();
            List<Delivery> all = select(c, "WHERE post_id = ? AND target = ? ORDER BY revision", postId, target);
            List<DeliveryKey> settled = new ArrayList<>();
            for (Delivery d : all) {
                if (d.state() != DeliveryState.UNKNOWN_OUTCOME) {
                    continue;
                }
                AuditEvent.Builder e;
                String set;
                List<Object> values = new ArrayList<>();
                switch (resolution) {
                    case PUBLISHED -> {
                        set = "state = 'PUBLISHED', remote_id = ?, last_error = NULL, published_at = ?";
                        values.add(remoteId);
                        values.add(now());
                        e = AuditEvent.of(AuditEventType.PUBLISHED, postId).remoteId(remoteId).remoteIds(List.of(remoteId))
                                .reason(who + "; the person found it on the account");
                    }
                    case RETRY -> {
                        set = "state = 'RETRY', next_attempt_at = ?, unclear_since = NULL, claimed_by = NULL, lease_until = NULL";
                        values.add(now());
                        e = AuditEvent.of(AuditEventType.RETRY_SCHEDULED, postId).reason(who
                                + "; the person found it is not on the account: published again now");
                    }
                    default -> {
                        set = "state = 'FAILED', last_error = ?";
                        values.add(truncate(who));
                        e = AuditEvent.of(AuditEventType.FAILED, postId).reason(who + "; abandoned");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET " + set + ", updated_at = ?"
                        + " WHERE post_id = ? AND revision = ? AND target = ? AND state = 'UNKNOWN_OUTCOME'")) {
                    int i = 1;
                    for (Object v : values) {
                        ps.setObject(i++, v);
                    }
                    ps.setObject(i++, now());
                    setKey(ps, i, d.key());
                    if (ps.executeUpdate() == 1) {
                        events.add(e.revision(d.key().revision()).target(target).occurrence(d.key().occurrence()).source(source)
                                .build());
                        if (d.key().recurring()) {
                            settled.add(d.key());
                        }
                    }
                }
            }
            if (events.isEmpty()) {
                events.add(AuditEvent.of(AuditEventType.NOT_APPLIED, postId).target(target).source(source)
                        .reason("resolve by " + by + ": nothing of it is an unknown outcome (" + describe(all, target) + ")").build());
            }
            audit.append(c, events);
            for (DeliveryKey k : settled) {
                advance(c, k); // a settled occurrence lets its series go on
            }
            markIngested(c, source, ts);
            return IngestResult.RECORDED;
        });
    }

    /** What a post's deliveries are now, for a person: "mastodon:demo revision 1 PUBLISHED, ...". */
    static String describe(List<Delivery> deliveries, String target) {
        if (deliveries.isEmpty()) {
            return target == null ? "Herald has no delivery of it" : "Herald has no delivery of it to " + target;
        }
        return String.join(", ", deliveries.stream().map(d -> d.key().target() + " revision " + d.key().revision() + " "
                + d.state()).toList());
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        // ties in time go in a stable order, so that one account's deliveries keep their order
        return db.inTransaction(c -> select(c, "WHERE state IN ('SCHEDULED', 'RETRY') AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, created_at, post_id, revision, target FETCH FIRST " + limit + " ROWS ONLY", odt(now)));
    }

    @Override
    public List<Delivery> dueFor(Instant now, java.util.Collection<String> targets, int perAccount, int limit) {
        if (limit <= 0 || perAccount <= 0 || targets.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            java.util.Set<String> held = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT target FROM account_hold WHERE hold_until > ?")) {
                ps.setObject(1, odt(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getString(1));
                    }
                }
            }
            // merging the two states' ranges: by time only, and stably, so that ties keep each range's order
            java.util.Comparator<Delivery> order = java.util.Comparator.comparing(Delivery::nextAttemptAt);
            List<List<Delivery>> perTarget = new ArrayList<>();
            // one index range per state and account: (state, target, next_attempt_at) gives them in time order
            String where = "WHERE state = ? AND target = ? AND next_attempt_at <= ?"
                    + " ORDER BY next_attempt_at, created_at, post_id, revision FETCH FIRST " + perAccount + " ROWS ONLY";
            for (String target : targets) {
                if (held.contains(target)) {
                    continue;
                }
                List<Delivery> mine = new ArrayList<>();
                for (String state : List.of("SCHEDULED", "RETRY")) {
                    mine.addAll(select(c, where, state, target, odt(now)));
                }
                if (mine.isEmpty()) {
                    continue;
                }
                if (mine.size() > 1) {
                    mine.sort(order);
                }
                perTarget.add(mine.size() > perAccount ? mine.subList(0, perAccount) : mine);
            }
            // the accounts' first ones before anyone's second
            List<Delivery> out = new ArrayList<>();
            for (int rank = 0; rank < perAccount && out.size() < limit; rank++) {
                for (List<Delivery> mine : perTarget) {
                    if (rank < mine.size() && out.size() < limit) {
                        out.add(mine.get(rank));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public java.util.Set<String> dueTargets(Instant now) {
        return db.inTransaction(c -> {
            java.util.Set<String> out = new java.util.TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT target FROM delivery"
                    + " WHERE state IN ('SCHEDULED', 'RETRY') AND next_attempt_at <= ?")) {
                ps.setObject(1, odt(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void holdAccount(String target, Instant until, String reason) {
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE account_hold SET hold_until = ?, reason = ?, updated_at = ? WHERE target = ?")) {
                up.setObject(1, odt(until));
                up.setString(2, truncate500(reason));
                up.setObject(3, now());
                up.setString(4, target);
                if (up.executeUpdate() == 0) {
                    try (PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO account_hold (target, hold_until, reason, updated_at) VALUES (?, ?, ?, ?)")) {
                        ins.setString(1, target);
                        ins.setObject(2, odt(until));
                        ins.setString(3, truncate500(reason));
                        ins.setObject(4, now());
                        ins.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Map<String, Instant> holds(Instant now) {
        return db.inTransaction(c -> {
            Map<String, Instant> out = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT target, hold_until FROM account_hold WHERE hold_until > ?")) {
                ps.setObject(1, odt(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), instant(rs, 2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Delivery> claimAll(List<Delivery> candidates, String instance, Instant now, Instant leaseUntil) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            List<Delivery> won = new ArrayList<>();
            List<AuditEvent> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'IN_FLIGHT', attempts = attempts + 1,"
                    + " claimed_by = ?, claimed_at = ?, lease_until = ?, updated_at = ?, first_attempt_at = COALESCE(first_attempt_at, ?)"
                    + " WHERE post_id = ? AND revision = ? AND target = ? AND state = ? AND attempts = ? AND occurrence = ?")) {
                // the occurrence too: a recurring post's row moves on to its next occurrence with state and
                // attempts reset, so a candidate read before that must not claim the next one as itself
                for (Delivery d : candidates) {
                    ps.setString(1, instance);
                    ps.setObject(2, odt(now));
                    ps.setObject(3, odt(leaseUntil));
                    ps.setObject(4, odt(now));
                    ps.setObject(5, odt(now));
                    setKey(ps, 6, d.key());
                    ps.setString(9, d.state().name());
                    ps.setInt(10, d.attempts());
                    ps.setInt(11, d.key().occurrence());
                    if (ps.executeUpdate() == 1) {
                        won.add(new Delivery(d.key(), DeliveryState.IN_FLIGHT, d.publishAt(), d.expiresAt(), d.nextAttemptAt(),
                                d.attempts() + 1, d.content(), d.contentSha256(), d.warnings(), instance, d.unclearSince(),
                                d.firstAttemptAt() == null ? now : d.firstAttemptAt(), now));
                        events.add(AuditEvent.of(AuditEventType.ATTEMPT, d.key().postId()).revision(d.key().revision())
                                .target(d.key().target()).occurrence(d.key().occurrence()).attempt(d.attempts() + 1).contentSha256(d.contentSha256()).build());
                    }
                }
            }
            audit.append(c, events);
            return won;
        });
    }

    @Override
    public List<Delivery> expiredLeases(Instant now, int limit) {
        return db.inTransaction(c -> select(c, "WHERE state = 'IN_FLIGHT' AND lease_until IS NOT NULL AND lease_until < ?"
                + " ORDER BY lease_until FETCH FIRST " + limit + " ROWS ONLY", odt(now)));
    }

    @Override
    public Optional<Delivery> takeOver(Delivery d, String instance, Instant now, Instant leaseUntil) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET claimed_by = ?, claimed_at = ?, lease_until = ?,"
                    + " updated_at = ? WHERE post_id = ? AND revision = ? AND target = ? AND state = 'IN_FLIGHT' AND lease_until < ?")) {
                ps.setString(1, instance);
                ps.setObject(2, odt(now));
                ps.setObject(3, odt(leaseUntil));
                ps.setObject(4, odt(now));
                setKey(ps, 5, d.key());
                ps.setObject(8, odt(now));
                if (ps.executeUpdate() != 1) {
                    return Optional.<Delivery>empty();
                }
            }
            return select(c, "WHERE post_id = ? AND revision = ? AND target = ?", d.key().postId(), d.key().revision(),
                    d.key().target()).stream().findFirst();
        });
    }

    @Override
    public Optional<Instant> nextDue() {
        // the first row of each state in the (state, next_attempt_at) index: a MIN over both states scans them all
        return db.inTransaction(c -> {
            Instant first = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT next_attempt_at FROM delivery WHERE state = ?"
                    + " ORDER BY next_attempt_at FETCH FIRST 1 ROWS ONLY")) {
                for (String state : List.of("SCHEDULED", "RETRY")) {
                    ps.setString(1, state);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            Instant t = rs.getObject(1, OffsetDateTime.class).toInstant();
                            first = first == null || t.isBefore(first) ? t : first;
                        }
                    }
                }
            }
            return Optional.ofNullable(first);
        });
    }

    @Override
    public int defer(String target, Instant now, Instant until, String reason) {
        return db.inTransaction(c -> {
            List<AuditEvent> events = new ArrayList<>();
            for (Delivery d : select(c, "WHERE target = ? AND state IN ('SCHEDULED', 'RETRY') AND next_attempt_at <= ?"
                    + " ORDER BY next_attempt_at, created_at, post_id, revision", target, odt(now))) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET next_attempt_at = ?, updated_at = ?"
                        + " WHERE post_id = ? AND revision = ? AND target = ? AND state = ? AND next_attempt_at = ?")) {
                    ps.setObject(1, odt(until));
                    ps.setObject(2, now());
                    setKey(ps, 3, d.key());
                    ps.setString(6, d.state().name());
                    ps.setObject(7, odt(d.nextAttemptAt()));
                    if (ps.executeUpdate() == 1) {
                        events.add(AuditEvent.of(AuditEventType.SCHEDULED, d.key().postId()).revision(d.key().revision())
                                .target(target).occurrence(d.key().occurrence()).contentSha256(d.contentSha256())
                                .reason(truncate500(reason)).build());
                    }
                }
            }
            audit.append(c, events);
            return events.size();
        });
    }

    @Override
    public Optional<Instant> lastRelease(String target) {
        return db.inTransaction(c -> {
            Instant last = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(claimed_at) FROM delivery WHERE target = ?"
                    + " AND state IN ('IN_FLIGHT', 'PUBLISHED', 'UNKNOWN_OUTCOME')")) {
                ps.setString(1, target);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    last = instant(rs, 1);
                }
            }
            // a recurring post's row has moved on to its next occurrence: its published ones are in the history
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(claimed_at) FROM delivery_occurrence WHERE target = ?"
                    + " AND state = 'PUBLISHED'")) {
                ps.setString(1, target);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Instant t = instant(rs, 1);
                    last = last == null || (t != null && t.isAfter(last)) ? t : last;
                }
            }
            return Optional.ofNullable(last);
        });
    }

    @Override
    public List<Delivery> waiting(Instant from, Instant to, String target) {
        return db.inTransaction(c -> target == null
                ? select(c, "WHERE state IN ('SCHEDULED', 'RETRY', 'IN_FLIGHT') AND next_attempt_at >= ? AND next_attempt_at < ?"
                        + " ORDER BY next_attempt_at, created_at, post_id, revision, target", odt(from), odt(to))
                : select(c, "WHERE state IN ('SCHEDULED', 'RETRY', 'IN_FLIGHT') AND next_attempt_at >= ? AND next_attempt_at < ?"
                        + " AND target = ? ORDER BY next_attempt_at, created_at, post_id, revision", odt(from), odt(to), target));
    }

    @Override
    public java.util.Set<Instant> takenSlots(String target, Instant from, Instant to) {
        return db.inTransaction(c -> {
            java.util.Set<Instant> out = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT slot_at FROM delivery WHERE target = ? AND slot_at >= ?"
                    + " AND slot_at < ? AND state IN ('SCHEDULED', 'RETRY', 'IN_FLIGHT', 'PUBLISHED', 'UNKNOWN_OUTCOME')")) {
                ps.setString(1, target);
                ps.setObject(2, odt(from));
                ps.setObject(3, odt(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(instant(rs, 1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int purge(Instant before, Instant now) {
        return db.inTransaction(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ingested_record WHERE processed_at < ?")) {
                ps.setObject(1, odt(before));
                n += ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM account_hold WHERE hold_until < ?")) {
                ps.setObject(1, odt(now));
                n += ps.executeUpdate();
            }
            // steps of deliveries that ended for good (a FAILED one keeps them: a re-drive resumes after them)
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_checkpoint k WHERE EXISTS (SELECT 1 FROM delivery d"
                    + " WHERE d.post_id = k.post_id AND d.revision = k.revision AND d.target = k.target"
                    + " AND d.state IN ('PUBLISHED', 'CANCELLED', 'EXPIRED', 'SUPERSEDED') AND d.updated_at < ?)")) {
                ps.setObject(1, odt(before));
                n += ps.executeUpdate();
            }
            return n;
        });
    }

    @Override
    public Optional<Instant> nextRelease(Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(CASE WHEN h.hold_until IS NOT NULL"
                    + " AND h.hold_until > d.next_attempt_at THEN h.hold_until ELSE d.next_attempt_at END)"
                    + " FROM delivery d LEFT JOIN account_hold h ON h.target = d.target WHERE d.state IN ('SCHEDULED', 'RETRY')")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                    return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
                }
            }
        });
    }

    @Override
    public Optional<Delivery> claim(Delivery d, String instance, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'IN_FLIGHT', attempts = attempts + 1,"
                    + " claimed_by = ?, claimed_at = ?, updated_at = ?, first_attempt_at = COALESCE(first_attempt_at, ?)"
                    + " WHERE post_id = ? AND revision = ? AND target = ? AND state = ? AND attempts = ? AND occurrence = ?")) {
                ps.setString(1, instance);
                ps.setObject(2, odt(now));
                ps.setObject(3, odt(now));
                ps.setObject(4, odt(now));
                setKey(ps, 5, d.key());
                ps.setString(8, d.state().name());
                ps.setInt(9, d.attempts());
                ps.setInt(10, d.key().occurrence());
                if (ps.executeUpdate() != 1) {
                    return Optional.<Delivery>empty();
                }
            }
            audit.append(c, List.of(AuditEvent.of(AuditEventType.ATTEMPT, d.key().postId()).revision(d.key().revision())
                    .target(d.key().target()).occurrence(d.key().occurrence()).attempt(d.attempts() + 1).contentSha256(d.contentSha256()).build()));
            return Optional.of(new Delivery(d.key(), DeliveryState.IN_FLIGHT, d.publishAt(), d.expiresAt(), d.nextAttemptAt(),
                    d.attempts() + 1, d.content(), d.contentSha256(), d.warnings(), instance, d.unclearSince(),
                    d.firstAttemptAt() == null ? now : d.firstAttemptAt(), now));
        });
    }

    @Override
    public void markPublished(DeliveryKey key, Receipt receipt, AuditEvent event) {
        transition(key, "state = 'PUBLISHED', remote_id = ?, remote_url = ?, receipt = ?, last_error = NULL, unclear_since = NULL,"
                + " lease_until = NULL, published_at = ?", "'IN_FLIGHT'", event, List.of(), receipt.remoteId(), receipt.remoteUrl(),
                io.herald.json.Json.write(receipt), now());
    }

    @Override
    public void markRetry(DeliveryKey key, Instant nextAttemptAt, String error, boolean unclear, AuditEvent event) {
        if (unclear) {
            transition(key, "state = 'RETRY', next_attempt_at = ?, last_error = ?, claimed_by = NULL, lease_until = NULL,"
                    + " unclear_since = COALESCE(unclear_since, ?)", "'IN_FLIGHT'", event, List.of(), odt(nextAttemptAt),
                    truncate(error), now());
        } else {
            transition(key, "state = 'RETRY', next_attempt_at = ?, last_error = ?, claimed_by = NULL, lease_until = NULL,"
                    + " unclear_since = NULL", "'IN_FLIGHT'", event, List.of(), odt(nextAttemptAt), truncate(error));
        }
    }

    @Override
    public List<io.herald.connector.Checkpoint> checkpoints(DeliveryKey key) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT step, data FROM delivery_checkpoint"
                    + " WHERE post_id = ? AND revision = ? AND target = ? ORDER BY position")) {
                setKey(ps, 1, key);
                List<io.herald.connector.Checkpoint> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new io.herald.connector.Checkpoint(rs.getString(1), readMap(rs.getString(2))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void recordCheckpoint(DeliveryKey key, io.herald.connector.Checkpoint checkpoint) {
        // shares its commit with the steps and outcomes other workers record meanwhile; returns once on disk
        db.inGroupTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM delivery_checkpoint"
                    + " WHERE post_id = ? AND revision = ? AND target = ? AND step = ?")) {
                setKey(del, 1, key);
                del.setString(4, checkpoint.step());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_checkpoint (post_id, revision, target, step,"
                    + " position, data, recorded_at) VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM delivery_checkpoint"
                    + " WHERE post_id = ? AND revision = ? AND target = ?), ?, ?)")) {
                setKey(ps, 1, key);
                ps.setString(4, checkpoint.step());
                setKey(ps, 5, key);
                ps.setString(8, io.herald.json.Json.write(checkpoint.data()));
                ps.setObject(9, now());
                ps.executeUpdate();
            }
            // a step done is a sign of life: the claim's lease runs on from now. Only once half of it is
            // spent: a lease with more than half left already outlives the next step's sign of life by as
            // much, and a row not rewritten on every step keeps a commit small (the row carries the content)
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET lease_until = ?"
                    + " WHERE post_id = ? AND revision = ? AND target = ? AND state = 'IN_FLIGHT' AND lease_until IS NOT NULL"
                    + " AND lease_until < ?")) {
                ps.setObject(1, odt(now.plus(lease)));
                setKey(ps, 2, key);
                ps.setObject(5, odt(now.plus(lease.dividedBy(2))));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public io.herald.connector.CredentialStore credentials(String target) {
        return new JdbcCredentials(db, target, clock);
    }

    private static java.util.Map<String, String> readMap(String json) {
        try {
            return io.herald.json.Json.mapper().readValue(json,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, String>>() { });
        } catch (java.io.IOException e) {
            throw new StoreException("a stored checkpoint is not JSON", e);
        }
    }

    @Override
    public void markFinal(DeliveryKey key, DeliveryState state, String error, AuditEvent event,
            List<io.herald.audit.AuditLog.OutgoingRecord> copies) {
        if (!FINAL.contains(state)) {
            throw new IllegalArgumentException("markFinal ends a delivery in one of " + FINAL + ", not " + state);
        }
        transition(key, "state = ?, last_error = ?, lease_until = NULL", "'IN_FLIGHT', 'SCHEDULED', 'RETRY'", event, copies,
                state.name(), truncate(error));
    }

    /**
     * Moves one delivery from one of {@code fromStates} by {@code set} (its {@code ?} bound to
     * {@code values}) and appends its event, in one transaction; fails when another worker changed it.
     */
    private void transition(DeliveryKey key, String set, String fromStates, AuditEvent event,
            List<io.herald.audit.AuditLog.OutgoingRecord> copies, Object... values) {
        // an outcome shares its commit with those other workers record meanwhile; returns once on disk
        db.inGroupTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET " + set + ", updated_at = ?"
                    + " WHERE post_id = ? AND revision = ? AND target = ? AND occurrence = ? AND state IN (" + fromStates + ")")) {
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
                ps.setObject(values.length + 1, now());
                setKey(ps, values.length + 2, key);
                ps.setInt(values.length + 5, key.occurrence());
                requireOne(ps.executeUpdate(), key, fromStates.replace("'", ""));
            }
            audit.append(c, List.of(event.withOccurrence(key.occurrence())));
            audit.appendRecords(c, copies);
            if (key.recurring()) {
                advance(c, key);
            }
            return null;
        });
    }

    @Override
    public List<Delivery> inFlight(String instance) {
        return db.inTransaction(c -> select(c, "WHERE state = 'IN_FLIGHT' AND claimed_by = ?", instance));
    }

    @Override
    public Optional<Delivery> find(DeliveryKey key) {
        return db.inTransaction(c -> select(c, "WHERE post_id = ? AND revision = ? AND target = ?",
                key.postId(), key.revision(), key.target()).stream().findFirst());
    }

    @Override
    public List<Delivery> forPost(String postId) {
        return db.inTransaction(c -> select(c, "WHERE post_id = ? ORDER BY revision, target", postId));
    }

    @Override
    public java.util.Map<String, Long> waitingByTarget() {
        return db.inTransaction(c -> {
            java.util.Map<String, Long> out = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT target, COUNT(*) FROM delivery"
                    + " WHERE state IN ('SCHEDULED', 'RETRY') GROUP BY target");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    @Override
    public long count(DeliveryState state) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE state = ?")) {
                ps.setString(1, state.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public java.util.Map<DeliveryState, Long> countByState() {
        return db.inTransaction(c -> {
            java.util.Map<DeliveryState, Long> out = new java.util.EnumMap<>(DeliveryState.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM delivery GROUP BY state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(DeliveryState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return out;
        });
    }

    // --- recurring posts -----------------------------------------------------------------------

    /** "occurrence 2 of 3 (every P7D, until ...): " for a SCHEDULED event's reason. */
    private static String describeSeries(io.herald.post.Recurrence r, int k) {
        return "occurrence " + k + (r.count() != null ? " of " + r.count() : "") + " (every " + r.every()
                + (r.until() != null ? " until " + r.until() : "") + (r.zone() instanceof ZoneOffset ? "" : " in " + r.zone().getId())
                + "): ";
    }

    /** Records the occurrences a series passed over (their windows closed): EXPIRED, each with its event. */
    private void expireMissed(Connection c, String postId, int revision, String target, io.herald.post.Recurrence r,
            io.herald.post.Recurrence.Next next, String contentSha256, List<AuditEvent> events) throws SQLException {
        if (next.missed().isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_occurrence (post_id, revision, target, occurrence,"
                + " state, publish_at, attempts, last_error, ended_at) VALUES (?, ?, ?, ?, 'EXPIRED', ?, 0, ?, ?)")) {
            for (int k : next.missed()) {
                String why = "occurrence " + k + " was due at " + r.at(k) + " and could go out until " + r.windowEnd(k)
                        + ", which passed before Herald could send it (Herald was down or the post arrived late); "
                        + (next.occurrence() == 0 ? "the series has no later occurrence" : "only the latest missed"
                                + " occurrence still open goes out (occurrence " + next.occurrence() + "), never a burst");
                ps.setString(1, postId);
                ps.setInt(2, revision);
                ps.setString(3, target);
                ps.setInt(4, k);
                ps.setObject(5, odt(r.at(k)));
                ps.setString(6, truncate(why));
                ps.setObject(7, now);
                ps.addBatch();
                events.add(AuditEvent.of(AuditEventType.EXPIRED, postId).revision(revision).target(target).occurrence(k)
                        .contentSha256(contentSha256).reason(truncate500(why)).build());
            }
            ps.executeBatch();
        }
    }

    /**
     * Moves a recurring delivery whose occurrence just ended (published, failed or expired) on to its
     * next occurrence whose window is still open, in the transaction that ended it: the ended one is
     * copied to {@code delivery_occurrence}, the ones passed over are recorded EXPIRED, and the row is
     * due again, as a new delivery (attempts, claim, steps and receipt cleared). A series with no
     * occurrence left keeps its row as it ended.
     */
    private void advance(Connection c, DeliveryKey key) throws SQLException {
        String every;
        io.herald.post.Recurrence r;
        String state;
        String contentSha256;
        try (PreparedStatement ps = c.prepareStatement("SELECT repeat_every, repeat_first, repeat_zone, repeat_until, repeat_count,"
                + " repeat_expires_at, state, publish_at, attempts, remote_id, remote_url, last_error, published_at, content_sha256,"
                + " claimed_at"
                + " FROM delivery WHERE post_id = ? AND revision = ? AND target = ? AND occurrence = ?")) {
            setKey(ps, 1, key);
            ps.setInt(4, key.occurrence());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return;
                }
                every = rs.getString(1);
                state = rs.getString(7);
                if (!List.of("PUBLISHED", "FAILED", "EXPIRED").contains(state)) {
                    return;
                }
                int count = rs.getInt(5);
                Integer n = rs.wasNull() ? null : count;
                r = new io.herald.post.Recurrence(every, instant(rs, 2), java.time.ZoneId.of(rs.getString(3)), instant(rs, 4), n,
                        instant(rs, 6));
                contentSha256 = rs.getString(14);
                try (PreparedStatement h = c.prepareStatement("INSERT INTO delivery_occurrence (post_id, revision, target, occurrence,"
                        + " state, publish_at, attempts, remote_id, remote_url, last_error, published_at, ended_at, claimed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    setKey(h, 1, key);
                    h.setInt(4, key.occurrence());
                    h.setString(5, state);
                    h.setObject(6, rs.getObject(8, OffsetDateTime.class));
                    h.setInt(7, rs.getInt(9));
                    h.setString(8, rs.getString(10));
                    h.setString(9, rs.getString(11));
                    h.setString(10, rs.getString(12));
                    h.setObject(11, rs.getObject(13, OffsetDateTime.class));
                    h.setObject(12, now());
                    h.setObject(13, rs.getObject(15, OffsetDateTime.class));
                    h.executeUpdate();
                }
            }
        }
        io.herald.post.Recurrence.Next next = r.firstOpen(key.occurrence() + 1, clock.instant());
        List<AuditEvent> events = new ArrayList<>();
        expireMissed(c, key.postId(), key.revision(), key.target(), r, next, contentSha256, events);
        if (next.occurrence() > 0) {
            int k = next.occurrence();
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET occurrence = ?, state = 'SCHEDULED', publish_at = ?,"
                    + " next_attempt_at = ?, expires_at = ?, attempts = 0, claimed_by = NULL, claimed_at = NULL, lease_until = NULL,"
                    + " unclear_since = NULL, first_attempt_at = NULL, remote_id = NULL, remote_url = NULL, receipt = NULL,"
                    + " last_error = NULL, published_at = NULL, updated_at = ?"
                    + " WHERE post_id = ? AND revision = ? AND target = ? AND occurrence = ?")) {
                ps.setInt(1, k);
                ps.setObject(2, odt(r.at(k)));
                ps.setObject(3, odt(r.at(k)));
                ps.setObject(4, odt(r.windowEnd(k)));
                ps.setObject(5, now());
                setKey(ps, 6, key);
                ps.setInt(9, key.occurrence());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_checkpoint WHERE post_id = ? AND revision = ?"
                    + " AND target = ?")) {
                setKey(ps, 1, key);
                ps.executeUpdate();
            }
            events.add(AuditEvent.of(AuditEventType.SCHEDULED, key.postId()).revision(key.revision()).target(key.target())
                    .occurrence(k).contentSha256(contentSha256).reason(describeSeries(r, k) + "publish at " + r.at(k)
                            + ", expires " + r.windowEnd(k) + " (occurrence " + key.occurrence() + " ended " + state + ")")
                    .build());
        }
        audit.append(c, events);
    }

    @Override
    public io.herald.post.Recurrence recurrence(DeliveryKey key) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT repeat_every, repeat_first, repeat_zone, repeat_until, repeat_count,"
                    + " repeat_expires_at FROM delivery WHERE post_id = ? AND revision = ? AND target = ?")) {
                setKey(ps, 1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return null;
                    }
                    int count = rs.getInt(5);
                    Integer n = rs.wasNull() ? null : count;
                    return new io.herald.post.Recurrence(rs.getString(1), instant(rs, 2), java.time.ZoneId.of(rs.getString(3)),
                            instant(rs, 4), n, instant(rs, 6));
                }
            }
        });
    }

    /** The occurrences of a post that ended, oldest first: {@code target, occurrence, state, publishAt, remoteId, lastError}. */
    public List<Map<String, Object>> endedOccurrences(String postId) {
        return db.inTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT target, revision, occurrence, state, publish_at, remote_id, last_error"
                    + " FROM delivery_occurrence WHERE post_id = ? ORDER BY target, revision, occurrence")) {
                ps.setString(1, postId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new java.util.LinkedHashMap<>();
                        m.put("target", rs.getString(1));
                        m.put("revision", rs.getInt(2));
                        m.put("occurrence", rs.getInt(3));
                        m.put("state", rs.getString(4));
                        m.put("publishAt", instant(rs, 5));
                        m.put("remoteId", rs.getString(6));
                        m.put("lastError", rs.getString(7));
                        out.add(m);
                    }
                }
            }
            return out;
        });
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<AuditEvent> supersede(Connection c, String postId, int revision) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        for (Delivery d : select(c, "WHERE post_id = ? AND revision < ? AND state IN ('SCHEDULED', 'RETRY', 'CORRECTING')", postId, revision)) {
            if (updateState(c, d.key(), d.state(), DeliveryState.SUPERSEDED, "superseded by revision " + revision)) {
                events.add(AuditEvent.of(AuditEventType.CANCELLED, postId).revision(d.key().revision()).target(d.key().target())
                        .occurrence(d.key().occurrence()).reason("superseded by revision " + revision
                                + (d.key().recurring() ? " (with every later occurrence of it)" : "")).build());
            }
        }
        return events;
    }

    boolean updateState(Connection c, DeliveryKey key, DeliveryState from, DeliveryState to, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = ?, last_error = ?, updated_at = ?"
                + " WHERE post_id = ? AND revision = ? AND target = ? AND state = ?")) {
            ps.setString(1, to.name());
            ps.setString(2, reason);
            ps.setObject(3, now());
            setKey(ps, 4, key);
            ps.setString(7, from.name());
            return ps.executeUpdate() == 1;
        }
    }

    private static AuditEvent duplicate(String postId, Integer revision, int highest, RecordSource source) {
        return AuditEvent.of(AuditEventType.DUPLICATE_SUPPRESSED, postId).revision(revision).source(source)
                .reason("revision " + revision + " is not above revision " + highest + ", already recorded").build();
    }

    private Integer highestRevision(Connection c, String postId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revision FROM post_revision WHERE post_id = ?")) {
            ps.setString(1, postId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private void setRevision(Connection c, String postId, int revision, String outcome, boolean exists) throws SQLException {
        String sql = exists
                ? "UPDATE post_revision SET revision = ?, outcome = ?, updated_at = ? WHERE post_id = ?"
                : "INSERT INTO post_revision (revision, outcome, updated_at, post_id) VALUES (?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, revision);
            ps.setString(2, outcome);
            ps.setObject(3, now());
            ps.setString(4, postId);
            ps.executeUpdate();
        }
    }

    /**
     * Whether this exact record (same position and timestamp) was processed. A row at the same
     * position with another timestamp means the topic was recreated: it is replaced, and the record
     * is processed.
     */
    boolean alreadyIngested(Connection c, RecordSource s, long ts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT record_ts FROM ingested_record WHERE topic = ? AND partition_no = ? AND record_offset = ?")) {
            ps.setString(1, s.topic());
            ps.setInt(2, s.partition());
            ps.setLong(3, s.offset());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                if (rs.getLong(1) == ts) {
                    return true;
                }
            }
        }
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM ingested_record WHERE topic = ? AND partition_no = ? AND record_offset = ?")) {
            del.setString(1, s.topic());
            del.setInt(2, s.partition());
            del.setLong(3, s.offset());
            del.executeUpdate();
        }
        return false;
    }

    private void markIngested(Connection c, List<Incoming> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingested_record (topic, partition_no, record_offset,"
                + " record_ts, processed_at) VALUES (?, ?, ?, ?, ?)")) {
            java.util.Set<RecordSource> seen = new java.util.HashSet<>();
            OffsetDateTime now = now();
            for (Incoming in : batch) {
                if (!seen.add(in.source()) || isMarked(c, in.source(), in.timestamp())) {
                    continue;
                }
                ps.setString(1, in.source().topic());
                ps.setInt(2, in.source().partition());
                ps.setLong(3, in.source().offset());
                ps.setLong(4, in.timestamp());
                ps.setObject(5, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static boolean isMarked(Connection c, RecordSource s, long ts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM ingested_record WHERE topic = ? AND partition_no = ? AND record_offset = ? AND record_ts = ?")) {
            ps.setString(1, s.topic());
            ps.setInt(2, s.partition());
            ps.setLong(3, s.offset());
            ps.setLong(4, ts);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    void markIngested(Connection c, RecordSource s, long ts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingested_record (topic, partition_no, record_offset,"
                + " record_ts, processed_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, s.topic());
            ps.setInt(2, s.partition());
            ps.setLong(3, s.offset());
            ps.setLong(4, ts);
            ps.setObject(5, now());
            ps.executeUpdate();
        }
    }

    List<Delivery> select(Connection c, String where, Object... args) throws SQLException {
        String columns = where.startsWith("d ") ? "d." + COLUMNS.replace(", ", ", d.") : COLUMNS;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM delivery " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Delivery(
                            new DeliveryKey(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(16)),
                            DeliveryState.valueOf(rs.getString(4)),
                            instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getInt(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                            instant(rs, 13), instant(rs, 14), instant(rs, 15)));
                }
            }
            return out;
        }
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void setKey(PreparedStatement ps, int from, DeliveryKey key) throws SQLException {
        ps.setString(from, key.postId());
        ps.setInt(from + 1, key.revision());
        ps.setString(from + 2, key.target());
    }

    private static void requireOne(int updated, DeliveryKey key, String expected) {
        if (updated != 1) {
            throw new IllegalStateException("delivery " + key + " was not " + expected + "; another worker changed it");
        }
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String truncate500(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
