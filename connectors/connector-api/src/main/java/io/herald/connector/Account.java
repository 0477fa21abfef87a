package io.herald.connector;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A configured account on one network. {@code baseUrl} is the network's API root (for Mastodon, the
 * instance, e.g. {@code https://mastodon.social}); {@code secrets} holds its credentials by name
 * ({@code token}, {@code password}, {@code clientSecret}, {@code refreshToken}, {@code secret}: what
 * the accounts file gave through {@code <name>Env} or {@code <name>File}); {@code settings} what a
 * connector needs beyond that (an account id, a handle), documented by each connector's config class.
 */
public record Account(String platform, String name, URI baseUrl, Map<String, Secret> secrets, Map<String, String> settings) {

    /** The names under which the primary credential may be given, in order of preference. */
    public static final java.util.List<String> PRIMARY = java.util.List.of("token", "password", "secret");

    public Account {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        secrets = secrets == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(secrets));
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** An account with one credential, its {@code token}. */
    public Account(String platform, String name, URI baseUrl, Secret credential, Map<String, String> settings) {
        this(platform, name, baseUrl, Map.of("token", Objects.requireNonNull(credential, "credential")), settings);
    }

    /** {@code platform:name}, as posts name their targets. */
    public String target() {
        return platform + ":" + name;
    }

    /** The primary credential: the {@code token}, else the {@code password}, else the {@code secret}; empty when none. */
    public Secret credential() {
        for (String n : PRIMARY) {
            Secret s = secrets.get(n);
            if (s != null) {
                return s;
            }
        }
        return Secret.of("");
    }

    /** A named credential. */
    public Optional<Secret> secret(String secretName) {
        return Optional.ofNullable(secrets.get(secretName));
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    /** The same account elsewhere (tests point it at another server). */
    public Account withBaseUrl(URI other) {
        return new Account(platform, name, other, secrets, settings);
    }

    /** The same account with other credentials. */
    public Account withSecrets(Map<String, Secret> other) {
        return new Account(platform, name, baseUrl, other, settings);
    }

    /** The same account with other settings. */
    public Account withSettings(Map<String, String> other) {
        return new Account(platform, name, baseUrl, secrets, other);
    }

    @Override
    public String toString() {
        return "Account[" + target() + " at " + baseUrl + ", secrets " + secrets + ", settings " + settings + "]";
    }
}
