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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checks a post passes in the pipeline, in order: approval, then compliance. */
public final class Gate {

    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);

    private Gate() {}

    /**
     * Builds the approval and compliance checks from the configuration. A switched-off approval is
     * announced loudly on {@code out} and in the log, and so is a missing policy file.
     */
    public static List<PostCheck> checks(HeraldConfig config, boolean sandbox, PrintStream out) {
        try {
            ApprovalVerifier verifier = ApprovalVerifier.fromConfig(config, sandbox);
            for (String warning : verifier.startupWarnings()) {
                out.println("WARNING: " + warning);
                LOG.warn(warning);
            }
            CompliancePolicy policy = policy(config, note -> {
                out.println("note: " + note);
                LOG.info(note);
            });
            return List.of(new ApprovalCheck(verifier), new ComplianceCheck(new ComplianceGate(policy)));
        } catch (PolicyException | io.herald.approval.KeyFileException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /**
     * The compliance policy the configuration names ({@code compliance.policy}, next to the
     * configuration file), or the built-in defaults when that file does not exist, which is said on
     * {@code notes}: every command takes the same policy from the same place.
     *
     * @throws PolicyException when the file exists but cannot be used
     */
    public static CompliancePolicy policy(HeraldConfig config, Consumer<String> notes) {
        Path file = config.resolve(config.compliance().policy());
        if (!Files.exists(file)) {
            notes.accept("no compliance policy at " + file + "; the built-in defaults apply (no practice details or staff)");
            return CompliancePolicy.defaults();
        }
        return CompliancePolicy.load(file);
    }
}
