package io.herald.approval;

import io.herald.config.HeraldConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether approvals are enforced, and whose keys are trusted.
 *
 * <p>Production trusts only {@code approval.approvers} (default {@code config/approvers}); sandbox
 * mode trusts {@code sandbox.approvers} (default {@code config/sandbox/approvers}, which holds the
 * demo key) as well. With {@code approval.required: false} every post is accepted and the pipeline
 * must log {@link #startupWarning()} loudly at start.
 *
 * @param required whether a post without a valid signature is rejected
 * @param sandbox whether the sandbox approvers are trusted too
 * @param approverFolders the folders of trusted {@code NAME.pub} files, in order
 * @param maxAge the oldest an approval may be, or null for no limit
 * @param source where the policy came from (the configuration file), for messages
 */
public record ApprovalPolicy(
        boolean required, boolean sandbox, List<Path> approverFolders, Duration maxAge, String source) {

    public ApprovalPolicy {
        approverFolders = List.copyOf(approverFolders);
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("approval.maxAge must be positive, but was " + maxAge);
        }
        source = source == null ? "the configuration" : source;
    }

    /** The policy a configuration sets, for production ({@code sandbox=false}) or sandbox mode. */
    public static ApprovalPolicy fromConfig(HeraldConfig config, boolean sandbox) {
        List<Path> folders = new ArrayList<>();
        folders.add(config.resolve(config.approval().approvers()));
        if (sandbox) {
            folders.add(config.resolve(config.sandbox().approvers()));
        }
        return new ApprovalPolicy(config.approval().required(), sandbox, folders, config.approval().maxAge(),
                config.file() == null ? null : config.file().toString());
    }

    /** Approvals required; keys from these folders; no age limit. */
    public static ApprovalPolicy enforced(Path... approverFolders) {
        return new ApprovalPolicy(true, false, List.of(approverFolders), null, null);
    }

    /** Approvals not required (every post accepted); keys, if any, from these folders. */
    public static ApprovalPolicy notRequired(Path... approverFolders) {
        return new ApprovalPolicy(false, false, List.of(approverFolders), null, null);
    }

    public ApprovalPolicy withMaxAge(Duration age) {
        return new ApprovalPolicy(required, sandbox, approverFolders, age, source);
    }

    /**
     * The warning to log at start when approval is switched off; empty when it is on. Loud on
     * purpose: running like this in production publishes whatever lands on the input topic.
     */
    public Optional<String> startupWarning() {
        if (required) {
            return Optional.empty();
        }
        return Optional.of("APPROVAL CHECK IS SWITCHED OFF (approval.required: false in " + source + "): every post"
                + " is accepted WITHOUT verifying its signature. Never run like this in production.");
    }
}
