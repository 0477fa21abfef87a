package io.herald.connector.facebook;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The typed settings of a Facebook Page account, read once from {@link Account} and checked.
 *
 * <table>
 *   <caption>Account fields, secrets and settings</caption>
 *   <tr><th>field / secret / setting</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>the Graph API root, {@code https://graph.facebook.com} (the
 *       sandbox's is {@code http://127.0.0.1:8089/facebook})</td><td>required</td></tr>
 *   <tr><td>{@code token}</td><td>a Page access token with {@code pages_manage_posts} and
 *       {@code pages_read_engagement}, from a person who can create content on the Page</td><td>required</td></tr>
 *   <tr><td>{@code appToken}</td><td>optional: the app's access token ({@code app-id|app-secret}),
 *       with which Herald asks {@code debug_token} when the Page token expires</td><td>none</td></tr>
 *   <tr><td>{@value #PAGE_ID}</td><td>the Page's numeric id</td><td>required</td></tr>
 *   <tr><td>{@value #VERSION}</td><td>the Graph API version in the path, e.g. {@code v24.0}</td>
 *       <td>{@value #DEFAULT_VERSION}</td></tr>
 *   <tr><td>{@value #EXPIRES_AT}</td><td>when the Page token expires ({@code 2027-02-01} or an ISO
 *       instant), for accounts without {@code appToken}</td><td>unknown</td></tr>
 * </table>
 */
public final class FacebookConfig {

    /** Setting: the Page's id. */
    public static final String PAGE_ID = "pageId";
    /** Setting: the Graph API version. */
    public static final String VERSION = "version";
    /** Setting: when the Page token expires. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Secret: the app access token for {@code debug_token}. */
    public static final String APP_TOKEN = "appToken";

    /** Every setting this connector reads. */
    public static final Set<String> SETTINGS = Set.of(PAGE_ID, VERSION, EXPIRES_AT);
    /** The Graph API version used when the account names none. */
    public static final String DEFAULT_VERSION = "v24.0";

    private static final Pattern VERSION_FORMAT = Pattern.compile("v\\d{1,2}\\.\\d");
    private static final Pattern PAGE_ID_FORMAT = Pattern.compile("\\d{1,32}");

    private final String root;
    private final String pageId;
    private final String version;
    private final Instant expiresAt;
    private final Secret token;
    private final Secret appToken;

    private FacebookConfig(String root, String pageId, String version, Instant expiresAt, Secret token, Secret appToken) {
        this.root = root;
        this.pageId = pageId;
        this.version = version;
        this.expiresAt = expiresAt;
        this.token = token;
        this.appToken = appToken;
    }

    /**
     * Reads and checks the settings of {@code account}.
     *
     * @throws IllegalArgumentException naming the account and the first wrong field or setting
     */
    public static FacebookConfig from(Account account) {
        Objects.requireNonNull(account, "account");
        URI base = account.baseUrl();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw invalid(account, "baseUrl must be an http or https URL such as https://graph.facebook.com, but was '" + base + "'");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw invalid(account, "baseUrl must not have a query or fragment, but was '" + base + "'");
        }
        Secret token = account.secret("token").orElse(account.credential());
        if (token.isEmpty()) {
            throw invalid(account, "token must be a Page access token (tokenEnv or tokenFile), but was empty");
        }
        String pageId = account.settings().get(PAGE_ID);
        if (pageId == null || !PAGE_ID_FORMAT.matcher(pageId.strip()).matches()) {
            throw invalid(account, "setting " + PAGE_ID + " must be the Page's numeric id, but was "
                    + (pageId == null ? "missing" : "'" + pageId + "'"));
        }
        String version = account.setting(VERSION, DEFAULT_VERSION).strip();
        if (!VERSION_FORMAT.matcher(version).matches()) {
            throw invalid(account, "setting " + VERSION + " must be a Graph API version such as v24.0, but was '" + version + "'");
        }
        Instant expiresAt = null;
        String expires = account.settings().get(EXPIRES_AT);
        if (expires != null && !expires.isBlank()) {
            try {
                String v = expires.strip();
                expiresAt = v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw invalid(account, "setting " + EXPIRES_AT + " must be a date (2027-02-01) or an ISO instant, but was '"
                        + expires + "'");
            }
        }
        Secret appToken = account.secret(APP_TOKEN).filter(s -> !s.isEmpty()).orElse(null);
        return new FacebookConfig(base.toString().replaceAll("/+$", ""), pageId.strip(), version, expiresAt, token, appToken);
    }

    private static IllegalArgumentException invalid(Account account, String problem) {
        return new IllegalArgumentException("account " + account.target() + ": " + problem);
    }

    /** {@code <baseUrl>/<version><path>}, e.g. {@code https://graph.facebook.com/v24.0/123/feed}. */
    public URI uri(String path) {
        return URI.create(root + "/" + version + path);
    }

    public String pageId() {
        return pageId;
    }

    public String version() {
        return version;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Secret token() {
        return token;
    }

    public Optional<Secret> appToken() {
        return Optional.ofNullable(appToken);
    }
}
