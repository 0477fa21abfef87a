package io.herald.connector.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import io.herald.connector.ConnectorContext;
import io.herald.connector.DeliveryKey;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connector against answers as the PDS gives them (measured on {@code @atproto/pds} 0.5.35 and
 * documented in the XRPC spec), served by WireMock: each one classified, sessions renewed, record keys
 * checked before and after a write.
 */
class BlueskyConnectorTest {

    private static final String PASSWORD = "app-pass-word-7xq2";
    private static final String DID = "did:plc:6t2y6oasf7yvv4oghujhndlo";
    private static final String X = "/xrpc/";
    private static final String SESSION = X + "com.atproto.server.createSession";
    private static final String REFRESH = X + "com.atproto.server.refreshSession";
    private static final String GET = X + "com.atproto.repo.getRecord";
    private static final String CREATE = X + "com.atproto.repo.createRecord";
    private static final String NOT_FOUND = "{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record: at://x\"}";

    @RegisterExtension
    static WireMockExtension pds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final BlueskyConnector connector = new BlueskyConnector(new ConnectorContext(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Clock.systemUTC(), Duration.ofSeconds(2)));
    private final DeliveryKey delivery = new DeliveryKey("flu", 1, "bluesky:riverside");

    private Account account() {
        return new Account("bluesky", "riverside", URI.create(pds.baseUrl()), Map.of("password", Secret.of(PASSWORD)),
                Map.of("handle", "riverside.bsky.social"));
    }

    private static String jwt(String scope, Instant exp) {
        String body = "{\"scope\":\"" + scope + "\",\"sub\":\"" + DID + "\",\"exp\":" + exp.getEpochSecond() + "}";
        return "eyJhbGciOiJIUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
    }

    private static String session(String access, String refresh) {
        return "{\"did\":\"" + DID + "\",\"handle\":\"riverside.bsky.social\",\"accessJwt\":\"" + access + "\",\"refreshJwt\":\""
                + refresh + "\",\"active\":true}";
    }

    private static final String ACCESS = jwt("com.atproto.access", Instant.now().plus(Duration.ofHours(2)));
    private static final String REFRESH_TOKEN = jwt("com.atproto.refresh", Instant.now().plus(Duration.ofDays(90)));

    private TestAttempt attempt(String text) {
        PlatformPost post = connector.adapt(PostContent.text(text), account());
        return TestAttempt.first(account(), post, delivery);
    }

    @BeforeEach
    void session() {
        pds.stubFor(post(urlPathEqualTo(SESSION)).willReturn(okJson(session(ACCESS, REFRESH_TOKEN))));
        pds.stubFor(get(urlPathEqualTo(GET)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(NOT_FOUND)));
    }

    private static String created(String rkey) {
        return "{\"uri\":\"at://" + DID + "/app.bsky.feed.post/" + rkey + "\",\"cid\":\"bafyreiefl6bhno2yq6f3gg7hk2it2fqgthllfidpwkh6bkiasn32uapsra\","
                + "\"commit\":{\"cid\":\"bafyreig\",\"rev\":\"3n42vzdzwqc2z\"},\"validationStatus\":\"valid\"}";
    }

    private PublishException failure(int status, String body, Map<String, String> headers) {
        var answer = aResponse().withStatus(status).withBody(body);
        headers.forEach(answer::withHeader);
        pds.stubFor(post(urlPathEqualTo(CREATE)).willReturn(answer));
        try {
            connector.publish(attempt("Flu shots today."));
        } catch (PublishException e) {
            return e;
        }
        throw new AssertionError("expected a failure for HTTP " + status);
    }

    @Test
    void shouldQuoteThePdsWordsForATextItRefusesAndNotRetryIt() {
        PublishException e = failure(400, "{\"error\":\"InvalidRequest\",\"message\":\"Invalid app.bsky.feed.post record: grapheme too big"
                + " (maximum 300, got 301) at $.record.text\"}", Map.of("Content-Type", "application/json"));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("bluesky answered HTTP 400: Invalid app.bsky.feed.post record: grapheme too big"
                + " (maximum 300, got 301) at $.record.text (InvalidRequest)");
    }

    @Test
    void shouldWaitUntilRateLimitResetWhenThePdsSaysSo() {
        long reset = Instant.now().plusSeconds(300).getEpochSecond();
        PublishException e = failure(429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}",
                Map.of("RateLimit-Limit", "5000", "RateLimit-Remaining", "0", "RateLimit-Reset", Long.toString(reset),
                        "RateLimit-Policy", "5000;w=3600"));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(290), Duration.ofSeconds(301)));
    }

    @Test
    void shouldSayEmptyBodyAndRetryAServerErrorOnlyAfterLookingForTheRecord() {
        PublishException e = failure(502, "", Map.of());

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.getMessage()).isEqualTo("bluesky answered HTTP 502: (empty body)");
        assertThat(pds.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(GET)))).hasSize(2);
    }

    @Test
    void shouldTakeTheRecordWhenARepeatedKeyIsAnswered500() throws PublishException {
        TestAttempt attempt = attempt("Flu shots today.");
        String rkey = Tid.of(delivery, 0);
        pds.stubFor(get(urlPathEqualTo(GET)).inScenario("repeat").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withBody(NOT_FOUND)).willSetStateTo("written"));
        pds.stubFor(get(urlPathEqualTo(GET)).inScenario("repeat").whenScenarioStateIs("written")
                .willReturn(okJson(created(rkey).replace("}", ",\"value\":{}}"))));
        pds.stubFor(post(urlPathEqualTo(CREATE)).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}")));

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.remoteId()).isEqualTo("at://" + DID + "/app.bsky.feed.post/" + rkey);
        assertThat(receipt.parts().get(0).ref("cid")).startsWith("bafyrei");
    }

    @Test
    void shouldRefuseAWrongPasswordAsAuthenticationWithoutShowingIt() {
        pds.stubFor(post(urlPathEqualTo(SESSION)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}")));

        assertThatThrownBy(() -> connector.publish(attempt("Flu shots today.")))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                .hasMessage("bluesky answered HTTP 401: Invalid identifier or password (AuthenticationRequired)")
                .message().doesNotContain(PASSWORD);
    }

    @Test
    void shouldRefreshAnExpiredSessionOnceAndWriteThePost() throws PublishException {
        String fresh = jwt("com.atproto.access", Instant.now().plus(Duration.ofHours(2))).replace("c2lnbmF0dXJl", "bmV3");
        pds.stubFor(post(urlPathEqualTo(CREATE)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}")));
        pds.stubFor(post(urlPathEqualTo(REFRESH)).withHeader("Authorization", equalTo("Bearer " + REFRESH_TOKEN))
                .willReturn(okJson(session(fresh, REFRESH_TOKEN))));
        pds.stubFor(post(urlPathEqualTo(CREATE)).withHeader("Authorization", equalTo("Bearer " + fresh))
                .willReturn(okJson(created(Tid.of(delivery, 0)))));
        TestAttempt attempt = attempt("Flu shots today.");

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.partIds()).hasSize(1);
        pds.verify(1, postRequestedFor(urlPathEqualTo(SESSION)));
        pds.verify(1, postRequestedFor(urlPathEqualTo(REFRESH)));
        assertThat(attempt.credentials().get(BlueskySessions.NAME).orElseThrow().value().reveal()).contains(fresh);
    }

    @Test
    void shouldReuseAKeptSessionInsteadOfLoggingInAgain() throws PublishException {
        pds.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(created(Tid.of(delivery, 0)))));
        TestAttempt first = attempt("Flu shots today.");
        connector.publish(first);

        connector.publish(first.forgettingCheckpoints());

        pds.verify(1, postRequestedFor(urlPathEqualTo(SESSION)));
    }

    @Test
    void shouldSendTheRecordKeyFacetsAndLanguage() throws PublishException {
        pds.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(created(Tid.of(delivery, 0)))));
        Account english = account().withSettings(Map.of("handle", "riverside.bsky.social", "language", "en"));
        PlatformPost post = connector.adapt(new PostContent("Flu shots 💉 today", "https://riverside.example/flu",
                java.util.List.of("FluSeason"), java.util.List.of()), english);

        connector.publish(TestAttempt.first(english, post, delivery));

        pds.verify(postRequestedFor(urlPathEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.rkey", equalTo(Tid.of(delivery, 0))))
                .withRequestBody(matchingJsonPath("$.repo", equalTo(DID)))
                .withRequestBody(matchingJsonPath("$.record.langs[0]", equalTo("en")))
                // "Flu shots 💉 today\n\n" is 22 bytes (the syringe 4): the link takes bytes 22 to 51
                .withRequestBody(matchingJsonPath("$.record.facets[0].index.byteStart", equalTo("22")))
                .withRequestBody(matchingJsonPath("$.record.facets[0].index.byteEnd", equalTo("51")))
                .withRequestBody(matchingJsonPath("$.record.facets[1].features[0].tag", equalTo("FluSeason")))
                .withRequestBody(matchingJsonPath("$.record.embed.external.uri", equalTo("https://riverside.example/flu"))));
    }

    @Test
    void shouldReadBackTheRecordOfTheUnclearPart() throws PublishException {
        String rkey = Tid.of(delivery, 0);
        TestAttempt attempt = attempt("Flu shots today.");
        ReadBack missing = connector.readBack(attempt);
        pds.stubFor(get(urlPathEqualTo(GET)).withQueryParam("rkey", equalTo(rkey)).willReturn(okJson(created(rkey))));

        ReadBack found = connector.readBack(attempt);

        assertThat(missing.outcome()).isEqualTo(ReadBack.Outcome.NOT_FOUND);
        assertThat(missing.detail()).contains(rkey);
        assertThat(found.outcome()).isEqualTo(ReadBack.Outcome.FOUND);
        assertThat(attempt.checkpoint("part-0")).hasValueSatisfying(c -> assertThat(c.get("cid")).startsWith("bafyrei"));
    }

    @Test
    void shouldCallAPostUnclearWhenThePdsDoesNotAnswerInTime() {
        pds.stubFor(post(urlPathEqualTo(CREATE)).willReturn(okJson(created(Tid.of(delivery, 0))).withFixedDelay(2500)));

        assertThatThrownBy(() -> connector.publish(attempt("Flu shots today.")))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
    }

    private static final String DELETE = X + "com.atproto.repo.deleteRecord";

    private io.herald.connector.Takedown takedown(String rkey) {
        String uri = "at://" + DID + "/app.bsky.feed.post/" + rkey;
        return new io.herald.connector.Takedown(account(), delivery, 0, 1, new io.herald.connector.PartReceipt(uri,
                "https://bsky.app/profile/riverside.bsky.social/post/" + rkey, Map.of("uri", uri, "rkey", rkey)),
                io.herald.connector.CredentialStore.inMemory(), "dosage typo");
    }

    @Test
    void shouldDeleteARecordThatIsThereAndNotAskAgainForOneThatIsGone() throws PublishException {
        pds.stubFor(get(urlPathEqualTo(GET)).withQueryParam("rkey", equalTo("3lbqvbmvyf22k")).willReturn(okJson(created("3lbqvbmvyf22k"))));
        pds.stubFor(post(urlPathEqualTo(DELETE)).willReturn(okJson("{\"commit\":{\"cid\":\"bafyreig\",\"rev\":\"3n42w\"}}")));

        io.herald.connector.TakedownResult there = connector.delete(takedown("3lbqvbmvyf22k"));
        io.herald.connector.TakedownResult gone = connector.delete(takedown("3lbqvbmvyf22l"));

        assertThat(there.outcome()).isEqualTo(io.herald.connector.TakedownResult.Outcome.DELETED);
        assertThat(gone.outcome()).isEqualTo(io.herald.connector.TakedownResult.Outcome.ALREADY_GONE);
        assertThat(gone.detail()).isEqualTo("record at://" + DID + "/app.bsky.feed.post/3lbqvbmvyf22l is not on the PDS (deleted before)");
        pds.verify(1, postRequestedFor(urlPathEqualTo(DELETE)));
        pds.verify(postRequestedFor(urlPathEqualTo(DELETE)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .withRequestBody(matchingJsonPath("$.repo", equalTo(DID)))
                .withRequestBody(matchingJsonPath("$.collection", equalTo("app.bsky.feed.post")))
                .withRequestBody(matchingJsonPath("$.rkey", equalTo("3lbqvbmvyf22k"))));
        assertThat(connector.capabilities(account()).corrections().delete()).isTrue();
        assertThat(connector.capabilities(account()).corrections().edit()).isFalse();
    }

    @Test
    void shouldClassifyADeletionThePdsCannotTakeNowAsRetryable() {
        pds.stubFor(get(urlPathEqualTo(GET)).willReturn(okJson(created("3lbqvbmvyf22k"))));
        pds.stubFor(post(urlPathEqualTo(DELETE)).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> connector.delete(takedown("3lbqvbmvyf22k"))).isInstanceOfSatisfying(PublishException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE));
    }
}
