package io.herald.connector.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstagramConnectorTest {

    private static final String TOKEN = "secret-ig-token-42";
    private static final String USER = "17841405822304914";
    private static final String V = "/v24.0";
    private static final String LIMIT = V + "/" + USER + "/content_publishing_limit";
    private static final String MEDIA = V + "/" + USER + "/media";
    private static final String PUBLISH = V + "/" + USER + "/media_publish";
    private static final String CONTAINER = V + "/c1";

    @RegisterExtension
    static WireMockExtension ig = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<Duration> pauses = new ArrayList<>();
    private final ConnectorContext context = new ConnectorContext(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
            Clock.fixed(Instant.parse("2026-11-26T14:00:00Z"), ZoneOffset.UTC), Duration.ofMillis(3000));
    private final InstagramConnector connector = new InstagramConnector(context, pauses::add);
    private final DeliveryKey delivery = new DeliveryKey("flu-clinic-2026-11", 1, "instagram:riverside");

    private Account account() {
        return new Account("instagram", "riverside", URI.create(ig.baseUrl()), Map.of("token", Secret.of(TOKEN)),
                Map.of("userId", USER, "statusWait", "PT2S"));
    }

    private PlatformPost imagePost() {
        return connector.adapt(new PostContent("Flu shots today.", null, List.of("FluSeason"),
                List.of(new Media("https://riverside.example/flu.jpg", "A nurse", "image/jpeg"))), connector.capabilities(account()));
    }

    private TestAttempt attempt() {
        return TestAttempt.first(account(), imagePost(), delivery);
    }

    private void quota(int used) {
        ig.stubFor(get(urlPathEqualTo(LIMIT)).willReturn(okJson("{\"data\":[{\"quota_usage\":" + used
                + ",\"config\":{\"quota_total\":50,\"quota_duration\":86400}}]}")));
    }

    private void status(String code) {
        ig.stubFor(get(urlPathEqualTo(CONTAINER)).willReturn(okJson("{\"status_code\":\"" + code + "\",\"id\":\"c1\"}")));
    }

    @Test
    void shouldCreateAContainerWaitForItAndPublishIt() throws PublishException {
        quota(2);
        ig.stubFor(post(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"id\":\"c1\"}")));
        ig.stubFor(get(urlPathEqualTo(CONTAINER)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"status_code\":\"IN_PROGRESS\"}")).willSetStateTo("done"));
        ig.stubFor(get(urlPathEqualTo(CONTAINER)).inScenario("s").whenScenarioStateIs("done")
                .willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        ig.stubFor(post(urlPathEqualTo(PUBLISH)).willReturn(okJson("{\"id\":\"m9\"}")));
        ig.stubFor(get(urlPathEqualTo(V + "/m9")).willReturn(okJson("{\"permalink\":\"https://www.instagram.com/p/abc/\"}")));
        TestAttempt attempt = attempt();

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.remoteId()).isEqualTo("m9");
        assertThat(receipt.remoteUrl()).isEqualTo("https://www.instagram.com/p/abc/");
        assertThat(attempt.checkpoints()).extracting(Checkpoint::step).containsExactly("container-0", "part-0");
        assertThat(pauses).containsExactly(Duration.ofMillis(250));
        ig.verify(postRequestedFor(urlPathEqualTo(MEDIA))
                .withRequestBody(containing("image_url=https%3A%2F%2Friverside.example%2Fflu.jpg"))
                .withRequestBody(containing("caption=Flu+shots+today.%0A%0A%23FluSeason"))
                .withRequestBody(containing("alt_text=A+nurse"))
                .withRequestBody(containing("access_token=" + TOKEN)));
        ig.verify(postRequestedFor(urlPathEqualTo(PUBLISH)).withRequestBody(containing("creation_id=c1")));
    }

    @Test
    void shouldFailRetryablyWhenTheContainerStaysInProgressAndResumeWithTheSameContainer() throws PublishException {
        quota(0);
        ig.stubFor(post(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"id\":\"c1\"}")));
        status("IN_PROGRESS");
        TestAttempt first = attempt();

        assertThatThrownBy(() -> connector.publish(first)).isInstanceOfSatisfying(PublishException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE)).hasMessageContaining("still IN_PROGRESS");
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(2));

        status("FINISHED");
        ig.stubFor(post(urlPathEqualTo(PUBLISH)).willReturn(okJson("{\"id\":\"m9\"}")));
        assertThat(connector.publish(first.next()).remoteId()).isEqualTo("m9");
        ig.verify(1, postRequestedFor(urlPathEqualTo(MEDIA)));
    }

    @Test
    void shouldMakeANewContainerWhenTheRecordedOneExpired() throws PublishException {
        quota(0);
        status("EXPIRED");
        ig.stubFor(post(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"id\":\"c2\"}")));
        ig.stubFor(get(urlPathEqualTo(V + "/c2")).willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        ig.stubFor(post(urlPathEqualTo(PUBLISH)).willReturn(okJson("{\"id\":\"m9\"}")));
        TestAttempt attempt = attempt();
        attempt.record(new Checkpoint("container-0", Map.of("containerId", "c1")));

        connector.publish(attempt.next());

        ig.verify(postRequestedFor(urlPathEqualTo(PUBLISH)).withRequestBody(containing("creation_id=c2")));
        assertThat(attempt.checkpoint("container-0").orElseThrow().get("containerId")).isEqualTo("c2");
    }

    @Test
    void shouldNeverPublishAContainerThatIsAlreadyPublished() throws PublishException {
        status("PUBLISHED");
        ig.stubFor(get(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"data\":[{\"id\":\"m7\",\"caption\":\"Flu shots today.\\n\\n"
                + "#FluSeason\",\"timestamp\":\"" + Instant.now().toString().substring(0, 19) + "+0000\"}]}")));
        TestAttempt attempt = attempt();
        attempt.record(new Checkpoint("container-0", Map.of("containerId", "c1")));

        assertThat(connector.readBack(attempt.next()).outcome()).isEqualTo(ReadBack.Outcome.FOUND);
        assertThat(connector.publish(attempt.next()).remoteId()).isEqualTo("m7");
        ig.verify(0, postRequestedFor(urlPathEqualTo(PUBLISH)));
        ig.verify(0, postRequestedFor(urlPathEqualTo(MEDIA)));
    }

    @Test
    void shouldCallAPublishWithoutAnswerUnclearAndSettleItByTheContainerStatus() throws PublishException {
        quota(0);
        ig.stubFor(post(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"id\":\"c1\"}")));
        status("FINISHED");
        ig.stubFor(post(urlPathEqualTo(PUBLISH)).willReturn(okJson("{\"id\":\"m9\"}").withFixedDelay(3600)));
        TestAttempt first = attempt();

        assertThatThrownBy(() -> connector.publish(first)).isInstanceOfSatisfying(PublishException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
        assertThat(connector.readBack(first.next()).outcome()).as("FINISHED: not published").isEqualTo(ReadBack.Outcome.NOT_FOUND);
    }

    @Test
    void shouldRetryAContainerCreationWithoutAnswerRatherThanCallItUnclear() {
        quota(0);
        ig.stubFor(post(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"id\":\"c1\"}").withFixedDelay(3600)));

        assertThatThrownBy(() -> connector.publish(attempt())).isInstanceOfSatisfying(PublishException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE)).hasMessageContaining("never shown unless published");
    }

    @Test
    void shouldClassifyTheGraphApisErrors() {
        quota(0);
        assertKind(400, "{\"error\":{\"message\":\"Invalid OAuth access token - Cannot parse access token\",\"type\":\"OAuthException\","
                + "\"code\":190,\"fbtrace_id\":\"x\"}}", Kind.AUTHENTICATION);
        assertKind(400, "{\"error\":{\"message\":\"Only photo or video can be accepted as media type.\",\"type\":\"OAuthException\","
                + "\"code\":9004,\"error_subcode\":2207052,\"error_user_title\":\"Media download has failed.\"}}", Kind.PERMANENT);
        assertKind(400, "{\"error\":{\"message\":\"Instagram server error\",\"code\":-1,\"error_subcode\":2207001}}", Kind.RETRYABLE);
        assertKind(500, "", Kind.RETRYABLE);
        assertThatThrownBy(() -> connector.publish(attempt())).hasMessageContaining("(empty body)");
    }

    @Test
    void shouldWaitAnHourWhenThePublishingLimitIsReached() {
        quota(50);

        assertThatThrownBy(() -> connector.publish(attempt())).isInstanceOfSatisfying(PublishException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).hasValue(Duration.ofHours(1));
        }).hasMessageContaining("50 of its 50");
        ig.verify(0, postRequestedFor(urlPathEqualTo(MEDIA)));
    }

    @Test
    void shouldNeverShowTheToken() {
        ig.stubFor(get(urlPathEqualTo(LIMIT)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"message\":\"bad token " + TOKEN + "\",\"code\":190}}")));

        assertThatThrownBy(() -> connector.publish(attempt())).message().doesNotContain(TOKEN);
        ig.verify(getRequestedFor(urlPathEqualTo(LIMIT)));
    }

    private void assertKind(int status, String body, Kind kind) {
        ig.stubFor(post(urlPathEqualTo(MEDIA)).willReturn(aResponse().withStatus(status).withBody(body)));
        assertThatThrownBy(() -> connector.publish(attempt())).isInstanceOfSatisfying(PublishException.class,
                e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
    }
}
