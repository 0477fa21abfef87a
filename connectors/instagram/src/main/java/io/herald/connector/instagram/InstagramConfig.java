package io.herald.connector.instagram;

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
 * The typed settings of an Instagram account, read once from {@link Account} and checked.
 *
 * <table>
 *   <caption>Account fields, secrets and settings</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>the Graph API host: {@code https://graph.facebook.com} (Instagram API
 *       with Facebook Login) or {@code https://graph.instagram.com} (with Instagram Login); the
 *       sandbox's is {@code http://127.0.0.1:8089/instagram}</td><td>required</td></tr>
 *   <tr><td>secret {@code token}</td><td>a long-lived access token with {@code instagram_content_publish}
 *       (or {@code instagram_business_content_publish})</td><td>required</td></tr>
 *   <tr><td>secret {@code appToken}</td><td>an app access token ({@code app-id|app-secret}), only to ask
 *       {@code debug_token} when the token expires</td><td>none</td></tr>
 *   <tr><td>{@value #USER_ID}</td><td>the Instagram professional account's id (IG User id)</td><td>required</td></tr>
 *   <tr><td>{@value #API_VERSION}</td><td>the Graph API version in the path</td><td>{@value #DEFAULT_API_VERSION}</td></tr>
 *   <tr><td>{@value #EXPIRES_AT}</td><td>when the token expires (an ISO instant or date), when known
 *       without {@code debug_token}</td><td>none</td></tr>
 *   <tr><td>{@value #STATUS_WAIT}</td><td>the most one attempt polls a container's status (ISO duration,
 *       1 to 60 seconds)</td><td>{@code PT10S}</td></tr>
 *   <tr><td>{@value #MAX_HASHTAGS}</td><td>the most hashtags a caption may have (1 to 30); lower it should
 *       Instagram enforce fewer</td><td>30</td></tr>
 * </table>
 */
public final class InstagramConfig {

    /** Setting: the IG User id. */
    public static final String USER_ID = "userId";
    /** Setting: the Graph API version. */
    public static final String API_VERSION = "apiVersion";
    /** Setting: when the token expires. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Setting: the bound on status polling in one attempt. */
    public static final String STATUS_WAIT = "statusWait";
    /** Setting: the most hashtags in a caption. */
    public static final String MAX_HASHTAGS = "maxHashtags";
    /** Secret: the app access token for {@code debug_token}. */
    public static final String APP_TOKEN = "appToken";

    /** Every setting this connector reads. */
    public static final Set<String> SETTINGS = Set.of(USER_ID, API_VERSION, EXPIRES_AT, STATUS_WAIT, MAX_HASHTAGS);

    static final String DEFAULT_API_VERSION = "v24.0";
    static final Duration DEFAULT_STATUS_WAIT = Duration.ofSeconds(10);
    /** Instagram's documented maximum: 30 hashtags in a caption. */
    static final int HASHTAG_LIMIT = 30;

    private final String root;
    private final String host;
    private final String userId;
    private final Secret token;
    private final Secret appToken;
    private final Instant expiresAt;
    private final Duration statusWait;
    private final int maxHashtags;

    private InstagramConfig(String root, String host, String userId, Secret token, Secret appToken, Instant expiresAt,
            Duration statusWait, int maxHashtags) {
        this.root = root;
        this.host = host;
        this.userId = userId;
        this.token = token;
        this.appToken = appToken;
        this.expiresAt = expiresAt;
        this.statusWait = statusWait;
        this.maxHashtags = maxHashtags;
    }

    /**
     * Reads and checks the settings of {@code account}.
     *
     * @throws IllegalArgumentException naming the account and the first wrong field or setting
     */
    public static InstagramConfig from(Account account) {
        Objects.requireNonNull(account, "account");
        URI base = account.baseUrl();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw invalid(account, "baseUrl must be the Graph API host, e.g. https://graph.facebook.com, but was '" + base + "'");
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
            throw invalid(account, "setting " + USER_ID + " must be the Instagram professional account's numeric id"
                    + " (IG User id), but was '" + userId + "'");
        }
        String version = account.setting(API_VERSION, DEFAULT_API_VERSION).strip();
        if (!version.matches("v[0-9]{1,3}\\.[0-9]{1,2}")) {
            throw invalid(account, "setting " + API_VERSION + " must look like v24.0, but was '" + version + "'");
        }
        Instant expires = expiresAt(account);
        Duration wait = statusWait(account);
        int hashtags = maxHashtags(account);
        String root = base.toString().replaceAll("/+$", "") + "/" + version;
        return new InstagramConfig(root, base.getHost(), userId, token, account.secret(APP_TOKEN).orElse(null), expires, wait,
                hashtags);
    }

    /** The hashtag limit an account's settings give, read leniently (preview has no secrets): 30 when unset or wrong. */
    static int hashtagLimit(Account account) {
        try {
            return maxHashtags(account);
        } catch (IllegalArgumentException e) {
            return HASHTAG_LIMIT;
        }
    }

    private static int maxHashtags(Account account) {
        String v = account.settings().get(MAX_HASHTAGS);
        if (v == null) {
            return HASHTAG_LIMIT;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1 && n <= HASHTAG_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw invalid(account, "setting " + MAX_HASHTAGS + " must be a number from 1 to " + HASHTAG_LIMIT + ", but was '" + v + "'");
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

    /** {@code <baseUrl>/<apiVersion>}, e.g. {@code https://graph.facebook.com/v24.0}. */
    public String root() {
        return root;
    }

    /** Whether the host is Instagram Login's ({@code graph.instagram.com}), which has no {@code debug_token}. */
    public boolean instagramLogin() {
        return host.equalsIgnoreCase("graph.instagram.com");
    }

    public String userId() {
        return userId;
    }

    public Secret token() {
        return token;
    }

    public Optional<Secret> appToken() {
        return Optional.ofNullable(appToken);
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Duration statusWait() {
        return statusWait;
    }

    public int maxHashtags() {
        return maxHashtags;
    }
}
