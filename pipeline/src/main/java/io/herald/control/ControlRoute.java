package io.herald.control;

import io.herald.audit.AuditEvent;
import io.herald.audit.AuditEventType;
import io.herald.audit.AuditLog;
import io.herald.audit.RecordSource;
import io.herald.config.HeraldConfig;
import io.herald.store.DeliveryStore;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes people's commands from the control topic (one consumer group: each command is applied
 * once across instances) and applies them to the delivery store, answering in the audit log.
 * A record that is not a command gets a NOT_APPLIED event saying why; the offset is committed only
 * after the answer is recorded.
 */
public final class ControlRoute extends EndpointRouteBuilder {

    public static final String ROUTE_ID = "control";
    private static final Logger LOG = LoggerFactory.getLogger(ControlRoute.class);

    private final HeraldConfig.Kafka kafka;
    private final String bootstrap;
    private final DeliveryStore store;
    private final AuditLog audit;
    private final Runnable onChange;
    private final String instance;
    private volatile io.herald.store.JdbcCorrectionStore corrections;
    private volatile Runnable onRetract = () -> { };

    /** Applies {@code retract} commands through the corrections store, waking the corrections worker. */
    public ControlRoute withCorrections(io.herald.store.JdbcCorrectionStore store, Runnable wake) {
        this.corrections = store;
        this.onRetract = wake;
        return this;
    }

    public ControlRoute(HeraldConfig.Kafka kafka, String bootstrap, DeliveryStore store, AuditLog audit, Runnable onChange,
            String instance) {
        this.kafka = kafka;
        this.bootstrap = bootstrap;
        this.store = store;
        this.audit = audit;
        this.onChange = onChange;
        this.instance = instance;
    }

    @Override
    public void configure() {
        from(kafka(kafka.topics().control())
                        .brokers(bootstrap)
                        .groupId(kafka.consumerGroup() + "-control")
                        .clientId("herald-control")
                        .groupInstanceId("herald-control-" + instance)
                        .autoOffsetReset("earliest")
                        .autoCommitEnable(false)
                        .allowManualCommit(true)
                        .breakOnFirstError(true)
                        .pollTimeoutMs("500")
                        .keyDeserializer(ByteArrayDeserializer.class.getName())
                        .valueDeserializer(ByteArrayDeserializer.class.getName()))
                .routeId(ROUTE_ID)
                .process(this::apply);
    }

    private void apply(Exchange exchange) {
        var in = exchange.getMessage();
        RecordSource source = new RecordSource(in.getHeader(KafkaConstants.TOPIC, String.class),
                in.getHeader(KafkaConstants.PARTITION, Integer.class), in.getHeader(KafkaConstants.OFFSET, Long.class));
        Long tsHeader = in.getHeader(KafkaConstants.TIMESTAMP, Long.class);
        long ts = tsHeader == null ? -1L : tsHeader;
        ControlCommand c;
        try {
            c = ControlCommand.parse(in.getBody(byte[].class));
        } catch (IllegalArgumentException e) {
            LOG.warn("control record {} is not a command: {}", source, e.getMessage());
            audit.append(List.of(AuditEvent.of(AuditEventType.NOT_APPLIED, null).source(source)
                    .reason("not a command: " + e.getMessage()).build()));
            commit(in);
            return;
        }
        if (c.command().equals("retract")) {
            if (corrections == null) {
                audit.append(List.of(AuditEvent.of(AuditEventType.NOT_APPLIED, c.postId()).source(source)
                        .reason("this Herald cannot retract").build()));
            } else {
                corrections.requestRetraction(source, ts, new io.herald.store.JdbcCorrectionStore.RetractRequest(c.postId(),
                        c.target(), c.since(), c.dryRun(), c.by(), c.reason()));
                onRetract.run();
            }
        } else if (c.command().equals("redrive")) {
            store.redrive(source, ts, c.postId(), c.target(), c.by(), c.reason());
        } else {
            store.resolve(source, ts, c.postId(), c.target(), c.resolution(), c.remoteId(), c.by(), c.reason());
        }
        LOG.info("{} of {}{} by {} applied", c.command(), c.key(), c.target() == null ? "" : " to " + c.target(), c.by());
        audit.signal();
        onChange.run();
        commit(in);
    }

    private static void commit(org.apache.camel.Message in) {
        in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
    }
}
