package io.herald.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.herald.testing.KafkaExtension;
import io.herald.testing.TestKafka;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real broker answers the probe as Kafka. */
@ExtendWith(KafkaExtension.class)
class KafkaProbeIT {

    @Test
    void shouldRecogniseARealBroker(TestKafka kafka) {
        for (String address : kafka.bootstrapServers().split(",")) {
            assertThat(KafkaProbe.probe(address, Duration.ofSeconds(5)).kind()).isEqualTo(KafkaProbe.Kind.KAFKA);
        }
        assertThatCode(() -> KafkaClients.requireKafka(kafka.bootstrapServers(), Duration.ofSeconds(5))).doesNotThrowAnyException();
    }
}
