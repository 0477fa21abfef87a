package io.herald.connector.mastodon;

import io.herald.connector.Account;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The typed settings of a Mastodon account, read once from {@link Account} and checked.
 *
 * <table>
 *   <caption>Account fields and settings</caption>
 *   <tr><th>field / setting</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>the instance, e.g. {@code https://mastodon.social}; http or https,
 *       may have a path (the sandbox's is {@code http://127.0.0.1:8089/mastodon})</td><td>required</td></tr>
 *   <tr><td>{@code credential}</td><td>an access token with the {@code write:statuses} scope, sent
 *       as {@code Authorization: Bearer}</td><td>required</td></tr>
 *   <tr><td>{@value #VISIBILITY}</td><td>{@code public}, {@code unlisted}, {@code private} or
 *       {@code direct}</td><td>{@code public}</td></tr>
 *   <tr><td>{@value #LANGUAGE}</td><td>the ISO 639 code of the posts' language, e.g. {@code en}</td>
 *       <td>none: the instance guesses</td></tr>
 * </table>
 */
public final class MastodonConfig {

    /** Setting: who sees the posts. */
    public static final String VISIBILITY = "visibility";
    /** Setting: the language of the posts. */
    public static final String LANGUAGE = "language";

    /** Every setting this connector reads. */
    public static final Set<String> SETTINGS = Set.of(VISIBILITY, LANGUAGE);

    /** The visibilities Mastodon knows. */
    public static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");
    private static final String DEFAULT_VISIBILITY = "public";

    private final String root;
    private final String visibility;
    private final String language;

    private MastodonConfig(String root, String visibility, String language) {
        this.root = root;
        this.visibility = visibility;
        this.language = language;
    }

    /**
     * Reads and checks the settings of {@code account}.
     *
     * @throws IllegalArgumentException naming the account and the first wrong field or setting
     */
    public static MastodonConfig from(Account account) {
        Objects.requireNonNull(account, "account");
        URI base = account.baseUrl();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw invalid(account, "baseUrl must be an http or https URL of the instance, but was '" + base + "'");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw invalid(account, "baseUrl must not have a query or fragment, but was '" + base + "'");
        }
        if (account.credential().isEmpty()) {
            throw invalid(account, "credential must be an access token, but was empty");
        }
        String visibility = account.setting(VISIBILITY, DEFAULT_VISIBILITY).strip().toLowerCase(Locale.ROOT);
        if (!VISIBILITIES.contains(visibility)) {
            throw invalid(account, "setting " + VISIBILITY + " must be one of public, unlisted, private, direct, but was '"
                    + account.setting(VISIBILITY, "") + "'");
        }
        String language = account.settings().get(LANGUAGE);
        if (language != null) {
            language = language.strip().toLowerCase(Locale.ROOT);
            if (!language.matches("[a-z]{2,3}")) {
                throw invalid(account, "setting " + LANGUAGE + " must be an ISO 639 code such as 'en', but was '"
                        + account.settings().get(LANGUAGE) + "'");
            }
        }
        String root = base.toString().replaceAll("/+$", "");
        return new MastodonConfig(root, visibility, language);
    }

    private static IllegalArgumentException invalid(Account account, String problem) {
        return new IllegalArgumentException("account " + account.target() + ": " + problem);
    }

    /** {@code <baseUrl><path>}, e.g. {@code https://mastodon.social/api/v1/statuses}. */
    public URI uri(String path) {
        return URI.create(root + path);
    }

    /** {@code <baseUrl>/api/v1/statuses}. */
    public URI statusesUri() {
        return uri("/api/v1/statuses");
    }

    public String visibility() {
        return visibility;
    }

    public Optional<String> language() {
        return Optional.ofNullable(language);
    }
}
