package io.herald.approval;

/**
 * Why a post's approval did not verify: the machine code the audit log and {@code herald.posts.invalid}
 * headers carry (as {@link #name()}).
 */
public enum ApprovalFailure {
    /** The post has no {@code approval}, or the approval has no {@code signature}. */
    UNSIGNED,
    /** {@code approval.approvedBy} is missing, or names no trusted approver. */
    UNKNOWN_APPROVER,
    /** {@code approval.signature} is not base64 of a 64-byte Ed25519 signature. */
    BAD_SIGNATURE,
    /**
     * A well-formed signature that does not verify: the post (any field, including approvedAt and
     * acknowledged) was changed after signing, or it was signed with another key.
     */
    CONTENT_CHANGED,
    /** The approval is older than {@code approval.maxAge} (only when that is configured). */
    TOO_OLD,
    /**
     * The input is not a JSON object, {@code approval} is not an object, {@code acknowledged} is not
     * a list of rule ids, or the post cannot be put in canonical form (duplicate keys, a number
     * outside the range of a double).
     */
    MALFORMED
}
