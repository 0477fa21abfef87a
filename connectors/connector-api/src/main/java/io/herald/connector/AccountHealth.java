package io.herald.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a connector can tell an operator about one account before anything fails: a credential that
 * expires soon (Facebook's long-lived Page tokens, LinkedIn's 60-day access tokens), an API version
 * about to be retired (LinkedIn), a credential the network already refuses. Herald shows it in
 * {@code herald accounts} and logs it at start, a {@link Status#WARNING} as a warning and an
 * {@link Status#ERROR} as an error, so that an operator renews a token before the day it stops working.
 *
 * @param status how urgent it is
 * @param detail one line for the operator: what was checked, what to do; never a credential
 * @param credentialExpiresAt when the account's credential stops working, or null when unknown or never
 */
public record AccountHealth(Status status, String detail, Instant credentialExpiresAt) {

    /** How long before a credential expires Herald starts warning, unless a connector says otherwise. */
    public static final Duration DEFAULT_WARNING = Duration.ofDays(14);

    /** How urgent an account's state is. */
    public enum Status {
        /** Nothing to do. */
        OK,
        /** Works now, needs an operator soon (a token that expires within the warning period). */
        WARNING,
        /** Publishing to it fails now (an expired or revoked token, a retired API version). */
        ERROR,
        /** The connector cannot tell (nothing to ask, or the network did not answer). */
        UNKNOWN
    }

    public AccountHealth {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static AccountHealth ok(String detail) {
        return new AccountHealth(Status.OK, detail, null);
    }

    public static AccountHealth warning(String detail) {
        return new AccountHealth(Status.WARNING, detail, null);
    }

    public static AccountHealth error(String detail) {
        return new AccountHealth(Status.ERROR, detail, null);
    }

    public static AccountHealth unknown(String detail) {
        return new AccountHealth(Status.UNKNOWN, detail, null);
    }

    /**
     * The health of a credential that expires at {@code expiresAt}: {@link Status#ERROR} once it has,
     * {@link Status#WARNING} within {@code warnBefore} of it, else {@link Status#OK}.
     *
     * @param what names the credential for the operator, e.g. {@code "the Page access token"}
     * @param renew what to do, e.g. {@code "generate a new long-lived Page token and update tokenFile"}
     */
    public static AccountHealth expiring(String what, Instant expiresAt, Instant now, Duration warnBefore, String renew) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!now.isBefore(expiresAt)) {
            return new AccountHealth(Status.ERROR, what + " expired at " + expiresAt + "; " + renew, expiresAt);
        }
        Duration left = Duration.between(now, expiresAt);
        String in = left.toDays() >= 1 ? left.toDays() + " days" : left.toHours() + " hours";
        if (left.compareTo(warnBefore) <= 0) {
            return new AccountHealth(Status.WARNING, what + " expires in " + in + " (at " + expiresAt + "); " + renew,
                    expiresAt);
        }
        return new AccountHealth(Status.OK, what + " expires at " + expiresAt + " (in " + in + ")", expiresAt);
    }

    /** The more urgent of this and {@code other} (ERROR over WARNING over UNKNOWN over OK), details joined. */
    public AccountHealth and(AccountHealth other) {
        AccountHealth worse = rank(other.status) > rank(status) ? other : this;
        AccountHealth better = worse == this ? other : this;
        String joined = better.detail.isEmpty() ? worse.detail : worse.detail + "; " + better.detail;
        Instant expiry = credentialExpiresAt != null ? credentialExpiresAt : other.credentialExpiresAt;
        return new AccountHealth(worse.status, joined, expiry);
    }

    /** A credential that expires at {@code at} (status from the wall clock and {@link #DEFAULT_WARNING}). */
    public AccountHealth(Instant at, String detail) {
        this(at == null ? Status.UNKNOWN : statusAt(at, Instant.now()), detail, at);
    }

    /** The credential expires at {@code at}; the status says whether that is soon. */
    public static AccountHealth expiresAt(Instant at, String detail) {
        return new AccountHealth(Objects.requireNonNull(at, "at"), detail);
    }

    /** When the credential stops working, or null. */
    public Instant expiresAt() {
        return credentialExpiresAt;
    }

    /** The one line for a person. */
    public String message() {
        return detail;
    }

    /** Whether the credential expires before {@code now + within} (or has expired already). */
    public boolean expiresWithin(Duration within, Instant now) {
        return credentialExpiresAt != null && credentialExpiresAt.isBefore(now.plus(within));
    }

    /** Whether the credential has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return credentialExpiresAt != null && !now.isBefore(credentialExpiresAt);
    }

    private static Status statusAt(Instant at, Instant now) {
        return !now.isBefore(at) ? Status.ERROR : Duration.between(now, at).compareTo(DEFAULT_WARNING) <= 0 ? Status.WARNING
                : Status.OK;
    }

    private static int rank(Status s) {
        return switch (s) {
            case OK -> 0;
            case UNKNOWN -> 1;
            case WARNING -> 2;
            case ERROR -> 3;
        };
    }
}
