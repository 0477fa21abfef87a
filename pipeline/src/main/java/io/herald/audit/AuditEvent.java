package io.herald.audit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * One audit event (DESIGN.md section 4): one JSON object per record on {@code herald.audit} and per
 * line of {@code herald audit replay --format jsonl}. {@code seq}, {@code prevHash} and
 * {@code hash} are set by the audit log when the event is appended. {@code source} names the input
 * record for RECEIVED and INVALID events.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "eventId", "type", "postId", "revision", "target", "occurrence", "targets", "at", "attempt", "remoteId", "remoteUrl", "remoteIds", "reason",
    "findings", "contentSha256", "source", "approval", "approvalsOff", "instance", "seq", "prevHash", "hash"
})
public record AuditEvent(
        String eventId,
        AuditEventType type,
        String postId,
        Integer revision,
        String target,
        /** The occurrence (1, 2, ...) of a recurring post a delivery event is about; absent otherwise. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Integer occurrence,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<String> targets,
        Instant at,
        Integer attempt,
        String remoteId,
        String remoteUrl,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<String> remoteIds,
        String reason,
        List<AuditFinding> findings,
        String contentSha256,
        RecordSource source,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        AuditApproval approval,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Boolean approvalsOff,
        String instance,
        Long seq,
        String prevHash,
        String hash) {

    public AuditEvent {
        findings = findings == null ? List.of() : List.copyOf(findings);
        remoteIds = remoteIds == null ? List.of() : List.copyOf(remoteIds);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** A builder for the fields a transition knows; the audit log fills in the rest. */
    public static Builder of(AuditEventType type, String postId) {
        return new Builder(type, postId);
    }

    public AuditEvent withChain(String eventId, String instance, long seq, String prevHash, String hash) {
        return new AuditEvent(eventId, type, postId, revision, target, occurrence, targets, at, attempt, remoteId, remoteUrl, remoteIds, reason,
                findings, contentSha256, source, approval, approvalsOff, instance, seq, prevHash, hash);
    }

    /** The same event with who approved the post (for RECEIVED). */
    public AuditEvent withApproval(AuditApproval a) {
        return new AuditEvent(eventId, type, postId, revision, target, occurrence, targets, at, attempt, remoteId, remoteUrl, remoteIds, reason,
                findings, contentSha256, source, a, approvalsOff, instance, seq, prevHash, hash);
    }

    /** The same event naming the occurrence of a recurring post it is about (unchanged for 0: no repeat). */
    public AuditEvent withOccurrence(int k) {
        if (k <= 0 || (occurrence != null && occurrence == k)) {
            return this;
        }
        return new AuditEvent(eventId, type, postId, revision, target, k, targets, at, attempt, remoteId, remoteUrl, remoteIds, reason,
                findings, contentSha256, source, approval, approvalsOff, instance, seq, prevHash, hash);
    }

    /** The event as the outbox keeps it: its id, time and instance set, not yet chained. */
    AuditEvent stamped(String id, java.time.Instant time, String instanceName, boolean approvalsAreOff) {
        return new AuditEvent(id, type, postId, revision, target, occurrence, targets,
                (at != null ? at : time).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), attempt, remoteId, remoteUrl,
                remoteIds, reason, findings, contentSha256, source, approval, approvalsAreOff ? Boolean.TRUE : approvalsOff,
                instanceName, null, null, null);
    }

    /** Builds an event; unset fields stay null. */
    public static final class Builder {
        private final AuditEventType type;
        private final String postId;
        private Integer revision;
        private String target;
        private Integer occurrence;
        private List<String> targets = List.of();
        private Instant at;
        private Integer attempt;
        private String remoteId;
        private String remoteUrl;
        private List<String> remoteIds = List.of();
        private String reason;
        private List<AuditFinding> findings = List.of();
        private String contentSha256;
        private RecordSource source;
        private AuditApproval approval;

        private Builder(AuditEventType type, String postId) {
            this.type = type;
            this.postId = postId;
        }

        public Builder revision(Integer v) { this.revision = v; return this; }
        public Builder target(String v) { this.target = v; return this; }
        /** The occurrence of a recurring post (null or 0: none). */
        public Builder occurrence(Integer v) { this.occurrence = v == null || v <= 0 ? null : v; return this; }
        /** Every target the post names (for RECEIVED), so a replay by target keeps the post's own events. */
        public Builder targets(List<String> v) { this.targets = v; return this; }
        public Builder at(Instant v) { this.at = v; return this; }
        public Builder attempt(Integer v) { this.attempt = v; return this; }
        public Builder remoteId(String v) { this.remoteId = v; return this; }
        public Builder remoteUrl(String v) { this.remoteUrl = v; return this; }
        /** Every part's remote id, for a thread; the first is {@code remoteId}. */
        public Builder remoteIds(List<String> v) { this.remoteIds = v; return this; }
        /** The reason, with any UTC time in it cut to milliseconds (as {@code at} is). */
        public Builder reason(String v) { this.reason = millis(v); return this; }
        public Builder findings(List<AuditFinding> v) { this.findings = v; return this; }
        public Builder contentSha256(String v) { this.contentSha256 = v; return this; }
        public Builder source(RecordSource v) { this.source = v; return this; }
        /** Who approved the post: its verified signature, or that approval was not verified. */
        public Builder approval(AuditApproval v) { this.approval = v; return this; }

        public AuditEvent build() {
            return new AuditEvent(null, type, postId, revision, target, occurrence, targets, at, attempt, remoteId, remoteUrl, remoteIds, reason,
                    findings, contentSha256, source, approval, null, null, null, null, null);
        }
    }

    private static final java.util.regex.Pattern SUB_MILLIS =
            java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3})\\d+Z");

    /** Times such as 2026-12-07T14:24:07.165182866Z in a text, as 2026-12-07T14:24:07.165Z. */
    public static String millis(String text) {
        return text == null || text.indexOf('T') < 0 ? text : SUB_MILLIS.matcher(text).replaceAll("$1Z");
    }
}
