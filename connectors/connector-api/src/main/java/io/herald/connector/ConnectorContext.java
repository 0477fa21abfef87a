package io.herald.connector;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What Herald hands every connector: one shared HTTP client, the clock (tests move time), and the
 * timeout for one network request.
 */
public record ConnectorContext(HttpClient http, Clock clock, Duration requestTimeout) {

    public ConnectorContext {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, but was " + requestTimeout);
        }
    }

    public static ConnectorContext defaults() {
        return new ConnectorContext(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                Clock.systemUTC(),
                Duration.ofSeconds(15));
    }
}
