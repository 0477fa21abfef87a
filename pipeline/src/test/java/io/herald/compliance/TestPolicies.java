package io.herald.compliance;

import java.nio.file.Files;
import java.nio.file.Path;

/** The policies the tests use: the repository's config/compliance.yaml and the built-in defaults. */
final class TestPolicies {

    private TestPolicies() {}

    /** config/compliance.yaml of the repository (tests run in the pipeline module directory). */
    static Path repoConfig() {
        String prop = System.getProperty("herald.compliance.config");
        if (prop != null) {
            return Path.of(prop);
        }
        Path p = Path.of("..", "config", "compliance.yaml");
        return Files.exists(p) ? p : Path.of("config", "compliance.yaml");
    }

    private static ComplianceGate practice;

    /** A gate with the practice's policy (config/compliance.yaml over the defaults). */
    static synchronized ComplianceGate practiceGate() {
        if (practice == null) {
            practice = new ComplianceGate(CompliancePolicy.load(repoConfig()));
        }
        return practice;
    }

    private static ComplianceGate practiceRules;

    /**
     * The practice's policy, rules alone (no text model): the gate that the rules' own tests use,
     * where every labelled case must get exactly its decision. The whole gate is held to the bars.
     */
    static synchronized ComplianceGate practiceRulesGate() {
        if (practiceRules == null) {
            practiceRules = rulesOnly(CompliancePolicy.load(repoConfig()));
        }
        return practiceRules;
    }

    /** A policy's rules alone, without the text model. */
    static ComplianceGate rulesOnly(CompliancePolicy policy) {
        return new ComplianceGate(policy, io.herald.compliance.internal.GateConfig.rulesOnly(policy));
    }

    private static ComplianceGate defaults;

    static synchronized ComplianceGate defaultGate() {
        if (defaults == null) {
            defaults = ComplianceGate.withDefaults();
        }
        return defaults;
    }
}
