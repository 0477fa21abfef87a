package io.herald.sandbox.linkedin;

import static io.herald.sandbox.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.sandbox.Http;
import io.herald.sandbox.Http.Answer;
import io.herald.sandbox.MutableClock;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkedInStandInTest {

    private static final String TOKEN = SandboxAccounts.LINKEDIN_DEMO_TOKEN;
    private static final String ORG = SandboxAccounts.LINKEDIN_DEMO_ORGANIZATION;
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T14:00:00Z"));
    private SandboxServer server;
    private URI base;

    @BeforeEach
    void start() {
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).start();
        base = server.baseUri("linkedin");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest.Builder rest(String path, String version) {
        HttpRequest.Builder r = Http.request(base, path).header("Authorization", "Bearer " + TOKEN)
                .header("X-Restli-Protocol-Version", "2.0.0");
        return version == null ? r : r.header("LinkedIn-Version", version);
    }

    private Answer createPost(String commentary) {
        return createPost(Map.of("author", ORG, "commentary", commentary, "visibility", "PUBLIC",
                "distribution", Map.of("feedDistribution", "MAIN_FEED"), "lifecycleState", "PUBLISHED"));
    }

    private Answer createPost(Map<String, Object> body) {
        return Http.send(rest("/rest/posts", "202611").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    @Test
    void shouldCreateAPostAnsweringItsUrnInXRestliIdWithoutABody() {
        Answer created = createPost("Flu shots \\(free\\) today #FluSeason");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEmpty();
        String urn = created.headers().firstValue("x-restli-id").orElseThrow();
        assertThat(urn).startsWith("urn:li:share:");
        Answer read = Http.send(rest("/rest/posts/" + URLEncoder.encode(urn, StandardCharsets.UTF_8), "202611").GET());
        assertThat(read.json().get("commentary").asText()).isEqualTo("Flu shots \\(free\\) today #FluSeason");
        assertThat(read.json().get("author").asText()).isEqualTo(ORG);
        assertThat(server.posts("linkedin:demo")).singleElement().satisfies(p -> {
            assertThat(p.remoteId()).isEqualTo(urn);
            assertThat(p.text()).isEqualTo("Flu shots (free) today #FluSeason");
        });
    }

    @Test
    void shouldCutTheShownTextAtAnUnescapedReservedCharacterAsLinkedInDoes() {
        createPost("Flu shots (free) today");

        assertThat(server.posts("linkedin:demo")).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("Flu shots "));
    }

    @Test
    void shouldRefuseAMissingOrWrongToken() {
        Answer answer = Http.send(Http.request(base, "/rest/posts").header("LinkedIn-Version", "202611")
                .header("X-Restli-Protocol-Version", "2.0.0").header("Content-Type", "application/json")
                .header("Authorization", "Bearer nope").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("code").asText()).isEqualTo("INVALID_ACCESS_TOKEN");
        assertThat(answer.json().get("serviceErrorCode").asInt()).isEqualTo(65600);
    }

    @Test
    void shouldRequireAnActiveVersion() {
        Answer missing = Http.send(rest("/rest/posts?q=author&author=" + ORG, null).GET());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asText()).isEqualTo("VERSION_MISSING");

        Answer future = Http.send(rest("/rest/posts?q=author&author=" + ORG, "202701").GET());
        assertThat(future.status()).isEqualTo(426);
        assertThat(future.json().get("message").asText()).isEqualTo("Requested version 20270101 is not active");

        server.configure("linkedin", Map.of("retiredVersions", "202611"));
        Answer retired = createPost("Hello");
        assertThat(retired.status()).isEqualTo(426);
        assertThat(retired.json().get("code").asText()).isEqualTo("NONEXISTENT_VERSION");
        assertThat(retired.json().get("message").asText()).isEqualTo("Requested version 20261101 is not active");

        server.configure("linkedin", Map.of("retiredVersions", "", "oldestActiveVersion", "202612"));
        assertThat(createPost("Hello").status()).isEqualTo(426);
    }

    @Test
    void shouldRequireTheRestliProtocolVersion() {
        Answer answer = Http.send(Http.request(base, "/rest/posts?q=author&author=" + ORG).header("Authorization", "Bearer " + TOKEN)
                .header("LinkedIn-Version", "202611").GET());

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseACommentaryOverThreeThousandCharactersAsSent() {
        assertThat(createPost("x".repeat(3000)).status()).isEqualTo(201);

        Answer over = createPost("\\(".repeat(1500) + "y");
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().get("message").asText()).contains("/commentary").contains("3001");
    }

    @Test
    void shouldRefuseToPostAsAnotherOrganization() {
        Answer answer = createPost(Map.of("author", "urn:li:organization:999", "commentary", "Hi", "visibility", "PUBLIC",
                "distribution", Map.of("feedDistribution", "MAIN_FEED"), "lifecycleState", "PUBLISHED"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("code").asText()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void shouldRefuseTheSameCommentaryWithinADayNamingTheEarlierPost() {
        String first = createPost("Same words.").headers().firstValue("x-restli-id").orElseThrow();

        Answer again = createPost("Same words.");

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("message").asText()).endsWith("Content is a duplicate of " + first);
        assertThat(again.json().at("/errorDetails/inputErrors/0/code").asText()).isEqualTo("DUPLICATE_POST");
        clock.advance(Duration.ofHours(25));
        assertThat(createPost("Same words.").status()).isEqualTo(201);
    }

    @Test
    void shouldTakeAnImageByInitializeUploadAndPutAndAttachItWithAltText() {
        Answer init = Http.send(rest("/rest/images?action=initializeUpload", "202611").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("initializeUploadRequest", Map.of("owner", ORG))))));
        assertThat(init.status()).isEqualTo(200);
        String image = init.json().at("/value/image").asText();
        URI uploadUrl = URI.create(init.json().at("/value/uploadUrl").asText());
        String imagePath = "/rest/images/" + URLEncoder.encode(image, StandardCharsets.UTF_8);
        assertThat(Http.send(rest(imagePath, "202611").GET()).json().get("status").asText()).isEqualTo("WAITING_UPLOAD");
        Map<String, Object> post = Map.of("author", ORG, "commentary", "With a picture", "visibility", "PUBLIC",
                "distribution", Map.of("feedDistribution", "MAIN_FEED"), "lifecycleState", "PUBLISHED",
                "content", Map.of("media", Map.of("id", image, "altText", "A nurse")));
        assertThat(createPost(post).status()).as("not uploaded yet").isEqualTo(422);

        Answer put = Http.send(HttpRequest.newBuilder(uploadUrl).header("Authorization", "Bearer " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JPEG)));

        assertThat(put.status()).isEqualTo(201);
        assertThat(Http.send(rest(imagePath, "202611").GET()).json().get("status").asText()).isEqualTo("AVAILABLE");
        assertThat(createPost(post).status()).isEqualTo(201);
        assertThat(server.posts("linkedin:demo")).singleElement().satisfies(p -> assertThat(p.media()).singleElement()
                .satisfies(m -> {
                    assertThat(m.altText()).isEqualTo("A nurse");
                    assertThat(m.mimeType()).isEqualTo("image/jpeg");
                    assertThat(m.bytes()).isEqualTo(JPEG.length);
                }));
    }

    @Test
    void shouldListTheAuthorsPostsNewestFirst() {
        createPost("one");
        clock.advance(Duration.ofSeconds(1));
        createPost("two");

        Answer list = Http.send(rest("/rest/posts?q=author&author=" + URLEncoder.encode(ORG, StandardCharsets.UTF_8)
                + "&count=10&sortBy=CREATED", "202611").GET());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("elements").findValuesAsText("commentary")).containsExactly("two", "one");
        assertThat(list.json().at("/elements/0/createdAt").asLong()).isEqualTo(clock.instant().toEpochMilli());
        assertThat(list.json().at("/paging/total").asInt()).isEqualTo(2);
    }

    @Test
    void shouldKeepItsPostsAcrossARestart() {
        createPost("kept");
        server.close();
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).start();

        assertThat(server.posts("linkedin:demo")).extracting(p -> p.text()).containsExactly("kept");
    }

    @Test
    void shouldRefuseAnUnknownSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.configure("linkedin", Map.of("colour", "blue")))
                .hasMessageContaining("retiredVersions");
        assertThat(List.of(server.platforms().toArray())).contains("linkedin");
    }
}
