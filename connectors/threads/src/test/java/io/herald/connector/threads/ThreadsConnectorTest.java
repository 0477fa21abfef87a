package io.herald.connector.threads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.herald.connector.Account;
import io.herald.connector.Checkpoint;
import io.herald.connector.ConnectorContext;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PartReceipt;
import io.herald.connector.PlatformPost;
import io.herald.connector.PublishException;
import io.herald.connector.PublishException.Kind;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.connector.testkit.TestAttempt;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ThreadsConnectorTest {

    private static final String TOKEN = "secret-threads-token-7";
    private static final String USER = "27365214536312345";
    private static final String V = "/v1.0";
    private static final String LIMIT = V + "/" + USER + "/threads_publishing_limit";
    private static final String THREADS = V + "/" + USER + "/threads";
    private static final String PUBLISH = V + "/" + USER + "/threads_publish";

    @RegisterExtension
    static WireMockExtension th = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ThreadsConnector connector = new ThreadsConnector(new ConnectorContext(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Clock.systemUTC(), Duration.ofSeconds(3)),
            d -> { });
    private final DeliveryKey delivery = new DeliveryKey("flu", 1, "threads:riverside");

    private Account account() {
        return new Account("threads", "riverside", URI.create(th.baseUrl()), Map.of("token", Secret.of(TOKEN)),
                Map.of("userId", USER));
    }

    private static PlatformPost thread(String... texts) {
        return PlatformPost.of(List.of(texts), "characters", List.of(texts).stream().map(ThreadsText::length).toList(), 500,
                List.of());
    }

    private void quota(int posts, int replies) {
        th.stubFor(get(urlPathEqualTo(LIMIT)).willReturn(okJson("{\"data\":[{\"quota_usage\":" + posts
                + ",\"config\":{\"quota_total\":250,\"quota_duration\":86400},\"reply_quota_usage\":" + replies
                + ",\"reply_config\":{\"quota_total\":1000,\"quota_duration\":86400}}]}")));
    }

    @Test
    void shouldPublishEachPartAsAReplyToTheOneBefore() throws PublishException {
        quota(0, 0);
        th.stubFor(post(urlPathEqualTo(THREADS)).inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":\"c1\"}")).willSetStateTo("2"));
        th.stubFor(post(urlPathEqualTo(THREADS)).inScenario("c").whenScenarioStateIs("2").willReturn(okJson("{\"id\":\"c2\"}")));
        th.stubFor(get(urlPathEqualTo(V + "/c1")).willReturn(okJson("{\"status\":\"FINISHED\"}")));
        th.stubFor(get(urlPathEqualTo(V + "/c2")).willReturn(okJson("{\"status\":\"FINISHED\"}")));
        th.stubFor(post(urlPathEqualTo(PUBLISH)).withRequestBody(containing("creation_id=c1")).willReturn(okJson("{\"id\":\"m1\"}")));
        th.stubFor(post(urlPathEqualTo(PUBLISH)).withRequestBody(containing("creation_id=c2")).willReturn(okJson("{\"id\":\"m2\"}")));
        TestAttempt attempt = TestAttempt.first(account(), thread("a (1/2)", "b (2/2)"), delivery);

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.partIds()).containsExactly("m1", "m2");
        assertThat(attempt.checkpoints()).extracting(Checkpoint::step)
                .containsExactly("container-0", "part-0", "container-1", "part-1");
        th.verify(postRequestedFor(urlPathEqualTo(THREADS)).withRequestBody(containing("media_type=TEXT"))
                .withRequestBody(containing("text=b+%282%2F2%29")).withRequestBody(containing("reply_to_id=m1")));
    }

    @Test
    void shouldResumeAfterTheLastRecordedPart() throws PublishException {
        quota(1, 0);
        th.stubFor(post(urlPathEqualTo(THREADS)).willReturn(okJson("{\"id\":\"c2\"}")));
        th.stubFor(get(urlPathEqualTo(V + "/c2")).willReturn(okJson("{\"status\":\"FINISHED\"}")));
        th.stubFor(post(urlPathEqualTo(PUBLISH)).willReturn(okJson("{\"id\":\"m2\"}")));
        TestAttempt attempt = TestAttempt.first(account(), thread("a (1/2)", "b (2/2)"), delivery);
        attempt.record(Checkpoint.posted(0, PartReceipt.of("m1", null)));

        assertThat(connector.publish(attempt.next()).partIds()).containsExactly("m1", "m2");
        th.verify(1, postRequestedFor(urlPathEqualTo(THREADS)));
        th.verify(postRequestedFor(urlPathEqualTo(THREADS)).withRequestBody(containing("reply_to_id=m1")));
    }

    @Test
    void shouldRefuseMoreThanFiveLinksAsPermanent() {
        quota(0, 0);
        th.stubFor(post(urlPathEqualTo(THREADS)).willReturn(aResponse().withStatus(400).withBody("{\"error\":{\"message\":"
                + "\"THREADS_API__LINK_LIMIT_EXCEEDED\",\"type\":\"THApiException\",\"code\":100}}")));

        assertThatThrownBy(() -> connector.publish(TestAttempt.first(account(), thread("x"), delivery)))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT))
                .hasMessageContaining("THREADS_API__LINK_LIMIT_EXCEEDED");
    }

    @Test
    void shouldWaitWhenTheRepliesQuotaIsUsedUp() {
        quota(0, 1000);
        TestAttempt attempt = TestAttempt.first(account(), thread("a (1/2)", "b (2/2)"), delivery);
        attempt.record(Checkpoint.posted(0, PartReceipt.of("m1", null)));

        assertThatThrownBy(() -> connector.publish(attempt.next()))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
                .hasMessageContaining("1000 of its 1000 replies");
    }

    @Test
    void shouldReportAnInvalidTokenAsAuthenticationWithoutShowingIt() {
        th.stubFor(get(urlPathEqualTo(LIMIT)).willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":{\"message\":\"Invalid OAuth access token - Cannot parse access token\",\"code\":190}}")));

        assertThatThrownBy(() -> connector.publish(TestAttempt.first(account(), thread("x"), delivery)))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                .message().doesNotContain(TOKEN);
    }
}
