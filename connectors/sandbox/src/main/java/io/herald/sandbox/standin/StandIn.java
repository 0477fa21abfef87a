package io.herald.sandbox.standin;

import io.herald.sandbox.SandboxPost;
import java.util.List;

/**
 * A local stand-in of one network's API, mounted by the sandbox server under {@code /<platform>}.
 * Implementations keep their state in a {@link Journal} so that it survives a restart, and
 * are called from many threads at once.
 *
 * <p>To add a network: implement this interface in a package of its own (see the Mastodon
 * stand-in), and register a {@link StandInProvider} for it in
 * {@code META-INF/services/io.herald.sandbox.standin.StandInProvider}.
 */
public interface StandIn {

    /** The platform name, used as the path prefix and in targets ({@code mastodon}). */
    String platform();

    /** Answers one request; {@link SandboxRequest#path()} is relative to the prefix. */
    SandboxResponse handle(SandboxRequest request);

    /** Every post it holds, oldest first. */
    List<SandboxPost> posts();

    /**
     * Changes how the stand-in behaves, as a test or a person asks ({@code PUT /_sandbox/settings/<platform>}):
     * e.g. a Mastodon server that ignores {@code Idempotency-Key}. Unknown names are refused.
     *
     * @throws SandboxApiException 422 naming the setting that is not known or not valid
     */
    default void configure(java.util.Map<String, String> settings) {
        if (!settings.isEmpty()) {
            throw new SandboxApiException(422, "the " + platform() + " stand-in has no settings");
        }
    }

    /** The settings in force, with their values. */
    default java.util.Map<String, String> settings() {
        return java.util.Map.of();
    }
}
