package io.herald.connector.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.connector.DeliveryKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TidTest {

    private final DeliveryKey delivery = new DeliveryKey("flu-clinic-2026-11", 1, "bluesky:riverside");

    @Test
    void shouldDeriveTheSameValidTidForTheSamePartOfTheSameDelivery() {
        String key = Tid.of(delivery, 0);

        assertThat(key).hasSize(13).matches(Tid.SYNTAX);
        assertThat(Tid.of(new DeliveryKey("flu-clinic-2026-11", 1, "bluesky:riverside"), 0)).isEqualTo(key);
        assertThat(Tid.of(delivery, 1)).isNotEqualTo(key);
        assertThat(Tid.of(new DeliveryKey("flu-clinic-2026-11", 2, "bluesky:riverside"), 0)).isNotEqualTo(key);
        assertThat(Tid.of(new DeliveryKey("flu-clinic-2026-11", 1, "bluesky:harbor"), 0)).isNotEqualTo(key);
    }

    @Test
    void shouldDateEveryKeyInThePastSince2022() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String key = Tid.of(new DeliveryKey("post-" + i, 1, "bluesky:riverside"), i % 3);
            Instant at = Instant.ofEpochSecond(0, Tid.micros(key) * 1000);
            assertThat(key).matches(Tid.SYNTAX);
            assertThat(at).isAfterOrEqualTo(Instant.parse("2022-01-01T00:00:00Z")).isBefore(Instant.parse("2026-07-01T00:00:00Z"));
            keys.add(key);
        }
        assertThat(keys).hasSize(2000);
    }

    @Test
    void shouldEncodeAsTheAtProtocolDoes() {
        // 3jzfcijpj2z2a, a TID of the AT Protocol spec: 1,688,137,381,887,007 microseconds and clock id 6
        assertThat(Tid.encode(1_688_137_381_887_007L, 6)).isEqualTo("3jzfcijpj2z2a");
        assertThat(Tid.encode(0, 0)).isEqualTo("2222222222222");
    }
}
