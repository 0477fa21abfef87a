package io.herald.connector.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.herald.connector.Account;
import io.herald.connector.Checkpoint;
import io.herald.connector.ConnectorContext;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PartReceipt;
import io.herald.connector.PlatformPost;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** X's documented answers, each classified as Herald needs it; tokens renewed and rotated; threads resumed. */
class XConnectorTest {

    private static final String ACCESS = "secret-access-token-41";
    private static final String REFRESH = "secret-refresh-token-42";
    private static final String USER = "2244994945";
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final String DUPLICATE = "{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\","
            + "\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}";

    @RegisterExtension
    static WireMockExtension x = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final XConnector connector = new XConnector(new ConnectorContext(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofSeconds(2)));
    private final DeliveryKey delivery = new DeliveryKey("flu", 1, "x:riverside");

    private Account account() {
        return new Account("x", "riverside", URI.create(x.baseUrl()),
                Map.of("token", Secret.of(ACCESS), "refreshToken", Secret.of(REFRESH)),
                Map.of("clientId", "client-7", "userId", USER));
    }

    private static PlatformPost thread(String... texts) {
        return PlatformPost.of(List.of(texts), "weighted", List.of(texts).stream().map(XText::weightedLength).toList(), 280,
                List.of());
    }

    private TestAttempt attempt(PlatformPost post) {
        return TestAttempt.first(account(), post, delivery);
    }

    private static void created(String id) {
        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":{\"id\":\"" + id + "\",\"text\":\"t\"}}")));
    }

    private PublishException failure(PlatformPost post) {
        try {
            connector.publish(attempt(post));
        } catch (PublishException e) {
            return e;
        }
        throw new AssertionError("expected the publish to fail");
    }

    @Test
    void shouldPostWithTheBearerTokenAndRecordThePart() throws PublishException {
        created("1445880548472328192");
        TestAttempt attempt = attempt(thread("Flu shots now at our Main St clinic."));

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.remoteId()).isEqualTo("1445880548472328192");
        assertThat(receipt.remoteUrl()).isEqualTo("https://x.com/i/web/status/1445880548472328192");
        assertThat(attempt.checkpoint(Checkpoint.part(0))).isPresent();
        x.verify(postRequestedFor(urlPathEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .withRequestBody(equalToJson("{\"text\":\"Flu shots now at our Main St clinic.\"}")));
    }

    @Test
    void shouldResumeAThreadAfterTheLastRecordedPartAsAReplyToIt() throws PublishException {
        created("200");
        TestAttempt attempt = attempt(thread("one (1/2)", "two (2/2)"));
        attempt.record(Checkpoint.posted(0, PartReceipt.of("100", XApi.url("100"))));

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.partIds()).containsExactly("100", "200");
        x.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
        x.verify(postRequestedFor(urlPathEqualTo("/2/tweets"))
                .withRequestBody(equalToJson("{\"text\":\"two (2/2)\",\"reply\":{\"in_reply_to_tweet_id\":\"100\"}}")));
    }

    @Test
    void shouldReconcileADuplicateRefusalWithThisDeliverysOwnPost() throws PublishException {
        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(403).withBody(DUPLICATE)));
        x.stubFor(get(urlPathEqualTo("/2/users/" + USER + "/tweets")).willReturn(okJson("{\"data\":[{\"id\":\"777\","
                + "\"text\":\"Clinic open &amp; free https://t.co/abcdefghij\",\"created_at\":\"" + Instant.now() + "\"}],"
                + "\"meta\":{\"result_count\":1}}")));
        TestAttempt attempt = attempt(thread("Clinic open & free https://riverside-health.org/flu"));

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.partIds()).containsExactly("777");
        assertThat(receipt.note()).startsWith("reconciled");
        assertThat(attempt.checkpoint(Checkpoint.part(0))).isPresent();
    }

    @Test
    void shouldFailForGoodOnADuplicateOfAnOlderPost() {
        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(403).withBody(DUPLICATE)));
        x.stubFor(get(urlPathEqualTo("/2/users/" + USER + "/tweets")).willReturn(okJson("{\"meta\":{\"result_count\":0}}")));

        PublishException e = failure(thread("Clinic open"));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("You are not allowed to create a Tweet with duplicate content")
                .contains("change the text");
    }

    @Test
    void shouldTreatATooLongTextAsPermanentAndOtherForbiddenAnswersAsAuthentication() {
        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(403).withBody(
                "{\"detail\":\"Your Tweet text is too long.\",\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}")));
        assertThat(failure(thread("long")).kind()).isEqualTo(Kind.PERMANENT);

        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(403).withBody("{\"client_id\":\"123\","
                + "\"detail\":\"When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a"
                + " Twitter developer App that is attached to a Project.\",\"title\":\"Client Forbidden\",\"reason\":"
                + "\"client-not-enrolled\",\"type\":\"https://api.twitter.com/2/problems/client-forbidden\"}")));
        PublishException e = failure(thread("hello"));
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("attached to a Project");
    }

    @Test
    void shouldWaitForTheFifteenMinuteWindowOrTheDayThatIsUsedUp() {
        long reset = NOW.plusSeconds(600).getEpochSecond();
        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(429)
                .withBody("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}")
                .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset))));
        PublishException window = failure(thread("a"));
        assertThat(window.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(window.retryAfter()).contains(Duration.ofSeconds(600));

        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-remaining", "99").withHeader("x-rate-limit-reset", Long.toString(reset))
                .withHeader("x-user-limit-24hour-limit", "100").withHeader("x-user-limit-24hour-remaining", "0")
                .withHeader("x-user-limit-24hour-reset", Long.toString(NOW.plusSeconds(20_000).getEpochSecond()))));
        assertThat(failure(thread("a")).retryAfter()).contains(Duration.ofSeconds(20_000));
    }

    @Test
    void shouldCallAServerErrorRetryableAndSayWhenItsBodyIsEmpty() {
        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(503)));

        PublishException e = failure(thread("a"));

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.getMessage()).isEqualTo("x answered HTTP 503: (empty body)");
    }

    @Test
    void shouldCallAnUnansweredPostAnUnclearOutcome() {
        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(201).withFixedDelay(3000)));

        assertThat(failure(thread("a")).kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
    }

    @Test
    void shouldRenewARefusedAccessTokenAndKeepTheRotatedRefreshToken() throws PublishException {
        x.stubFor(post(urlPathEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(aResponse().withStatus(401).withBody("{\"title\":\"Unauthorized\",\"type\":\"about:blank\","
                        + "\"status\":401,\"detail\":\"Unauthorized\"}")));
        x.stubFor(post(urlPathEqualTo("/2/oauth2/token")).withRequestBody(containing("refresh_token=" + REFRESH))
                .withRequestBody(containing("grant_type=refresh_token")).withRequestBody(containing("client_id=client-7"))
                .willReturn(okJson("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"new-access\","
                        + "\"scope\":\"tweet.write offline.access\",\"refresh_token\":\"rotated-refresh\"}")));
        x.stubFor(post(urlPathEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer new-access"))
                .willReturn(aResponse().withStatus(201).withBody("{\"data\":{\"id\":\"9\",\"text\":\"a\"}}")));
        TestAttempt attempt = attempt(thread("a"));

        assertThat(connector.publish(attempt).remoteId()).isEqualTo("9");

        assertThat(attempt.credentials().get(XTokens.REFRESH).orElseThrow().value().reveal()).isEqualTo("rotated-refresh");
        assertThat(attempt.credentials().get(XTokens.ACCESS).orElseThrow().expiresAt()).isEqualTo(NOW.plusSeconds(7200));
    }

    @Test
    void shouldNameTheRefusedRefreshTokenWithoutShowingIt() {
        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(401)
                .withBody("{\"title\":\"Unauthorized\",\"detail\":\"Unauthorized\",\"status\":401}")));
        x.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the token was invalid.\"}")));

        PublishException e = failure(thread("a"));

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("refused the refresh token").contains("Value passed for the token was invalid")
                .contains("authorize Herald").doesNotContain(REFRESH).doesNotContain(ACCESS);
    }

    @Test
    void shouldUseTheKeptRefreshTokenUntilTheConfiguredOneChanges() throws PublishException {
        x.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(401)));
        x.stubFor(post(urlPathEqualTo("/2/oauth2/token")).withRequestBody(containing("refresh_token=" + REFRESH))
                .willReturn(okJson("{\"access_token\":\"from-configured\",\"refresh_token\":\"r2\",\"expires_in\":7200}")));
        TestAttempt attempt = attempt(thread("a"));
        // a chain that began from another configured token: an operator authorized again since
        attempt.credentials().put(XTokens.REFRESH, Secret.of("kept-old"), null);
        attempt.credentials().put(XTokens.ORIGIN, Secret.of(XTokens.fingerprint(Secret.of("older-configured"))), null);

        assertThatThrownBy(() -> connector.publish(attempt)).isInstanceOf(PublishException.class);

        x.verify(postRequestedFor(urlPathEqualTo("/2/oauth2/token")).withRequestBody(containing("refresh_token=" + REFRESH)));
        assertThat(attempt.credentials().get(XTokens.REFRESH).orElseThrow().value().reveal()).isEqualTo("r2");
    }

    @Test
    void shouldUploadAnImageInChunksWithItsAltTextBeforeThePost() throws PublishException {
        x.stubFor(post(urlPathEqualTo("/2/media/upload/initialize")).withRequestBody(matchingJsonPath("$.media_type", equalTo("image/jpeg")))
                .willReturn(okJson("{\"data\":{\"id\":\"1880028106020515840\",\"media_key\":\"3_1880028106020515840\"}}")));
        x.stubFor(post(urlPathMatching("/2/media/upload/1880028106020515840/append")).willReturn(okJson("{\"data\":{}}")));
        x.stubFor(post(urlPathEqualTo("/2/media/upload/1880028106020515840/finalize"))
                .willReturn(okJson("{\"data\":{\"id\":\"1880028106020515840\",\"size\":3}}")));
        x.stubFor(post(urlPathEqualTo("/2/media/metadata")).willReturn(okJson("{\"data\":{\"associated_metadata\":true}}")));
        x.stubFor(get(urlPathEqualTo("/flu.jpg")).willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(new byte[] {1, 2, 3})));
        created("55");
        PlatformPost post = new PlatformPost(thread("Flu shots").parts(), Map.of("weighted", 280),
                List.of(new io.herald.connector.Media(x.baseUrl() + "/flu.jpg", "A nurse giving a flu shot", "image/jpeg")), null, null);
        TestAttempt attempt = attempt(post);

        connector.publish(attempt);

        assertThat(attempt.checkpoint(Checkpoint.media(0))).hasValueSatisfying(c -> assertThat(c.get("mediaId")).isEqualTo("1880028106020515840"));
        x.verify(postRequestedFor(urlPathEqualTo("/2/media/metadata"))
                .withRequestBody(equalToJson("{\"id\":\"1880028106020515840\",\"metadata\":{\"alt_text\":{\"text\":\"A nurse giving a flu shot\"}}}")));
        x.verify(postRequestedFor(urlPathEqualTo("/2/tweets"))
                .withRequestBody(equalToJson("{\"text\":\"Flu shots\",\"media\":{\"media_ids\":[\"1880028106020515840\"]}}")));
    }

    @Test
    void shouldReadBackThePartUnderWayByTextAndReplyTarget() throws PublishException {
        x.stubFor(get(urlPathEqualTo("/2/users/" + USER + "/tweets")).willReturn(okJson("{\"data\":["
                + "{\"id\":\"301\",\"text\":\"two (2/2)\",\"created_at\":\"" + Instant.now() + "\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"999\"}]},"
                + "{\"id\":\"302\",\"text\":\"two (2/2)\",\"created_at\":\"" + Instant.now() + "\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"100\"}]}],"
                + "\"meta\":{\"result_count\":2}}")));
        TestAttempt attempt = attempt(thread("one (1/2)", "two (2/2)"));
        attempt.record(Checkpoint.posted(0, PartReceipt.of("100", null)));

        ReadBack found = connector.readBack(attempt);

        assertThat(found.outcome()).isEqualTo(ReadBack.Outcome.FOUND);
        assertThat(attempt.checkpoint(Checkpoint.part(1)).orElseThrow().get("remoteId")).isEqualTo("302");
    }

    private io.herald.connector.Takedown takedown(String id) {
        return new io.herald.connector.Takedown(account(), delivery, 0, 1, PartReceipt.of(id, XApi.url(id)),
                io.herald.connector.CredentialStore.inMemory(), "dosage typo");
    }

    @Test
    void shouldDeleteAPostAndCountOneXNoLongerHasAsGone() throws PublishException {
        x.stubFor(delete(urlPathEqualTo("/2/tweets/101")).willReturn(okJson("{\"data\":{\"deleted\":true}}")));
        x.stubFor(delete(urlPathEqualTo("/2/tweets/102")).willReturn(okJson("{\"errors\":[{\"title\":\"Not Found Error\","
                + "\"type\":\"https://api.twitter.com/2/problems/resource-not-found\",\"resource_id\":\"102\"}]}")));
        x.stubFor(delete(urlPathEqualTo("/2/tweets/103")).willReturn(aResponse().withStatus(404)));

        assertThat(connector.delete(takedown("101")).outcome()).isEqualTo(io.herald.connector.TakedownResult.Outcome.DELETED);
        assertThat(connector.delete(takedown("102")).detail()).isEqualTo("post 102 is not on X (deleted before)");
        assertThat(connector.delete(takedown("103")).outcome()).isEqualTo(io.herald.connector.TakedownResult.Outcome.ALREADY_GONE);
        x.verify(deleteRequestedFor(urlPathEqualTo("/2/tweets/101")).withHeader("Authorization", equalTo("Bearer " + ACCESS)));
    }

    @Test
    void shouldRetryADeletionXAnswersNotDoneWhileThePostIsStillThere() throws PublishException {
        x.stubFor(delete(urlPathEqualTo("/2/tweets/201")).willReturn(okJson("{\"data\":{\"deleted\":false}}")));
        x.stubFor(get(urlPathEqualTo("/2/tweets/201")).willReturn(okJson("{\"data\":{\"id\":\"201\",\"text\":\"t\"}}")));
        x.stubFor(delete(urlPathEqualTo("/2/tweets/202")).willReturn(okJson("{\"data\":{\"deleted\":false}}")));
        x.stubFor(get(urlPathEqualTo("/2/tweets/202")).willReturn(okJson("{\"errors\":[{\"type\":"
                + "\"https://api.twitter.com/2/problems/resource-not-found\"}]}")));
        x.stubFor(delete(urlPathEqualTo("/2/tweets/203")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> connector.delete(takedown("201"))).isInstanceOfSatisfying(PublishException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE));
        assertThat(connector.delete(takedown("202")).outcome()).isEqualTo(io.herald.connector.TakedownResult.Outcome.ALREADY_GONE);
        assertThatThrownBy(() -> connector.delete(takedown("203"))).isInstanceOfSatisfying(PublishException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE));
        assertThat(connector.capabilities(account()).corrections().delete()).isTrue();
        assertThat(connector.capabilities(account()).corrections().edit()).isFalse();
    }
}
