package io.herald.ingest;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The error policy of Herald's routes, in one place. An exception in ingest is never handled
 * away: it goes back to the Kafka consumer, which seeks to the failed record and tries again after
 * a pause, so that a database or broker outage delays posts but never loses one.
 */
public final class PipelineErrors extends RouteConfigurationBuilder {

    public static final String ID = "herald-errors";
    private static final long PAUSE_MS = 2000;

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(false)
                .log(LoggingLevel.WARN, "io.herald.pipeline",
                        "${routeId}: ${exception.message}; retrying the record in " + PAUSE_MS + " ms")
                .delay(PAUSE_MS);
    }
}
