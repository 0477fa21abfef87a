package io.herald.connector.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.herald.connector.Account;
import io.herald.connector.AccountHealth;
import io.herald.connector.Checkpoint;
import io.herald.connector.ConnectorContext;
import io.herald.connector.DeliveryKey;
import io.herald.connector.Media;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.PublishException.Kind;
import io.herald.connector.ReadBack;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.connector.testkit.TestAttempt;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every documented answer of the Graph API and every step of a publication, against WireMock. */
class FacebookConnectorTest {

    private static final String TOKEN = "EAAB-page-token-42";
    private static final String PAGE = "546349135390552";
    private static final String FEED = "/v24.0/" + PAGE + "/feed";
    private static final String PHOTOS = "/v24.0/" + PAGE + "/photos";
    private static final Instant NOW = Instant.parse("2026-12-06T14:00:00Z");
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final FacebookConnector connector = new FacebookConnector(new ConnectorContext(HttpClient.newHttpClient(),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10)));
    private final DeliveryKey delivery = new DeliveryKey("flu-clinic", 1, "facebook:riverside");

    private Account account(Map<String, String> extra, Map<String, Secret> secrets) {
        Map<String, String> settings = new HashMap<>(Map.of("pageId", PAGE));
        settings.putAll(extra);
        Map<String, Secret> all = new HashMap<>(Map.of("token", Secret.of(TOKEN)));
        all.putAll(secrets);
        return new Account("facebook", "riverside", URI.create(graph.baseUrl()), all, settings);
    }

    private Account account() {
        return account(Map.of(), Map.of());
    }

    private TestAttempt attempt(PostContent content) {
        return TestAttempt.first(account(), connector.adapt(content, account()), delivery);
    }

    private static String graphTime(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC).format(at);
    }

    private static String graphError(int code, Integer subcode, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"AbC\"}}";
    }

    @Test
    void shouldPostTheMessageAndPutTheLinkInItsField() throws PublishException {
        graph.stubFor(post(FEED).willReturn(okJson("{\"id\":\"" + PAGE + "_1116689038356556\"}")));

        Receipt receipt = connector.publish(attempt(new PostContent("Flu shots today.", "https://riverside.example/flu",
                List.of("FluSeason"), List.of())));

        assertThat(receipt.remoteId()).isEqualTo(PAGE + "_1116689038356556");
        assertThat(receipt.remoteUrl()).isEqualTo("https://www.facebook.com/" + PAGE + "_1116689038356556");
        graph.verify(postRequestedFor(urlEqualTo(FEED))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("message=Flu+shots+today.%0A%0A%23FluSeason"))
                .withRequestBody(containing("link=https%3A%2F%2Friverside.example%2Fflu"))
                .withRequestBody(containing("access_token=" + TOKEN)));
    }

    @Test
    void shouldUploadAPhotoWithItsCaptionAndAltTextAsOnePost() throws PublishException {
        graph.stubFor(get("/img.jpg").willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));
        graph.stubFor(post(PHOTOS).willReturn(okJson("{\"id\":\"9001\",\"post_id\":\"" + PAGE + "_9002\"}")));
        TestAttempt attempt = attempt(new PostContent("Our new clinic.", "https://riverside.example/new", List.of(),
                List.of(new Media(graph.baseUrl() + "/img.jpg", "The new clinic's entrance", "image/jpeg"))));

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.remoteId()).isEqualTo(PAGE + "_9002");
        assertThat(receipt.parts().get(0).ref("photoId")).isEqualTo("9001");
        assertThat(attempt.checkpoints()).extracting(Checkpoint::step).containsExactly("part-0");
        graph.verify(postRequestedFor(urlEqualTo(PHOTOS))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBody(containing("name=\"caption\""))
                .withRequestBody(containing("Our new clinic.\n\nhttps://riverside.example/new"))
                .withRequestBody(containing("name=\"alt_text_custom\""))
                .withRequestBody(containing("The new clinic's entrance"))
                .withRequestBody(containing("name=\"source\"; filename=\"img.jpg\"")));
        graph.verify(0, postRequestedFor(urlEqualTo(FEED)));
    }

    @Test
    void shouldReportAnExpiredPageTokenAsAuthenticationSayingWhatToDo() {
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withBody(graphError(190, 463,
                "Error validating access token: Session has expired on Sunday, 06-Dec-26 13:00:00 PST."))));

        assertThatThrownBy(() -> connector.publish(attempt(PostContent.text("Hello."))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                .hasMessageContaining("Session has expired")
                .hasMessageContaining("generate a new long-lived Page token")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void shouldReportAMissingPermissionAsAuthentication() {
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(403).withBody(graphError(200, null,
                "(#200) The user hasn't authorized the application to perform this action"))));

        assertThatThrownBy(() -> connector.publish(attempt(PostContent.text("Hello."))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                .hasMessageContaining("pages_manage_posts");
    }

    @Test
    void shouldWaitAsLongAsTheBusinessUseCaseHeaderSaysForEachRateLimitCode() {
        for (int code : List.of(4, 17, 32, 613, 80001)) {
            graph.resetAll();
            graph.stubFor(post(FEED).willReturn(aResponse().withStatus(400)
                    .withHeader("X-Business-Use-Case-Usage", "{\"" + PAGE + "\":[{\"type\":\"pages\",\"call_count\":100,"
                            + "\"total_cputime\":30,\"total_time\":40,\"estimated_time_to_regain_access\":19}]}")
                    .withBody(graphError(code, null, "(#" + code + ") Request limit reached"))));

            assertThatThrownBy(() -> connector.publish(attempt(PostContent.text("Hello " + code))))
                    .as("code %d", code)
                    .isInstanceOfSatisfying(PublishException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                        assertThat(e.retryAfter()).contains(Duration.ofMinutes(19));
                    });
        }
    }

    @Test
    void shouldReadTheWaitFromXAppUsageTooAndFallBackToAQuarterOfAnHour() {
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(400)
                .withHeader("X-App-Usage", "{\"call_count\":100,\"total_cputime\":10,\"total_time\":10,\"estimated_time_to_regain_access\":7}")
                .withBody(graphError(4, null, "(#4) Application request limit reached"))));
        assertThatThrownBy(() -> connector.publish(attempt(PostContent.text("A."))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(7)));

        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withBody(graphError(32, null, "(#32) Page request limit reached"))));
        assertThatThrownBy(() -> connector.publish(attempt(PostContent.text("B."))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(15)));
    }

    @Test
    void shouldRetryATransientError() {
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(500).withBody(
                "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"type\":\"OAuthException\",\"code\":2,\"is_transient\":true}}")));

        assertThatThrownBy(() -> connector.publish(attempt(PostContent.text("Hello."))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE));
    }

    @Test
    void shouldRefuseADuplicateAndAnInvalidParameterForGood() {
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withBody(graphError(506, null, "(#506) Duplicate status message"))));
        assertThatThrownBy(() -> connector.publish(attempt(PostContent.text("Again."))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT))
                .hasMessageContaining("Duplicate status message").hasMessageContaining("change the text");

        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withBody(graphError(100, null, "(#100) Invalid parameter"))));
        assertThatThrownBy(() -> connector.publish(attempt(PostContent.text("Bad."))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
    }

    @Test
    void shouldTreatAnUnreadableSuccessAsAnUnclearOutcome() {
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));

        assertThatThrownBy(() -> connector.publish(attempt(PostContent.text("Hello."))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
    }

    @Test
    void shouldFindTheUnclearPostAmongThePagesPostsByMessageAndTime() throws PublishException {
        graph.stubFor(get(urlPathEqualTo("/v24.0/" + PAGE + "/posts")).willReturn(okJson("{\"data\":["
                + "{\"id\":\"" + PAGE + "_2\",\"message\":\"Weekly reminder.\",\"created_time\":\"" + graphTime(Instant.now()) + "\"},"
                + "{\"id\":\"" + PAGE + "_1\",\"message\":\"Weekly reminder.\",\"created_time\":\"" + graphTime(Instant.now().minus(Duration.ofDays(7))) + "\"}]}")));
        TestAttempt attempt = attempt(PostContent.text("Weekly reminder."));

        ReadBack found = connector.readBack(attempt);

        assertThat(found.outcome()).isEqualTo(ReadBack.Outcome.FOUND);
        assertThat(attempt.checkpoint("part-0").orElseThrow().get("remoteId")).isEqualTo(PAGE + "_2");
        graph.verify(getRequestedFor(urlPathEqualTo("/v24.0/" + PAGE + "/posts"))
                .withQueryParam("fields", equalTo("id,message,created_time")));
    }

    @Test
    void shouldNotTakeLastWeeksPostWithTheSameMessage() throws PublishException {
        graph.stubFor(get(urlPathEqualTo("/v24.0/" + PAGE + "/posts")).willReturn(okJson("{\"data\":["
                + "{\"id\":\"" + PAGE + "_1\",\"message\":\"Weekly reminder.\",\"created_time\":\"" + graphTime(Instant.now().minus(Duration.ofDays(7))) + "\"}]}")));

        assertThat(connector.readBack(attempt(PostContent.text("Weekly reminder."))).outcome())
                .isEqualTo(ReadBack.Outcome.NOT_FOUND);
    }

    @Test
    void shouldSayItCannotTellAPostWithoutTextApart() throws PublishException {
        PlatformPost post = connector.adapt(new PostContent("", "https://riverside.example/x", List.of(), List.of()), account());

        assertThat(connector.readBack(TestAttempt.first(account(), post, delivery)).outcome())
                .isEqualTo(ReadBack.Outcome.UNSUPPORTED);
    }

    @Test
    void shouldLearnTheTokensExpiryFromDebugTokenWithTheAppToken() {
        long inTenDays = NOW.plus(Duration.ofDays(10)).getEpochSecond();
        graph.stubFor(get(urlPathEqualTo("/v24.0/debug_token")).withQueryParam("access_token", equalTo("app|secret"))
                .withQueryParam("input_token", equalTo(TOKEN))
                .willReturn(okJson("{\"data\":{\"type\":\"PAGE\",\"is_valid\":true,\"expires_at\":" + inTenDays
                        + ",\"data_access_expires_at\":" + NOW.plus(Duration.ofDays(80)).getEpochSecond() + "}}")));

        AccountHealth health = connector.health(account(Map.of(), Map.of("appToken", Secret.of("app|secret"))));

        assertThat(health.status()).isEqualTo(AccountHealth.Status.WARNING);
        assertThat(health.detail()).contains("expires in 10 days").contains("debug_token").doesNotContain(TOKEN);
        assertThat(health.credentialExpiresAt()).isEqualTo(Instant.ofEpochSecond(inTenDays));
    }

    @Test
    void shouldReportAnInvalidTokenAndFallBackToTheSettingWhenDebugTokenFails() {
        graph.stubFor(get(urlPathEqualTo("/v24.0/debug_token")).willReturn(okJson("{\"data\":{\"is_valid\":false}}")));
        assertThat(connector.health(account(Map.of(), Map.of("appToken", Secret.of("a|b")))).status())
                .isEqualTo(AccountHealth.Status.ERROR);

        graph.stubFor(get(urlPathEqualTo("/v24.0/debug_token")).willReturn(aResponse().withStatus(500)));
        AccountHealth fallback = connector.health(account(Map.of("expiresAt", "2027-03-01"), Map.of("appToken", Secret.of("a|b"))));
        assertThat(fallback.status()).isEqualTo(AccountHealth.Status.OK);
        assertThat(fallback.detail()).contains("debug_token did not answer").contains("settings.expiresAt");

        assertThat(connector.health(account()).status()).isEqualTo(AccountHealth.Status.UNKNOWN);
    }
}
