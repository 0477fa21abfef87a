package io.herald.ingest;

import io.herald.audit.RecordSource;
import io.herald.config.HeraldConfig;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumes {@code herald.posts.approved} and hands each record to {@link IngestService}. Offsets are
 * committed by hand, and only after the service has durably recorded the record's outcome. A new
 * consumer group starts at the earliest offset, so a post produced before Herald started is not
 * lost. On an error (database or Kafka unavailable) the consumer seeks back to the failed record
 * and tries it again: records are re-processed, never skipped.
 */
public final class IngestRoute extends EndpointRouteBuilder {

    public static final String ROUTE_ID = "ingest";

    private final HeraldConfig.Kafka kafka;
    private final String bootstrap;
    private final IngestService service;
    private final String instance;

    /**
     * @param instance this instance's stable id: its static group membership, so that a restart
     *     after a crash takes its partitions back at once instead of after the session timeout
     */
    public IngestRoute(HeraldConfig.Kafka kafka, String bootstrap, IngestService service, String instance) {
        this.kafka = kafka;
        this.bootstrap = bootstrap;
        this.service = service;
        this.instance = instance;
    }

    @Override
    public void configure() {
        from(kafka(kafka.topics().approved())
                        .brokers(bootstrap)
                        .groupId(kafka.consumerGroup())
                        .clientId("herald-ingest")
                        .groupInstanceId("herald-" + instance)
                        .autoOffsetReset("earliest")
                        .autoCommitEnable(false)
                        .allowManualCommit(true)
                        .breakOnFirstError(true)
                        .maxPollRecords(kafka.maxPollRecords())
                        .pollTimeoutMs("500")
                        .keyDeserializer(ByteArrayDeserializer.class.getName())
                        .valueDeserializer(ByteArrayDeserializer.class.getName()))
                .routeId(ROUTE_ID)
                .routeConfigurationId(PipelineErrors.ID)
                .process(this::ingest);
    }

    private void ingest(Exchange exchange) {
        var in = exchange.getMessage();
        RecordSource source = new RecordSource(
                in.getHeader(KafkaConstants.TOPIC, String.class),
                in.getHeader(KafkaConstants.PARTITION, Integer.class),
                in.getHeader(KafkaConstants.OFFSET, Long.class));
        Long ts = in.getHeader(KafkaConstants.TIMESTAMP, Long.class);
        InputRecord record = new InputRecord(source, ts == null ? -1L : ts, in.getHeader(KafkaConstants.KEY, byte[].class),
                in.getBody(byte[].class), in.getHeader(KafkaConstants.HEADERS, Headers.class));
        service.process(record);
        KafkaManualCommit commit = in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        commit.commit();
    }
}
