package io.herald.connector;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * What a publication left on the network: one receipt per part, in thread order, and a note when
 * it was not a plain publish (found by a read-back, say).
 *
 * @param note null, or why this receipt is not simply the answer of this attempt's calls, e.g.
 *     {@code reconciled: found on the account by read-back}
 */
public record Receipt(List<PartReceipt> parts, String note) {

    public Receipt {
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a receipt has at least one part");
        }
    }

    public static Receipt of(List<PartReceipt> parts) {
        return new Receipt(parts, null);
    }

    public static Receipt single(String remoteId, String remoteUrl) {
        return new Receipt(List.of(PartReceipt.of(remoteId, remoteUrl)), null);
    }

    /** The receipt of every recorded {@code part-N} checkpoint of a post of {@code parts} parts, if all are recorded. */
    public static java.util.Optional<Receipt> fromCheckpoints(PublishAttempt attempt, int parts) {
        List<PartReceipt> out = new java.util.ArrayList<>();
        for (int i = 0; i < parts; i++) {
            var c = attempt.checkpoint(Checkpoint.part(i));
            if (c.isEmpty()) {
                return java.util.Optional.empty();
            }
            out.add(c.get().asPartReceipt());
        }
        return java.util.Optional.of(of(out));
    }

    /** The first part's id: the post's id on the network. */
    @JsonIgnore
    public String remoteId() {
        return parts.get(0).remoteId();
    }

    /** The first part's URL, or null. */
    @JsonIgnore
    public String remoteUrl() {
        return parts.get(0).url();
    }

    /** Every part's id, in order. */
    @JsonIgnore
    public List<String> partIds() {
        return parts.stream().map(PartReceipt::remoteId).toList();
    }

    public Receipt withNote(String n) {
        return new Receipt(parts, n);
    }
}
