package io.herald.sandbox.mastodon;

import static io.herald.sandbox.Http.get;
import static io.herald.sandbox.Http.json;
import static io.herald.sandbox.Http.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.sandbox.Http;
import io.herald.sandbox.Http.Answer;
import io.herald.sandbox.MutableClock;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastodonStandInTest {

    private static final String TOKEN = SandboxAccounts.MASTODON_DEMO_TOKEN;
    private static final String STATUSES = "/api/v1/statuses";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T14:00:00.412Z"));
    private SandboxServer server;
    private URI base;

    @BeforeEach
    void start() {
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).start();
        base = server.baseUri("mastodon");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldRefuseAPostWithoutToken() {
        Answer answer = postJson(base, STATUSES, null, null, json(Map.of("status", "hello")));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").asText()).isEqualTo("The access token is invalid");
    }

    @Test
    void shouldRefuseAWrongToken() {
        Answer answer = postJson(base, STATUSES, "not-the-token", null, json(Map.of("status", "hello")));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").asText()).isEqualTo("The access token is invalid");
    }

    @Test
    void shouldCreateAStatusShapedLikeMastodon() {
        Answer answer = postJson(base, STATUSES, TOKEN, null,
                json(Map.of("status", "Flu shots <today> & tomorrow\n\nWalk-ins welcome", "language", "en")));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode status = answer.json();
        String id = status.get("id").asText();
        assertThat(status.get("id").isTextual()).isTrue();
        assertThat(status.get("created_at").asText()).isEqualTo("2026-11-26T14:00:00.412Z");
        assertThat(status.get("content").asText())
                .isEqualTo("<p>Flu shots &lt;today&gt; &amp; tomorrow</p><p>Walk-ins welcome</p>");
        assertThat(status.get("visibility").asText()).isEqualTo("public");
        assertThat(status.get("language").asText()).isEqualTo("en");
        assertThat(status.get("in_reply_to_id").isNull()).isTrue();
        assertThat(status.get("url").asText()).isEqualTo(base + "/@demo/" + id);
        assertThat(status.get("uri").asText()).isEqualTo(base + "/users/demo/statuses/" + id);
        assertThat(status.get("account").get("id").asText()).isEqualTo("1");
        assertThat(status.get("account").get("username").asText()).isEqualTo("demo");
        assertThat(status.get("account").get("acct").asText()).isEqualTo("demo");
        assertThat(server.posts("mastodon:demo")).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("Flu shots <today> & tomorrow\n\nWalk-ins welcome"));
    }

    @Test
    void shouldAcceptAFormBody() {
        Answer answer = Http.send(Http.request(base, STATUSES)
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("status=Hello+form+%26+friends&visibility=unlisted")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("visibility").asText()).isEqualTo("unlisted");
        assertThat(server.posts(null)).singleElement().satisfies(p -> assertThat(p.text()).isEqualTo("Hello form & friends"));
    }

    @Test
    void shouldRefuseMoreThan500Characters() {
        Answer answer = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "a".repeat(501))));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("error").asText())
                .isEqualTo("Validation failed: Text character limit of 500 exceeded");
        assertThat(server.posts(null)).isEmpty();
    }

    @Test
    void shouldCountALongUrlAs23() {
        String url = "https://riverside.example/" + "x".repeat(200);
        String text = "a".repeat(476) + " " + url;

        Answer answer = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", text)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "a" + text))).status()).isEqualTo(422);
    }

    @Test
    void shouldRefuseBlankTextAndUnknownVisibility() {
        Answer blank = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "  ")));
        Answer visibility = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "x", "visibility", "loud")));

        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().get("error").asText()).isEqualTo("Validation failed: Text can't be blank");
        assertThat(visibility.status()).isEqualTo(422);
    }

    @Test
    void shouldReturnTheSameStatusForTheSameIdempotencyKey() {
        Answer first = postJson(base, STATUSES, TOKEN, "key-1", json(Map.of("status", "once")));
        Answer second = postJson(base, STATUSES, TOKEN, "key-1", json(Map.of("status", "once")));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(server.posts(null)).hasSize(1);
    }

    @Test
    void shouldForgetAnIdempotencyKeyAfterAnHour() {
        Answer first = postJson(base, STATUSES, TOKEN, "key-1", json(Map.of("status", "once")));
        clock.advance(Duration.ofMinutes(59));
        Answer within = postJson(base, STATUSES, TOKEN, "key-1", json(Map.of("status", "once")));
        clock.advance(Duration.ofMinutes(1));
        Answer after = postJson(base, STATUSES, TOKEN, "key-1", json(Map.of("status", "once")));

        assertThat(within.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(after.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
        assertThat(server.posts(null)).hasSize(2);
    }

    @Test
    void shouldCreateDifferentStatusesForDifferentKeys() {
        postJson(base, STATUSES, TOKEN, "key-1", json(Map.of("status", "same text")));
        postJson(base, STATUSES, TOKEN, "key-2", json(Map.of("status", "same text")));

        assertThat(server.posts(null)).hasSize(2);
    }

    @Test
    void shouldThreadRepliesAndRefuseAReplyToNothing() {
        String first = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "1/2"))).json().get("id").asText();
        Answer reply = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "2/2", "in_reply_to_id", first)));
        Answer orphan = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "?", "in_reply_to_id", "999")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("in_reply_to_id").asText()).isEqualTo(first);
        assertThat(reply.json().get("in_reply_to_account_id").asText()).isEqualTo("1");
        assertThat(orphan.status()).isEqualTo(404);
        assertThat(server.posts("mastodon:demo")).extracting(p -> p.replyTo()).containsExactly(null, first);
    }

    @Test
    void shouldListAnAccountsStatusesNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "post " + i)));
            clock.advance(Duration.ofSeconds(1));
        }

        Answer page = get(base, "/api/v1/accounts/1/statuses?limit=3", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json()).extracting(s -> s.get("content").asText())
                .containsExactly("<p>post 5</p>", "<p>post 4</p>", "<p>post 3</p>");
        String oldestShown = page.json().get(2).get("id").asText();
        assertThat(get(base, "/api/v1/accounts/1/statuses?max_id=" + oldestShown, null).json())
                .extracting(s -> s.get("content").asText()).containsExactly("<p>post 2</p>", "<p>post 1</p>");
        assertThat(get(base, "/api/v1/accounts/42/statuses", null).status()).isEqualTo(404);
    }

    @Test
    void shouldShowAndDeleteAStatus() {
        String id = postJson(base, STATUSES, TOKEN, "k", json(Map.of("status", "bye"))).json().get("id").asText();

        assertThat(get(base, STATUSES + "/" + id, null).json().get("content").asText()).isEqualTo("<p>bye</p>");
        Answer deleted = Http.send(Http.request(base, STATUSES + "/" + id).DELETE()
                .header("Authorization", "Bearer " + TOKEN));

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("text").asText()).isEqualTo("bye");
        assertThat(get(base, STATUSES + "/" + id, null).status()).isEqualTo(404);
        assertThat(get(base, "/api/v1/accounts/1/statuses", null).json()).isEmpty();
        // herald sandbox posts still shows it, as deleted
        assertThat(server.posts(null)).singleElement().satisfies(p -> assertThat(p.state()).isEqualTo("deleted"));
        // deleting it again is Mastodon's 404
        assertThat(Http.send(Http.request(base, STATUSES + "/" + id).DELETE()
                .header("Authorization", "Bearer " + TOKEN)).status()).isEqualTo(404);
        // as Mastodon: the key still points at the deleted status
        assertThat(postJson(base, STATUSES, TOKEN, "k", json(Map.of("status", "bye"))).status()).isEqualTo(404);
    }

    @Test
    void shouldEditAStatusInPlaceAndKeepDeletedAndEditedAcrossARestart() {
        String id = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "Take 50 mg"))).json().get("id").asText();
        String other = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "gone soon"))).json().get("id").asText();
        clock.advance(Duration.ofMinutes(5));

        Answer edited = Http.send(Http.request(base, STATUSES + "/" + id)
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("status", "Take 5 mg")))));
        Http.send(Http.request(base, STATUSES + "/" + other).DELETE().header("Authorization", "Bearer " + TOKEN));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("id").asText()).isEqualTo(id);
        assertThat(edited.json().get("content").asText()).isEqualTo("<p>Take 5 mg</p>");
        assertThat(edited.json().get("edited_at").asText()).isEqualTo("2026-11-26T14:05:00.412Z");
        assertThat(get(base, STATUSES + "/" + id, null).json().get("content").asText()).isEqualTo("<p>Take 5 mg</p>");
        server.close();
        server = SandboxServer.builder().port(0).dataDir(dataDir).clock(clock).start();
        assertThat(server.posts(null)).extracting(p -> p.remoteId() + " " + p.state() + " " + p.text())
                .containsExactly(id + " edited Take 5 mg", other + " deleted gone soon");
    }

    @Test
    void shouldRefuseToEditAnotherOrAMissingStatus() {
        Answer missing = Http.send(Http.request(base, STATUSES + "/123")
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("status", "x")))));

        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseToDeleteWithoutToken() {
        String id = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "stay"))).json().get("id").asText();

        assertThat(Http.send(Http.request(base, STATUSES + "/" + id).DELETE()).status()).isEqualTo(401);
        assertThat(server.posts(null)).hasSize(1);
    }

    @Test
    void shouldHidePrivateStatusesFromOthers() {
        String id = postJson(base, STATUSES, TOKEN, null, json(Map.of("status", "psst", "visibility", "private")))
                .json().get("id").asText();

        assertThat(get(base, STATUSES + "/" + id, null).status()).isEqualTo(404);
        assertThat(get(base, STATUSES + "/" + id, TOKEN).status()).isEqualTo(200);
        assertThat(get(base, "/api/v1/accounts/1/statuses", null).json()).isEmpty();
    }

    @Test
    void shouldVerifyCredentials() {
        Answer me = get(base, "/api/v1/accounts/verify_credentials", TOKEN);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo("demo");
        assertThat(me.json().get("source").get("privacy").asText()).isEqualTo("public");
        assertThat(get(base, "/api/v1/accounts/verify_credentials", null).status()).isEqualTo(401);
    }

    @Test
    void shouldDescribeTheInstanceLimits() {
        JsonNode statuses = get(base, "/api/v1/instance", null).json().get("configuration").get("statuses");

        assertThat(statuses.get("max_characters").asInt()).isEqualTo(500);
        assertThat(statuses.get("characters_reserved_per_url").asInt()).isEqualTo(23);
    }

    @Test
    void shouldAnswer404ForUnknownPaths() {
        assertThat(get(base, "/api/v1/nothing", TOKEN).status()).isEqualTo(404);
        assertThat(get(server.baseUri(), "/nowhere/api", TOKEN).json().get("error").asText())
                .contains("no stand-in at /nowhere");
    }

    @Test
    void shouldRefuseMalformedJson() {
        Answer answer = postJson(base, STATUSES, TOKEN, null, "{not json");

        assertThat(answer.status()).isEqualTo(400);
    }
}
