package io.herald.compliance;

/** The gate's decision about a whole post. */
public enum Decision {
    /** No finding stops the post (it may still carry WARN findings or acknowledged HOLD findings). */
    PUBLISH,
    /** At least one HOLD finding whose rule id the approval did not acknowledge. */
    HOLD,
    /** At least one BLOCK finding (patient identifiers). */
    BLOCK
}
