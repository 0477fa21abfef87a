package io.herald.connector.threads;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The typed settings of a Threads account, read once from {@link Account} and checked.
 *
 * <table>
 *   <caption>Account fields, secrets and settings</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>the Threads API host, {@code https://graph.threads.net} (or
 *       {@code graph.threads.com}); the sandbox's is {@code http://127.0.0.1:8089/threads}</td><td>required</td></tr>
 *   <tr><td>secret {@code token}</td><td>a long-lived Threads user access token with {@code threads_basic},
 *       {@code threads_content_publish} and, for threads of several parts, {@code threads_manage_replies}</td>
 *       <td>required</td></tr>
 *   <tr><td>{@value #USER_ID}</td><td>the Threads user id</td><td>required</td></tr>
 *   <tr><td>{@value #API_VERSION}</td><td>the API version in the path</td><td>{@value #DEFAULT_API_VERSION}</td></tr>
 *   <tr><td>{@value #EXPIRES_AT}</td><td>when the token expires (ISO instant or date); Herald warns 7 days
 *       before</td><td>none</td></tr>
 *   <tr><td>{@value #STATUS_WAIT}</td><td>the most one attempt polls a container's status (PT1S to PT60S)</td>
 *       <td>{@code PT10S}</td></tr>
 * </table>
 */
public final class ThreadsConfig {

    public static final String USER_ID = "userId";
    public static final String API_VERSION = "apiVersion";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String STATUS_WAIT = "statusWait";

    /** Every setting this connector reads. */
    public static final Set<String> SETTINGS = Set.of(USER_ID, API_VERSION, EXPIRES_AT, STATUS_WAIT);

    static final String DEFAULT_API_VERSION = "v1.0";
    static final Duration DEFAULT_STATUS_WAIT = Duration.ofSeconds(10);

    private final String root;
    private final String userId;
    private final Secret token;
    private final Instant expiresAt;
    private final Duration statusWait;

    private ThreadsConfig(String root, String userId, Secret token, Instant expiresAt, Duration statusWait) {
        this.root = root;
        this.userId = userId;
        this.token = token;
        this.expiresAt = expiresAt;
        this.statusWait = statusWait;
    }

    /**
     * Reads and checks the settings of {@code account}.
     *
     * @throws IllegalArgumentException naming the account and the first wrong field or setting
     */
    public static ThreadsConfig from(Account account) {
        Objects.requireNonNull(account, "account");
        URI base = account.baseUrl();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw invalid(account, "baseUrl must be the Threads API host, e.g. https://graph.threads.net, but was '" + base + "'");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw invalid(account, "baseUrl must not have a query or fragment, but was '" + base + "'");
        }
        Secret token = account.secret("token").orElse(account.credential());
        if (token.isEmpty()) {
            throw invalid(account, "needs an access token (tokenEnv or tokenFile), but none was given");
        }
        String userId = account.settings().getOrDefault(USER_ID, "").strip();
        if (!userId.matches("[0-9]{1,32}")) {
            throw invalid(account, "setting " + USER_ID + " must be the numeric Threads user id, but was '" + userId + "'");
        }
        String version = account.setting(API_VERSION, DEFAULT_API_VERSION).strip();
        if (!version.matches("v[0-9]{1,3}\\.[0-9]{1,2}")) {
            throw invalid(account, "setting " + API_VERSION + " must look like v1.0, but was '" + version + "'");
        }
        String root = base.toString().replaceAll("/+$", "") + "/" + version;
        return new ThreadsConfig(root, userId, token, expiresAt(account), statusWait(account));
    }

    private static Instant expiresAt(Account account) {
        String v = account.settings().get(EXPIRES_AT);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.strip());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw invalid(account, "setting " + EXPIRES_AT + " must be an ISO instant (2026-12-31T00:00:00Z) or date"
                        + " (2026-12-31), but was '" + v + "'");
            }
        }
    }

    private static Duration statusWait(Account account) {
        String v = account.settings().get(STATUS_WAIT);
        if (v == null || v.isBlank()) {
            return DEFAULT_STATUS_WAIT;
        }
        try {
            Duration d = Duration.parse(v.strip());
            if (d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(Duration.ofSeconds(60)) <= 0) {
                return d;
            }
        } catch (DateTimeParseException ignored) {
            // below
        }
        throw invalid(account, "setting " + STATUS_WAIT + " must be an ISO duration from PT1S to PT60S, but was '" + v + "'");
    }

    private static IllegalArgumentException invalid(Account account, String problem) {
        return new IllegalArgumentException("account " + account.target() + ": " + problem);
    }

    /** {@code <baseUrl>/<apiVersion>}, e.g. {@code https://graph.threads.net/v1.0}. */
    public String root() {
        return root;
    }

    public String userId() {
        return userId;
    }

    public Secret token() {
        return token;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Duration statusWait() {
        return statusWait;
    }
}
