package io.herald.connector.threads;

import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;

/** Registers {@link ThreadsConnector} for {@link java.util.ServiceLoader} under the platform {@code threads}. */
public final class ThreadsConnectorProvider implements ConnectorProvider {

    @Override
    public String platform() {
        return ThreadsApi.PLATFORM;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new ThreadsConnector(context);
    }
}
