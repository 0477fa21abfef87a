package io.herald.connector.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;
import io.herald.connector.Connectors;
import io.herald.connector.UnknownPlatformException;
import org.junit.jupiter.api.Test;

class BuiltInConnectorsTest {

    @Test
    void shouldLoadAllBuiltInConnectors() {
        Connectors connectors = Connectors.load(ConnectorContext.defaults());

        assertThat(connectors.platforms()).containsExactly("mastodon");
        assertThat(connectors.get("mastodon")).isInstanceOf(MastodonConnector.class);
        assertThat(Connectors.discover()).extracting(ConnectorProvider::getClass)
                .containsExactly(MastodonConnectorProvider.class);
    }

    @Test
    void shouldNameTheAvailablePlatformsForAnUnknownOne() {
        Connectors connectors = Connectors.load(ConnectorContext.defaults());

        assertThatThrownBy(() -> connectors.get("myspace"))
                .isInstanceOf(UnknownPlatformException.class)
                .hasMessage("unknown platform 'myspace'; available: mastodon");
    }
}
