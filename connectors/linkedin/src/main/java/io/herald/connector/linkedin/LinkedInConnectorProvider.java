package io.herald.connector.linkedin;

import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;

/** Registers {@link LinkedInConnector} for {@link java.util.ServiceLoader} under the platform {@code linkedin}. */
public final class LinkedInConnectorProvider implements ConnectorProvider {

    @Override
    public String platform() {
        return LinkedInApi.PLATFORM;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new LinkedInConnector(context);
    }
}
