package io.herald.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Checks the audit log's hash chains ({@code herald audit verify}), as {@link AuditLog} writes them:
 * each instance's events form one chain, ordered by {@code seq}; an event's {@code hash} is the
 * SHA-256 of the RFC 8785 canonical JSON of the event without {@code hash}, and its {@code prevHash}
 * is the hash of the instance's event before it ({@link AuditLog#GENESIS} for the first).
 *
 * <p>Found, each as a {@link Problem}: an event without chain fields; an event whose content does
 * not match its hash (changed after it was written); an {@code eventId} seen twice with different
 * content; two events with one {@code seq} in a chain; a {@code prevHash} that is not the hash of the
 * event before (an event missing, inserted, or changed and re-hashed). A re-sent event (same
 * {@code eventId}, same hash: the audit log re-sends after a crash) is counted, not a problem. A
 * chain that does not start at {@code GENESIS} is a note: its first events are no longer on the
 * topic (retention). Removing the newest events of a chain cannot be seen from the topic alone.
 *
 * <p>Give it every record in topic order ({@link #accept}), then read {@link #report()}. Keeps a few
 * fields of every event in memory (not the events). Not thread-safe.
 */
public final class AuditChainVerifier implements Consumer<AuditRecord> {

    /** One thing wrong, at one event. */
    public record Problem(long index, int partition, long offset, String eventId, String instance, Long seq, String reason) {

        /** One line: which event, where, and what is wrong. */
        public String describe() {
            return "event " + (eventId == null ? "(no eventId)" : eventId)
                    + (instance == null ? "" : " (instance " + instance + (seq == null ? "" : ", seq " + seq) + ")")
                    + " at partition " + partition + ", offset " + offset + ": " + reason;
        }
    }

    /** One instance's chain as found. */
    public record Chain(String instance, long events, long firstSeq, long lastSeq, boolean fromGenesis) {}

    /**
     * The outcome.
     *
     * @param events how many events were checked (re-sent copies not counted)
     * @param repeats how many re-sent copies were seen
     * @param chains every instance's chain, by instance
     * @param problems everything wrong, in topic order
     * @param notes what is worth knowing but not wrong (a chain whose start is gone)
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
                        .append(c.lastSeq()).append(", "));
                b.setLength(b.length() - 2);
                b.append(")");
            }
            if (repeats > 0) {
                b.append("; ").append(repeats).append(" re-sent copies ignored");
            }
            return b.toString();
        }
    }

    private record Link(long index, int partition, long offset, String eventId, long seq, String hash, String prevHash) {}

    private final Map<String, List<Link>> chains = new TreeMap<>();
    private final Map<String, String> hashById = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private long index;
    private long events;
    private long repeats;

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
                    "no hash chain (eventId, instance, seq, prevHash and hash are all needed)"));
            events++;
            return;
        }
        boolean contentMatches = AuditLog.hashOf((ObjectNode) e).equals(hash);
        String seen = hashById.putIfAbsent(eventId, hash);
        if (seen != null && seen.equals(hash) && contentMatches) {
            repeats++;
            return;
        }
        events++;
        if (!contentMatches) {
            problems.add(new Problem(i, record.partition(), record.offset(), eventId, instance, seq,
                    "its content does not match its hash (changed after it was written)"));
            // still a link: the events after it are checked against the hash it carries
        } else if (seen != null) {
            problems.add(new Problem(i, record.partition(), record.offset(), eventId, instance, seq,
                    "this eventId was seen before with different content"));
            return;
        }
        chains.computeIfAbsent(instance, k -> new ArrayList<>())
                .add(new Link(i, record.partition(), record.offset(), eventId, seq, hash, prevHash));
    }

    /** Checks the links of every chain and says what was found. */
    public Report report() {
        List<Problem> all = new ArrayList<>(problems);
        List<String> notes = new ArrayList<>();
        Map<String, Chain> found = new TreeMap<>();
        for (Map.Entry<String, List<Link>> c : chains.entrySet()) {
            String instance = c.getKey();
            List<Link> links = new ArrayList<>(c.getValue());
            links.sort(Comparator.comparingLong(Link::seq).thenComparingLong(Link::index));
            Link first = links.get(0);
            boolean fromGenesis = AuditLog.GENESIS.equals(first.prevHash());
            if (!fromGenesis) {
                notes.add("the chain of instance " + instance + " starts at seq " + first.seq()
                        + ", not at its beginning: its earlier events are no longer on the topic");
            }
            Link prev = first;
            for (Link l : links.subList(1, links.size())) {
                if (l.seq() == prev.seq()) {
                    all.add(problem(l, instance, "seq " + l.seq() + " is used twice in this chain (also by event "
                            + prev.eventId() + ")"));
                } else if (!l.prevHash().equals(prev.hash())) {
                    all.add(problem(l, instance, "prevHash is not the hash of the chain's event before it (seq "
                            + prev.seq() + "): an event is missing, was inserted, or was changed"));
                }
                prev = l;
            }
            found.put(instance, new Chain(instance, links.size(), first.seq(), links.get(links.size() - 1).seq(), fromGenesis));
        }
        all.sort(Comparator.comparingLong(Problem::index));
        return new Report(events, repeats, found, List.copyOf(all), List.copyOf(notes));
    }

    private static Problem problem(Link l, String instance, String reason) {
        return new Problem(l.index(), l.partition(), l.offset(), l.eventId(), instance, l.seq(), reason);
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
