package io.herald.connector.instagram;

import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;

/** Registers {@link InstagramConnector} for {@link java.util.ServiceLoader} under the platform {@code instagram}. */
public final class InstagramConnectorProvider implements ConnectorProvider {

    @Override
    public String platform() {
        return InstagramApi.PLATFORM;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new InstagramConnector(context);
    }
}
