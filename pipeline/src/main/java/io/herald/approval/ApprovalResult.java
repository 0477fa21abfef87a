package io.herald.approval;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link ApprovalVerifier#verify}.
 *
 * @param accepted whether the pipeline may go on with the post: the signature verified, or approval
 *     is switched off ({@code approval.required: false})
 * @param verified whether a trusted approver's signature verified
 * @param failure why it did not verify; null when {@code verified}
 * @param message one human line: who approved, or what is wrong (names fields, never key material)
 * @param approvedBy the approver whose signature verified; null unless {@code verified}
 * @param acknowledged the rule ids the approver acknowledged ({@code approval.acknowledged}); empty
 *     unless {@code verified}, so an unsigned list never lets a held post through
 * @param approvedAt the signed {@code approval.approvedAt} as written; null unless {@code verified}
 * @param keyFingerprint SHA-256 (hex) of the verifying public key's X.509 encoding; null unless {@code verified}
 */
public record ApprovalResult(
        boolean accepted, boolean verified, ApprovalFailure failure, String message, String approvedBy,
        List<String> acknowledged, String approvedAt, String keyFingerprint) {

    public ApprovalResult {
        acknowledged = acknowledged == null ? List.of() : List.copyOf(acknowledged);
        if (verified == (failure != null)) {
            throw new IllegalArgumentException("a result has a failure exactly when it is not verified");
        }
    }

    static ApprovalResult verified(String approvedBy, List<String> acknowledged) {
        return verified(approvedBy, acknowledged, null, null);
    }

    static ApprovalResult verified(String approvedBy, List<String> acknowledged, String approvedAt, String keyFingerprint) {
        return new ApprovalResult(true, true, null, "approved by '" + approvedBy + "'", approvedBy, acknowledged,
                approvedAt, keyFingerprint);
    }

    static ApprovalResult failed(ApprovalFailure failure, String message) {
        return new ApprovalResult(false, false, failure, message, null, List.of(), null, null);
    }

    /** This failure, accepted anyway because approval is switched off. */
    ApprovalResult acceptedUnverified() {
        return new ApprovalResult(true, false, failure, "approval not required; not verified: " + message, null, List.of(),
                null, null);
    }

    /** Same as {@link #accepted()}. */
    public boolean ok() {
        return accepted;
    }

    /** The failure, if the signature did not verify (also when accepted because approval is off). */
    public Optional<ApprovalFailure> failureReason() {
        return Optional.ofNullable(failure);
    }

    /** The machine reason code ({@code CONTENT_CHANGED}, ...), or null when verified. */
    public String reasonCode() {
        return failure == null ? null : failure.name();
    }

    /** One line for an audit event's {@code reason}: {@code CODE: message}, or the message when verified. */
    public String describe() {
        return failure == null ? message : failure.name() + ": " + message;
    }
}
