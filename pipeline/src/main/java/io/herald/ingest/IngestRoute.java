package io.herald.ingest;

import io.herald.audit.RecordSource;
import io.herald.config.HeraldConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumes {@code herald.posts.approved} in batches (camel-kafka's batching consumer: one exchange
 * holds the records of one poll) and hands each batch to {@link IngestService}. Offsets are
 * committed by hand, per partition up to the last record of the batch, and only after the service
 * has durably recorded every outcome. A new consumer group starts at the earliest offset, so a post
 * produced before Herald started is not lost. The service itself waits out outages and quarantines
 * records it cannot process; if a batch still fails (Herald stopping during an outage), nothing of
 * it is committed and it is processed again after the restart.
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
                        .batching(true)
                        .maxPollRecords(kafka.maxPollRecords())
                        .pollTimeoutMs("200")
                        // an outage of the store pauses a batch in the processor; the consumer must not
                        // be taken for dead meanwhile (a static member's partitions wait for it anyway)
                        .maxPollIntervalMs(String.valueOf(java.time.Duration.ofMinutes(15).toMillis()))
                        // longer than the poll interval, as Kafka asks, so that a paused member keeps its connection
                        .additionalProperties("connections.max.idle.ms", String.valueOf(java.time.Duration.ofMinutes(20).toMillis()))
                        .keyDeserializer(ByteArrayDeserializer.class.getName())
                        .valueDeserializer(ByteArrayDeserializer.class.getName()))
                .routeId(ROUTE_ID)
                .routeConfigurationId(PipelineErrors.ID)
                .process(this::ingest);
    }

    private void ingest(Exchange batch) {
        List<?> exchanges = batch.getMessage().getBody(List.class);
        if (exchanges == null || exchanges.isEmpty()) {
            return;
        }
        List<InputRecord> records = new ArrayList<>(exchanges.size());
        // the last record of each partition: committing it commits the partition up to it
        Map<Integer, KafkaManualCommit> lastOfPartition = new LinkedHashMap<>();
        for (Object o : exchanges) {
            var in = ((Exchange) o).getMessage();
            RecordSource source = new RecordSource(
                    in.getHeader(KafkaConstants.TOPIC, String.class),
                    in.getHeader(KafkaConstants.PARTITION, Integer.class),
                    in.getHeader(KafkaConstants.OFFSET, Long.class));
            Long ts = in.getHeader(KafkaConstants.TIMESTAMP, Long.class);
            records.add(new InputRecord(source, ts == null ? -1L : ts, in.getHeader(KafkaConstants.KEY, byte[].class),
                    in.getBody(byte[].class), in.getHeader(KafkaConstants.HEADERS, Headers.class)));
            lastOfPartition.put(source.partition(), in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        }
        service.processBatch(records);
        lastOfPartition.values().forEach(KafkaManualCommit::commit);
    }
}
