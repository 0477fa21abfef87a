package io.herald.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.herald.connector.Account;
import io.herald.connector.AccountHealth;
import io.herald.connector.AdaptException;
import io.herald.connector.Capabilities;
import io.herald.connector.Checkpoint;
import io.herald.connector.CheckpointException;
import io.herald.connector.Media;
import io.herald.connector.ReadBack;
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
     * How the network counts {@code text} against its primary limit, written apart from the
     * connector: best the sandbox stand-in's own count, so that the two are checked against each other.
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
    void shouldDeclareConsistentCapabilities() {
        Capabilities caps = capabilities();

        assertThat(caps.limits()).as("text limits").isNotNull();
        if (caps.media().required()) {
            assertThat(caps.media().maxItems()).as("a network that requires media takes some").isPositive();
        }
        if (!caps.readBack() && !caps.idempotency().trusted()) {
            // nothing wrong, but every unclear attempt of this network goes to a person
            assertThat(caps.readBackGrace()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void shouldKeepEveryPartWithinEveryLimitAndCountItAsTheNetworkDoes() {
        Capabilities caps = capabilities();
        for (PostContent content : samples(caps.primaryLimit())) {
            PlatformPost post;
            try {
                post = connector.adapt(content, caps);
            } catch (AdaptException e) {
                assertThat(caps.threads().supported()).as("only a network without threads may refuse a sample: %s", e.getMessage())
                        .isFalse();
                continue;
            }
            assertThat(post.limits()).as("limits").isEqualTo(caps.limits());
            for (int i = 0; i < post.parts().size(); i++) {
                PlatformPost.Part part = post.parts().get(i);
                assertThat(part.text()).as("part %d", i).isNotBlank();
                Map<String, Integer> network = networkLengths(part.text());
                for (Map.Entry<String, Integer> limit : caps.limits().entrySet()) {
                    assertThat(part.lengths().get(limit.getKey())).as("%s of part %d: %s", limit.getKey(), i, part.text())
                            .isEqualTo(network.get(limit.getKey()))
                            .isLessThanOrEqualTo(limit.getValue());
                }
            }
        }
    }

    @Test
    void shouldAdaptDeterministically() {
        Connector another = provider().create(context());
        Capabilities caps = capabilities();
        for (PostContent content : samples(caps.primaryLimit())) {
            try {
                assertThat(connector.adapt(content, caps)).isEqualTo(connector.adapt(content, caps))
                        .isEqualTo(another.adapt(content, caps));
            } catch (AdaptException e) {
                assertThatThrownBy(() -> another.adapt(content, caps)).isInstanceOf(AdaptException.class);
            }
        }
    }

    @Test
    void shouldGiveOnePartForAShortText() {
        PlatformPost post = connector.adapt(shortContent(), capabilities());

        assertThat(post.parts()).hasSize(1);
        assertThat(post.parts().get(0).text()).contains("Walk-ins welcome");
        assertThat(post.media()).isEqualTo(shortContent().media());
    }

    @Test
    void shouldSplitALongTextIntoAThreadWithoutLosingAWord() {
        Capabilities caps = capabilities();
        assumeThat(caps.threads().supported()).as("the network has threads").isTrue();
        String body = SampleContent.longText(3 * caps.primaryLimit());

        PlatformPost post = connector.adapt(withBody(body), caps);

        assertThat(post.parts()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(post.lengths()).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(caps.primaryLimit()));
        assertThat(isSubsequence(words(body), words(String.join(" ", post.texts()))))
                .as("every word of the body, in order, in the parts %s", post.texts()).isTrue();
    }

    @Test
    void shouldRefuseATextOverTheLimitWithAReasonWhenTheNetworkHasNoThreads() {
        Capabilities caps = capabilities();
        assumeThat(caps.threads().supported()).as("the network has no threads").isFalse();
        assumeThat(caps.primaryLimit()).as("the network limits text").isLessThan(100_000);

        assertThatThrownBy(() -> connector.adapt(withBody(SampleContent.longText(2 * caps.primaryLimit())), caps))
                .isInstanceOf(AdaptException.class)
                .message().contains(platform());
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
        PlatformPost post = connector.adapt(shortContent(), capabilities());
        TestAttempt attempt = attempt(post);

        Receipt receipt = connector.publish(attempt);

        assertThat(receipt.remoteId()).isNotBlank();
        assertThat(receipt.partIds()).containsExactly(receipt.remoteId());
        assertThat(attempt.checkpoint(Checkpoint.part(0))).as("the posted part is a checkpoint")
                .hasValueSatisfying(c -> assertThat(c.get("remoteId")).isEqualTo(receipt.remoteId()));
        assertThat(postsOf(receipt)).singleElement().satisfies(p -> {
            assertThat(p.text()).isEqualTo(expectedText(post.parts().get(0).text()));
            assertThat(p.target()).isEqualTo(account().target());
            assertThat(p.replyTo()).isNull();
        });
    }

    @Test
    void shouldUploadMediaWithTheirAltText() throws PublishException {
        Capabilities caps = capabilities();
        assumeThat(caps.media().maxItems()).as("the network takes media").isPositive();
        PlatformPost post = connector.adapt(shortContent(), caps);

        Receipt receipt = connector.publish(attempt(post));

        assertThat(postsOf(receipt)).singleElement().satisfies(p -> assertThat(p.media())
                .singleElement().satisfies(m -> assertThat(m.altText()).isEqualTo(SAMPLE_ALT_TEXT)));
    }

    @Test
    void shouldPublishAThreadAsChainedReplies() throws PublishException {
        Capabilities caps = capabilities();
        assumeThat(caps.threads().supported()).as("the network has threads").isTrue();
        PlatformPost post = connector.adapt(longContent(3 * caps.primaryLimit()), caps);

        Receipt receipt = connector.publish(attempt(post));

        assertThat(receipt.partIds()).hasSameSizeAs(post.parts()).doesNotHaveDuplicates();
        assertThat(receipt.remoteId()).isEqualTo(receipt.partIds().get(0));
        List<SandboxPost> posted = postsOf(receipt);
        assertThat(posted).extracting(SandboxPost::text)
                .containsExactlyElementsOf(post.texts().stream().map(this::expectedText).toList());
        List<String> expectedReplyTo = new ArrayList<>();
        expectedReplyTo.add(null);
        expectedReplyTo.addAll(receipt.partIds().subList(0, receipt.partIds().size() - 1));
        assertThat(posted).extracting(SandboxPost::replyTo).containsExactlyElementsOf(expectedReplyTo);
    }

    @Test
    void shouldResumeAThreadAfterItsLastRecordedPart() throws PublishException {
        Capabilities caps = capabilities();
        assumeThat(caps.threads().supported()).as("the network has threads").isTrue();
        PlatformPost post = connector.adapt(longContent(3 * caps.primaryLimit()), caps);
        // the first attempt stops right after part 1 was recorded, as a crash would
        TestAttempt first = attempt(post).failRecordingAfter(stepsBeforePart(post, 1));
        assertThatThrownBy(() -> connector.publish(first)).isInstanceOf(CheckpointException.class);
        assertThat(first.checkpoint(Checkpoint.part(0))).isPresent();
        assertThat(first.checkpoint(Checkpoint.part(1))).isEmpty();

        TestAttempt second = first.next().failRecordingAfter(Integer.MAX_VALUE);
        ReadBack found = caps.readBack() ? connector.readBack(second) : null;
        Receipt receipt = connector.publish(second);

        if (found != null) {
            assertThat(found.outcome()).as("read-back of part 2, which was posted but not recorded")
                    .isEqualTo(ReadBack.Outcome.FOUND);
        }
        assertThat(receipt.partIds()).hasSameSizeAs(post.parts()).doesNotHaveDuplicates();
        assertThat(receipt.remoteId()).isEqualTo(first.checkpoint(Checkpoint.part(0)).orElseThrow().get("remoteId"));
        assertThat(postsOf(receipt)).hasSameSizeAs(post.parts());
        assertThat(sandbox.posts(account().target()).stream().filter(p -> p.text().equals(expectedText(post.texts().get(0)))).count())
                .as("part 1 posted once").isEqualTo(1);
    }

    @Test
    void shouldFindAPublishedPostByReadBack() throws PublishException {
        Capabilities caps = capabilities();
        assumeThat(caps.readBack()).as("the connector can read back").isTrue();
        PlatformPost post = connector.adapt(shortContent(), caps);
        TestAttempt first = attempt(post);
        Receipt receipt = connector.publish(first);

        TestAttempt unclear = first.forgettingCheckpoints();
        ReadBack result = connector.readBack(unclear);

        assertThat(result.outcome()).isEqualTo(ReadBack.Outcome.FOUND);
        assertThat(unclear.checkpoint(Checkpoint.part(0))).hasValueSatisfying(c ->
                assertThat(c.get("remoteId")).isEqualTo(receipt.remoteId()));
        assertThat(connector.publish(unclear).partIds()).isEqualTo(receipt.partIds());
        assertThat(postsOf(receipt)).hasSize(1);
    }

    @Test
    void shouldNotFindByReadBackWhatWasNeverPublished() throws PublishException {
        Capabilities caps = capabilities();
        assumeThat(caps.readBack()).as("the connector can read back").isTrue();
        PlatformPost post = connector.adapt(withBody("Never sent " + UUID.randomUUID() + ". Walk-ins welcome."), caps);

        ReadBack result = connector.readBack(attempt(post));

        assertThat(result.outcome()).isEqualTo(ReadBack.Outcome.NOT_FOUND);
        assertThat(result.detail()).isNotBlank();
    }

    @Test
    void shouldPostOnceWhenTheFirstAttemptGotNoAnswerInTime() throws PublishException {
        Capabilities caps = capabilities();
        assumeThat(caps.readBack() || caps.idempotency().trusted()).as("the network can settle an unclear attempt").isTrue();
        Connector impatient = provider().create(new ConnectorContext(HttpClient.newHttpClient(), Clock.systemUTC(),
                Duration.ofMillis(300)));
        PlatformPost post = connector.adapt(withBody("Unclear " + UUID.randomUUID() + ". Walk-ins welcome."), caps);
        TestAttempt first = attempt(post);
        int before = sandbox.posts(account().target()).size();
        sandbox.inject(slowPublishFault(post, Duration.ofMillis(1500)));

        assertThatThrownBy(() -> impatient.publish(first))
                .isInstanceOfSatisfying(PublishException.class,
                        e -> assertThat(e.kind()).isEqualTo(PublishException.Kind.OUTCOME_UNKNOWN));
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.posts(account().target()).size() == before + 1);
        sandbox.clearFaults();
        TestAttempt second = first.next();
        if (caps.readBack()) {
            assertThat(connector.readBack(second).outcome()).isEqualTo(ReadBack.Outcome.FOUND);
        }
        Receipt retried = connector.publish(second);

        assertThat(sandbox.posts(account().target())).hasSize(before + 1);
        assertThat(postsOf(retried)).hasSize(1);
    }

    @Test
    void shouldReportAWrongCredentialAsAuthenticationWithoutShowingIt() {
        Account real = account();
        String wrong = "wrong-" + UUID.randomUUID();
        Map<String, Secret> secrets = new java.util.TreeMap<>();
        real.secrets().keySet().forEach(k -> secrets.put(k, Secret.of(wrong + "-" + k)));
        Account badCredential = real.withSecrets(secrets);

        assertThatThrownBy(() -> connector.publish(attempt(connector.adapt(shortContent(), capabilities())).withAccount(badCredential)))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PublishException.Kind.AUTHENTICATION);
                    assertThat(e.isRetryable()).isFalse();
                })
                .message().doesNotContain(wrong).doesNotContain(real.credential().reveal());
    }

    @Test
    void shouldReportAccountHealthWithoutThrowingOrShowingACredential() {
        Account real = account();
        Account unreachable = real.withBaseUrl(URI.create("http://127.0.0.1:" + freePort() + "/" + platform()));

        for (Account a : List.of(real, unreachable)) {
            AccountHealth health = connector.health(a);
            assertThat(health).as("health of %s", a.baseUrl()).isNotNull();
            for (Secret s : a.secrets().values()) {
                assertThat(health.detail()).doesNotContain(s.reveal());
            }
        }
    }

    @Test
    void shouldReportAnUnreachableNetworkAsRetryable() {
        Account real = account();
        URI nowhere = URI.create("http://127.0.0.1:" + freePort() + "/" + platform());

        assertThatThrownBy(() -> connector.publish(attempt(connector.adapt(shortContent(), capabilities()))
                        .withAccount(real.withBaseUrl(nowhere))))
                .isInstanceOfSatisfying(PublishException.class,
                        e -> assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRYABLE))
                .message().doesNotContain(real.credential().reveal());
    }

    @Test
    void shouldReportAServerErrorAsRetryable() {
        sandbox.inject(SandboxFault.status(platform(), 503));

        assertThatThrownBy(() -> connector.publish(attempt(connector.adapt(shortContent(), capabilities()))))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRYABLE);
                    assertThat(e.httpStatus()).isEqualTo(503);
                });
    }

    @Test
    void shouldSayWhenAnErrorAnswerHasAnEmptyBody() {
        sandbox.inject(SandboxFault.status(platform(), 500).withBody(""));

        assertThatThrownBy(() -> connector.publish(attempt(connector.adapt(shortContent(), capabilities()))))
                .isInstanceOf(PublishException.class)
                .message().contains("(empty body)");
    }

    @Test
    void shouldReportARateLimitWithTheWaitTheNetworkAsksFor() {
        Instant reset = Instant.now().plusSeconds(120);
        SandboxFault fault = SandboxFault.status(platform(), 429);
        for (Map.Entry<String, String> header : rateLimitHeaders(reset).entrySet()) {
            fault = fault.withHeader(header.getKey(), header.getValue());
        }
        sandbox.inject(fault);

        assertThatThrownBy(() -> connector.publish(attempt(connector.adapt(shortContent(), capabilities()))))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PublishException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(wait ->
                            assertThat(wait).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(121)));
                });
    }

    /** The account's declared capabilities, as Herald plans with them. */
    protected final Capabilities capabilities() {
        return connector.capabilities(account());
    }

    /** A first attempt of a new delivery of {@code post}. */
    protected final TestAttempt attempt(PlatformPost post) {
        return TestAttempt.first(account(), post, newDelivery());
    }

    /** The short sample, with the sandbox's sample image where the network takes media. */
    protected final PostContent shortContent() {
        PostContent s = SampleContent.shortPost();
        List<Media> media = capabilities().media().maxItems() > 0
                ? List.of(new Media(sandbox.baseUri() + "/media/sample.jpg", SAMPLE_ALT_TEXT, "image/jpeg")) : List.of();
        return new PostContent(s.body().replace(" clinic.", " clinic (" + unique() + ")."), s.link(), s.hashtags(), media);
    }

    /** A short marker that makes a test's text its own: read-backs match by text. */
    private String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A long post, with the sample image where the network requires media. */
    protected final PostContent longContent(int characters) {
        PostContent p = SampleContent.longPost(characters);
        return new PostContent("Update " + unique() + ". " + p.body(), p.link(), p.hashtags(), requiredMedia());
    }

    /** A post of this body, with the sample image where the network requires media. */
    protected final PostContent withBody(String body) {
        return new PostContent(body, null, List.of(), requiredMedia());
    }

    private List<Media> requiredMedia() {
        return capabilities().media().required()
                ? List.of(new Media(sandbox.baseUri() + "/media/sample.jpg", SAMPLE_ALT_TEXT, "image/jpeg")) : List.of();
    }

    /** The alt text of the sample image. */
    protected static final String SAMPLE_ALT_TEXT = "A nurse giving a flu shot";

    /**
     * How the network counts {@code text} in each unit of its limits, written apart from the
     * connector (best the stand-in's own count). By default the primary unit by {@link #networkLength}.
     */
    protected Map<String, Integer> networkLengths(String text) {
        String unit = capabilities().primaryUnit();
        return unit == null ? Map.of() : Map.of(unit, networkLength(text)); // a network without limits (a webhook)
    }

    /** The text the stand-in holds for a part Herald sent as {@code sent}; by default the same. */
    protected String expectedText(String sent) {
        return sent;
    }

    /**
     * How many checkpoints the connector records before it posts part {@code index} (0-based): one per
     * part before it, plus what a first part needs first (a media upload, a container). By default
     * {@code index} plus the media items when the network uploads them.
     */
    protected int stepsBeforePart(PlatformPost post, int index) {
        Capabilities caps = capabilities();
        int media = caps.media().maxItems() > 0 && !caps.media().fetchedByNetwork() ? post.media().size() : 0;
        return media + index;
    }

    /** How many HTTP calls publishing a one-part {@code post} makes; the timeout test delays them all. */
    protected int publishCalls(PlatformPost post) {
        return 1;
    }

    /**
     * The fault that makes the call creating the post answer too late (after {@code delay}, while the
     * stand-in still acts on it), for the unclear-attempt test. By default every one of the
     * {@link #publishCalls} calls is slow; a network that publishes in several calls (a container,
     * then publish) slows the publishing call alone, e.g.
     * {@code SandboxFault.delay(platform(), delay).onPath("/media_publish$")}.
     */
    protected SandboxFault slowPublishFault(PlatformPost post, Duration delay) {
        return SandboxFault.delay(platform(), delay).times(publishCalls(post));
    }

    private ConnectorProvider provider() {
        List<ConnectorProvider> matching = Connectors.discover().stream()
                .filter(p -> p.platform().equals(platform()))
                .toList();
        assertThat(matching).as("providers registered in META-INF/services for platform '%s'", platform())
                .hasSize(1);
        return matching.get(0);
    }

    /**
     * Takes every part of a published post down, last first, as Herald's takedown does, then asks
     * again for the first part, as a takedown repeated after a lost answer would: that counts as
     * gone and leaves nothing new on the stand-in. A network whose API cannot delete says so ({@code UNSUPPORTED}) and the post stays.
     */
    @Test
    void shouldTakeEveryPartDownAndCountARepeatedDeleteAsGone() throws PublishException {
        Capabilities caps = capabilities();
        PlatformPost post = connector.adapt(caps.threads().supported() ? longContent(3 * caps.primaryLimit()) : shortContent(),
                caps);
        TestAttempt attempt = attempt(post);
        Receipt receipt = connector.publish(attempt);
        int n = receipt.parts().size();

        if (!caps.corrections().delete()) {
            io.herald.connector.TakedownResult result = connector.delete(new io.herald.connector.Takedown(account(),
                    attempt.delivery(), 0, n, receipt.parts().get(0), attempt.credentials(), "contract"));
            assertThat(result.outcome()).isEqualTo(io.herald.connector.TakedownResult.Outcome.UNSUPPORTED);
            assertThat(result.detail()).isNotBlank();
            assertThat(postsOf(receipt)).allSatisfy(p -> assertThat(p.state()).isEqualTo(SandboxPost.PUBLISHED));
            return;
        }
        for (int i = n - 1; i >= 0; i--) {
            io.herald.connector.TakedownResult result = connector.delete(new io.herald.connector.Takedown(account(),
                    attempt.delivery(), i, n, receipt.parts().get(i), attempt.credentials(), "contract"));
            assertThat(result.outcome()).as("part %d of %d", i + 1, n).isEqualTo(io.herald.connector.TakedownResult.Outcome.DELETED);
        }
        io.herald.connector.TakedownResult again = connector.delete(new io.herald.connector.Takedown(account(),
                attempt.delivery(), 0, n, receipt.parts().get(0), attempt.credentials(), "contract"));

        assertThat(postsOf(receipt)).hasSize(n).allSatisfy(p -> assertThat(p.state()).isEqualTo(SandboxPost.DELETED));
        // ALREADY_GONE, or DELETED where the network answers a repeated delete as the first (LinkedIn: idempotent)
        assertThat(again.gone()).as(again.outcome() + ": " + again.detail()).isTrue();
        assertThat(postsOf(receipt)).hasSize(n);
    }

    /** The stand-in's posts of a receipt, in thread order. */
    protected final List<SandboxPost> postsOf(Receipt receipt) {
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
