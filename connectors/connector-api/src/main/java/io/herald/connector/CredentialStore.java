package io.herald.connector;

import java.time.Instant;
import java.util.Optional;

/**
 * Credentials a network issues and rotates (a Bluesky session, an OAuth 2 access and refresh token),
 * kept by Herald for one account in its store, so that a restart or another instance goes on with the
 * newest. Values are {@link Secret}s: never logged, never in the audit, never in an exception message.
 */
public interface CredentialStore {

    /** A kept credential and when it expires (null: unknown). */
    record Stored(Secret value, Instant expiresAt) {
        public boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    /** The credential kept under {@code name}, if any. */
    Optional<Stored> get(String name);

    /** Keeps a credential durably (replacing the one of that name); returns once it is stored. */
    void put(String name, Secret value, Instant expiresAt);

    /** Forgets a credential (a session the network revoked). */
    void remove(String name);

    /** A store in memory, for tests and one-shot tools. */
    static CredentialStore inMemory() {
        java.util.Map<String, Stored> map = new java.util.concurrent.ConcurrentHashMap<>();
        return new CredentialStore() {
            @Override
            public Optional<Stored> get(String name) {
                return Optional.ofNullable(map.get(name));
            }

            @Override
            public void put(String name, Secret value, Instant expiresAt) {
                map.put(name, new Stored(value, expiresAt));
            }

            @Override
            public void remove(String name) {
                map.remove(name);
            }
        };
    }
}
