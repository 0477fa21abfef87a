package io.herald.connector;

import java.util.List;
import java.util.Objects;

/**
 * What a network answered: the id and URL of the (first) post, and the ids of every part of a
 * thread in order.
 */
public record Receipt(String remoteId, String remoteUrl, List<String> partIds) {

    public Receipt {
        Objects.requireNonNull(remoteId, "remoteId");
        partIds = partIds == null ? List.of(remoteId) : List.copyOf(partIds);
    }

    public static Receipt single(String remoteId, String remoteUrl) {
        return new Receipt(remoteId, remoteUrl, List.of(remoteId));
    }
}
