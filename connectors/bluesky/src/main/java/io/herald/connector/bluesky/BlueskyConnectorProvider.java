package io.herald.connector.bluesky;

import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;

/** Registers {@link BlueskyConnector} for {@link java.util.ServiceLoader} under the platform {@code bluesky}. */
public final class BlueskyConnectorProvider implements ConnectorProvider {

    @Override
    public String platform() {
        return BlueskyApi.PLATFORM;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new BlueskyConnector(context);
    }
}
