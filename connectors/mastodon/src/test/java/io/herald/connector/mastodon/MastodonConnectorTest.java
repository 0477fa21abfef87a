package io.herald.connector.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.herald.connector.Account;
import io.herald.connector.ConnectorContext;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PlatformPost;
import io.herald.connector.PublishException;
import io.herald.connector.PublishException.Kind;
import io.herald.connector.Receipt;
import io.herald.connector.testkit.TestAttempt;
import io.herald.connector.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MastodonConnectorTest {

    private static final String TOKEN = "secret-token-42";
    private static final String STATUSES = "/api/v1/statuses";
    private static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");

    @RegisterExtension
    static WireMockExtension mastodon = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ConnectorContext context = new ConnectorContext(HttpClient.newHttpClient(),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10)); // generous: a loaded CI machine is slow, never wrong
    private final MastodonConnector connector = new MastodonConnector(context);
    private final DeliveryKey delivery = new DeliveryKey("flu-clinic-2026-11", 1, "mastodon:riverside");

    private Account account(Map<String, String> settings) {
        return new Account("mastodon", "riverside", URI.create(mastodon.baseUrl()), Secret.of(TOKEN), settings);
    }

    private static PlatformPost single(String text) {
        return PlatformPost.of(List.of(text), "characters", List.of(MastodonText.length(text)), 500, List.of());
    }

    private static String status(String id) {
        return "{\"id\":\"" + id + "\",\"url\":\"https://m.example/@riverside/" + id + "\",\"content\":\"<p>x</p>\"}";
    }

    @Test
    void shouldPostTheStatusWithTokenIdempotencyKeyAndVisibility() throws PublishException {
        mastodon.stubFor(post(STATUSES).willReturn(okJson(status("1001"))));

        Receipt receipt = connector.publish(TestAttempt.first(account(Map.of()), single("Flu shots today."), delivery));

        assertThat(receipt).isEqualTo(Receipt.single("1001", "https://m.example/@riverside/1001"));
        mastodon.verify(postRequestedFor(urlEqualTo(STATUSES))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Idempotency-Key", equalTo(delivery.idempotencyKey(0)))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"status\":\"Flu shots today.\",\"visibility\":\"public\"}")));
    }

    @Test
    void shouldSendTheConfiguredVisibilityAndLanguage() throws PublishException {
        mastodon.stubFor(post(STATUSES).willReturn(okJson(status("1001"))));

        connector.publish(TestAttempt.first(account(Map.of("visibility", "unlisted", "language", "es")), single("Hola"), delivery));

        mastodon.verify(postRequestedFor(urlEqualTo(STATUSES)).withRequestBody(
                equalToJson("{\"status\":\"Hola\",\"visibility\":\"unlisted\",\"language\":\"es\"}")));
    }

    @Test
    void shouldPostAThreadPartByPartEachReplyingToTheOneBefore() throws PublishException {
        mastodon.stubFor(post(STATUSES).inScenario("thread").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(status("1"))).willSetStateTo("2"));
        mastodon.stubFor(post(STATUSES).inScenario("thread").whenScenarioStateIs("2")
                .willReturn(okJson(status("2"))).willSetStateTo("3"));
        mastodon.stubFor(post(STATUSES).inScenario("thread").whenScenarioStateIs("3")
                .willReturn(okJson(status("3"))));
        PlatformPost thread = PlatformPost.of(List.of("a (1/3)", "b (2/3)", "c (3/3)"), "characters", List.of(7, 7, 7), 500,
                List.of());

        Receipt receipt = connector.publish(TestAttempt.first(account(Map.of()), thread, delivery));

        assertThat(receipt.remoteId()).isEqualTo("1");
        assertThat(receipt.remoteUrl()).isEqualTo("https://m.example/@riverside/1");
        assertThat(receipt.partIds()).containsExactly("1", "2", "3");
        mastodon.verify(postRequestedFor(urlEqualTo(STATUSES))
                .withHeader("Idempotency-Key", equalTo(delivery.idempotencyKey(0)))
                .withRequestBody(not(matchingJsonPath("$.in_reply_to_id"))));
        mastodon.verify(postRequestedFor(urlEqualTo(STATUSES))
                .withHeader("Idempotency-Key", equalTo(delivery.idempotencyKey(1)))
                .withRequestBody(matchingJsonPath("$.in_reply_to_id", equalTo("1"))));
        mastodon.verify(postRequestedFor(urlEqualTo(STATUSES))
                .withHeader("Idempotency-Key", equalTo(delivery.idempotencyKey(2)))
                .withRequestBody(matchingJsonPath("$.in_reply_to_id", equalTo("2"))));
    }

    @Test
    void shouldClassifyUnauthorizedAndForbiddenAsAuthentication() {
        mastodon.stubFor(post(STATUSES).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"The access token is invalid\"}")));
        assertKind(() -> publish("x"), Kind.AUTHENTICATION, 401);

        mastodon.stubFor(post(STATUSES).willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":\"This action is outside the authorized scopes\"}")));
        assertKind(() -> publish("x"), Kind.AUTHENTICATION, 403);
    }

    @Test
    void shouldClassifyARateLimitWithTheResetTime() {
        mastodon.stubFor(post(STATUSES).willReturn(aResponse().withStatus(429)
                .withHeader("X-RateLimit-Limit", "300")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", "2026-11-26T14:05:00.000000Z")
                .withBody("{\"error\":\"Too many requests\"}")));

        assertThatThrownBy(() -> publish("x"))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValue(Duration.ofMinutes(5));
                });
    }

    @Test
    void shouldClassifyAValidationFailureAsPermanent() {
        mastodon.stubFor(post(STATUSES).willReturn(aResponse().withStatus(422)
                .withBody("{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}")));

        assertKind(() -> publish("x"), Kind.PERMANENT, 422);
        assertThatThrownBy(() -> publish("x")).hasMessageContaining("Text character limit of 500 exceeded");
    }

    @Test
    void shouldClassifyServerErrorsAsRetryable() {
        mastodon.stubFor(post(STATUSES).willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));
        assertKind(() -> publish("x"), Kind.RETRYABLE, 503);

        mastodon.stubFor(post(STATUSES).willReturn(aResponse().withStatus(500)));
        assertKind(() -> publish("x"), Kind.RETRYABLE, 500);
    }

    @Test
    void shouldClassifyARefusedConnectionAsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Account unreachable = new Account("mastodon", "riverside", URI.create("http://127.0.0.1:" + closedPort),
                Secret.of(TOKEN), Map.of());

        assertThatThrownBy(() -> connector.publish(TestAttempt.first(unreachable, single("x"), delivery)))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
                    assertThat(e.httpStatus()).isZero();
                })
                .hasMessageStartingWith("cannot connect to mastodon at http://127.0.0.1:" + closedPort);
    }

    @Test
    void shouldClassifyATimeoutAsOutcomeUnknown() {
        mastodon.stubFor(post(STATUSES).willReturn(okJson(status("1")).withFixedDelay(3000)));
        MastodonConnector impatient = new MastodonConnector(new ConnectorContext(HttpClient.newHttpClient(),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(300)));

        assertThatThrownBy(() -> impatient.publish(TestAttempt.first(account(Map.of()), single("x"), delivery)))
                .isInstanceOfSatisfying(PublishException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN))
                .hasMessageContaining("no answer from mastodon")
                .hasMessageContaining("may have taken effect");
    }

    @Test
    void shouldClassifyAConnectionLostAfterSendingAsOutcomeUnknown() {
        mastodon.stubFor(post(STATUSES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertKind(() -> publish("x"), Kind.OUTCOME_UNKNOWN, 0);
    }

    @Test
    void shouldClassifyAnUnreadableSuccessAsOutcomeUnknown() {
        mastodon.stubFor(post(STATUSES).willReturn(okJson("{\"no\":\"id\"}")));

        assertKind(() -> publish("x"), Kind.OUTCOME_UNKNOWN, 0);
    }

    @Test
    void shouldNeverShowTheTokenEvenWhenTheServerEchoesIt() {
        mastodon.stubFor(post(STATUSES).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"bad header Authorization: Bearer " + TOKEN + "\"}")));

        assertThatThrownBy(() -> publish("x"))
                .isInstanceOf(PublishException.class)
                .message().doesNotContain(TOKEN).contains("******");
    }

    @Test
    void shouldSayWhichPartOfAThreadFailed() {
        mastodon.stubFor(post(STATUSES).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(status("1"))).willSetStateTo("failing"));
        mastodon.stubFor(post(STATUSES).inScenario("t").whenScenarioStateIs("failing")
                .willReturn(aResponse().withStatus(503)));
        PlatformPost thread = PlatformPost.of(List.of("a (1/2)", "b (2/2)"), "characters", List.of(7, 7), 500, List.of());

        assertThatThrownBy(() -> connector.publish(TestAttempt.first(account(Map.of()), thread, delivery)))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE))
                .hasMessageEndingWith("(part 2 of 2; parts before it were posted as 1)");
    }

    @Test
    void shouldRefuseAnInvalidAccountAsPermanentWithoutCallingTheNetwork() {
        assertThatThrownBy(() -> connector.publish(TestAttempt.first(account(Map.of("visibility", "loud")), single("x"), delivery)))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT))
                .hasMessageContaining("setting visibility must be one of");
        assertThat(mastodon.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldValidateAccountsUpFront() {
        assertThatThrownBy(() -> connector.validate(account(Map.of("language", "??"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("account mastodon:riverside: setting language");
    }

    @Test
    void shouldKeepIdempotencyKeysButNeverTrustThemAlone() {
        var caps = connector.capabilities(account(Map.of()));

        assertThat(caps.idempotency().kind()).isEqualTo(io.herald.connector.Capabilities.Idempotency.Kind.KEYED);
        assertThat(caps.idempotency().window()).isEqualTo(Duration.ofHours(1));
        assertThat(caps.idempotency().trusted()).as("some servers of the API ignore the key").isFalse();
        assertThat(caps.readBack()).isTrue();
        assertThat(connector.platform()).isEqualTo("mastodon");
    }

    @Test
    void shouldLearnTheLimitsFromInstanceV2() {
        mastodon.stubFor(get("/api/v2/instance").willReturn(okJson("{\"configuration\":{\"statuses\":"
                + "{\"max_characters\":5000,\"characters_reserved_per_url\":30,\"max_media_attachments\":6}}}")));

        var caps = connector.discover(account(Map.of()), connector.capabilities(account(Map.of())));

        assertThat(caps.primaryLimit()).isEqualTo(5000);
        assertThat(caps.counting("urlWeight", 0)).isEqualTo(30);
        assertThat(caps.media().maxItems()).isEqualTo(6);
    }

    @Test
    void shouldFallBackToInstanceV1WhenTheServerHasNoV2() {
        mastodon.stubFor(get("/api/v2/instance").willReturn(aResponse().withStatus(404)));
        mastodon.stubFor(get("/api/v1/instance").willReturn(okJson("{\"configuration\":{\"statuses\":"
                + "{\"max_characters\":100000,\"characters_reserved_per_url\":32}}}")));

        var caps = connector.discover(account(Map.of()), connector.capabilities(account(Map.of())));

        assertThat(caps.primaryLimit()).isEqualTo(100000);
        assertThat(caps.counting("urlWeight", 0)).isEqualTo(32);
    }

    @Test
    void shouldReadPleromasMaxTootChars() {
        mastodon.stubFor(get("/api/v2/instance").willReturn(aResponse().withStatus(404)));
        mastodon.stubFor(get("/api/v1/instance").willReturn(okJson("{\"max_toot_chars\":5000}")));

        assertThat(connector.discover(account(Map.of()), connector.capabilities(account(Map.of()))).primaryLimit())
                .isEqualTo(5000);
    }

    @Test
    void shouldKeepTheDefaultsWhenTheServerAnnouncesNothing() {
        mastodon.stubFor(get(urlMatching("/api/v./instance")).willReturn(aResponse().withStatus(404)));

        var caps = connector.discover(account(Map.of()), connector.capabilities(account(Map.of())));

        assertThat(caps.primaryLimit()).isEqualTo(500);
        assertThat(caps.counting("urlWeight", 0)).isEqualTo(23);
    }

    @Test
    void shouldFindAnUnclearStatusByReadBack() throws PublishException {
        mastodon.stubFor(get("/api/v1/accounts/verify_credentials").willReturn(okJson("{\"id\":\"77\"}")));
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/accounts/77/statuses")).willReturn(okJson("[{\"id\":\"9\","
                + "\"url\":\"https://m.example/@r/9\",\"in_reply_to_id\":null,\"created_at\":\"" + Instant.now() + "\","
                + "\"content\":\"<p>Flu shots &amp; more: <a href=\\\"https://riverside.example/flu\\\"><span class=\\\"invisible\\\">https://</span>"
                + "<span>riverside.example/flu</span></a></p>\"}]")));
        TestAttempt attempt = TestAttempt.first(account(Map.of()), single("Flu shots & more: https://riverside.example/flu"), delivery);

        var result = connector.readBack(attempt);

        assertThat(result.outcome()).isEqualTo(io.herald.connector.ReadBack.Outcome.FOUND);
        assertThat(attempt.checkpoint("part-0")).hasValueSatisfying(c -> assertThat(c.get("remoteId")).isEqualTo("9"));
        assertThat(connector.publish(attempt).remoteId()).isEqualTo("9");
        mastodon.verify(0, postRequestedFor(urlEqualTo(STATUSES)).withRequestBody(containing("Flu shots &")));
    }

    @Test
    void shouldNotTakeAnOlderStatusWithTheSameTextForTheUnclearOne() throws PublishException {
        mastodon.stubFor(get("/api/v1/accounts/verify_credentials").willReturn(okJson("{\"id\":\"77\"}")));
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/accounts/77/statuses")).willReturn(okJson("[{\"id\":\"9\","
                + "\"in_reply_to_id\":null,\"created_at\":\"2026-11-20T14:00:01.000Z\",\"content\":\"<p>Flu shots today.</p>\"}]")));
        TestAttempt attempt = TestAttempt.first(account(Map.of()), single("Flu shots today."), delivery);

        assertThat(connector.readBack(attempt).outcome()).isEqualTo(io.herald.connector.ReadBack.Outcome.NOT_FOUND);
        assertThat(attempt.checkpoints()).isEmpty();
    }

    @Test
    void shouldResumeAThreadAfterTheLastRecordedPart() throws PublishException {
        mastodon.stubFor(post(STATUSES).willReturn(okJson(status("3"))));
        PlatformPost thread = PlatformPost.of(List.of("a (1/3)", "b (2/3)", "c (3/3)"), "characters", List.of(7, 7, 7), 500,
                List.of());
        TestAttempt attempt = TestAttempt.first(account(Map.of()), thread, delivery);
        attempt.record(io.herald.connector.Checkpoint.posted(0, io.herald.connector.PartReceipt.of("1", null)));
        attempt.record(io.herald.connector.Checkpoint.posted(1, io.herald.connector.PartReceipt.of("2", null)));

        Receipt receipt = connector.publish(attempt.next());

        assertThat(receipt.partIds()).containsExactly("1", "2", "3");
        mastodon.verify(1, postRequestedFor(urlEqualTo(STATUSES)));
        mastodon.verify(postRequestedFor(urlEqualTo(STATUSES))
                .withHeader("Idempotency-Key", equalTo(delivery.idempotencyKey(2)))
                .withRequestBody(matchingJsonPath("$.in_reply_to_id", equalTo("2"))));
    }

    @Test
    void shouldQuoteTheNetworksErrorOrSayTheBodyWasEmpty() {
        mastodon.stubFor(post(STATUSES).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "text/html")));

        assertThatThrownBy(() -> publish("x")).hasMessage("mastodon answered HTTP 401: (empty body)");
    }

    private Receipt publish(String text) throws PublishException {
        return connector.publish(TestAttempt.first(account(Map.of()), single(text), delivery));
    }

    private static void assertKind(ThrowingCallable call, Kind kind, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PublishException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.getMessage()).doesNotContain(TOKEN);
        });
    }
}
