package io.herald.connector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The connectors on the class path, by platform. Discovery is {@link ServiceLoader}; a provider
 * that fails to load fails start-up loudly instead of silently vanishing.
 */
public final class Connectors {

    private final Map<String, Connector> byPlatform;

    /** Tests inject providers directly. */
    public Connectors(List<ConnectorProvider> providers, ConnectorContext context) {
        Map<String, Connector> map = new TreeMap<>();
        for (ConnectorProvider provider : providers) {
            Connector connector = provider.create(context);
            if (!connector.platform().equals(provider.platform())) {
                throw new IllegalStateException("connector provider " + provider.getClass().getName()
                        + " names platform '" + provider.platform() + "' but its connector says '"
                        + connector.platform() + "'");
            }
            Connector previous = map.putIfAbsent(provider.platform(), connector);
            if (previous != null) {
                throw new IllegalStateException("two connectors for platform '" + provider.platform() + "': "
                        + previous.getClass().getName() + " and " + connector.getClass().getName());
            }
        }
        this.byPlatform = Collections.unmodifiableMap(map);
    }

    /** Every connector registered in {@code META-INF/services} on the class path. */
    public static Connectors load(ConnectorContext context) {
        return new Connectors(discover(), context);
    }

    public static List<ConnectorProvider> discover() {
        List<ConnectorProvider> providers = new ArrayList<>();
        ServiceLoader.load(ConnectorProvider.class).forEach(providers::add);
        return providers;
    }

    /** The connector for a platform; fails naming the platforms that are available. */
    public Connector get(String platform) {
        Connector connector = byPlatform.get(platform);
        if (connector == null) {
            throw new UnknownPlatformException("unknown platform '" + platform + "'; available: "
                    + (byPlatform.isEmpty() ? "none" : String.join(", ", byPlatform.keySet())));
        }
        return connector;
    }

    public boolean has(String platform) {
        return byPlatform.containsKey(platform);
    }

    public Set<String> platforms() {
        return byPlatform.keySet();
    }
}
