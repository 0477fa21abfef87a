package io.herald.sandbox.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.Http;
import io.herald.sandbox.Http.Answer;
import io.herald.sandbox.MutableClock;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstagramStandInTest {

    private static final String TOKEN = SandboxAccounts.INSTAGRAM_DEMO_TOKEN;
    private static final String USER = SandboxAccounts.INSTAGRAM_DEMO_USER_ID;

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T14:00:00Z"));
    private SandboxServer server;
    private URI base;

    @BeforeEach
    void start() {
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).start();
        base = server.baseUri("instagram");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return Http.send(Http.request(base, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer get(String pathAndQuery) {
        return Http.get(base, pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "access_token=" + TOKEN, null);
    }

    private String container(String caption) {
        Answer a = post("/v24.0/" + USER + "/media", Map.of("image_url", server.sampleMedia("sample.jpg").toString(),
                "caption", caption, "alt_text", "A nurse", "access_token", TOKEN));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("id").asText();
    }

    @Test
    void shouldPublishAContainerOnceAndListIt() {
        server.configure("instagram", Map.of("processingMillis", "5000"));
        String id = container("Flu shots #FluSeason");
        assertThat(get("/v24.0/" + id + "?fields=status_code").json().get("status_code").asText()).isEqualTo("IN_PROGRESS");
        Answer early = post("/v24.0/" + USER + "/media_publish", Map.of("creation_id", id, "access_token", TOKEN));
        assertThat(early.json().at("/error/error_subcode").asInt()).isEqualTo(2207027);

        clock.advance(Duration.ofSeconds(5));
        Answer published = post("/v24.0/" + USER + "/media_publish", Map.of("creation_id", id, "access_token", TOKEN));
        Answer again = post("/v24.0/" + USER + "/media_publish", Map.of("creation_id", id, "access_token", TOKEN));

        assertThat(published.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(400);
        assertThat(get("/v24.0/" + id + "?fields=status_code").json().get("status_code").asText()).isEqualTo("PUBLISHED");
        JsonNode media = get("/v24.0/" + USER + "/media?fields=id,caption,timestamp,permalink").json().get("data");
        assertThat(media).hasSize(1);
        assertThat(media.get(0).get("caption").asText()).isEqualTo("Flu shots #FluSeason");
        assertThat(media.get(0).get("timestamp").asText()).isEqualTo("2026-11-26T14:00:05+0000");
        assertThat(server.posts("instagram:demo")).singleElement().satisfies(p -> {
            assertThat(p.remoteId()).isEqualTo(published.json().get("id").asText());
            assertThat(p.media()).singleElement().satisfies(m -> assertThat(m.altText()).isEqualTo("A nurse"));
        });
        assertThat(get("/v24.0/" + USER + "/content_publishing_limit?fields=quota_usage,config").json().at("/data/0/quota_usage")
                .asInt()).isEqualTo(1);
    }

    @Test
    void shouldExpireAContainerNotPublishedWithin24Hours() {
        String id = container("Later");
        clock.advance(Duration.ofHours(24));

        assertThat(get("/v24.0/" + id + "?fields=status_code").json().get("status_code").asText()).isEqualTo("EXPIRED");
        assertThat(post("/v24.0/" + USER + "/media_publish", Map.of("creation_id", id, "access_token", TOKEN)).json()
                .at("/error/error_subcode").asInt()).isEqualTo(2207020);
    }

    @Test
    void shouldRefuseWhatInstagramRefuses() {
        Answer png = post("/" + USER + "/media", Map.of("image_url", server.sampleMedia("sample.png").toString(), "access_token", TOKEN));
        Answer missing = post("/" + USER + "/media", Map.of("image_url", server.baseUri() + "/media/nothing.jpg", "access_token", TOKEN));
        Answer tags = post("/" + USER + "/media", Map.of("image_url", server.sampleMedia("sample.jpg").toString(),
                "caption", "#t ".repeat(31), "access_token", TOKEN));
        Answer token = post("/" + USER + "/media", Map.of("image_url", server.sampleMedia("sample.jpg").toString(),
                "access_token", "wrong"));

        assertThat(png.json().at("/error/code").asInt()).isEqualTo(9004);
        assertThat(missing.json().at("/error/error_subcode").asInt()).isEqualTo(2207052);
        assertThat(tags.json().at("/error/code").asInt()).isEqualTo(100);
        assertThat(token.json().at("/error/code").asInt()).isEqualTo(190);
        assertThat(token.body()).doesNotContain("wrong");
        assertThat(server.posts("instagram")).isEmpty();
    }

    @Test
    void shouldKeepItsStateAcrossARestart() {
        String id = container("Kept");
        post("/" + USER + "/media_publish", Map.of("creation_id", id, "access_token", TOKEN));
        server.close();

        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).start();
        base = server.baseUri("instagram");

        assertThat(server.posts("instagram:demo")).singleElement().satisfies(p -> assertThat(p.text()).isEqualTo("Kept"));
    }
}
