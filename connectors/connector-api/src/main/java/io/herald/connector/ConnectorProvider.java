package io.herald.connector;

/**
 * Registered in {@code META-INF/services/io.herald.connector.ConnectorProvider} by every connector
 * module and found with {@link java.util.ServiceLoader}.
 */
public interface ConnectorProvider {

    /** The platform this provider's connector serves; must equal {@code create(..).platform()}. */
    String platform();

    Connector create(ConnectorContext context);
}
