package io.herald.sandbox.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.Http;
import io.herald.sandbox.Http.Answer;
import io.herald.sandbox.MutableClock;
import io.herald.sandbox.SandboxServer;
import io.herald.sandbox.standin.StandIns;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlueskyStandInTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private SandboxServer server;
    private URI base;

    @BeforeEach
    void start() {
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).standIns(StandIns.builtIn()).start();
        base = server.baseUri("bluesky");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer xrpc(String nsid, String token, Object body) {
        return Http.postJson(base, "/xrpc/" + nsid, token, null, Http.json(body));
    }

    private JsonNode session() {
        Answer s = xrpc("com.atproto.server.createSession", null,
                Map.of("identifier", BlueskyStandIn.DEMO_HANDLE, "password", BlueskyStandIn.DEMO_PASSWORD));
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        return s.json();
    }

    private static Map<String, Object> post(String text) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", "app.bsky.feed.post");
        record.put("text", text);
        record.put("createdAt", "2026-12-07T09:00:00.000Z");
        return record;
    }

    private Answer create(String token, String rkey, Map<String, Object> record) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repo", BlueskyStandIn.DEMO_DID);
        body.put("collection", "app.bsky.feed.post");
        if (rkey != null) {
            body.put("rkey", rkey);
        }
        body.put("record", record);
        return xrpc("com.atproto.repo.createRecord", token, body);
    }

    @Test
    void shouldRefuseAWrongPasswordInThePdsWords() {
        Answer wrong = xrpc("com.atproto.server.createSession", null,
                Map.of("identifier", BlueskyStandIn.DEMO_HANDLE, "password", "nope"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("AuthenticationRequired");
        assertThat(wrong.json().get("message").asText()).isEqualTo("Invalid identifier or password");
    }

    @Test
    void shouldRateLimitCreateSessionAndSayWhenToComeBack() {
        server.configure("bluesky", Map.of("sessionsPer5Minutes", "2"));
        session();
        session();

        Answer third = xrpc("com.atproto.server.createSession", null,
                Map.of("identifier", BlueskyStandIn.DEMO_HANDLE, "password", BlueskyStandIn.DEMO_PASSWORD));

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().get("error").asText()).isEqualTo("RateLimitExceeded");
        assertThat(third.headers().firstValue("RateLimit-Reset")).hasValue(
                Long.toString(Instant.parse("2026-12-07T09:05:00Z").getEpochSecond()));
        clock.advance(Duration.ofMinutes(5));
        assertThat(session().get("did").asText()).isEqualTo(BlueskyStandIn.DEMO_DID);
    }

    @Test
    void shouldExpireAccessTokensAndRotateRefreshTokens() {
        JsonNode s = session();
        clock.advance(Duration.ofHours(2));

        Answer expired = create(s.get("accessJwt").asText(), null, post("late"));
        Answer refreshed = xrpc("com.atproto.server.refreshSession", s.get("refreshJwt").asText(), Map.of());
        Answer reused = xrpc("com.atproto.server.refreshSession", s.get("refreshJwt").asText(), Map.of());

        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("error").asText()).isEqualTo("ExpiredToken");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(create(refreshed.json().get("accessJwt").asText(), null, post("on time")).status()).isEqualTo(200);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("ExpiredToken");
    }

    @Test
    void shouldRefuseAnInvalidTidAndAnswer500ForARepeatedRkeyWithoutWritingIt() {
        String token = session().get("accessJwt").asText();

        Answer notTid = create(token, "flu-clinic", post("Flu shots"));
        Answer first = create(token, "3lbqvbmvyf22k", post("Flu shots"));
        Answer again = create(token, "3lbqvbmvyf22k", post("Flu shots, again"));

        assertThat(notTid.status()).isEqualTo(400);
        assertThat(notTid.json().get("error").asText()).isEqualTo("InvalidRequest");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("uri").asText()).isEqualTo("at://" + BlueskyStandIn.DEMO_DID + "/app.bsky.feed.post/3lbqvbmvyf22k");
        assertThat(again.status()).isEqualTo(500);
        assertThat(server.posts("bluesky:demo")).extracting(p -> p.text()).containsExactly("Flu shots");
        Answer read = Http.get(base, "/xrpc/com.atproto.repo.getRecord?repo=" + BlueskyStandIn.DEMO_HANDLE
                + "&collection=app.bsky.feed.post&rkey=3lbqvbmvyf22k", null);
        assertThat(read.json().get("cid").asText()).isEqualTo(first.json().get("cid").asText());
        Answer missing = Http.get(base, "/xrpc/com.atproto.repo.getRecord?repo=" + BlueskyStandIn.DEMO_DID
                + "&collection=app.bsky.feed.post&rkey=3lbqvbmvyf23k", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("RecordNotFound");
    }

    @Test
    void shouldCountGraphemesAndBytesAsThePdsDoes() {
        String token = session().get("accessJwt").asText();

        Answer graphemes = create(token, null, post("a".repeat(301)));
        Answer flags = create(token, null, post("🇫🇷".repeat(300)));
        Answer bytes = create(token, null, post("👩‍⚕️".repeat(231)));

        assertThat(graphemes.status()).isEqualTo(400);
        assertThat(graphemes.json().get("message").asText()).isEqualTo(
                "Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text");
        assertThat(flags.status()).as("300 flags are 300 graphemes and 2,400 bytes").isEqualTo(200);
        assertThat(bytes.status()).as("231 health workers are 3,003 bytes").isEqualTo(400);
    }

    @Test
    void shouldCheckFacetsRepliesAndImagesAndListNewestFirst() {
        String token = session().get("accessJwt").asText();
        Map<String, Object> withFacet = post("Flu #shots");
        withFacet.put("facets", List.of(Map.of("index", Map.of("byteStart", 4, "byteEnd", 11),
                "features", List.of(Map.of("$type", "app.bsky.richtext.facet#tag", "tag", "shots")))));
        Answer outside = create(token, null, withFacet);
        Map<String, Object> good = post("Flu #shots");
        good.put("facets", List.of(Map.of("index", Map.of("byteStart", 4, "byteEnd", 10),
                "features", List.of(Map.of("$type", "app.bsky.richtext.facet#tag", "tag", "shots")))));
        Answer root = create(token, null, good);
        Map<String, Object> ref = Map.of("uri", root.json().get("uri").asText(), "cid", root.json().get("cid").asText());
        Map<String, Object> reply = post("part two");
        reply.put("reply", Map.of("root", ref, "parent", ref));
        Answer second = create(token, null, reply);
        Answer blob = Http.send(Http.request(base, "/xrpc/com.atproto.repo.uploadBlob").header("Authorization", "Bearer " + token)
                .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1234])));
        Map<String, Object> image = post("with a picture");
        image.put("embed", Map.of("$type", "app.bsky.embed.images", "images",
                List.of(Map.of("alt", "A nurse", "image", blob.json().get("blob")))));
        Answer pictured = create(token, null, image);

        assertThat(outside.status()).isEqualTo(400);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(pictured.status()).as(pictured.body()).isEqualTo(200);
        assertThat(server.posts("bluesky:demo")).extracting(p -> p.replyTo())
                .containsExactly(null, root.json().get("uri").asText(), null);
        assertThat(server.posts("bluesky:demo").get(2).media()).singleElement()
                .satisfies(m -> assertThat(m.altText()).isEqualTo("A nurse"));
        Answer list = Http.get(base, "/xrpc/com.atproto.repo.listRecords?repo=" + BlueskyStandIn.DEMO_DID
                + "&collection=app.bsky.feed.post&limit=2", null);
        assertThat(list.json().get("records")).extracting(r -> r.get("value").get("text").asText())
                .containsExactly("with a picture", "part two");
        assertThat(list.json().get("cursor").asText()).isNotEmpty();
    }

    @Test
    void shouldKeepRecordsAcrossARestart() {
        String token = session().get("accessJwt").asText();
        create(token, "3lbqvbmvyf22k", post("Flu shots"));

        server.close();
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).standIns(StandIns.builtIn()).start();

        assertThat(server.posts("bluesky:demo")).extracting(p -> p.text()).containsExactly("Flu shots");
    }

    @Test
    void shouldDeleteARecordAnswerADeletedOneAsThePdsDoesAndKeepItAsDeletedForSandboxPosts() {
        String token = session().get("accessJwt").asText();
        String uri = create(token, "3lbqvbmvyf22k", post("Take 50 mg")).json().get("uri").asText();
        create(token, "3lbqvbmvyf22l", post("Open until six"));
        Map<String, Object> target = Map.of("repo", BlueskyStandIn.DEMO_DID, "collection", "app.bsky.feed.post",
                "rkey", "3lbqvbmvyf22k");

        Answer deleted = xrpc("com.atproto.repo.deleteRecord", token, target);
        Answer again = xrpc("com.atproto.repo.deleteRecord", token, target);
        Answer unauthorized = xrpc("com.atproto.repo.deleteRecord", null, target);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().path("commit").path("rev").asText()).isNotEmpty();
        // the reference PDS answers a record that is not there with 200 too
        assertThat(again.status()).isEqualTo(200);
        assertThat(unauthorized.status()).isEqualTo(401);
        Answer read = Http.send(Http.request(base, "/xrpc/com.atproto.repo.getRecord?repo=" + BlueskyStandIn.DEMO_DID
                + "&collection=app.bsky.feed.post&rkey=3lbqvbmvyf22k").GET());
        assertThat(read.status()).isEqualTo(400);
        assertThat(read.json().get("error").asText()).isEqualTo("RecordNotFound");
        assertThat(server.posts("bluesky:demo")).extracting(p -> p.state() + " " + p.text())
                .containsExactly("deleted Take 50 mg", "published Open until six");

        server.close();
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).standIns(StandIns.builtIn()).start();

        assertThat(server.posts("bluesky:demo")).extracting(p -> p.remoteId() + " " + p.state())
                .containsExactly(uri + " deleted", uri.replace("22k", "22l") + " published");
    }
}
