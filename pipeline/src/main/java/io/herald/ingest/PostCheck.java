package io.herald.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.audit.AuditFinding;
import io.herald.post.Post;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One step of the gate a post passes before it is planned: the approval check, then the
 * compliance check. Each says PASS, or why the post stops here.
 */
public interface PostCheck {

    /**
     * @param raw the post exactly as received (signatures are over it)
     * @param post the same, parsed
     * @param context what earlier checks established for later ones
     */
    Result check(ObjectNode raw, Post post, Context context);

    /** What a check decided. */
    enum Outcome {
        PASS,
        /** The approval is missing or wrong: REJECTED. */
        REJECT,
        /** Needs a person: HELD, copied to the held topic. */
        HOLD,
        /** May never go out (patient identifiers): BLOCKED, copied to the held topic. */
        BLOCK
    }

    /**
     * What the checks of one post share: the rule ids a verified approval acknowledged. Only the
     * approval check adds to it, and only from a signature that verified, so an unsigned
     * {@code acknowledged} list never lets a held post through.
     */
    final class Context {
        private final Set<String> acknowledged = new LinkedHashSet<>();
        private io.herald.audit.AuditApproval approval;

        /** What the approval check found, for the RECEIVED event; null when no approval check ran or it rejected. */
        public io.herald.audit.AuditApproval approval() {
            return approval;
        }

        public void approval(io.herald.audit.AuditApproval a) {
            this.approval = a;
        }

        /** The RECEIVED event with who approved the post, as far as the checks so far established it. */
        public io.herald.audit.AuditEvent received(io.herald.audit.AuditEvent received) {
            return approval == null ? received : received.withApproval(approval);
        }

        public Set<String> acknowledged() {
            return Set.copyOf(acknowledged);
        }

        public void acknowledge(Collection<String> ruleIds) {
            acknowledged.addAll(ruleIds);
        }
    }

    /**
     * @param reason one line for the audit log; never the post's text
     * @param findings what the audit keeps: rule, category, action, position
     * @param report the full findings with messages, for the people reading the held topic
     */
    record Result(Outcome outcome, String reason, List<AuditFinding> findings, Object report) {

        public Result {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }

        public static Result pass() {
            return new Result(Outcome.PASS, null, List.of(), null);
        }

        public static Result pass(List<AuditFinding> warnings, Object report) {
            return new Result(Outcome.PASS, null, warnings, report);
        }
    }
}
