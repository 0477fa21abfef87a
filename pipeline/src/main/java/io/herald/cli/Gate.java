package io.herald.cli;

import io.herald.approval.ApprovalVerifier;
import io.herald.compliance.ComplianceGate;
import io.herald.compliance.CompliancePolicy;
import io.herald.compliance.PolicyException;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import io.herald.ingest.ApprovalCheck;
import io.herald.ingest.ComplianceCheck;
import io.herald.ingest.PostCheck;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checks a post passes in the pipeline, in order: approval, then compliance. */
public final class Gate {

    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);

    private Gate() {}

    /**
     * Builds the approval and compliance checks from the configuration. A switched-off approval is
     * announced loudly on {@code out} and in the log.
     */
    public static List<PostCheck> checks(HeraldConfig config, boolean sandbox, PrintStream out) {
        try {
            ApprovalVerifier verifier = ApprovalVerifier.fromConfig(config, sandbox);
            for (String warning : verifier.startupWarnings()) {
                out.println("WARNING: " + warning);
                LOG.warn(warning);
            }
            CompliancePolicy policy = CompliancePolicy.loadOrDefaults(config.resolve(config.compliance().policy()));
            return List.of(new ApprovalCheck(verifier), new ComplianceCheck(new ComplianceGate(policy)));
        } catch (PolicyException | io.herald.approval.KeyFileException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
