package io.herald.compliance;

/** What a finding does to a post. Ordered from the strongest to the weakest. */
public enum Action {
    /** Patient identifiers: the post is never published, and no approval can acknowledge it. */
    BLOCK,
    /** Conduct and claims: published only when the signed approval acknowledges the rule id. */
    HOLD,
    /** Advice for a person (readability, accessibility, security); the post is still published. */
    WARN
}
