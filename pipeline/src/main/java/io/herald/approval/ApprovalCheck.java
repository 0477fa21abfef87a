package io.herald.approval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.config.HeraldConfig;
import io.herald.ingest.PostCheck;
import io.herald.post.Post;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval step of the gate: PASS when the signature verifies (or approval is switched off),
 * else REJECT with {@code CODE: message} as the audit reason (for example {@code CONTENT_CHANGED:
 * the signature by 'x' does not match the post ...}).
 *
 * <p>It checks the raw tree of the record, never the parsed {@link Post}, so unknown fields and
 * number formats count as received.
 */
public final class ApprovalCheck implements PostCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalCheck.class);

    private final ApprovalVerifier verifier;

    public ApprovalCheck(ApprovalVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * The check a configuration asks for, production or sandbox; logs {@link
     * ApprovalVerifier#startupWarnings()} at ERROR, so that approval switched off cannot go unseen.
     *
     * @throws KeyFileException naming the approvers folder or key file at fault
     */
    public static ApprovalCheck create(HeraldConfig config, boolean sandbox) {
        ApprovalVerifier verifier = ApprovalVerifier.fromConfig(config, sandbox);
        List<String> warnings = verifier.startupWarnings();
        warnings.forEach(LOG::error);
        if (warnings.isEmpty()) {
            LOG.info("approvals required; trusted approvers: {}", verifier.keys().names());
        }
        return new ApprovalCheck(verifier);
    }

    public ApprovalVerifier verifier() {
        return verifier;
    }

    @Override
    public Result check(ObjectNode raw, Post post) {
        ApprovalResult result = verifier.verify(raw);
        if (result.ok()) {
            return Result.pass();
        }
        return new Result(Outcome.REJECT, result.describe(), List.of(), null);
    }
}
