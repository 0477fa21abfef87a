package io.herald.connector.x;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The typed settings of an X account, read once from {@link Account} and checked.
 *
 * <table>
 *   <caption>Account fields, credentials and settings</caption>
 *   <tr><th>field / credential / setting</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>the API root, {@code https://api.x.com} (calls go to
 *       {@code <baseUrl>/2/...}; the sandbox's is {@code http://127.0.0.1:8089/x})</td><td>required</td></tr>
 *   <tr><td>{@code refreshToken} ({@code refreshTokenEnv}/{@code refreshTokenFile})</td><td>the OAuth 2.0
 *       refresh token of the user (scopes {@code tweet.read tweet.write users.read media.write
 *       offline.access}); X rotates it on every use, so Herald keeps the newest in its store and uses
 *       this one only until then, or again when it is changed here</td><td>required unless {@code token}</td></tr>
 *   <tr><td>{@code token} ({@code tokenEnv}/{@code tokenFile})</td><td>an access token (lives 2 hours);
 *       used first when given, renewed with the refresh token when X refuses it</td><td>none</td></tr>
 *   <tr><td>{@code clientSecret}</td><td>for a confidential client: sent with the client id as HTTP
 *       Basic authentication on the token endpoint</td><td>none (a public client)</td></tr>
 *   <tr><td>{@value #CLIENT_ID}</td><td>the app's OAuth 2.0 client id</td><td>required with a refresh token</td></tr>
 *   <tr><td>{@value #USER_ID}</td><td>the user's numeric id, for the read-back; asked of
 *       {@code GET /2/users/me} when absent</td><td>asked</td></tr>
 *   <tr><td>{@value #MAX_WEIGHTED_LENGTH}</td><td>the longest post the account may publish, in weighted
 *       characters: 280 for a standard account, up to 25000 for a Premium subscriber</td><td>280</td></tr>
 *   <tr><td>{@value #POSTS_PER_DAY}</td><td>the account's posting limit per 24 hours under the app's
 *       access tier (X answers 429 with {@code x-user-limit-24hour-reset} beyond it)</td><td>100</td></tr>
 * </table>
 */
public final class XConfig {

    /** Setting: the OAuth 2.0 client id. */
    public static final String CLIENT_ID = "clientId";
    /** Setting: the user's numeric id. */
    public static final String USER_ID = "userId";
    /** Setting: the longest post, in weighted characters. */
    public static final String MAX_WEIGHTED_LENGTH = "maxWeightedLength";
    /** Setting: the account's posts per 24 hours. */
    public static final String POSTS_PER_DAY = "postsPerDay";

    /** Every setting this connector reads. */
    public static final Set<String> SETTINGS = Set.of(CLIENT_ID, USER_ID, MAX_WEIGHTED_LENGTH, POSTS_PER_DAY);

    /** The most a Premium account may post. */
    public static final int MAX_LONG_POST = 25_000;
    static final int DEFAULT_POSTS_PER_DAY = 100;

    private final String root;
    private final String clientId;
    private final String userId;
    private final int maxWeightedLength;
    private final int postsPerDay;
    private final Secret token;
    private final Secret refreshToken;
    private final Secret clientSecret;

    private XConfig(String root, String clientId, String userId, int maxWeightedLength, int postsPerDay, Secret token,
            Secret refreshToken, Secret clientSecret) {
        this.root = root;
        this.clientId = clientId;
        this.userId = userId;
        this.maxWeightedLength = maxWeightedLength;
        this.postsPerDay = postsPerDay;
        this.token = token;
        this.refreshToken = refreshToken;
        this.clientSecret = clientSecret;
    }

    /**
     * Reads and checks the settings of {@code account}.
     *
     * @throws IllegalArgumentException naming the account and the first wrong field or setting
     */
    public static XConfig from(Account account) {
        Objects.requireNonNull(account, "account");
        URI base = account.baseUrl();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw invalid(account, "baseUrl must be an http or https URL such as https://api.x.com, but was '" + base + "'");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw invalid(account, "baseUrl must not have a query or fragment, but was '" + base + "'");
        }
        Secret token = account.secret("token").filter(s -> !s.isEmpty()).orElse(null);
        Secret refresh = account.secret("refreshToken").filter(s -> !s.isEmpty()).orElse(null);
        Secret clientSecret = account.secret("clientSecret").filter(s -> !s.isEmpty()).orElse(null);
        if (token == null && refresh == null) {
            throw invalid(account, "needs refreshToken (refreshTokenEnv or refreshTokenFile: the OAuth 2.0 refresh token"
                    + " of the user) or at least token (an access token, which lives 2 hours)");
        }
        String clientId = account.settings().get(CLIENT_ID);
        clientId = clientId == null ? null : clientId.strip();
        if (refresh != null && (clientId == null || clientId.isEmpty())) {
            throw invalid(account, "setting " + CLIENT_ID + " (the app's OAuth 2.0 client id) is required with a refresh token");
        }
        String userId = account.settings().get(USER_ID);
        if (userId != null) {
            userId = userId.strip();
            if (!userId.matches("[0-9]{1,20}")) {
                throw invalid(account, "setting " + USER_ID + " must be the numeric user id, but was '" + userId + "'");
            }
        }
        int max = number(account, MAX_WEIGHTED_LENGTH, XText.DEFAULT_LIMIT, XText.DEFAULT_LIMIT, MAX_LONG_POST);
        int perDay = number(account, POSTS_PER_DAY, DEFAULT_POSTS_PER_DAY, 1, 100_000);
        return new XConfig(base.toString().replaceAll("/+$", ""), clientId, userId, max, perDay, token, refresh, clientSecret);
    }

    private static int number(Account account, String name, int fallback, int min, int max) {
        String v = account.settings().get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw invalid(account, "setting " + name + " must be a whole number from " + min + " to " + max + ", but was '" + v + "'");
    }

    private static IllegalArgumentException invalid(Account account, String problem) {
        return new IllegalArgumentException("account " + account.target() + ": " + problem);
    }

    /** {@code <baseUrl><path>}, e.g. {@code https://api.x.com/2/tweets}. */
    public URI uri(String path) {
        return URI.create(root + path);
    }

    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    public int maxWeightedLength() {
        return maxWeightedLength;
    }

    public int postsPerDay() {
        return postsPerDay;
    }

    /** The configured access token, if any. */
    public Optional<Secret> token() {
        return Optional.ofNullable(token);
    }

    /** The configured refresh token, if any. */
    public Optional<Secret> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    public Optional<Secret> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }
}
