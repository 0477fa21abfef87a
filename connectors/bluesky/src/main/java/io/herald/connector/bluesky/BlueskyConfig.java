package io.herald.connector.bluesky;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The typed settings of a Bluesky account, read once from {@link Account} and checked.
 *
 * <table>
 *   <caption>Account fields and settings</caption>
 *   <tr><th>field / setting</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>the account's PDS, e.g. {@code https://bsky.social}; http or https,
 *       may have a path (the sandbox's is {@code http://127.0.0.1:8089/bluesky})</td><td>required</td></tr>
 *   <tr><td>{@value #HANDLE}</td><td>the account's handle, e.g. {@code riverside.bsky.social} (or its
 *       DID); may stand at the top of the account entry</td><td>required</td></tr>
 *   <tr><td>{@code password}</td><td>an app password (Settings, Privacy and security, App passwords),
 *       from {@code passwordEnv} or {@code passwordFile}; used only to open a session, which Herald
 *       then refreshes and keeps in its store</td><td>required</td></tr>
 *   <tr><td>{@value #LANGUAGE}</td><td>the posts' language for {@code langs}, a BCP 47 tag such as
 *       {@code en} or {@code pt-BR}</td><td>none</td></tr>
 * </table>
 */
public final class BlueskyConfig {

    /** Setting: the account's handle (or DID). */
    public static final String HANDLE = "handle";
    /** Setting: the language of the posts. */
    public static final String LANGUAGE = "language";

    /** Every setting this connector reads. */
    public static final Set<String> SETTINGS = Set.of(HANDLE, LANGUAGE);

    private static final Pattern HANDLE_SYNTAX = Pattern.compile(
            "^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");
    private static final Pattern DID_SYNTAX = Pattern.compile("^did:[a-z]+:[a-zA-Z0-9._:%-]+$");
    private static final Pattern LANGUAGE_SYNTAX = Pattern.compile("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$");

    private final String root;
    private final String handle;
    private final Secret password;
    private final String language;

    private BlueskyConfig(String root, String handle, Secret password, String language) {
        this.root = root;
        this.handle = handle;
        this.password = password;
        this.language = language;
    }

    /**
     * Reads and checks the settings of {@code account}.
     *
     * @throws IllegalArgumentException naming the account and the first wrong field or setting
     */
    public static BlueskyConfig from(Account account) {
        Objects.requireNonNull(account, "account");
        URI base = account.baseUrl();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw invalid(account, "baseUrl must be the http or https URL of the account's PDS (https://bsky.social), but was '"
                    + base + "'");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw invalid(account, "baseUrl must not have a query or fragment, but was '" + base + "'");
        }
        String handle = account.settings().getOrDefault(HANDLE, "").strip();
        if (handle.startsWith("@")) {
            handle = handle.substring(1);
        }
        if (handle.isEmpty()) {
            throw invalid(account, "handle is required: the account's handle, e.g. riverside.bsky.social");
        }
        if (!HANDLE_SYNTAX.matcher(handle).matches() && !DID_SYNTAX.matcher(handle).matches()) {
            throw invalid(account, "handle must be a handle such as riverside.bsky.social or a DID, but was '" + handle + "'");
        }
        Secret password = account.secret("password").orElse(account.credential());
        if (password.isEmpty()) {
            throw invalid(account, "needs an app password: passwordEnv or passwordFile");
        }
        String language = account.settings().get(LANGUAGE);
        if (language != null) {
            language = language.strip();
            if (!LANGUAGE_SYNTAX.matcher(language).matches()) {
                throw invalid(account, "setting " + LANGUAGE + " must be a language tag such as 'en' or 'pt-BR', but was '"
                        + account.settings().get(LANGUAGE) + "'");
            }
        }
        String root = base.toString().replaceAll("/+$", "");
        return new BlueskyConfig(root, handle.toLowerCase(Locale.ROOT).startsWith("did:") ? handle
                : handle.toLowerCase(Locale.ROOT), password, language);
    }

    private static IllegalArgumentException invalid(Account account, String problem) {
        return new IllegalArgumentException("account " + account.target() + ": " + problem);
    }

    /** {@code <baseUrl>/xrpc/<nsid>}. */
    public URI xrpc(String nsid) {
        return URI.create(root + "/xrpc/" + nsid);
    }

    /** The handle (or DID) Herald logs in with. */
    public String handle() {
        return handle;
    }

    /** The app password. */
    public Secret password() {
        return password;
    }

    public Optional<String> language() {
        return Optional.ofNullable(language);
    }
}
