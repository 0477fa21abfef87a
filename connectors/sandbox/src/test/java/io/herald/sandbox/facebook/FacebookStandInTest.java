package io.herald.sandbox.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.sandbox.Http;
import io.herald.sandbox.Http.Answer;
import io.herald.sandbox.MutableClock;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacebookStandInTest {

    private static final String TOKEN = SandboxAccounts.FACEBOOK_DEMO_TOKEN;
    private static final String PAGE = SandboxAccounts.FACEBOOK_DEMO_PAGE_ID;
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T14:00:00Z"));
    private SandboxServer server;
    private URI base;

    @BeforeEach
    void start() {
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).start();
        base = server.baseUri("facebook");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer feed(String form) {
        return Http.send(Http.request(base, "/v24.0/" + PAGE + "/feed").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String form(String message, String token) {
        return "message=" + URLEncoder.encode(message, StandardCharsets.UTF_8) + "&access_token=" + token;
    }

    @Test
    void shouldPublishToTheFeedAndListThePostsNewestFirst() {
        Answer first = feed(form("Flu shots today.", TOKEN) + "&link=https%3A%2F%2Friverside.example%2Fflu");
        clock.advance(Duration.ofSeconds(5));
        feed(form("Second post.", TOKEN));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("id").asText()).startsWith(PAGE + "_");
        Answer list = Http.get(base, "/v24.0/" + PAGE + "/posts?fields=id,message,created_time&access_token=" + TOKEN, null);
        assertThat(list.json().get("data").findValuesAsText("message")).containsExactly("Second post.", "Flu shots today.");
        assertThat(list.json().at("/data/0/created_time").asText()).isEqualTo("2026-12-06T14:00:05+0000");
        assertThat(list.headers().firstValue("X-Business-Use-Case-Usage").orElseThrow()).contains("\"type\":\"pages\"")
                .contains("estimated_time_to_regain_access");
        assertThat(server.posts("facebook:demo")).extracting(p -> p.text()).containsExactly("Flu shots today.", "Second post.");
    }

    @Test
    void shouldRefuseAWrongTokenWithCode190() {
        Answer answer = feed(form("Hello", "nope"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(190);
        assertThat(answer.json().at("/error/type").asText()).isEqualTo("OAuthException");
        assertThat(answer.json().at("/error/fbtrace_id").asText()).isNotBlank();
    }

    @Test
    void shouldRefuseAnExpiredTokenWithCode190Subcode463() {
        server.configure("facebook", Map.of("tokenExpiresAt", "2026-12-06T13:00:00Z"));

        Answer answer = feed(form("Hello", TOKEN));

        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(190);
        assertThat(answer.json().at("/error/error_subcode").asInt()).isEqualTo(463);
        assertThat(answer.json().at("/error/message").asText()).startsWith("Error validating access token: Session has expired");
    }

    @Test
    void shouldRefuseAnEmptyPostATooLongOneAndADuplicate() {
        assertThat(feed("access_token=" + TOKEN).json().at("/error/message").asText()).isEqualTo("(#100) Missing message or attachment");
        assertThat(feed(form("x".repeat(63_207), TOKEN)).json().at("/error/code").asInt()).isEqualTo(100);
        assertThat(feed(form("x".repeat(63_206), TOKEN)).status()).isEqualTo(200);

        feed(form("Same words.", TOKEN));
        Answer again = feed(form("Same words.", TOKEN));

        assertThat(again.json().at("/error/code").asInt()).isEqualTo(506);
        assertThat(again.json().at("/error/message").asText()).isEqualTo("(#506) Duplicate status message");
    }

    @Test
    void shouldPublishAnUploadedPhotoAsAPostWithItsCaptionAndAltText() {
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"access_token\"\r\n\r\n" + TOKEN + "\r\n");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nOur new clinic.\r\n");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt_text_custom\"\r\n\r\nThe entrance\r\n");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n");
        body.writeBytes(JPEG);
        write(body, "\r\n--" + boundary + "--\r\n");

        Answer photo = Http.send(Http.request(base, "/v24.0/" + PAGE + "/photos")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));

        assertThat(photo.status()).isEqualTo(200);
        assertThat(photo.json().get("id").asText()).isNotBlank();
        assertThat(photo.json().get("post_id").asText()).startsWith(PAGE + "_");
        assertThat(server.posts("facebook:demo")).singleElement().satisfies(p -> {
            assertThat(p.remoteId()).isEqualTo(photo.json().get("post_id").asText());
            assertThat(p.text()).isEqualTo("Our new clinic.");
            assertThat(p.media()).singleElement().satisfies(m -> {
                assertThat(m.altText()).isEqualTo("The entrance");
                assertThat(m.mimeType()).isEqualTo("image/jpeg");
            });
        });
    }

    @Test
    void shouldRefuseAPhotoThatIsNoImage() {
        Answer answer = Http.send(Http.request(base, "/v24.0/" + PAGE + "/photos?access_token=" + TOKEN
                + "&url=https%3A%2F%2Friverside.example%2Fflyer.pdf").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(324);
    }

    @Test
    void shouldTellATokensExpiryToTheAppOnly() {
        Answer asApp = Http.get(base, "/v24.0/debug_token?input_token=" + TOKEN + "&access_token="
                + SandboxAccounts.FACEBOOK_APP_TOKEN, null);
        Answer asPage = Http.get(base, "/v24.0/debug_token?input_token=" + TOKEN + "&access_token=" + TOKEN, null);

        assertThat(asApp.json().at("/data/type").asText()).isEqualTo("PAGE");
        assertThat(asApp.json().at("/data/is_valid").asBoolean()).isTrue();
        assertThat(asApp.json().at("/data/expires_at").asLong()).isEqualTo(clock.instant().plus(Duration.ofDays(60)).getEpochSecond());
        assertThat(asPage.json().at("/error/code").asInt()).isEqualTo(100);
    }

    @Test
    void shouldKeepItsPostsAcrossARestart() {
        feed(form("kept", TOKEN));
        server.close();
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).start();

        assertThat(server.posts("facebook:demo")).extracting(p -> p.text()).containsExactly("kept");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
