package io.herald.connector.linkedin;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed settings of a LinkedIn account, read once from {@link Account} and checked.
 *
 * <table>
 *   <caption>Account fields and settings</caption>
 *   <tr><th>field / setting</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>the API root, {@code https://api.linkedin.com} (calls go to
 *       {@code <baseUrl>/rest/...}; the sandbox's is {@code http://127.0.0.1:8089/linkedin})</td><td>required</td></tr>
 *   <tr><td>{@code token}</td><td>an OAuth 2.0 access token with {@code w_organization_social} (an
 *       organization author) or {@code w_member_social} (a member author), sent as
 *       {@code Authorization: Bearer}</td><td>required</td></tr>
 *   <tr><td>{@value #AUTHOR}</td><td>who posts: {@code urn:li:organization:<id>} (a company page the
 *       token's member administers) or {@code urn:li:person:<id>}</td><td>required</td></tr>
 *   <tr><td>{@value #VERSION}</td><td>the {@code LinkedIn-Version} header, {@code YYYYMM} (or
 *       {@code YYYYMM.RR}); LinkedIn supports a version for at least a year and then answers
 *       426 NONEXISTENT_VERSION: move it forward about twice a year</td><td>{@value #DEFAULT_VERSION}</td></tr>
 *   <tr><td>{@value #VISIBILITY}</td><td>{@code PUBLIC}, {@code CONNECTIONS} (members only) or
 *       {@code LOGGED_IN}</td><td>{@code PUBLIC}</td></tr>
 *   <tr><td>{@value #EXPIRES_AT}</td><td>when the access token expires ({@code 2027-02-01} or an ISO
 *       instant): LinkedIn's tokens live 60 days; Herald warns before (see
 *       {@link LinkedInConnector#health})</td><td>unknown</td></tr>
 *   <tr><td>{@value #MEMBER_READ_BACK}</td><td>{@code true} when a member author's app has the
 *       restricted {@code r_member_social} scope, so that Herald may read the member's posts back</td>
 *       <td>{@code false}</td></tr>
 * </table>
 */
public final class LinkedInConfig {

    /** Setting: the author URN. */
    public static final String AUTHOR = "author";
    /** Setting: the {@code LinkedIn-Version} header. */
    public static final String VERSION = "version";
    /** Setting: who sees the posts. */
    public static final String VISIBILITY = "visibility";
    /** Setting: when the access token expires. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Setting: whether a member author's posts may be read back ({@code r_member_social}). */
    public static final String MEMBER_READ_BACK = "memberReadBack";

    /** Every setting this connector reads. */
    public static final Set<String> SETTINGS = Set.of(AUTHOR, VERSION, VISIBILITY, EXPIRES_AT, MEMBER_READ_BACK);

    /** The version used when the account names none; released October 2026. */
    public static final String DEFAULT_VERSION = "202610";
    /** The visibilities of the Posts API. */
    public static final Set<String> VISIBILITIES = Set.of("PUBLIC", "CONNECTIONS", "LOGGED_IN");

    private static final Pattern AUTHOR_URN = Pattern.compile("urn:li:(person|organization):([A-Za-z0-9_-]{1,64})");
    private static final Pattern VERSION_FORMAT = Pattern.compile("(\\d{4})(\\d{2})(?:\\.(\\d{2}))?");

    private final String root;
    private final String author;
    private final String version;
    private final String visibility;
    private final Instant expiresAt;
    private final boolean memberReadBack;
    private final Secret token;

    private LinkedInConfig(String root, String author, String version, String visibility, Instant expiresAt,
            boolean memberReadBack, Secret token) {
        this.root = root;
        this.author = author;
        this.version = version;
        this.visibility = visibility;
        this.expiresAt = expiresAt;
        this.memberReadBack = memberReadBack;
        this.token = token;
    }

    /**
     * Reads and checks the settings of {@code account}.
     *
     * @throws IllegalArgumentException naming the account and the first wrong field or setting
     */
    public static LinkedInConfig from(Account account) {
        Objects.requireNonNull(account, "account");
        URI base = account.baseUrl();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw invalid(account, "baseUrl must be an http or https URL such as https://api.linkedin.com, but was '" + base + "'");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw invalid(account, "baseUrl must not have a query or fragment, but was '" + base + "'");
        }
        Secret token = account.secret("token").orElse(account.credential());
        if (token.isEmpty()) {
            throw invalid(account, "token must be an OAuth access token (tokenEnv or tokenFile), but was empty");
        }
        String author = account.settings().get(AUTHOR);
        if (author == null || !AUTHOR_URN.matcher(author.strip()).matches()) {
            throw invalid(account, "setting " + AUTHOR + " must be urn:li:organization:<id> or urn:li:person:<id>, but was "
                    + (author == null ? "missing" : "'" + author + "'"));
        }
        String version = account.setting(VERSION, DEFAULT_VERSION).strip();
        Matcher v = VERSION_FORMAT.matcher(version);
        if (!v.matches() || Integer.parseInt(v.group(2)) < 1 || Integer.parseInt(v.group(2)) > 12) {
            throw invalid(account, "setting " + VERSION + " must be a LinkedIn-Version such as 202610 (YYYYMM), but was '"
                    + version + "'");
        }
        String visibility = account.setting(VISIBILITY, "PUBLIC").strip().toUpperCase(Locale.ROOT);
        if (!VISIBILITIES.contains(visibility)) {
            throw invalid(account, "setting " + VISIBILITY + " must be PUBLIC, CONNECTIONS or LOGGED_IN, but was '"
                    + account.setting(VISIBILITY, "") + "'");
        }
        Instant expiresAt = null;
        String expires = account.settings().get(EXPIRES_AT);
        if (expires != null && !expires.isBlank()) {
            expiresAt = instant(account, expires.strip());
        }
        String readBack = account.setting(MEMBER_READ_BACK, "false").strip().toLowerCase(Locale.ROOT);
        if (!readBack.equals("true") && !readBack.equals("false")) {
            throw invalid(account, "setting " + MEMBER_READ_BACK + " must be true or false, but was '" + readBack + "'");
        }
        return new LinkedInConfig(base.toString().replaceAll("/+$", ""), author.strip(), version, visibility, expiresAt,
                readBack.equals("true"), token);
    }

    private static Instant instant(Account account, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(account, "setting " + EXPIRES_AT + " must be a date (2027-02-01) or an ISO instant, but was '"
                    + value + "'");
        }
    }

    private static IllegalArgumentException invalid(Account account, String problem) {
        return new IllegalArgumentException("account " + account.target() + ": " + problem);
    }

    /** {@code <baseUrl><path>}, e.g. {@code https://api.linkedin.com/rest/posts}. */
    public URI uri(String path) {
        return URI.create(root + path);
    }

    /** The host of the API root, to which alone the token is sent (and LinkedIn's upload hosts). */
    public String host() {
        return URI.create(root).getHost();
    }

    public String author() {
        return author;
    }

    /** Whether the author is an organization (a company page). */
    public boolean organizationAuthor() {
        return author.startsWith("urn:li:organization:");
    }

    public String version() {
        return version;
    }

    /** The month of the version ({@code 202610} is October 2026). */
    public YearMonth versionMonth() {
        Matcher v = VERSION_FORMAT.matcher(version);
        v.matches();
        return YearMonth.of(Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)));
    }

    public String visibility() {
        return visibility;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * Whether Herald may read the author's posts back: an organization's need
     * {@code r_organization_social}, which page administrators' apps get; a member's need the
     * restricted {@code r_member_social}, so only when {@value #MEMBER_READ_BACK} says the app has it.
     */
    public boolean canReadBack() {
        return organizationAuthor() || memberReadBack;
    }

    public Secret token() {
        return token;
    }
}
