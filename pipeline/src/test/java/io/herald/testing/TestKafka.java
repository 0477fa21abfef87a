package io.herald.testing;

import java.util.UUID;

/** The Kafka a test run shares; each test makes its own topic names to stay independent. */
public record TestKafka(String bootstrapServers, String kind) {

    /** A prefix unique to one test, so that tests sharing the broker never see each other's records. */
    public static String uniquePrefix(String name) {
        return "t-" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }
}
