package io.herald.connector.mastodon;

import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;

/** Registers {@link MastodonConnector} for {@link java.util.ServiceLoader} under the platform {@code mastodon}. */
public final class MastodonConnectorProvider implements ConnectorProvider {

    @Override
    public String platform() {
        return MastodonApi.PLATFORM;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new MastodonConnector(context);
    }
}
