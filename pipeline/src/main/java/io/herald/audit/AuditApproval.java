package io.herald.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Who approved a post, as its RECEIVED event records it.
 *
 * @param verified whether a trusted approver's signature verified; false when approval is switched off
 *     ({@code approval.required: false}) and the post's signature did not verify
 * @param approvedBy the approver whose key verified the signature (null when not verified)
 * @param approvedAt the signed {@code approval.approvedAt}, as written
 * @param keyFingerprint SHA-256 (hex) of the approver's public key (X.509 DER), so a reader can tell which key signed
 * @param acknowledged the rule ids the signature acknowledged (empty unless verified)
 * @param reason why it did not verify (a reason code), when it did not
 */
@JsonPropertyOrder({"verified", "approvedBy", "approvedAt", "keyFingerprint", "acknowledged", "reason"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditApproval(boolean verified, String approvedBy, String approvedAt, String keyFingerprint,
        List<String> acknowledged, String reason) {

    public AuditApproval {
        acknowledged = acknowledged == null ? List.of() : List.copyOf(acknowledged);
    }
}
