package io.herald.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A compliance finding as the audit log keeps it: which rule, what kind, and where. Never the
 * matched text, so that a post blocked for patient identifiers leaves no identifier behind.
 */
@JsonPropertyOrder({"rule", "category", "action", "start", "end"})
public record AuditFinding(String rule, String category, String action, int start, int end) {}
