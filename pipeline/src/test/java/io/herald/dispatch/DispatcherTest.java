package io.herald.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.audit.RecordSource;
import io.herald.config.AccountRegistry;
import io.herald.config.HeraldConfig;
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
import io.herald.json.Json;
import io.herald.store.Delivery;
import io.herald.store.DeliveryState;
import io.herald.store.NewDelivery;
import io.herald.store.StoreFixture;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher against a real delivery store (H2) and a scripted connector: what it records for
 * each kind of outcome. Deliveries are driven one by one through {@code deliver}, without the
 * ticker, and time is a fixed clock.
 */
class DispatcherTest {

    private static final String TARGET = "scripted:demo";
    private static final String DEAD = "herald.deliveries.dead";

    @TempDir
    Path dir;

    private StoreFixture f;
    private ScriptedConnector connector;
    private Dispatcher dispatcher;

    @BeforeEach
    void setUp() {
        f = new StoreFixture(dir);
        connector = new ScriptedConnector(true);
    }

    @AfterEach
    void tearDown() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        f.close();
    }

    private Dispatcher dispatcher(int maxAttempts) {
        Account account = new Account("scripted", "demo", URI.create("http://127.0.0.1:1"), Secret.of("t"), Map.of());
        Connectors connectors = new Connectors(List.of(new ConnectorProvider() {
            @Override
            public String platform() {
                return "scripted";
            }

            @Override
            public Connector create(ConnectorContext context) {
                return connector;
            }
        }), ConnectorContext.defaults());
        dispatcher = new Dispatcher(f.store, f.audit, new io.herald.network.Networks(connectors, new AccountRegistry(Map.of(TARGET, account))),
                new io.herald.connector.HttpMediaSource(java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(1), false), DEAD,
                f.clock, StoreFixture.INSTANCE, new HeraldConfig.Dispatch(Duration.ofSeconds(1), maxAttempts,
                        Duration.ofSeconds(2), 1, 1000));
        return dispatcher;
    }

    private Delivery schedule(String postId, Instant expiresAt) {
        String content = Json.write(PlatformPost.of(List.of("Clinic news."), "characters", List.of(12), 500, List.of()));
        f.store.recordScheduled(new RecordSource("in", 0, postId.hashCode() & 0xffff), 1L, postId, 1,
                List.of(new NewDelivery(TARGET, StoreFixture.NOW, expiresAt, content, "sha", null)), List.of());
        return f.store.find(new DeliveryKey(postId, 1, TARGET)).orElseThrow();
    }

    /** The audit events' types, in order (the producer also carries the dead letters). */
    private List<String> auditTypes() {
        f.audit.flush();
        return f.producer.history().stream().filter(r -> r.topic().equals(StoreFixture.TOPIC))
                .map(r -> StoreFixture.json(r).get("type").asText()).toList();
    }

    private DeliveryState state(String postId) {
        return f.store.find(new DeliveryKey(postId, 1, TARGET)).orElseThrow().state();
    }

    @Test
    void shouldRecordAPublicationWithItsReceipt() {
        dispatcher(5).deliver(schedule("p1", null));

        assertThat(state("p1")).isEqualTo(DeliveryState.PUBLISHED);
        assertThat(auditTypes()).containsExactly("SCHEDULED", "ATTEMPT", "PUBLISHED");
        f.audit.flush();
        assertThat(StoreFixture.json(f.producer.history().get(2)).get("remoteId").asText()).isEqualTo("remote-1");
        assertThat(connector.calls).isEqualTo(1);
    }

    @Test
    void shouldScheduleARetryAfterATransientFailure() {
        connector.fail(PublishException.retryable("503 from the network", null));
        dispatcher(5).deliver(schedule("p2", null));

        Delivery d = f.store.find(new DeliveryKey("p2", 1, TARGET)).orElseThrow();
        assertThat(d.state()).isEqualTo(DeliveryState.RETRY);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.nextAttemptAt()).isAfter(StoreFixture.NOW);
        assertThat(auditTypes()).containsExactly("SCHEDULED", "ATTEMPT", "RETRY_SCHEDULED");
    }

    @Test
    void shouldWaitAsLongAsARateLimitAsks() {
        connector.fail(PublishException.rateLimited("429", Duration.ofMinutes(7)));
        dispatcher(5).deliver(schedule("p3", null));

        Delivery d = f.store.find(new DeliveryKey("p3", 1, TARGET)).orElseThrow();
        assertThat(d.nextAttemptAt()).isEqualTo(StoreFixture.NOW.plus(Duration.ofMinutes(7)));
    }

    @Test
    void shouldFailForGoodAndWriteADeadLetterOnAPermanentError() {
        connector.fail(PublishException.permanent("422 text too long"));
        dispatcher(5).deliver(schedule("p4", null));

        assertThat(state("p4")).isEqualTo(DeliveryState.FAILED);
        f.audit.flush(); // the dead letter goes through the outbox with the FAILED event
        assertThat(f.producer.history()).anySatisfy(r -> {
            assertThat(r.topic()).isEqualTo(DEAD);
            assertThat(new String(r.value())).contains("422 text too long").contains("\"attempts\":1");
        });
    }

    @Test
    void shouldGiveUpWhenTheAttemptsAreUsedUp() {
        connector.fail(PublishException.retryable("503", null));
        Dispatcher dispatcher = dispatcher(1);
        dispatcher.deliver(schedule("p5", null));

        assertThat(state("p5")).isEqualTo(DeliveryState.FAILED);
        assertThat(auditTypes()).endsWith("FAILED");
    }

    @Test
    void shouldNeverRepeatAnAttemptOfUnknownOutcomeOnANetworkThatCannotDeduplicate() {
        connector = new ScriptedConnector(false);
        connector.fail(PublishException.outcomeUnknown("timed out after sending", null));
        dispatcher(5).deliver(schedule("p6", null));

        assertThat(state("p6")).isEqualTo(DeliveryState.UNKNOWN_OUTCOME);
        assertThat(connector.calls).isEqualTo(1);
        assertThat(auditTypes()).endsWith("UNKNOWN_OUTCOME");
    }

    @Test
    void shouldRetryAnAttemptOfUnknownOutcomeWhereTheNetworkDeduplicates() {
        connector.fail(PublishException.outcomeUnknown("timed out after sending", null));
        dispatcher(5).deliver(schedule("p7", null));

        assertThat(state("p7")).isEqualTo(DeliveryState.RETRY);
        assertThat(f.store.find(new DeliveryKey("p7", 1, TARGET)).orElseThrow().unclear()).isTrue();
    }

    @Test
    void shouldReadBackAnUnclearAttemptAndNotPublishAgainWhenFound() {
        connector = new ScriptedConnector(false, true);
        connector.fail(PublishException.outcomeUnknown("timed out after sending", null));
        Dispatcher d = dispatcher(5);
        d.deliver(schedule("p11", null));
        assertThat(state("p11")).isEqualTo(DeliveryState.RETRY);
        connector.readBackFinds = true;

        d.deliver(f.store.find(new DeliveryKey("p11", 1, TARGET)).orElseThrow());

        assertThat(state("p11")).isEqualTo(DeliveryState.PUBLISHED);
        assertThat(connector.calls).as("network calls that post").isEqualTo(1);
        assertThat(auditTypes()).endsWith("RETRY_SCHEDULED", "ATTEMPT", "PUBLISHED");
        f.audit.flush();
        assertThat(f.producer.history().stream().filter(r -> r.topic().equals(StoreFixture.TOPIC))
                .map(StoreFixture::json).filter(j -> j.get("type").asText().equals("PUBLISHED")).findFirst().orElseThrow()
                .get("reason").asText()).startsWith("reconciled");
    }

    @Test
    void shouldRepeatAnUnclearAttemptThatReadBackDoesNotFind() {
        connector = new ScriptedConnector(false, true);
        connector.fail(PublishException.outcomeUnknown("timed out after sending", null));
        Dispatcher d = dispatcher(5);
        d.deliver(schedule("p12", null));

        d.deliver(f.store.find(new DeliveryKey("p12", 1, TARGET)).orElseThrow());

        assertThat(state("p12")).isEqualTo(DeliveryState.PUBLISHED);
        assertThat(connector.calls).isEqualTo(2);
    }

    @Test
    void shouldExpireADeliveryWhoseTimeHasPassedWithoutCallingTheNetwork() {
        dispatcher(5).deliver(schedule("p8", StoreFixture.NOW));

        assertThat(state("p8")).isEqualTo(DeliveryState.EXPIRED);
        assertThat(connector.calls).isZero();
    }

    @Test
    void shouldNotPublishADeliveryAnotherWorkerClaimedFirst() {
        Delivery d = schedule("p9", null);
        f.store.claim(d, "other-instance", StoreFixture.NOW);
        dispatcher(5).deliver(d);

        assertThat(connector.calls).isZero();
    }

    @Test
    void shouldRecoverInterruptedAttemptsAtStart() {
        Delivery d = schedule("p10", null);
        f.store.claim(d, StoreFixture.INSTANCE, StoreFixture.NOW);
        dispatcher(5).recover();

        assertThat(state("p10")).isEqualTo(DeliveryState.RETRY);
        assertThat(auditTypes()).endsWith("RETRY_SCHEDULED");
    }

    /** A connector whose next outcomes are scripted; succeeds when nothing is scripted. */
    static final class ScriptedConnector implements Connector {
        private final boolean idempotent;
        private final boolean canReadBack;
        private final Deque<PublishException> failures = new ArrayDeque<>();
        int calls;
        boolean readBackFinds;

        ScriptedConnector(boolean idempotent) {
            this(idempotent, false);
        }

        ScriptedConnector(boolean idempotent, boolean canReadBack) {
            this.idempotent = idempotent;
            this.canReadBack = canReadBack;
        }

        void fail(PublishException e) {
            failures.add(e);
        }

        @Override
        public String platform() {
            return "scripted";
        }

        @Override
        public io.herald.connector.Capabilities capabilities(Account account) {
            var b = io.herald.connector.Capabilities.builder().limit("characters", 500);
            if (idempotent) {
                b.idempotency(io.herald.connector.Capabilities.Idempotency.naturalKey());
            }
            if (canReadBack) {
                b.readBack(Duration.ofSeconds(30));
            }
            return b.build();
        }

        @Override
        public PlatformPost adapt(PostContent content, io.herald.connector.Capabilities caps) {
            return PlatformPost.of(List.of(content.body()), "characters", List.of(content.body().length()), 500, List.of());
        }

        @Override
        public Receipt publish(io.herald.connector.PublishAttempt attempt) throws PublishException {
            var recorded = attempt.checkpoint(io.herald.connector.Checkpoint.part(0));
            if (recorded.isPresent()) {
                return Receipt.of(List.of(recorded.get().asPartReceipt()));
            }
            calls++;
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            return Receipt.single("remote-" + calls, "http://127.0.0.1:1/" + calls);
        }

        @Override
        public io.herald.connector.ReadBack readBack(io.herald.connector.PublishAttempt attempt) {
            if (!canReadBack) {
                return io.herald.connector.ReadBack.unsupported("cannot");
            }
            if (readBackFinds) {
                attempt.record(io.herald.connector.Checkpoint.posted(0, io.herald.connector.PartReceipt.of("remote-1", null)));
                return io.herald.connector.ReadBack.found("status remote-1 on the account");
            }
            return io.herald.connector.ReadBack.notFound("nothing there");
        }
    }
}
