package io.herald.sandbox;

import static io.herald.sandbox.Http.json;
import static io.herald.sandbox.Http.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.herald.sandbox.Http.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxServerTest {

    private static final String TOKEN = SandboxAccounts.MASTODON_DEMO_TOKEN;
    private static final String STATUSES = "/api/v1/statuses";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T14:00:00Z"));

    private SandboxServer start() {
        return SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).start();
    }

    @Test
    void shouldListenOnAFreePortAndReportIt() {
        try (SandboxServer server = SandboxServer.start(0, dataDir)) {
            assertThat(server.port()).isPositive();
            assertThat(SandboxServer.isListening("127.0.0.1", server.port())).isTrue();
            assertThat(server.baseUri("mastodon")).hasToString("http://127.0.0.1:" + server.port() + "/mastodon");
            assertThat(server.platforms()).contains("mastodon");
        }
    }

    @Test
    void shouldStopListeningWhenClosed() {
        SandboxServer server = start();
        int port = server.port();

        server.close();

        assertThat(SandboxServer.isListening("127.0.0.1", port)).isFalse();
    }

    @Test
    void shouldKeepPostsAndIdempotencyKeysAcrossARestart() {
        String id;
        try (SandboxServer server = start()) {
            id = postJson(server.baseUri("mastodon"), STATUSES, TOKEN, "key-1", json(Map.of("status", "kept")))
                    .json().get("id").asText();
        }

        try (SandboxServer server = start()) {
            assertThat(server.posts("mastodon:demo")).singleElement().satisfies(p -> {
                assertThat(p.remoteId()).isEqualTo(id);
                assertThat(p.text()).isEqualTo("kept");
            });
            Answer again = postJson(server.baseUri("mastodon"), STATUSES, TOKEN, "key-1", json(Map.of("status", "kept")));
            assertThat(again.json().get("id").asText()).isEqualTo(id);
            assertThat(server.posts(null)).hasSize(1);
        }
    }

    @Test
    void shouldDropATornLastLineOfTheJournal() throws IOException {
        try (SandboxServer server = start()) {
            postJson(server.baseUri("mastodon"), STATUSES, TOKEN, null, json(Map.of("status", "whole")));
        }
        Files.writeString(dataDir.resolve("mastodon.jsonl"), "{\"event\":\"created\",\"status\":{\"id\":\"12",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (SandboxServer server = start()) {
            assertThat(server.posts(null)).extracting(SandboxPost::text).containsExactly("whole");
        }
    }

    @Test
    void shouldRefuseASecondSandboxOnTheSameDataDirectory() {
        try (SandboxServer first = start()) {
            assertThatThrownBy(this::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another sandbox");
            assertThat(first.port()).isPositive();
        }
    }

    @Test
    void shouldSayWhenThePortIsTaken(@TempDir Path otherDir) {
        try (SandboxServer first = start()) {
            assertThatThrownBy(() -> SandboxServer.start(first.port(), otherDir))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + first.port() + ": the port is in use");
        }
    }

    @Test
    void shouldFilterPostsByTargetOrPlatform() {
        try (SandboxServer server = start()) {
            postJson(server.baseUri("mastodon"), STATUSES, TOKEN, null, json(Map.of("status", "one")));

            assertThat(server.posts("mastodon:demo")).hasSize(1);
            assertThat(server.posts("mastodon")).hasSize(1);
            assertThat(server.posts("mastodon:other")).isEmpty();
            assertThat(server.posts("bluesky")).isEmpty();
        }
    }

    @Test
    void shouldListPostsOverHttpForAnotherProcess() throws IOException {
        try (SandboxServer server = start()) {
            String first = postJson(server.baseUri("mastodon"), STATUSES, TOKEN, null, json(Map.of("status", "1/2")))
                    .json().get("id").asText();
            postJson(server.baseUri("mastodon"), STATUSES, TOKEN, null,
                    json(Map.of("status", "2/2", "in_reply_to_id", first)));

            List<SandboxPost> posts = SandboxClient.posts(server.baseUri(), "mastodon:demo");

            assertThat(posts).isEqualTo(server.posts("mastodon:demo"));
            assertThat(posts).extracting(SandboxPost::replyTo).containsExactly(null, first);
            assertThat(SandboxClient.posts(server.baseUri(), "x:demo")).isEmpty();
            assertThat(posts.get(0).toJson()).isEqualTo("{\"target\":\"mastodon:demo\",\"remoteId\":\"" + first
                    + "\",\"text\":\"1/2\",\"replyTo\":null,\"createdAt\":\"2026-11-26T14:00:00Z\"}");
        }
    }

    @Test
    void shouldSayWhenNoSandboxAnswers() {
        int port;
        try (SandboxServer server = start()) {
            port = server.port();
        }
        URI gone = URI.create("http://127.0.0.1:" + port);

        assertThat(SandboxClient.isUp(gone)).isFalse();
        assertThatThrownBy(() -> SandboxClient.posts(gone, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no sandbox answers at " + gone);
    }

    @Test
    void shouldAnswerInjectedStatusForTheNextCallsOnly() {
        try (SandboxServer server = start()) {
            URI base = server.baseUri("mastodon");
            server.inject(SandboxFault.status("mastodon", 503).times(2));

            assertThat(postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "a"))).status()).isEqualTo(503);
            assertThat(postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "a"))).status()).isEqualTo(503);
            assertThat(postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "a"))).status()).isEqualTo(200);
            assertThat(server.posts(null)).hasSize(1);
        }
    }

    @Test
    void shouldInjectRateLimitWithHeadersOverHttp() throws IOException {
        try (SandboxServer server = start()) {
            SandboxClient.inject(server.baseUri(), SandboxFault.status("mastodon", 429)
                    .withHeader("X-RateLimit-Reset", "2026-11-26T14:05:00.000Z")
                    .withBody("{\"error\":\"Too many requests\"}"));

            Answer answer = postJson(server.baseUri("mastodon"), STATUSES, TOKEN, null, json(Map.of("status", "a")));

            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.headers().firstValue("X-RateLimit-Reset")).hasValue("2026-11-26T14:05:00.000Z");
            assertThat(answer.json().get("error").asText()).isEqualTo("Too many requests");
        }
    }

    @Test
    void shouldClearFaults() throws IOException {
        try (SandboxServer server = start()) {
            server.inject(SandboxFault.status("mastodon", 500).times(5));
            SandboxClient.clearFaults(server.baseUri());

            Answer answer = postJson(server.baseUri("mastodon"), STATUSES, TOKEN, null, json(Map.of("status", "a")));

            assertThat(answer.status()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseAFaultForAnUnknownPlatform() {
        try (SandboxServer server = start()) {
            assertThatThrownBy(() -> SandboxClient.inject(server.baseUri(), SandboxFault.status("myspace", 503)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("unknown platform 'myspace'");
            assertThatThrownBy(() -> server.inject(SandboxFault.status("myspace", 503)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldServeADelayedCallAfterTheClientGaveUp() {
        try (SandboxServer server = start()) {
            server.inject(SandboxFault.delay("mastodon", Duration.ofMillis(500)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUri("mastodon") + STATUSES))
                    .timeout(Duration.ofMillis(100))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("status", "slow"))))
                    .build();

            assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(server.posts(null)).hasSize(1));
        }
    }

    @Test
    void shouldReportHealth() {
        try (SandboxServer server = start()) {
            assertThat(SandboxClient.isUp(server.baseUri())).isTrue();
            assertThat(Http.get(server.baseUri(), "/_sandbox/health", null).json().get("status").asText())
                    .isEqualTo("UP");
        }
    }

    @Test
    void shouldValidateFaults() {
        assertThatThrownBy(() -> SandboxFault.status("mastodon", 503).times(0))
                .hasMessage("times must be at least 1, but was 0");
        assertThatThrownBy(() -> SandboxFault.status("mastodon", 42))
                .hasMessage("status must be 0 or an HTTP status 100..599, but was 42");
    }
}
