package io.herald.sandbox.x;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.sandbox.Http;
import io.herald.sandbox.Http.Answer;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XStandInTest {

    private static final String TOKEN = SandboxAccounts.X_DEMO_TOKEN;
    private static final String USER = SandboxAccounts.X_DEMO_USER_ID;

    @TempDir
    Path dataDir;

    private SandboxServer server;
    private URI base;

    @BeforeEach
    void start() {
        server = SandboxServer.start(0, dataDir);
        base = server.baseUri("x");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer tweet(String token, String json) {
        return Http.postJson(base, "/2/tweets", token, null, json);
    }

    private Answer refresh(String refreshToken) {
        return Http.send(Http.request(base, "/2/oauth2/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refreshToken
                        + "&client_id=" + SandboxAccounts.X_DEMO_CLIENT_ID)));
    }

    @Test
    void shouldPostAndChainRepliesAndListThemNewestFirstAsXShowsThem() {
        Answer first = tweet(TOKEN, "{\"text\":\"Clinic open & free https://riverside-health.org/flu (1/2)\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String id = first.json().path("data").path("id").asText();
        Answer second = tweet(TOKEN, "{\"text\":\"Walk-ins welcome (2/2)\",\"reply\":{\"in_reply_to_tweet_id\":\"" + id + "\"}}");
        assertThat(second.status()).isEqualTo(201);
        assertThat(first.headers().firstValue("x-rate-limit-remaining")).isPresent();

        Answer list = Http.get(base, "/2/users/" + USER + "/tweets?max_results=5&tweet.fields=created_at,referenced_tweets", TOKEN);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data").get(0).path("referenced_tweets").get(0).path("id").asText()).isEqualTo(id);
        assertThat(list.json().path("data").get(1).path("text").asText()).startsWith("Clinic open &amp; free https://t.co/")
                .endsWith("(1/2)");
        assertThat(server.posts("x:demo")).extracting(SandboxPost::text)
                .containsExactly("Clinic open & free https://riverside-health.org/flu (1/2)", "Walk-ins welcome (2/2)");
    }

    @Test
    void shouldRefuseAWrongTokenADuplicateATooLongTextAndAMissingReplyTarget() {
        assertThat(tweet("wrong", "{\"text\":\"a\"}").status()).isEqualTo(401);
        assertThat(tweet(TOKEN, "{\"text\":\"Same words\"}").status()).isEqualTo(201);

        Answer duplicate = tweet(TOKEN, "{\"text\":\"Same words\"}");
        assertThat(duplicate.status()).isEqualTo(403);
        assertThat(duplicate.json().path("detail").asText()).isEqualTo("You are not allowed to create a Tweet with duplicate content.");

        Answer tooLong = tweet(TOKEN, "{\"text\":\"" + "诊".repeat(141) + "\"}"); // 282 weighted
        assertThat(tooLong.status()).isEqualTo(403);
        assertThat(tooLong.json().path("detail").asText()).startsWith("Your Tweet text is too long.");
        assertThat(tweet(TOKEN, "{\"text\":\"" + "诊".repeat(140) + "\"}").status()).isEqualTo(201);

        assertThat(tweet(TOKEN, "{\"text\":\"b\",\"reply\":{\"in_reply_to_tweet_id\":\"1\"}}").status()).isEqualTo(403);
    }

    @Test
    void shouldAnswer429WithTheResetWhenTheWindowIsUsedUp() {
        server.configure("x", Map.of("postsPer15Minutes", "1"));
        assertThat(tweet(TOKEN, "{\"text\":\"one\"}").status()).isEqualTo(201);

        Answer limited = tweet(TOKEN, "{\"text\":\"two\"}");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("x-rate-limit-remaining")).contains("0");
        assertThat(Long.parseLong(limited.headers().firstValue("x-rate-limit-reset").orElseThrow()))
                .isGreaterThan(System.currentTimeMillis() / 1000);
    }

    @Test
    void shouldRotateRefreshTokensSoThatEachWorksOnce() {
        Answer first = refresh(SandboxAccounts.X_DEMO_REFRESH_TOKEN);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String access = first.json().path("access_token").asText();
        String rotated = first.json().path("refresh_token").asText();
        assertThat(first.json().path("expires_in").asInt()).isEqualTo(7200);
        assertThat(tweet(access, "{\"text\":\"with a renewed token\"}").status()).isEqualTo(201);

        assertThat(refresh(rotated).status()).isEqualTo(200);
        Answer reused = refresh(rotated);

        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("error_description").asText()).isEqualTo("Value passed for the token was invalid.");
        assertThat(refresh(SandboxAccounts.X_DEMO_REFRESH_TOKEN).status()).as("the demo's own token always works").isEqualTo(200);
    }

    @Test
    void shouldKeepPostsAndTokensAcrossARestart() {
        String rotated = refresh(SandboxAccounts.X_DEMO_REFRESH_TOKEN).json().path("refresh_token").asText();
        tweet(TOKEN, "{\"text\":\"kept\"}");
        server.close();
        server = SandboxServer.start(0, dataDir);
        base = server.baseUri("x");

        assertThat(server.posts("x:demo")).extracting(SandboxPost::text).containsExactly("kept");
        assertThat(refresh(rotated).status()).isEqualTo(200);
    }

    @Test
    void shouldTakeAChunkedImageUploadWithAltText() {
        byte[] image = new byte[1500];
        Answer init = Http.postJson(base, "/2/media/upload/initialize", TOKEN, null,
                "{\"media_type\":\"image/jpeg\",\"total_bytes\":1500,\"media_category\":\"tweet_image\"}");
        String id = init.json().path("data").path("id").asText();
        for (int segment = 0; segment < 2; segment++) {
            String boundary = "b" + segment;
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"segment_index\"\r\n\r\n" + segment
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"m\"\r\n\r\n").getBytes();
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
            byte[] body = new byte[head.length + 750 + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(image, 0, body, head.length, 750);
            System.arraycopy(tail, 0, body, head.length + 750, tail.length);
            assertThat(Http.send(Http.request(base, "/2/media/upload/" + id + "/append").header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))).status()).isEqualTo(200);
        }
        assertThat(Http.postJson(base, "/2/media/upload/" + id + "/finalize", TOKEN, null, "").status()).isEqualTo(200);
        assertThat(Http.postJson(base, "/2/media/metadata", TOKEN, null,
                "{\"id\":\"" + id + "\",\"metadata\":{\"alt_text\":{\"text\":\"A nurse\"}}}").status()).isEqualTo(200);

        assertThat(tweet(TOKEN, "{\"text\":\"photo\",\"media\":{\"media_ids\":[\"" + id + "\"]}}").status()).isEqualTo(201);

        assertThat(server.posts("x:demo").get(0).media()).singleElement()
                .satisfies(m -> assertThat(m.altText()).isEqualTo("A nurse"));
    }
}
