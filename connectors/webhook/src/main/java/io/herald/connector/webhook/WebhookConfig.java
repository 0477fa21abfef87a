package io.herald.connector.webhook;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The typed settings of a webhook account, read once from {@link Account} and checked.
 *
 * <table>
 *   <caption>Account fields, credentials and settings</caption>
 *   <tr><th>field / credential / setting</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code baseUrl}</td><td>the receiver's URL, to which each post is POSTed; https (http
 *       only to this machine, as the sandbox's {@code http://127.0.0.1:8089/webhook})</td><td>required</td></tr>
 *   <tr><td>{@code secret} ({@code secretEnv}/{@code secretFile})</td><td>the signing secret shared with
 *       the receiver, {@code whsec_<base64 of 24 to 64 bytes>} as Standard Webhooks libraries take it</td>
 *       <td>required</td></tr>
 *   <tr><td>{@value #EVENT_TYPE}</td><td>the payload's {@code type}</td><td>{@value #DEFAULT_EVENT_TYPE}</td></tr>
 *   <tr><td>{@value #DEDUPLICATES}</td><td>{@code true} when the receiver keeps the {@code webhook-id}s it
 *       has seen and ignores a repeat (as the Standard Webhooks spec asks of receivers): Herald may then
 *       repeat an unclear delivery; otherwise an unclear one waits for {@code herald resolve}</td>
 *       <td>{@code false}</td></tr>
 * </table>
 */
public final class WebhookConfig {

    /** Setting: the payload's {@code type}. */
    public static final String EVENT_TYPE = "eventType";
    /** Setting: whether the receiver ignores a repeated {@code webhook-id}. */
    public static final String DEDUPLICATES = "deduplicates";
    /** Every setting this connector reads. */
    public static final Set<String> SETTINGS = Set.of(EVENT_TYPE, DEDUPLICATES);
    public static final String DEFAULT_EVENT_TYPE = "herald.post.published";

    private final URI url;
    private final String eventType;
    private final boolean deduplicates;
    private final Secret secret;

    private WebhookConfig(URI url, String eventType, boolean deduplicates, Secret secret) {
        this.url = url;
        this.eventType = eventType;
        this.deduplicates = deduplicates;
        this.secret = secret;
    }

    /**
     * Reads and checks the settings of {@code account}; the secret's format is checked by
     * {@link #signer()}.
     *
     * @throws IllegalArgumentException naming the account and the first wrong field or setting
     */
    public static WebhookConfig from(Account account) {
        Objects.requireNonNull(account, "account");
        URI url = account.baseUrl();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !scheme.equals("https") && !(scheme.equals("http") && loopback(url.getHost()))) {
            throw invalid(account, "baseUrl must be the receiver's https URL (http only to this machine), but was '" + url + "'");
        }
        if (url.getRawFragment() != null) {
            throw invalid(account, "baseUrl must not have a fragment, but was '" + url + "'");
        }
        Secret secret = account.secret("secret").or(() -> account.secret("token")).filter(s -> !s.isEmpty()).orElse(null);
        if (secret == null) {
            throw invalid(account, "needs secret (secretEnv or secretFile): the signing secret shared with the receiver,"
                    + " whsec_<base64>");
        }
        String type = account.setting(EVENT_TYPE, DEFAULT_EVENT_TYPE).strip();
        if (!type.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw invalid(account, "setting " + EVENT_TYPE + " must be letters, digits, '.', '_', ':' or '-', but was '" + type + "'");
        }
        String dedup = account.setting(DEDUPLICATES, "false").strip().toLowerCase(Locale.ROOT);
        if (!dedup.equals("true") && !dedup.equals("false")) {
            throw invalid(account, "setting " + DEDUPLICATES + " must be true or false, but was '" + dedup + "'");
        }
        return new WebhookConfig(url, type, dedup.equals("true"), secret);
    }

    /** {@link #from} and the secret's format, as checked at start. */
    static WebhookConfig validated(Account account) {
        WebhookConfig config = from(account);
        try {
            config.signer();
        } catch (IllegalArgumentException e) {
            throw invalid(account, e.getMessage());
        }
        return config;
    }

    private static boolean loopback(String host) {
        try {
            return host.equalsIgnoreCase("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static IllegalArgumentException invalid(Account account, String problem) {
        return new IllegalArgumentException("account " + account.target() + ": " + problem);
    }

    public URI url() {
        return url;
    }

    public String eventType() {
        return eventType;
    }

    public boolean deduplicates() {
        return deduplicates;
    }

    Secret secret() {
        return secret;
    }

    /** @throws IllegalArgumentException when the secret is not a Standard Webhooks secret */
    WebhookSigner signer() {
        return WebhookSigner.of(secret);
    }
}
