package io.herald.sandbox.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.sandbox.Http;
import io.herald.sandbox.Http.Answer;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadsStandInTest {

    private static final String TOKEN = SandboxAccounts.THREADS_DEMO_TOKEN;
    private static final String USER = SandboxAccounts.THREADS_DEMO_USER_ID;

    @TempDir
    Path dataDir;

    private SandboxServer server;
    private URI base;

    @BeforeEach
    void start() {
        server = SandboxServer.start(0, dataDir);
        base = server.baseUri("threads");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + "&access_token=" + TOKEN;
        return Http.send(Http.request(base, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String publish(Map<String, String> container) {
        Answer c = post("/v1.0/" + USER + "/threads", container);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        Answer p = post("/v1.0/" + USER + "/threads_publish", Map.of("creation_id", c.json().get("id").asText()));
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        return p.json().get("id").asText();
    }

    @Test
    void shouldChainRepliesAndListThem() {
        String root = publish(Map.of("media_type", "TEXT", "text", "Part one (1/2)"));
        String reply = publish(Map.of("media_type", "TEXT", "text", "Part two (2/2)", "reply_to_id", root));

        Answer replies = Http.get(base, "/v1.0/" + root + "/replies?fields=id,text,timestamp&access_token=" + TOKEN, null);

        assertThat(replies.json().at("/data/0/id").asText()).isEqualTo(reply);
        assertThat(server.posts("threads:demo")).extracting(p -> p.replyTo()).containsExactly(null, root);
        Answer limit = Http.get(base, "/v1.0/" + USER + "/threads_publishing_limit?fields=quota_usage,reply_quota_usage"
                + "&access_token=" + TOKEN, null);
        assertThat(limit.json().at("/data/0/quota_usage").asInt()).isEqualTo(1);
        assertThat(limit.json().at("/data/0/reply_quota_usage").asInt()).isEqualTo(1);
    }

    @Test
    void shouldCountEmojiAsBytesAndRefuseMoreThanFiveLinks() {
        Answer emoji = post("/" + USER + "/threads", Map.of("media_type", "TEXT", "text", "😀".repeat(126)));
        Answer fits = post("/" + USER + "/threads", Map.of("media_type", "TEXT", "text", "😀".repeat(125)));
        String links = IntStream.rangeClosed(1, 6).mapToObj(i -> "https://riverside.example/" + i).collect(Collectors.joining(" "));
        Answer tooMany = post("/" + USER + "/threads", Map.of("media_type", "TEXT", "text", links));

        assertThat(emoji.status()).isEqualTo(400);
        assertThat(fits.status()).isEqualTo(200);
        assertThat(tooMany.body()).contains("THREADS_API__LINK_LIMIT_EXCEEDED");
    }

    @Test
    void shouldFetchTheImageAndKeepItsAltText() {
        publish(Map.of("media_type", "IMAGE", "image_url", server.sampleMedia("sample.png").toString(), "alt_text", "A nurse",
                "text", "Flu shots"));
        Answer broken = post("/" + USER + "/threads", Map.of("media_type", "IMAGE", "image_url", server.baseUri() + "/media/x.jpg"));

        assertThat(server.posts("threads:demo")).singleElement().satisfies(p -> assertThat(p.media())
                .singleElement().satisfies(m -> assertThat(m.altText()).isEqualTo("A nurse")));
        assertThat(broken.json().at("/error/code").asInt()).isEqualTo(9004);
    }
}
