package io.herald.connector.meta;

import java.util.Objects;

/**
 * A container's status and the network's words about it (Instagram's {@code status}, e.g. an error
 * subcode; Threads' {@code error_message}, e.g. {@code FAILED_DOWNLOADING_VIDEO}); {@code detail} may
 * be null.
 */
public record ContainerState(ContainerStatus status, String detail) {

    public ContainerState {
        Objects.requireNonNull(status, "status");
    }

    public String describe() {
        return detail == null || detail.isBlank() ? status.name() : status.name() + " (" + detail + ")";
    }
}
