package io.herald.connector.linkedin;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import org.slf4j.LoggerFactory;

/** Every documented answer of LinkedIn and every step of a publication, against WireMock. */
class LinkedInConnectorTest {

    private static final String TOKEN = "li-secret-token-42";
    private static final String ORG = "urn:li:organization:2414183";
    private static final Instant NOW = Instant.parse("2026-12-06T23:30:00Z");
    private static final String POSTS = "/rest/posts";
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};

    @RegisterExtension
    static WireMockExtension linkedin = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final LinkedInConnector connector = new LinkedInConnector(new ConnectorContext(HttpClient.newHttpClient(),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10)));
    private final DeliveryKey delivery = new DeliveryKey("flu-clinic", 1, "linkedin:riverside");

    private Account account(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("author", ORG, "version", "202611"));
        settings.putAll(extra);
        return new Account("linkedin", "riverside", URI.create(linkedin.baseUrl()), Map.of("token", Secret.of(TOKEN)), settings);
    }

    private PlatformPost adapt(String body, List<Media> media) {
        return connector.adapt(new PostContent(body, null, List.of(), media), account(Map.of()));
    }

    private TestAttempt attempt(PlatformPost post) {
        return TestAttempt.first(account(Map.of()), post, delivery);
    }

    private static String error(int status, String code, String message) {
        return "{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}";
    }

    @Test
    void shouldPostTheEscapedCommentaryWithVersionAndProtocolHeadersAndTakeTheIdFromXRestliId() throws PublishException {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:7001")));

        Receipt receipt = connector.publish(attempt(adapt("Flu shots (free) today #FluSeason", List.of())));

        assertThat(receipt.remoteId()).isEqualTo("urn:li:share:7001");
        assertThat(receipt.remoteUrl()).isEqualTo("https://www.linkedin.com/feed/update/urn:li:share:7001/");
        linkedin.verify(postRequestedFor(urlEqualTo(POSTS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("LinkedIn-Version", equalTo("202611"))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withRequestBody(matchingJsonPath("$.author", equalTo(ORG)))
                .withRequestBody(matchingJsonPath("$.commentary", equalTo("Flu shots \\(free\\) today #FluSeason")))
                .withRequestBody(matchingJsonPath("$.visibility", equalTo("PUBLIC")))
                .withRequestBody(matchingJsonPath("$.distribution.feedDistribution", equalTo("MAIN_FEED")))
                .withRequestBody(matchingJsonPath("$.lifecycleState", equalTo("PUBLISHED"))));
    }

    @Test
    void shouldUploadTheImageThenPostItWithItsAltTextRecordingEachStep() throws PublishException {
        stubImage("urn:li:image:C4E1", "AVAILABLE");
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:7002")));
        TestAttempt attempt = attempt(adapt("With a picture.", List.of(image())));

        connector.publish(attempt);

        assertThat(attempt.checkpoints()).extracting(Checkpoint::step).containsExactly("media-0", "part-0");
        assertThat(attempt.checkpoint("media-0").orElseThrow().get("image")).isEqualTo("urn:li:image:C4E1");
        linkedin.verify(postRequestedFor(urlEqualTo("/rest/images?action=initializeUpload"))
                .withRequestBody(matchingJsonPath("$.initializeUploadRequest.owner", equalTo(ORG))));
        linkedin.verify(putRequestedFor(urlEqualTo("/upload/abc")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        linkedin.verify(postRequestedFor(urlEqualTo(POSTS))
                .withRequestBody(matchingJsonPath("$.content.media.id", equalTo("urn:li:image:C4E1")))
                .withRequestBody(matchingJsonPath("$.content.media.altText", equalTo("A nurse giving a flu shot"))));
    }

    @Test
    void shouldResumeAfterARecordedUploadWithoutUploadingAgain() throws PublishException {
        linkedin.stubFor(get(urlPathEqualTo("/rest/images/urn%3Ali%3Aimage%3AC4E9")).willReturn(okJson("{\"status\":\"AVAILABLE\"}")));
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:7003")));
        TestAttempt first = attempt(adapt("Resumed.", List.of(image())));
        first.record(new Checkpoint("media-0", Map.of("image", "urn:li:image:C4E9")));

        Receipt receipt = connector.publish(first.next());

        assertThat(receipt.remoteId()).isEqualTo("urn:li:share:7003");
        linkedin.verify(0, postRequestedFor(urlEqualTo("/rest/images?action=initializeUpload")));
        linkedin.verify(postRequestedFor(urlEqualTo(POSTS)).withRequestBody(matchingJsonPath("$.content.media.id",
                equalTo("urn:li:image:C4E9"))));
    }

    @Test
    void shouldNotPostAgainWhenThePostIsRecorded() throws PublishException {
        TestAttempt first = attempt(adapt("Done already.", List.of()));
        first.record(Checkpoint.posted(0, io.herald.connector.PartReceipt.of("urn:li:share:1", null)));

        assertThat(connector.publish(first.next()).remoteId()).isEqualTo("urn:li:share:1");
        linkedin.verify(0, postRequestedFor(urlEqualTo(POSTS)));
    }

    @Test
    void shouldFailARetiredVersionForGoodNamingTheVersionAndTheSettingAndAlertTheOperatorOnce() {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(426).withHeader("Content-Type", "application/json")
                .withBody(error(426, "NONEXISTENT_VERSION", "Requested version 20261101 is not active"))));
        ListAppender<ILoggingEvent> log = capture();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> connector.publish(attempt(adapt("Hello.", List.of()))))
                    .isInstanceOfSatisfying(PublishException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                        assertThat(e.httpStatus()).isEqualTo(426);
                    })
                    .hasMessageContaining("LinkedIn retired API version 202611")
                    .hasMessageContaining("set settings.version of account linkedin:riverside (accounts file)")
                    .hasMessageContaining("Requested version 20261101 is not active")
                    .message().doesNotContain(TOKEN);
        }

        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("OPERATOR ALERT").contains("202611"));
    }

    @Test
    void shouldFailARetiredVersionOnTheImageUploadToo() {
        linkedin.stubFor(post(urlEqualTo("/rest/images?action=initializeUpload")).willReturn(aResponse().withStatus(426)
                .withBody(error(426, "NONEXISTENT_VERSION", "Requested version 20261101 is not active"))));
        linkedin.stubFor(get("/img.jpg").willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));

        assertThatThrownBy(() -> connector.publish(attempt(adapt("Pic.", List.of(image())))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT))
                .hasMessageContaining("settings.version");
    }

    @Test
    void shouldReportAnInvalidTokenAsAuthenticationWithoutShowingIt() {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(401)
                .withBody("{\"status\":401,\"serviceErrorCode\":65600,\"code\":\"INVALID_ACCESS_TOKEN\",\"message\":\"Invalid access token\"}")));

        assertThatThrownBy(() -> connector.publish(attempt(adapt("Hello.", List.of()))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                .hasMessageContaining("Invalid access token")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void shouldReportAMissingPermissionAsAuthentication() {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(403)
                .withBody(error(403, "ACCESS_DENIED", "Not enough permissions to access: partnerApiPostsExternal.CREATE.20261101"))));

        assertThatThrownBy(() -> connector.publish(attempt(adapt("Hello.", List.of()))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                .hasMessageContaining("Not enough permissions");
    }

    @Test
    void shouldWaitForTheDailyResetButAtMostAnHourWhenLinkedInSaysNotWhen() {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(429)
                .withBody("{\"status\":429,\"message\":\"Resource level throttle APPLICATION DAY limit for calls to this resource is reached.\"}")));

        assertThatThrownBy(() -> connector.publish(attempt(adapt("Hello.", List.of()))))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofMinutes(30)); // 23:30 UTC: midnight is 30 minutes away
                });
    }

    @Test
    void shouldReportAValidationErrorAsPermanent() {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(422)
                .withBody(error(422, "UNPROCESSABLE_ENTITY", "ERROR :: /commentary :: length 3001 exceeds the maximum of 3000"))));

        assertThatThrownBy(() -> connector.publish(attempt(adapt("Hello.", List.of()))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT))
                .hasMessageContaining("/commentary");
    }

    @Test
    void shouldRetryAServerError() {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(500).withBody(error(500, "INTERNAL", "Internal Server Error"))));

        assertThatThrownBy(() -> connector.publish(attempt(adapt("Hello.", List.of()))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RETRYABLE));
    }

    @Test
    void shouldTreatA201WithoutXRestliIdAsAnUnclearOutcome() {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(201)));

        assertThatThrownBy(() -> connector.publish(attempt(adapt("Hello.", List.of()))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
    }

    @Test
    void shouldTakeADuplicateOfItsOwnEarlierPostAsThePublication() throws PublishException {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(422).withBody(duplicateOf("urn:li:share:7100"))));
        linkedin.stubFor(get(urlPathEqualTo("/rest/posts/urn%3Ali%3Ashare%3A7100")).willReturn(okJson(
                "{\"id\":\"urn:li:share:7100\",\"author\":\"" + ORG + "\",\"commentary\":\"Once only.\",\"createdAt\":"
                        + Instant.now().toEpochMilli() + "}")));
        TestAttempt attempt = attempt(adapt("Once only.", List.of()));

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.remoteId()).isEqualTo("urn:li:share:7100");
        assertThat(receipt.note()).contains("reconciled");
        assertThat(attempt.checkpoint("part-0")).isPresent();
    }

    @Test
    void shouldRefuseADuplicateOfAnotherPostWithItsUrn() {
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(422).withBody(duplicateOf("urn:li:share:6000"))));
        linkedin.stubFor(get(urlPathEqualTo("/rest/posts/urn%3Ali%3Ashare%3A6000")).willReturn(okJson(
                "{\"id\":\"urn:li:share:6000\",\"author\":\"" + ORG + "\",\"commentary\":\"Same words.\",\"createdAt\":"
                        + Instant.now().minus(Duration.ofHours(5)).toEpochMilli() + "}")));

        assertThatThrownBy(() -> connector.publish(attempt(adapt("Same words.", List.of()))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT))
                .hasMessageContaining("identical to urn:li:share:6000");
    }

    @Test
    void shouldFindTheUnclearPostAmongTheOrganizationsPosts() throws PublishException {
        linkedin.stubFor(get(urlPathEqualTo(POSTS)).willReturn(okJson("{\"elements\":[{\"id\":\"urn:li:share:7200\",\"author\":\""
                + ORG + "\",\"commentary\":\"Open \\\\(late\\\\) tonight.\",\"createdAt\":" + Instant.now().toEpochMilli() + "}]}")));
        TestAttempt attempt = attempt(adapt("Open (late) tonight.", List.of()));

        ReadBack found = connector.readBack(attempt);

        assertThat(found.outcome()).isEqualTo(ReadBack.Outcome.FOUND);
        assertThat(attempt.checkpoint("part-0").orElseThrow().get("remoteId")).isEqualTo("urn:li:share:7200");
        linkedin.verify(getRequestedFor(urlPathEqualTo(POSTS)).withQueryParam("q", equalTo("author"))
                .withQueryParam("author", equalTo(ORG)).withHeader("LinkedIn-Version", equalTo("202611")));
    }

    @Test
    void shouldNotTakeAnOlderPostWithTheSameTextForTheUnclearOne() throws PublishException {
        linkedin.stubFor(get(urlPathEqualTo(POSTS)).willReturn(okJson("{\"elements\":[{\"id\":\"urn:li:share:1\",\"author\":\""
                + ORG + "\",\"commentary\":\"Weekly.\",\"createdAt\":" + Instant.now().minus(Duration.ofDays(7)).toEpochMilli() + "}]}")));

        assertThat(connector.readBack(attempt(adapt("Weekly.", List.of()))).outcome()).isEqualTo(ReadBack.Outcome.NOT_FOUND);
    }

    @Test
    void shouldSayItCannotReadAMembersPostsWithoutTheRestrictedScope() throws PublishException {
        Account member = account(Map.of("author", "urn:li:person:abc"));
        PlatformPost post = connector.adapt(PostContent.text("Hi."), member);

        ReadBack result = connector.readBack(TestAttempt.first(member, post, delivery));

        assertThat(result.outcome()).isEqualTo(ReadBack.Outcome.UNSUPPORTED);
        assertThat(result.detail()).contains("r_member_social").contains("memberReadBack");
        assertThat(connector.capabilities(member).readBack()).isFalse();
        assertThat(connector.capabilities(account(Map.of("author", "urn:li:person:abc", "memberReadBack", "true"))).readBack()).isTrue();
    }

    @Test
    void shouldSendTheTokenOnlyToLinkedInsOwnUploadHosts() throws PublishException {
        linkedin.stubFor(post(urlEqualTo("/rest/images?action=initializeUpload")).willReturn(okJson(
                "{\"value\":{\"uploadUrl\":\"http://localhost:" + linkedin.getPort() + "/upload/elsewhere\",\"image\":\"urn:li:image:X\"}}")));
        linkedin.stubFor(put("/upload/elsewhere").willReturn(aResponse().withStatus(201)));
        linkedin.stubFor(get(urlPathEqualTo("/rest/images/urn%3Ali%3Aimage%3AX")).willReturn(okJson("{\"status\":\"AVAILABLE\"}")));
        linkedin.stubFor(get("/img.jpg").willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));
        linkedin.stubFor(post(POSTS).willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:7300")));
        // the account's API root is 127.0.0.1; the answer names localhost, another host
        Account byAddress = account(Map.of()).withBaseUrl(URI.create("http://127.0.0.1:" + linkedin.getPort()));

        connector.publish(TestAttempt.first(byAddress, adapt("Pic.", List.of(image())), delivery));

        linkedin.verify(putRequestedFor(urlEqualTo("/upload/elsewhere")).withHeader("Authorization", absent()));
    }

    @Test
    void shouldWarnOfAnAgeingVersionAndAnExpiringToken() {
        AccountHealth old = connector.health(account(Map.of("version", "202601")));
        AccountHealth soon = connector.health(account(Map.of("expiresAt", "2026-12-10")));
        AccountHealth future = connector.health(account(Map.of("version", "202701")));

        assertThat(old.status()).isEqualTo(AccountHealth.Status.WARNING);
        assertThat(old.detail()).contains("202601 is 11 months old").contains("settings.version of linkedin:riverside");
        assertThat(soon.status()).isEqualTo(AccountHealth.Status.WARNING);
        assertThat(soon.detail()).contains("the LinkedIn access token expires in 3 days");
        assertThat(soon.credentialExpiresAt()).isEqualTo(Instant.parse("2026-12-10T00:00:00Z"));
        assertThat(future.status()).isEqualTo(AccountHealth.Status.ERROR);
        assertThat(connector.health(account(Map.of())).status()).isEqualTo(AccountHealth.Status.UNKNOWN);
    }

    private void stubImage(String urn, String status) {
        linkedin.stubFor(get("/img.jpg").willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));
        linkedin.stubFor(post(urlEqualTo("/rest/images?action=initializeUpload")).willReturn(okJson(
                "{\"value\":{\"uploadUrlExpiresAt\":1,\"uploadUrl\":\"" + linkedin.baseUrl() + "/upload/abc\",\"image\":\"" + urn + "\"}}")));
        linkedin.stubFor(put("/upload/abc").willReturn(aResponse().withStatus(201)));
        linkedin.stubFor(get(urlPathEqualTo("/rest/images/" + urn.replace(":", "%3A"))).willReturn(okJson("{\"status\":\"" + status + "\"}")));
    }

    private Media image() {
        return new Media(linkedin.baseUrl() + "/img.jpg", "A nurse giving a flu shot", "image/jpeg");
    }

    private static String duplicateOf(String urn) {
        return "{\"errorDetailType\":\"com.linkedin.common.error.BadRequest\",\"message\":\"com.linkedin.content.common.exception."
                + "BadRequestResponseException: Content is a duplicate of " + urn + "\",\"errorDetails\":{\"inputErrors\":"
                + "[{\"description\":\"Duplicate post is detected\",\"input\":{},\"code\":\"DUPLICATE_POST\"}]},\"status\":422}";
    }

    private static ListAppender<ILoggingEvent> capture() {
        Logger logger = (Logger) LoggerFactory.getLogger(LinkedInConnector.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }
}
