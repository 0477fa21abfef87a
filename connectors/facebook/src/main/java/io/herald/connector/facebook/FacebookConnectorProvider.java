package io.herald.connector.facebook;

import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;

/** Registers {@link FacebookConnector} for {@link java.util.ServiceLoader} under the platform {@code facebook}. */
public final class FacebookConnectorProvider implements ConnectorProvider {

    @Override
    public String platform() {
        return FacebookApi.PLATFORM;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new FacebookConnector(context);
    }
}
