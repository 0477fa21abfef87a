package io.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.connector.Account;
import io.herald.connector.CheckpointException;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Connectors;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.connector.testkit.TestAttempt;
import io.herald.json.Json;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Herald against the reference Bluesky PDS ({@code @atproto/pds} with an in-memory PLC directory, as
 * {@code docker/pds/install.sh} installs it into {@code HERALD_PDS_HOME}, default
 * {@code ~/.cache/herald-pds}). The test starts the PDS itself on free ports bound to 127.0.0.1,
 * creates an account with an app password, configures {@code bluesky:riverside} as DESIGN.md section 7
 * shows (handle, {@code passwordFile}) and publishes through the whole pipeline.
 *
 * <p>Skipped, saying why, when the PDS is not installed; failed instead when {@code HERALD_PDS_REQUIRED=true}
 * (as {@code .ci/run} sets it).
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlueskyPdsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HANDLE = "riverside.test";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Path work;
    private Process pds;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private URI base;
    private String did;
    private String appPassword;
    private String skipped;

    @BeforeAll
    void startThePds() throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("HERALD_PDS_HOME",
                System.getProperty("user.home") + "/.cache/herald-pds"));
        Path node = home.resolve("node/bin/node");
        boolean installed = Files.isExecutable(node) && Files.exists(home.resolve("pds.js"))
                && Files.isDirectory(home.resolve("node_modules/@atproto/pds"));
        String why = "the reference Bluesky PDS is not installed in " + home + " (run docker/pds/install.sh)";
        if (!installed && "true".equals(System.getenv("HERALD_PDS_REQUIRED"))) {
            throw new IllegalStateException(why + ", and HERALD_PDS_REQUIRED=true");
        }
        if (!installed) {
            skipped = why;
            System.err.println("BlueskyPdsIT skipped: " + why);
            return;
        }

        work = Files.createTempDirectory("herald-pds-");
        Files.createDirectories(work.resolve("blobs"));
        int pdsPort = freePort();
        int plcPort = freePort();
        SecureRandom random = new SecureRandom();
        ProcessBuilder pb = new ProcessBuilder(node.toString(), home.resolve("pds.js").toString())
                .directory(home.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PLC_PORT", Integer.toString(plcPort));
        env.put("PDS_PORT", Integer.toString(pdsPort));
        env.put("PDS_HOSTNAME", "localhost");
        env.put("PDS_DATA_DIRECTORY", work.toString());
        env.put("PDS_BLOBSTORE_DISK_LOCATION", work.resolve("blobs").toString());
        env.put("PDS_JWT_SECRET", hex(random, 16));
        env.put("PDS_DPOP_SECRET", hex(random, 32));
        env.put("PDS_ADMIN_PASSWORD", hex(random, 8));
        env.put("PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX", hex(random, 32));
        env.put("PDS_DID_PLC_URL", "http://127.0.0.1:" + plcPort);
        env.put("PDS_DEV_MODE", "true");
        env.put("PDS_INVITE_REQUIRED", "false");
        env.put("PDS_RATE_LIMITS_ENABLED", "false");
        env.put("PDS_CRAWLERS", "");
        pds = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(pds.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "pds-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(WAIT).until(() -> !pds.isAlive() || output.stream().anyMatch(l -> l.startsWith("herald-pds ready")));
        assertThat(pds.isAlive()).as("the PDS started; it said:\n%s", String.join("\n", output)).isTrue();
        base = URI.create("http://127.0.0.1:" + pdsPort);

        String password = "pw-" + UUID.randomUUID();
        JsonNode account = xrpc("com.atproto.server.createAccount", null,
                Map.of("handle", HANDLE, "email", "comms@riverside.test", "password", password));
        did = account.get("did").asText();
        appPassword = xrpc("com.atproto.server.createAppPassword", account.get("accessJwt").asText(), Map.of("name", "herald"))
                .get("password").asText();
    }

    /** Each test is skipped, saying why, when the PDS is not installed (and not required). */
    @BeforeEach
    void requireThePds() {
        Assumptions.assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    void stopThePds() throws Exception {
        if (pds != null) {
            pds.destroy();
            if (!pds.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                pds.destroyForcibly();
            }
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A Herald whose sandbox accounts file names the PDS account as DESIGN.md section 7 shows. */
    private TestHerald herald(TestKafka kafka, String name) throws IOException {
        TestHerald herald = new TestHerald(kafka, name, List.of());
        Path sandbox = herald.configDir().resolve("sandbox");
        Files.writeString(sandbox.resolve("bluesky-riverside.password"), appPassword + "\n");
        Files.writeString(sandbox.resolve("accounts.yaml"), """
                accounts:
                  - target: mastodon:demo
                    baseUrl: "{sandbox}/mastodon"
                    sandboxToken: sandbox-mastodon-demo
                  - target: bluesky:riverside
                    baseUrl: %s
                    handle: %s
                    passwordFile: bluesky-riverside.password
                    settings:
                      language: en
                """.formatted(base, HANDLE));
        return herald.start();
    }

    @Test
    void shouldPublishAPostWithALinkAndAHashtagOnceWithFacetsThatSelectExactlyThem(TestKafka kafka) throws IOException {
        String id = "flu-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "Flu shots 💉 are now available at our Main Street clinic (" + id + "). Walk-ins welcome.";
        try (TestHerald herald = herald(kafka, "bluesky-facets")) {
            herald.produce(id, post(id, body, "https://riverside.example/flu", List.of("FluSeason")));

            await().atMost(WAIT).until(() -> settled(herald.auditTypes(id)));
            assertThat(herald.auditTypes(id)).as("audit of %s: %s", id, herald.audit()).contains("PUBLISHED");
            List<JsonNode> mine = records().stream().filter(r -> r.at("/value/text").asText().contains(id)).toList();
            assertThat(mine).as("records with the post's text").hasSize(1);
            JsonNode record = mine.get(0).get("value");
            String text = record.get("text").asText();
            assertThat(text).isEqualTo(body + "\n\nhttps://riverside.example/flu\n\n#FluSeason");
            List<String> selected = new ArrayList<>();
            for (JsonNode f : record.get("facets")) {
                selected.add(bytes(text, f.at("/index/byteStart").asInt(), f.at("/index/byteEnd").asInt()) + " "
                        + f.at("/features/0/$type").asText());
            }
            assertThat(selected).containsExactly(
                    "https://riverside.example/flu app.bsky.richtext.facet#link",
                    "#FluSeason app.bsky.richtext.facet#tag");
            assertThat(record.at("/facets/1/features/0/tag").asText()).isEqualTo("FluSeason");
            assertThat(record.at("/embed/external/uri").asText()).isEqualTo("https://riverside.example/flu");
            assertThat(record.get("langs").toString()).isEqualTo("[\"en\"]");
            JsonNode published = herald.audit().stream().filter(e -> id.equals(e.path("postId").asText())
                    && "PUBLISHED".equals(e.path("type").asText())).reduce((a, b) -> b).orElseThrow();
            assertThat(published.get("remoteId").asText()).isEqualTo(mine.get(0).get("uri").asText());
        }
    }

    @Test
    void shouldPublishALongPostAsAReplyChain(TestKafka kafka) throws IOException {
        String id = "hours-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder body = new StringBuilder("Clinic hours (" + id + ").");
        for (int i = 1; body.length() < 800; i++) {
            body.append(" Sentence ").append(i).append(" tells patients about the clinic hours this week.");
        }
        try (TestHerald herald = herald(kafka, "bluesky-thread")) {
            herald.produce(id, post(id, body.toString(), null, List.of()));

            await().atMost(WAIT).until(() -> settled(herald.auditTypes(id)));
            assertThat(herald.auditTypes(id)).as("audit of %s: %s", id, herald.audit()).contains("PUBLISHED");
            JsonNode published = herald.audit().stream().filter(e -> id.equals(e.path("postId").asText())
                    && "PUBLISHED".equals(e.path("type").asText())).reduce((a, b) -> b).orElseThrow();
            List<String> uris = new ArrayList<>();
            published.get("remoteIds").forEach(n -> uris.add(n.asText()));
            assertThat(uris).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
            Map<String, JsonNode> byUri = new LinkedHashMap<>();
            records().forEach(r -> byUri.put(r.get("uri").asText(), r));
            JsonNode root = byUri.get(uris.get(0));
            assertThat(root).as("the first part on the PDS").isNotNull();
            assertThat(root.at("/value/text").asText()).startsWith("Clinic hours (" + id + ").").endsWith("(1/" + uris.size() + ")");
            assertThat(root.at("/value/reply").isMissingNode()).isTrue();
            for (int i = 1; i < uris.size(); i++) {
                JsonNode part = byUri.get(uris.get(i));
                assertThat(part).as("part %d on the PDS", i + 1).isNotNull();
                assertThat(part.at("/value/reply/root/uri").asText()).isEqualTo(uris.get(0));
                assertThat(part.at("/value/reply/root/cid").asText()).isEqualTo(root.get("cid").asText());
                assertThat(part.at("/value/reply/parent/uri").asText()).isEqualTo(uris.get(i - 1));
                assertThat(part.at("/value/reply/parent/cid").asText()).isEqualTo(byUri.get(uris.get(i - 1)).get("cid").asText());
                assertThat(part.at("/value/text").asText()).endsWith("(" + (i + 1) + "/" + uris.size() + ")");
            }
        }
    }

    @Test
    void shouldNotDuplicateAPostWhenRetryingAnAttemptCutShortAfterItsWrite() throws Exception {
        Connector bluesky = Connectors.load(ConnectorContext.defaults()).get("bluesky");
        Account account = new Account("bluesky", "riverside", base, Map.of("password", Secret.of(appPassword)),
                Map.of("handle", HANDLE));
        String marker = UUID.randomUUID().toString().substring(0, 8);
        PlatformPost post = bluesky.adapt(PostContent.text("Walk-ins welcome (" + marker + ")."), account);
        DeliveryKey delivery = new DeliveryKey("walk-ins-" + marker, 1, account.target());
        // the first attempt writes the record, then dies before Herald records it (the store went away)
        TestAttempt first = TestAttempt.first(account, post, delivery).failRecordingAfter(0);
        assertThatThrownBy(() -> bluesky.publish(first)).isInstanceOf(CheckpointException.class);

        // the reference PDS refuses a blind repeat of the same record key (HTTP 500) and writes nothing
        JsonNode written = records().stream().filter(r -> r.at("/value/text").asText().contains(marker)).findFirst().orElseThrow();
        String rkey = written.get("uri").asText().substring(written.get("uri").asText().lastIndexOf('/') + 1);
        String access = xrpc("com.atproto.server.createSession", null, Map.of("identifier", HANDLE, "password", appPassword))
                .get("accessJwt").asText();
        HttpResponse<String> blind = send("com.atproto.repo.createRecord", access, Map.of("repo", did, "collection",
                "app.bsky.feed.post", "rkey", rkey, "record", Map.of("$type", "app.bsky.feed.post", "text", "again",
                        "createdAt", "2026-12-07T09:00:00.000Z")));
        assertThat(blind.statusCode()).as(blind.body()).isEqualTo(500);

        // Herald's retry looks first and takes the record it finds
        TestAttempt retry = first.next().failRecordingAfter(Integer.MAX_VALUE);
        assertThat(bluesky.readBack(retry).outcome()).isEqualTo(io.herald.connector.ReadBack.Outcome.FOUND);
        Receipt receipt = bluesky.publish(retry);

        assertThat(receipt.remoteId()).isEqualTo(written.get("uri").asText());
        assertThat(records().stream().filter(r -> r.at("/value/text").asText().contains(marker))).hasSize(1);
    }

    @Test
    void shouldUploadAnImageWithItsAltTextAndLinkAMentionToItsDid() throws Exception {
        Connector bluesky = Connectors.load(ConnectorContext.defaults()).get("bluesky");
        Account account = new Account("bluesky", "riverside", base, Map.of("password", Secret.of(appPassword)),
                Map.of("handle", HANDLE));
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Path images = Files.createTempDirectory("herald-pds-images-");
        try (io.herald.sandbox.SandboxServer media = io.herald.sandbox.SandboxServer.start(0, images)) {
            PlatformPost post = bluesky.adapt(new PostContent("Ask @" + HANDLE + " about flu shots (" + marker + ").", null,
                    List.of(), List.of(new io.herald.connector.Media(media.sampleMedia("sample.jpg").toString(),
                            "A nurse giving a flu shot", "image/jpeg"))), account);

            Receipt receipt = bluesky.publish(TestAttempt.first(account, post, new DeliveryKey("image-" + marker, 1,
                    account.target())));

            JsonNode record = records().stream().filter(r -> r.get("uri").asText().equals(receipt.remoteId())).findFirst()
                    .orElseThrow().get("value");
            assertThat(record.at("/embed/$type").asText()).isEqualTo("app.bsky.embed.images");
            assertThat(record.at("/embed/images/0/alt").asText()).isEqualTo("A nurse giving a flu shot");
            assertThat(record.at("/embed/images/0/image/mimeType").asText()).isEqualTo("image/jpeg");
            String cid = record.at("/embed/images/0/image/ref/$link").asText();
            HttpResponse<byte[]> blob = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/xrpc/com.atproto.sync.getBlob?did="
                    + did + "&cid=" + cid)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(blob.statusCode()).as("the PDS holds the uploaded image").isEqualTo(200);
            assertThat(record.at("/facets/0/features/0/did").asText()).isEqualTo(did);
            assertThat(bytes(record.get("text").asText(), record.at("/facets/0/index/byteStart").asInt(),
                    record.at("/facets/0/index/byteEnd").asInt())).isEqualTo("@" + HANDLE);
        } finally {
            try (Stream<Path> files = Files.walk(images)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldTakeAThreadDownPartByPartAndCountAPartAlreadyGoneAsDone() throws Exception {
        Connector bluesky = Connectors.load(ConnectorContext.defaults()).get("bluesky");
        Account account = new Account("bluesky", "riverside", base, Map.of("password", Secret.of(appPassword)),
                Map.of("handle", HANDLE));
        String marker = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder body = new StringBuilder("Retracted study (" + marker + ").");
        for (int i = 1; body.length() < 700; i++) {
            body.append(" Sentence ").append(i).append(" says what the study found about the vaccine.");
        }
        PlatformPost post = bluesky.adapt(PostContent.text(body.toString()), account);
        DeliveryKey delivery = new DeliveryKey("study-" + marker, 1, account.target());
        TestAttempt attempt = TestAttempt.first(account, post, delivery);
        Receipt receipt = bluesky.publish(attempt);
        assertThat(receipt.parts()).hasSizeGreaterThanOrEqualTo(3);
        int n = receipt.parts().size();

        List<io.herald.connector.TakedownResult> results = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            results.add(bluesky.delete(new io.herald.connector.Takedown(account, delivery, i, n, receipt.parts().get(i),
                    attempt.credentials(), "retracted study")));
        }
        io.herald.connector.TakedownResult again = bluesky.delete(new io.herald.connector.Takedown(account, delivery, 0, n,
                receipt.parts().get(0), attempt.credentials(), "retracted study"));

        assertThat(results).extracting(io.herald.connector.TakedownResult::outcome)
                .containsOnly(io.herald.connector.TakedownResult.Outcome.DELETED);
        assertThat(records().stream().filter(r -> r.at("/value/text").asText().contains(marker))).isEmpty();
        assertThat(again.outcome()).isEqualTo(io.herald.connector.TakedownResult.Outcome.ALREADY_GONE);
        // what the reference PDS answers for a record that is not there: 200, as for a deletion (why the connector looks first)
        String rkey = receipt.parts().get(0).ref("rkey");
        String access = xrpc("com.atproto.server.createSession", null, Map.of("identifier", HANDLE, "password", appPassword))
                .get("accessJwt").asText();
        HttpResponse<String> blind = send("com.atproto.repo.deleteRecord", access, Map.of("repo", did, "collection",
                "app.bsky.feed.post", "rkey", rkey));
        assertThat(blind.statusCode()).as(blind.body()).isEqualTo(200);
    }

    /** Whether a delivery has come to an end: published, failed or left for a person. */
    private static boolean settled(List<String> types) {
        return types.contains("PUBLISHED") || types.contains("FAILED") || types.contains("UNKNOWN_OUTCOME");
    }

    private static String post(String id, String body, String link, List<String> hashtags) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("id", id);
        post.put("revision", 1);
        post.put("body", body);
        if (link != null) {
            post.put("link", link);
        }
        post.put("hashtags", hashtags);
        post.put("targets", List.of("bluesky:riverside"));
        return Json.write(post);
    }

    /** Every post record of the account, newest first. */
    private List<JsonNode> records() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/xrpc/com.atproto.repo.listRecords?repo="
                    + did + "&collection=app.bsky.feed.post&limit=100")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<JsonNode> out = new ArrayList<>();
            Json.mapper().readTree(r.body()).get("records").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode xrpc(String nsid, String token, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(nsid, token, body);
        assertThat(r.statusCode()).as("%s: %s", nsid, r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private HttpResponse<String> send(String nsid, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/xrpc/" + nsid)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bytes(String text, int start, int end) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
