package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Prometheus endpoint, scraped over a real socket while a post goes through the real pipeline. */
@ExtendWith(KafkaExtension.class)
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeQueueDepthBreakersPublishTimesAndLagsInPrometheusFormat(TestKafka kafka) throws Exception {
        try (TestHerald herald = new TestHerald(kafka, "metrics", List.of()).withMetrics().start()) {
            int port = herald.app().metricsPort();
            assertThat(port).isPositive();

            herald.produce("m-1", TestHerald.post("m-1", 1, "Our clinic is open on Saturday morning."));
            await().atMost(WAIT).until(() -> herald.auditTypes("m-1").contains("PUBLISHED"));

            await().atMost(WAIT).untilAsserted(() -> {
                String text = scrape(port).body();
                assertThat(value(text, "herald_deliveries\\{state=\"PUBLISHED\"\\}")).isEqualTo(1.0);
                assertThat(value(text, "herald_publish_seconds_count\\{outcome=\"published\",platform=\"mastodon\"\\}"))
                        .isEqualTo(1.0);
                assertThat(value(text, "herald_publish_delay_seconds_count\\{platform=\"mastodon\"\\}")).isEqualTo(1.0);
                assertThat(value(text, "herald_ingest_lag_records")).isEqualTo(0.0);
                assertThat(value(text, "herald_audit_outbox_pending_events")).isEqualTo(0.0);
                assertThat(value(text, "herald_audit_relay_lag_seconds")).isEqualTo(0.0);
                assertThat(text).containsPattern("herald_breaker_state\\{breaker=\"mastodon@127\\.0\\.0\\.1:\\d+\",state=\"closed\"\\} 1\\.0");
            });
            HttpResponse<String> r = scrape(port);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(r.body()).contains("# TYPE herald_publish_seconds histogram").contains("# HELP herald_deliveries ");
        }
    }

    @Test
    void shouldShowAnAccountsQueueDepthWhileItsPostsWait(TestKafka kafka) throws Exception {
        try (TestHerald herald = new TestHerald(kafka, "metrics-queue", List.of()).withMetrics().start()) {
            String later = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
            for (int i = 0; i < 3; i++) {
                herald.produce("later-" + i, io.herald.json.Json.write(java.util.Map.of("id", "later-" + i,
                        "body", "Our flu clinic opens tomorrow.", "targets", List.of("mastodon:demo"), "publishAt", later)));
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    value(scrape(herald.app().metricsPort()).body(), "herald_account_queue_depth\\{target=\"mastodon:demo\"\\}"))
                    .isEqualTo(3.0));
        }
    }

    private HttpResponse<String> scrape(int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the one sample whose name and labels match {@code series} (a regex), or null. */
    private static Double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }
}
