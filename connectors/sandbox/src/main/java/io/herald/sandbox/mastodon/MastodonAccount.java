package io.herald.sandbox.mastodon;

import io.herald.sandbox.SandboxAccounts;
import java.time.Instant;
import java.util.Objects;

/** An account of the Mastodon stand-in and its (sandbox-only) access token. */
public record MastodonAccount(String id, String username, String token, Instant createdAt) {

    public MastodonAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** {@code demo}, id {@code 1}, token {@code sandbox-mastodon-demo}. */
    public static MastodonAccount demo() {
        return new MastodonAccount(SandboxAccounts.MASTODON_DEMO_ID, SandboxAccounts.DEMO,
                SandboxAccounts.MASTODON_DEMO_TOKEN, Instant.parse("2026-01-01T00:00:00Z"));
    }
}
