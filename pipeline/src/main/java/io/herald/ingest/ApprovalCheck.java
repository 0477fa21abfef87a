package io.herald.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.approval.ApprovalResult;
import io.herald.approval.ApprovalVerifier;
import io.herald.audit.AuditApproval;
import io.herald.post.Post;
import java.util.List;

/**
 * Nothing goes out without a valid approval: an unsigned post, an unknown approver, a malformed
 * signature or a post changed after signing is REJECTED, with the reason code in the audit.
 */
public final class ApprovalCheck implements PostCheck {

    private final ApprovalVerifier verifier;

    public ApprovalCheck(ApprovalVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Result check(ObjectNode raw, Post post, Context context) {
        ApprovalResult result = verifier.verify(raw);
        if (!result.accepted()) {
            return new Result(Outcome.REJECT, result.describe(), List.of(), null);
        }
        if (result.verified()) {
            context.acknowledge(result.acknowledged());
            context.approval(new AuditApproval(true, result.approvedBy(), result.approvedAt(), result.keyFingerprint(),
                    result.acknowledged(), null));
        } else {
            // approval is switched off and this post's signature did not verify: the audit says so
            context.approval(new AuditApproval(false, null, null, null, List.of(), result.reasonCode()));
        }
        return Result.pass();
    }
}
