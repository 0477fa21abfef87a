package io.herald.connector.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.connector.Account;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.connector.testkit.ConnectorContractTest;
import io.herald.connector.testkit.TestAttempt;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxFault;
import io.herald.sandbox.bluesky.BlueskyStandIn;
import io.herald.sandbox.bluesky.BlueskyTextRules;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BlueskyConnectorContractTest extends ConnectorContractTest {

    @Override
    protected String platform() {
        return "bluesky";
    }

    @Override
    protected Account sandboxAccount(URI baseUrl) {
        return new Account("bluesky", SandboxAccounts.DEMO, baseUrl, Map.of("password", Secret.of(SandboxAccounts.BLUESKY_DEMO_PASSWORD)),
                Map.of(BlueskyConfig.HANDLE, SandboxAccounts.BLUESKY_DEMO_HANDLE, BlueskyConfig.LANGUAGE, "en"));
    }

    @Override
    protected int networkLength(String text) {
        return BlueskyTextRules.graphemes(text);
    }

    @Override
    protected Map<String, Integer> networkLengths(String text) {
        return Map.of("graphemes", BlueskyTextRules.graphemes(text), "bytes", BlueskyTextRules.bytes(text));
    }

    @Override
    protected List<PostContent> samples(int limit) {
        List<PostContent> all = new java.util.ArrayList<>(super.samples(limit));
        all.add(PostContent.text("A family is one character on Bluesky: " + "👨‍👩‍👧‍👦 ".repeat(140)));
        all.add(PostContent.text("诊所今天开放。".repeat(150)));
        all.add(PostContent.text("Ask @nurse.herald.test about #FluSeason at https://riverside.example/flu."));
        return all;
    }

    @Override
    protected Map<String, String> rateLimitHeaders(Instant resetAt) {
        return Map.of("RateLimit-Limit", "30", "RateLimit-Remaining", "0", "RateLimit-Reset", Long.toString(resetAt.getEpochSecond()),
                "RateLimit-Policy", "30;w=300");
    }

    @Override
    protected SandboxFault slowPublishFault(PlatformPost post, Duration delay) {
        return SandboxFault.delay(platform(), delay).onPath("/com\\.atproto\\.repo\\.createRecord$");
    }

    /** The record at an {@code at://} URI, as the stand-in's getRecord answers it. */
    private JsonNode record(String uri) {
        String[] p = uri.substring("at://".length()).split("/");
        URI get = URI.create(sandbox().baseUri(platform()) + "/xrpc/com.atproto.repo.getRecord?repo=" + p[0] + "&collection=" + p[1]
                + "&rkey=" + p[2]);
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(get).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("value");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldSendFacetsThatSelectExactlyTheLinkTheTagAndTheMention() throws PublishException {
        PlatformPost post = connector().adapt(new PostContent("Flu shots 💉 " + UUID.randomUUID() + ": ask @nurse.herald.test",
                "https://riverside.example/flu", List.of("FluSeason"), List.of()), capabilities());

        Receipt receipt = connector().publish(attempt(post));

        JsonNode record = record(receipt.remoteId());
        String text = record.get("text").asText();
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(record.get("facets")).extracting(f -> new String(bytes, f.at("/index/byteStart").asInt(),
                f.at("/index/byteEnd").asInt() - f.at("/index/byteStart").asInt(), java.nio.charset.StandardCharsets.UTF_8))
                .containsExactly("@nurse.herald.test", "https://riverside.example/flu", "#FluSeason");
        assertThat(record.get("facets")).extracting(f -> f.at("/features/0").toString()).containsExactly(
                "{\"$type\":\"app.bsky.richtext.facet#mention\",\"did\":\"" + BlueskyStandIn.NURSE_DID + "\"}",
                "{\"$type\":\"app.bsky.richtext.facet#link\",\"uri\":\"https://riverside.example/flu\"}",
                "{\"$type\":\"app.bsky.richtext.facet#tag\",\"tag\":\"FluSeason\"}");
        assertThat(record.at("/embed/$type").asText()).isEqualTo("app.bsky.embed.external");
        assertThat(record.at("/embed/external/uri").asText()).isEqualTo("https://riverside.example/flu");
        assertThat(record.get("langs").toString()).isEqualTo("[\"en\"]");
    }

    @Test
    void shouldNameRootAndParentInEveryReplyOfAThread() throws PublishException {
        PlatformPost post = connector().adapt(PostContent.text("Update " + UUID.randomUUID() + ". "
                + io.herald.connector.testkit.SampleContent.longText(900)), capabilities());

        Receipt receipt = connector().publish(attempt(post));

        assertThat(receipt.parts()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(p -> assertThat(p.refs()).containsKeys("uri", "cid"));
        for (int i = 1; i < receipt.parts().size(); i++) {
            JsonNode reply = record(receipt.parts().get(i).remoteId()).get("reply");
            assertThat(reply.at("/root/uri").asText()).isEqualTo(receipt.parts().get(0).ref("uri"));
            assertThat(reply.at("/root/cid").asText()).isEqualTo(receipt.parts().get(0).ref("cid"));
            assertThat(reply.at("/parent/uri").asText()).isEqualTo(receipt.parts().get(i - 1).ref("uri"));
            assertThat(reply.at("/parent/cid").asText()).isEqualTo(receipt.parts().get(i - 1).ref("cid"));
        }
    }

    @Test
    void shouldWriteEveryPartUnderAValidTidDerivedFromTheDelivery() throws PublishException {
        PlatformPost post = connector().adapt(PostContent.text("Keys " + UUID.randomUUID() + ". Walk-ins welcome."), capabilities());
        TestAttempt first = attempt(post);

        Receipt receipt = connector().publish(first);

        String rkey = receipt.parts().get(0).ref("rkey");
        assertThat(rkey).matches(BlueskyStandIn.TID).isEqualTo(Tid.of(first.delivery(), 0));
        assertThat(receipt.remoteId()).endsWith("/app.bsky.feed.post/" + rkey);
    }

    @Test
    void shouldTakeAnEarlierAttemptsRecordInsteadOfWritingItAgain() throws PublishException {
        PlatformPost post = connector().adapt(PostContent.text("Once " + UUID.randomUUID() + ". Walk-ins welcome."), capabilities());
        TestAttempt first = attempt(post);
        Receipt receipt = connector().publish(first);

        Receipt again = connector().publish(first.forgettingCheckpoints());

        assertThat(again.partIds()).isEqualTo(receipt.partIds());
        assertThat(sandbox().posts(account().target()).stream().filter(p -> p.text().equals(post.texts().get(0))))
                .hasSize(1);
    }

    @Test
    void shouldOpenOneSessionAndRefreshItInsteadOfLoggingInAgain() throws PublishException {
        sandbox().configure("bluesky", Map.of("accessTokenSeconds", "60"));
        try {
            PlatformPost post = connector().adapt(PostContent.text("Session " + UUID.randomUUID() + "."), capabilities());
            TestAttempt first = attempt(post);
            connector().publish(first);
            String session = first.credentials().get(BlueskySessions.NAME).orElseThrow().value().reveal();

            // the access token has under a minute left: the next publish refreshes it
            connector().publish(first.forgettingCheckpoints());

            String renewed = first.credentials().get(BlueskySessions.NAME).orElseThrow().value().reveal();
            assertThat(renewed).isNotEqualTo(session);
            assertThat(first.checkpoints().toString()).doesNotContain("Jwt").doesNotContain(SandboxAccounts.BLUESKY_DEMO_PASSWORD);
        } finally {
            sandbox().configure("bluesky", Map.of("accessTokenSeconds", "7200"));
        }
    }

    @Test
    void shouldMakeAThreadOfAPostOverThreeThousandBytesThoughUnderThreeHundredCharacters() {
        PlatformPost post = connector().adapt(PostContent.text("👨‍👩‍👧‍👦 ".repeat(300)), capabilities());

        assertThat(post.parts()).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.lengths().get("bytes")).isLessThanOrEqualTo(3000);
            assertThat(p.lengths().get("graphemes")).isLessThan(300);
        });
        assertThat(post.parts().get(0).lengths().get("bytes")).as("the bytes limit decides here").isGreaterThan(2900);
    }
}
