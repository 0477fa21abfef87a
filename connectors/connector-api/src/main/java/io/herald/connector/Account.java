package io.herald.connector;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A configured account on one network. {@code baseUrl} is the network's API root (for Mastodon,
 * the instance, e.g. {@code https://mastodon.social}); {@code settings} holds what a connector
 * needs beyond that (an account id, a handle), documented by each connector's config class.
 */
public record Account(String platform, String name, URI baseUrl, Secret credential, Map<String, String> settings) {

    public Account {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credential, "credential");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** {@code platform:name}, as posts name their targets. */
    public String target() {
        return platform + ":" + name;
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
