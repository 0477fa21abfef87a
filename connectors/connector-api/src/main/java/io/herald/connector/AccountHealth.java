package io.herald.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a connector knows about an account's credential beyond "it works today": when it expires,
 * so that Herald can warn a person days before instead of failing on the day (a long-lived
 * Instagram or Threads token lasts about 60 days).
 *
 * @param expiresAt when the credential stops working, or null when unknown or never
 * @param message one line for a person: where the expiry comes from, or why it is unknown; never
 *     a credential
 */
public record AccountHealth(Instant expiresAt, String message) {

    public AccountHealth {
        message = message == null ? "" : message;
    }

    /** Nothing known about the credential's lifetime. */
    public static AccountHealth unknown(String message) {
        return new AccountHealth(null, message);
    }

    /** The credential expires at {@code expiresAt}. */
    public static AccountHealth expiresAt(Instant expiresAt, String message) {
        return new AccountHealth(Objects.requireNonNull(expiresAt, "expiresAt"), message);
    }

    /** Whether the credential expires before {@code now + within} (or has expired already). */
    public boolean expiresWithin(Duration within, Instant now) {
        return expiresAt != null && expiresAt.isBefore(now.plus(within));
    }

    /** Whether the credential has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
