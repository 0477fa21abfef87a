package io.herald.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.herald.connector.Account;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.ConnectorProvider;
import io.herald.connector.Connectors;
import io.herald.connector.DeliveryKey;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.sandbox.SandboxFault;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every connector passes. A connector module extends it once, says which platform it
 * tests and how to make an account on that platform's sandbox stand-in, and inherits the tests:
 *
 * <pre>{@code
 * class MastodonConnectorContractTest extends ConnectorContractTest {
 *     protected String platform() { return "mastodon"; }
 *     protected Account sandboxAccount(URI baseUrl) {
 *         return new Account("mastodon", "demo", baseUrl, Secret.of(SandboxAccounts.MASTODON_DEMO_TOKEN), Map.of());
 *     }
 *     protected int networkLength(String text) { return MastodonTextLength.of(text); }
 * }
 * }</pre>
 *
 * <p>The connector under test is found the way Herald finds it, through {@link java.util.ServiceLoader}.
 * One sandbox ({@link SandboxServer}, every built-in stand-in, a free port, a temporary data
 * directory) serves the whole class; each test publishes its own delivery, so tests do not see each
 * other's posts. A connector for a network with no stand-in yet cannot pass: adding the stand-in to
 * {@code connectors/sandbox} is part of adding the connector.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorContractTest {

    private Path dataDir;
    private SandboxServer sandbox;
    private Connector connector;

    /** The platform under test, as in targets: {@code mastodon}, {@code bluesky}, {@code x}... */
    protected abstract String platform();

    /**
     * The sandbox account to publish to.
     *
     * @param baseUrl the stand-in's API root, {@code http://127.0.0.1:<port>/<platform>}
     */
    protected abstract Account sandboxAccount(URI baseUrl);

    /**
     * How the network counts {@code text} against its limit, written apart from the connector:
     * best the sandbox stand-in's own count, so that the two are checked against each other.
     */
    protected abstract int networkLength(String text);

    /** The context the connector gets; override to change the request timeout or the clock. */
    protected ConnectorContext context() {
        return new ConnectorContext(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                Clock.systemUTC(), Duration.ofSeconds(5));
    }

    /** Contents adapted by the limit tests; override to add cases the network counts oddly. */
    protected List<PostContent> samples(int limit) {
        return SampleContent.all(3 * limit);
    }

    /**
     * The headers with which this network answers 429, telling when to come back; by default
     * {@code Retry-After} in seconds. Mastodon sends {@code X-RateLimit-Reset}, X {@code x-rate-limit-reset}.
     */
    protected Map<String, String> rateLimitHeaders(Instant resetAt) {
        return Map.of("Retry-After", Long.toString(Math.max(1, Duration.between(Instant.now(), resetAt).toSeconds())));
    }

    /** The running sandbox, for checks a connector's own tests add. */
    protected final SandboxServer sandbox() {
        return sandbox;
    }

    /** The connector under test, as discovered. */
    protected final Connector connector() {
        return connector;
    }

    /** The sandbox account, at the running stand-in. */
    protected final Account account() {
        return sandboxAccount(sandbox.baseUri(platform()));
    }

    /** A delivery no other test uses. */
    protected final DeliveryKey newDelivery() {
        return new DeliveryKey("contract-" + UUID.randomUUID(), 1, account().target());
    }

    @BeforeAll
    void startSandbox() throws IOException {
        dataDir = Files.createTempDirectory("herald-contract-");
        sandbox = SandboxServer.start(0, dataDir);
        connector = provider().create(context());
    }

    @AfterAll
    void stopSandbox() throws IOException {
        if (sandbox != null) {
            sandbox.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
    }

    @Test
    void shouldBeDiscoveredByServiceLoaderUnderItsPlatform() {
        ConnectorProvider provider = provider();
        Connector created = provider.create(context());

        assertThat(created.platform()).isEqualTo(platform());
        assertThat(Connectors.load(context()).get(platform())).isInstanceOf(created.getClass());
    }

    @Test
    void shouldKeepEveryPartWithinTheLimitAndCountItAsTheNetworkDoes() {
        int limit = connector.adapt(PostContent.text("x")).limit();

        for (PostContent content : samples(limit)) {
            PlatformPost post = connector.adapt(content);

            assertThat(post.limit()).as("limit").isEqualTo(limit);
            assertThat(post.lengths()).as("lengths of %s", post.parts()).hasSameSizeAs(post.parts());
            for (int i = 0; i < post.parts().size(); i++) {
                String part = post.parts().get(i);
                assertThat(post.lengths().get(i)).as("length of part %d: %s", i, part)
                        .isEqualTo(networkLength(part))
                        .isLessThanOrEqualTo(limit);
                assertThat(part).as("part %d", i).isNotBlank();
            }
        }
    }

    @Test
    void shouldAdaptDeterministically() {
        Connector another = provider().create(context());
        int limit = connector.adapt(PostContent.text("x")).limit();

        for (PostContent content : samples(limit)) {
            assertThat(connector.adapt(content)).isEqualTo(connector.adapt(content)).isEqualTo(another.adapt(content));
        }
    }

    @Test
    void shouldGiveOnePartForAShortText() {
        PlatformPost post = connector.adapt(SampleContent.shortPost());

        assertThat(post.parts()).hasSize(1);
        assertThat(post.parts().get(0)).contains("Walk-ins welcome");
        assertThat(post.media()).isEqualTo(SampleContent.shortPost().media());
    }

    @Test
    void shouldSplitALongTextIntoAThreadWithoutLosingAWord() {
        int limit = connector.adapt(PostContent.text("x")).limit();
        String body = SampleContent.longText(3 * limit);

        PlatformPost post = connector.adapt(PostContent.text(body));

        assertThat(post.parts()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(post.lengths()).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(limit));
        assertThat(isSubsequence(words(body), words(String.join(" ", post.parts()))))
                .as("every word of the body, in order, in the parts %s", post.parts()).isTrue();
    }

    @Test
    void shouldDeriveStableIdempotencyKeysPerPart() {
        DeliveryKey delivery = new DeliveryKey("flu-clinic-2026-11", 1, account().target());
        DeliveryKey same = new DeliveryKey("flu-clinic-2026-11", 1, account().target());
        DeliveryKey nextRevision = new DeliveryKey("flu-clinic-2026-11", 2, account().target());

        assertThat(same.idempotencyKey(0)).isEqualTo(delivery.idempotencyKey(0));
        assertThat(delivery.idempotencyKey(1)).isNotEqualTo(delivery.idempotencyKey(0));
        assertThat(nextRevision.idempotencyKey(0)).isNotEqualTo(delivery.idempotencyKey(0));
    }

    @Test
    void shouldPublishToTheSandboxAndReturnAReceipt() throws PublishException {
        PlatformPost post = connector.adapt(SampleContent.shortPost());

        Receipt receipt = connector.publish(account(), post, newDelivery());

        assertThat(receipt.remoteId()).isNotBlank();
        assertThat(receipt.partIds()).containsExactly(receipt.remoteId());
        assertThat(postsOf(receipt)).singleElement().satisfies(p -> {
            assertThat(p.text()).isEqualTo(post.parts().get(0));
            assertThat(p.target()).isEqualTo(account().target());
            assertThat(p.replyTo()).isNull();
        });
    }

    @Test
    void shouldPublishAThreadAsChainedReplies() throws PublishException {
        int limit = connector.adapt(PostContent.text("x")).limit();
        PlatformPost post = connector.adapt(SampleContent.longPost(3 * limit));

        Receipt receipt = connector.publish(account(), post, newDelivery());

        assertThat(receipt.partIds()).hasSameSizeAs(post.parts()).doesNotHaveDuplicates();
        assertThat(receipt.remoteId()).isEqualTo(receipt.partIds().get(0));
        List<SandboxPost> posted = postsOf(receipt);
        assertThat(posted).extracting(SandboxPost::text).containsExactlyElementsOf(post.parts());
        List<String> expectedReplyTo = new ArrayList<>();
        expectedReplyTo.add(null);
        expectedReplyTo.addAll(receipt.partIds().subList(0, receipt.partIds().size() - 1));
        assertThat(posted).extracting(SandboxPost::replyTo).containsExactlyElementsOf(expectedReplyTo);
    }

    @Test
    void shouldNotPostTwiceWhenTheSameDeliveryIsPublishedAgain() throws PublishException {
        assumeThat(connector.idempotent()).as("the connector says the network de-duplicates").isTrue();
        int limit = connector.adapt(PostContent.text("x")).limit();
        PlatformPost post = connector.adapt(SampleContent.longPost(2 * limit));
        DeliveryKey delivery = newDelivery();

        Receipt first = connector.publish(account(), post, delivery);
        Receipt again = connector.publish(account(), post, delivery);

        assertThat(again).isEqualTo(first);
        assertThat(postsOf(first)).hasSameSizeAs(post.parts());
    }

    @Test
    void shouldPostOnceWhenTheFirstAttemptGotNoAnswerInTime() throws PublishException {
        assumeThat(connector.idempotent()).as("the connector says the network de-duplicates").isTrue();
        Connector impatient = provider().create(new ConnectorContext(HttpClient.newHttpClient(), Clock.systemUTC(),
                Duration.ofMillis(300)));
        PlatformPost post = connector.adapt(SampleContent.shortPost());
        DeliveryKey delivery = newDelivery();
        int before = sandbox.posts(account().target()).size();
        sandbox.inject(SandboxFault.delay(platform(), Duration.ofMillis(1500)));

        assertThatThrownBy(() -> impatient.publish(account(), post, delivery))
                .isInstanceOfSatisfying(PublishException.class,
                        e -> assertThat(e.kind()).isEqualTo(PublishException.Kind.OUTCOME_UNKNOWN));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sandbox.posts(account().target()).size() == before + 1);
        Receipt retried = connector.publish(account(), post, delivery);

        assertThat(sandbox.posts(account().target())).hasSize(before + 1);
        assertThat(postsOf(retried)).hasSize(1);
    }

    @Test
    void shouldReportAWrongCredentialAsAuthenticationWithoutShowingIt() {
        Account real = account();
        String wrong = "wrong-" + UUID.randomUUID();
        Account badCredential = new Account(real.platform(), real.name(), real.baseUrl(), Secret.of(wrong),
                real.settings());

        assertThatThrownBy(() -> connector.publish(badCredential, connector.adapt(SampleContent.shortPost()),
                newDelivery()))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PublishException.Kind.AUTHENTICATION);
                    assertThat(e.isRetryable()).isFalse();
                })
                .message().doesNotContain(wrong).doesNotContain(real.credential().reveal());
    }

    @Test
    void shouldReportAnUnreachableNetworkAsRetryable() {
        Account real = account();
        URI nowhere = URI.create("http://127.0.0.1:" + freePort() + "/" + platform());
        Account unreachable = new Account(real.platform(), real.name(), nowhere, real.credential(), real.settings());

        assertThatThrownBy(() -> connector.publish(unreachable, connector.adapt(SampleContent.shortPost()),
                newDelivery()))
                .isInstanceOfSatisfying(PublishException.class,
                        e -> assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRYABLE))
                .message().doesNotContain(real.credential().reveal());
    }

    @Test
    void shouldReportAServerErrorAsRetryable() {
        sandbox.inject(SandboxFault.status(platform(), 503));

        assertThatThrownBy(() -> connector.publish(account(), connector.adapt(SampleContent.shortPost()),
                newDelivery()))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRYABLE);
                    assertThat(e.httpStatus()).isEqualTo(503);
                });
    }

    @Test
    void shouldReportARateLimitWithTheWaitTheNetworkAsksFor() {
        Instant reset = Instant.now().plusSeconds(120);
        SandboxFault fault = SandboxFault.status(platform(), 429);
        for (Map.Entry<String, String> header : rateLimitHeaders(reset).entrySet()) {
            fault = fault.withHeader(header.getKey(), header.getValue());
        }
        sandbox.inject(fault);

        assertThatThrownBy(() -> connector.publish(account(), connector.adapt(SampleContent.shortPost()),
                newDelivery()))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PublishException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(wait ->
                            assertThat(wait).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(121)));
                });
    }

    private ConnectorProvider provider() {
        List<ConnectorProvider> matching = Connectors.discover().stream()
                .filter(p -> p.platform().equals(platform()))
                .toList();
        assertThat(matching).as("providers registered in META-INF/services for platform '%s'", platform())
                .hasSize(1);
        return matching.get(0);
    }

    private List<SandboxPost> postsOf(Receipt receipt) {
        return sandbox.posts(account().target()).stream()
                .filter(p -> receipt.partIds().contains(p.remoteId()))
                .sorted(Comparator.comparing(p -> receipt.partIds().indexOf(p.remoteId())))
                .toList();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static boolean isSubsequence(List<String> needle, List<String> haystack) {
        int i = 0;
        for (String word : haystack) {
            if (i < needle.size() && needle.get(i).equals(word)) {
                i++;
            }
        }
        return i == needle.size();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
