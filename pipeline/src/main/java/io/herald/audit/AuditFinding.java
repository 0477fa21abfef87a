package io.herald.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A compliance finding as the audit log keeps it: which rule, what kind, and where. Never the
 * matched text, so that a post blocked for patient identifiers leaves no identifier behind.
 * {@code acknowledged} says, for a HOLD finding of a post that went on, that the signed approval
 * acknowledged its rule (null for other findings).
 */
@JsonPropertyOrder({"rule", "category", "action", "start", "end", "acknowledged"})
public record AuditFinding(String rule, String category, String action, int start, int end,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean acknowledged) {

    public AuditFinding(String rule, String category, String action, int start, int end) {
        this(rule, category, action, start, end, null);
    }
}
