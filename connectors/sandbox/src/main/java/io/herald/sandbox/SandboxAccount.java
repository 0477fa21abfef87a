package io.herald.sandbox;

import java.net.URI;
import java.util.Objects;

/**
 * A fixed account of a stand-in, as Herald's configuration needs it: the account's base URL (the
 * stand-in's API root) and its sandbox-only token.
 *
 * @param platform e.g. {@code mastodon}
 * @param name e.g. {@code demo}
 * @param baseUrl e.g. {@code http://127.0.0.1:8089/mastodon}
 * @param token the access token the stand-in accepts for this account; valid on the sandbox only
 */
public record SandboxAccount(String platform, String name, URI baseUrl, String token) {

    public SandboxAccount {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
    }

    /** {@code platform:name}, as posts name their targets. */
    public String target() {
        return platform + ":" + name;
    }

    @Override
    public String toString() {
        return "SandboxAccount[" + target() + " at " + baseUrl + "]";
    }
}
