package io.herald.connector.webhook;

import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;

/** Registers {@link WebhookConnector} for {@link java.util.ServiceLoader} under the platform {@code webhook}. */
public final class WebhookConnectorProvider implements ConnectorProvider {

    @Override
    public String platform() {
        return WebhookConnector.PLATFORM;
    }

    @Override
    public Connector create(ConnectorContext context) {
        return new WebhookConnector(context);
    }
}
