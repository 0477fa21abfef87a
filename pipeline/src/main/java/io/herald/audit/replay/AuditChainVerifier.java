package io.herald.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditLog;
import io.herald.audit.Checkpoints;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Checks the audit log ({@code herald audit verify}) as {@link AuditLog} writes it: each instance's
 * events form one hash chain, ordered by {@code seq} (1, 2, 3, ...); an event's {@code hash} is the
 * SHA-256 of the RFC 8785 canonical JSON of the event without {@code hash}, its {@code prevHash} the
 * hash of the instance's event before it ({@link AuditLog#GENESIS} for the first); and the instance
 * signs {@code CHECKPOINT}s over the chain's head with its Ed25519 key ({@link Checkpoints}).
 *
 * <p>Each of these is a {@link Problem} naming the event: an event without chain fields; an event
 * whose content does not match its hash (altered); an {@code eventId} seen twice with different
 * content; a {@code seq} used twice (inserted); a gap in the seqs (deleted); a {@code prevHash} that
 * is not the hash of the event before (the one before was altered and re-hashed, or this one was
 * put in its place); an event on the topic before an event of lower seq of its chain (reordered); a
 * checkpoint signed by an unknown key or whose signature does not verify (forged); a chain with no
 * checkpoint signed by a trusted key (unknown instance); an event after a shutdown checkpoint that
 * is not the restart checkpoint (appended after the instance stopped); a chain that ends after its
 * last checkpoint's promise (truncated, or the instance stopped without its shutdown checkpoint); a
 * checkpoint in the witness file that is not on the topic as written. A re-sent event (same {@code
 * eventId}, same hash: the audit log re-sends after a crash) is counted, not a problem. A chain that
 * does not start at {@code GENESIS} is a note (retention removed its start), and so are recent
 * events that no checkpoint signs yet.
 *
 * <p>Give it every record in topic order ({@link #accept}), then read {@link #report()}. Keeps a few
 * fields of every event in memory (not the events). Not thread-safe.
 */
public final class AuditChainVerifier implements Consumer<AuditRecord> {

    /** One thing wrong, at one event. */
    public record Problem(long index, int partition, long offset, String eventId, String instance, Long seq, String reason) {

        /** One line: which event, where, and what is wrong. */
        public String describe() {
            if (partition < 0) {
                return reason;
            }
            return "event " + (eventId == null ? "(no eventId)" : eventId)
                    + (instance == null ? "" : " (instance " + instance + (seq == null ? "" : ", seq " + seq) + ")")
                    + " at partition " + partition + ", offset " + offset + ": " + reason;
        }
    }

    /**
     * One instance's chain as found.
     *
     * @param checkpoints how many checkpoints verified with a trusted key
     * @param key the trusted key's name that signed them (null when none did)
     * @param lastCheckpointSeq seq of the last verified checkpoint, 0 when none
     * @param unsigned how many events come after the last verified checkpoint
     */
    public record Chain(String instance, long events, long firstSeq, long lastSeq, boolean fromGenesis, long checkpoints,
            String key, long lastCheckpointSeq, long unsigned) {}

    /**
     * The outcome.
     *
     * @param events how many events were checked (re-sent copies not counted)
     * @param repeats how many re-sent copies were seen
     * @param chains every instance's chain, by instance
     * @param problems everything wrong, in topic order
     * @param notes what is worth knowing but not wrong (a chain whose start is gone, events not signed yet)
     */
    public record Report(long events, long repeats, Map<String, Chain> chains, List<Problem> problems, List<String> notes) {

        public boolean intact() {
            return problems.isEmpty();
        }

        /** One line: intact with counts, or the first problem. */
        public String summary() {
            if (!intact()) {
                return "audit log BROKEN at " + problems.get(0).describe()
                        + (problems.size() > 1 ? " (" + problems.size() + " problems in all)" : "");
            }
            StringBuilder b = new StringBuilder("audit log intact: " + events + " events in " + chains.size()
                    + (chains.size() == 1 ? " chain" : " chains"));
            if (!chains.isEmpty()) {
                b.append(" (");
                chains.values().forEach(c -> b.append(c.instance()).append(": seq ").append(c.firstSeq()).append("..")
                        .append(c.lastSeq()).append(", ").append(c.checkpoints())
                        .append(c.checkpoints() == 1 ? " checkpoint" : " checkpoints").append(" signed by ").append(c.key())
                        .append("; "));
                b.setLength(b.length() - 2);
                b.append(")");
            }
            if (repeats > 0) {
                b.append("; ").append(repeats).append(" re-sent copies ignored");
            }
            return b.toString();
        }
    }

    /** A checkpoint as read: whether its signature verified, with which trusted key, and its promise. */
    private record Seal(String fingerprint, String keyName, boolean verified, Instant at, Instant nextBy, boolean isFinal) {}

    private record Link(long index, int partition, long offset, String eventId, long seq, String hash, String prevHash,
            Instant time, Seal seal) {}

    /** A checkpoint line of a witness file. */
    private record Witnessed(String source, String instance, long seq, String hash) {}

    private final TrustedInstances trusted;
    private final Instant now;
    private final Map<String, List<Link>> chains = new TreeMap<>();
    private final Map<String, String> hashById = new HashMap<>(1 << 16);
    private final List<Problem> problems = new ArrayList<>();
    private final List<Witnessed> witnessed = new ArrayList<>();
    private long index;
    private long events;
    private long repeats;

    /**
     * @param trusted the instance keys whose checkpoints are accepted
     * @param now the time promises are checked against
     */
    public AuditChainVerifier(TrustedInstances trusted, Instant now) {
        this.trusted = trusted;
        this.now = now;
    }

    /** Checks the topic's events against a witness file's checkpoints (one JSON event a line). */
    public void witness(String source, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            try {
                JsonNode e = io.herald.json.Json.mapper().readTree(line);
                JsonNode seq = e.get("seq");
                witnessed.add(new Witnessed(where, text(e, "instance"), seq == null ? -1 : seq.asLong(), text(e, "hash")));
            } catch (java.io.IOException ex) {
                witnessed.add(new Witnessed(where, null, -1, null));
            }
        }
    }

    @Override
    public void accept(AuditRecord record) {
        long i = index++;
        JsonNode e = record.event();
        String eventId = text(e, "eventId");
        String instance = text(e, "instance");
        JsonNode seqNode = e.get("seq");
        Long seq = seqNode != null && seqNode.canConvertToLong() && seqNode.isIntegralNumber() ? seqNode.asLong() : null;
        String hash = text(e, "hash");
        String prevHash = text(e, "prevHash");
        if (eventId == null || instance == null || seq == null || hash == null || prevHash == null) {
            problems.add(new Problem(i, record.partition(), record.offset(), eventId, instance, seq,
                    "no hash chain (eventId, instance, seq, prevHash and hash are all needed): not written by Herald"));
            events++;
            return;
        }
        String content = record.contentHash() != null ? record.contentHash() : AuditLog.hashOf((ObjectNode) e);
        boolean contentMatches = content.equals(hash);
        String seen = hashById.putIfAbsent(eventId, hash);
        if (seen != null && seen.equals(hash) && contentMatches) {
            repeats++;
            return;
        }
        events++;
        if (!contentMatches) {
            problems.add(new Problem(i, record.partition(), record.offset(), eventId, instance, seq,
                    "altered: its content does not match its hash (changed after it was written)"));
            // still a link: the events after it are checked against the hash it carries
        } else if (seen != null) {
            problems.add(new Problem(i, record.partition(), record.offset(), eventId, instance, seq,
                    "this eventId was seen before with different content"));
            return;
        }
        Seal seal = null;
        if ("CHECKPOINT".equals(text(e, "type"))) {
            seal = seal(e, contentMatches);
        }
        chains.computeIfAbsent(instance, k -> new ArrayList<>())
                .add(new Link(i, record.partition(), record.offset(), eventId, seq, hash, prevHash, record.time(), seal));
    }

    private Seal seal(JsonNode e, boolean contentMatches) {
        JsonNode c = e.path(Checkpoints.CHECKPOINT);
        String fp = text(c, Checkpoints.KEY_FINGERPRINT);
        Instant nextBy = time(text(c, Checkpoints.NEXT_BY));
        // said in milliseconds, as every other time (older checkpoints carry nanoseconds)
        nextBy = nextBy == null ? null : nextBy.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        boolean isFinal = c.path(Checkpoints.FINAL).asBoolean(false);
        Instant at = time(text(e, "at"));
        TrustedInstances.Key key = trusted.find(fp).orElse(null);
        boolean verified = key != null && contentMatches && Checkpoints.verifies(e, key.key());
        return new Seal(fp, key == null ? null : key.name(), verified, at, nextBy, isFinal);
    }

    /** Checks the links of every chain and says what was found. */
    public Report report() {
        List<Problem> all = new ArrayList<>(problems);
        List<String> notes = new ArrayList<>();
        Map<String, Chain> found = new TreeMap<>();
        Map<String, Map<Long, String>> hashes = new HashMap<>();
        for (Map.Entry<String, List<Link>> c : chains.entrySet()) {
            String instance = c.getKey();
            List<Link> links = keepOnePerSeq(c.getValue(), instance, all);
            Map<Long, String> bySeq = hashes.computeIfAbsent(instance, k -> new HashMap<>());
            links.forEach(l -> bySeq.putIfAbsent(l.seq(), l.hash()));
            Link first = links.get(0);
            boolean fromGenesis = AuditLog.GENESIS.equals(first.prevHash());
            if (!fromGenesis) {
                notes.add("the chain of instance " + instance + " starts at seq " + first.seq()
                        + ", not at its beginning: its earlier events are no longer on the topic");
            } else if (first.seq() != 1) {
                all.add(problem(first, instance, "the chain starts here at seq " + first.seq() + ", so seq 1.."
                        + (first.seq() - 1) + " " + (first.seq() == 2 ? "is" : "are") + " missing (deleted)"));
            }
            Link prev = first;
            Link lastSeal = null;
            long seals = 0;
            String keyName = null;
            checkSeal(first, instance, all);
            if (first.seal() != null && first.seal().verified()) {
                lastSeal = first;
                seals++;
                keyName = first.seal().keyName();
            }
            for (Link l : links.subList(1, links.size())) {
                if (l.seq() == prev.seq()) {
                    all.add(problem(l, instance, "inserted: seq " + l.seq() + " is used twice in this chain (also by event "
                            + prev.eventId() + ")"));
                    continue;
                }
                if (l.seq() > prev.seq() + 1) {
                    long from = prev.seq() + 1;
                    long to = l.seq() - 1;
                    all.add(problem(l, instance, (from == to ? "seq " + from + " is missing" : "seq " + from + ".." + to
                            + " are missing") + " before this event (deleted): the chain goes from seq " + prev.seq()
                            + " (event " + prev.eventId() + ") to seq " + l.seq()));
                } else if (!l.prevHash().equals(prev.hash())) {
                    all.add(problem(l, instance, "does not link to seq " + prev.seq() + " (event " + prev.eventId()
                            + "): that event was altered and re-hashed, or this one was put in place of the real one"));
                } else if (l.partition() == prev.partition() && l.index() < prev.index()) {
                    all.add(problem(l, instance, "reordered: it is on the topic at offset " + l.offset()
                            + ", before seq " + prev.seq() + " (event " + prev.eventId() + ", offset " + prev.offset() + ")"));
                }
                if (prev.seal() != null && prev.seal().verified() && prev.seal().isFinal()
                        && (l.seal() == null)) {
                    all.add(problem(l, instance, "appended after the instance stopped: it follows the shutdown checkpoint"
                            + " (seq " + prev.seq() + ") but is not the checkpoint a restart writes first"));
                }
                checkSeal(l, instance, all);
                if (l.seal() != null && l.seal().verified()) {
                    lastSeal = l;
                    seals++;
                    keyName = keyName == null ? l.seal().keyName() : keyName;
                }
                prev = l;
            }
            Link last = links.get(links.size() - 1);
            long unsigned = 0;
            if (lastSeal == null) {
                all.add(problem(first, instance, "unknown instance " + instance + ": none of its " + links.size()
                        + (links.size() == 1 ? " event is" : " events are") + " signed by a checkpoint of a trusted key ("
                        + trusted.where() + ")"));
            } else {
                final long sealSeq = lastSeal.seq();
                List<Link> tail = links.stream().filter(l -> l.seq() > sealSeq).toList();
                unsigned = tail.size();
                Seal s = lastSeal.seal();
                if (tail.isEmpty()) {
                    if (!s.isFinal() && s.nextBy() != null && now.isAfter(s.nextBy())) {
                        all.add(problem(lastSeal, instance, "truncated: the chain ends at this checkpoint, which promised"
                                + " another by " + s.nextBy() + "; events after it were removed, or the instance stopped"
                                + " without its shutdown checkpoint (a crash)"));
                    }
                } else if (!s.isFinal() && s.nextBy() != null && now.isAfter(s.nextBy())) {
                    Link t = tail.get(0);
                    all.add(problem(t, instance, "not signed: " + tail.size() + (tail.size() == 1 ? " event" : " events")
                            + " (seq " + t.seq() + ".." + last.seq() + ") follow the last checkpoint (seq " + lastSeal.seq()
                            + "), which promised another by " + s.nextBy() + ": added after the fact, or the chain's end"
                            + " was cut off (truncated) with the checkpoints that signed it"));
                } else if (!s.isFinal()) {
                    notes.add(tail.size() + " events of instance " + instance + " (seq " + tail.get(0).seq() + ".."
                            + last.seq() + ") are not signed yet: the next checkpoint is due by " + s.nextBy());
                }
            }
            found.put(instance, new Chain(instance, links.size(), first.seq(), last.seq(), fromGenesis, seals, keyName,
                    lastSeal == null ? 0 : lastSeal.seq(), unsigned));
        }
        for (Witnessed w : witnessed) {
            String onTopic = w.instance() == null ? null : hashes.getOrDefault(w.instance(), Map.of()).get(w.seq());
            if (w.instance() == null || w.hash() == null) {
                all.add(new Problem(Long.MAX_VALUE, -1, -1, null, null, null, w.source() + ": not a checkpoint event"));
            } else if (onTopic == null) {
                all.add(new Problem(Long.MAX_VALUE, -1, -1, null, w.instance(), w.seq(), "the witness " + w.source()
                        + " holds checkpoint seq " + w.seq() + " of instance " + w.instance()
                        + ", which is not on the topic: the topic was truncated or rewritten"));
            } else if (!onTopic.equals(w.hash())) {
                all.add(new Problem(Long.MAX_VALUE, -1, -1, null, w.instance(), w.seq(), "the witness " + w.source()
                        + " holds checkpoint seq " + w.seq() + " of instance " + w.instance()
                        + " with another hash than the topic's: the topic was rewritten"));
            }
        }
        all.sort(Comparator.comparingLong(Problem::index));
        return new Report(events, repeats, found, List.copyOf(all), List.copyOf(notes));
    }

    /**
     * The chain's links by seq, one per seq. Where two events use a seq, the one kept is the one
     * the instance vouches for: a checkpoint whose signature verifies, else the one the next seq's
     * event links to, else the first on the topic; every other is named as inserted.
     */
    private static List<Link> keepOnePerSeq(List<Link> found, String instance, List<Problem> all) {
        List<Link> links = new ArrayList<>(found);
        links.sort(Comparator.comparingLong(Link::seq).thenComparingLong(Link::index));
        List<Link> kept = new ArrayList<>(links.size());
        int i = 0;
        while (i < links.size()) {
            int j = i + 1;
            while (j < links.size() && links.get(j).seq() == links.get(i).seq()) {
                j++;
            }
            if (j == i + 1) {
                kept.add(links.get(i));
            } else {
                List<Link> same = links.subList(i, j);
                java.util.Set<String> linkedTo = new java.util.HashSet<>();
                for (int k = j; k < links.size() && links.get(k).seq() == links.get(i).seq() + 1; k++) {
                    linkedTo.add(links.get(k).prevHash());
                }
                Link keep = same.stream().filter(l -> l.seal() != null && l.seal().verified()).findFirst()
                        .or(() -> same.stream().filter(l -> linkedTo.contains(l.hash())).findFirst())
                        .orElse(same.get(0));
                kept.add(keep);
                for (Link l : same) {
                    if (l != keep) {
                        all.add(problem(l, instance, "inserted: seq " + l.seq() + " is used twice in this chain; the"
                                + " chain's own event with this seq is " + keep.eventId()
                                + (keep.seal() != null && keep.seal().verified() ? " (a checkpoint the instance signed)"
                                        : linkedTo.contains(keep.hash()) ? " (the next event links to it)" : " (first on the topic)")));
                    }
                }
            }
            i = j;
        }
        return kept;
    }

    private void checkSeal(Link l, String instance, List<Problem> all) {
        Seal s = l.seal();
        if (s == null || s.verified()) {
            return;
        }
        if (s.keyName() == null) {
            all.add(problem(l, instance, "forged checkpoint: signed by a key that is not trusted (fingerprint "
                    + (s.fingerprint() == null ? "none" : s.fingerprint()) + "; no such NAME.pub in " + trusted.where() + ")"));
        } else {
            all.add(problem(l, instance, "forged checkpoint: its signature does not verify with the trusted key "
                    + s.keyName() + " (the checkpoint was altered or made without that key)"));
        }
    }

    private static Problem problem(Link l, String instance, String reason) {
        return new Problem(l.index(), l.partition(), l.offset(), l.eventId(), instance, l.seq(), reason);
    }

    private static Instant time(String v) {
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e == null ? null : e.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
