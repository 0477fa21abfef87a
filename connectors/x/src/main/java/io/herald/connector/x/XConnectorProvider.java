package io.herald.connector.x;

import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;

/** Registers {@link XConnector} for {@link java.util.ServiceLoader} under the platform {@code x}. */
public final class XConnectorProvider implements ConnectorProvider {

    @Override
    public String platform() {
        return XApi.PLATFORM;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new XConnector(context);
    }
}
