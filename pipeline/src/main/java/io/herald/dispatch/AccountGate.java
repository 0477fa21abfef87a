package io.herald.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.herald.connector.Account;
import io.herald.connector.Capabilities;
import io.herald.connector.PublishException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether an account may send now: its rate windows (the network's published limits, the account's
 * own {@code limits}, Herald's per-minute default), and the circuit breaker of its network's host
 * (one per remote service: a Mastodon instance that is down says nothing about another). All from
 * resilience4j registries, configured here, not re-implemented: what counts as a failure is the
 * breaker's configuration ({@link #isFailure}).
 *
 * <p>An account that may not send is {@link Admission.Held held} until the time its windows or its
 * breaker allow again; the dispatcher records that in the store so that the account is not selected
 * again and again meanwhile.
 */
final class AccountGate {

    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
    private final Map<String, List<RateLimiter>> windows = new ConcurrentHashMap<>();
    private final int postsPerMinute;
    private final Clock clock;
    private final Duration openWait;

    AccountGate(int postsPerMinute, Clock clock) {
        this(postsPerMinute, clock, Duration.ofSeconds(30));
    }

    AccountGate(int postsPerMinute, Clock clock, Duration openWait) {
        this.postsPerMinute = postsPerMinute;
        this.clock = clock;
        this.openWait = openWait;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(50)
                .minimumNumberOfCalls(5)
                .slidingWindowSize(20)
                .waitDurationInOpenState(openWait)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(AccountGate::isFailure)
                .build());
    }

    /**
     * What counts against a network's breaker: failures that say the service is in trouble (5xx, no
     * connection, no answer). A refused post, a wrong credential or a rate limit says nothing of it.
     */
    static boolean isFailure(Throwable t) {
        return !(t instanceof PublishException p) || p.kind() == PublishException.Kind.RETRYABLE
                || p.kind() == PublishException.Kind.OUTCOME_UNKNOWN;
    }

    /** May the account send one post now? */
    sealed interface Admission {
        /** Yes; report the call's end to {@code breaker}. */
        record Admitted(CircuitBreaker breaker) implements Admission {
        }

        /** Not before {@code until}. */
        record Held(Instant until, String reason) implements Admission {
        }
    }

    /** Asks the account's breaker and every rate window; a permit is taken only when all allow. */
    Admission admit(Account account, Capabilities caps, List<Capabilities.RateWindow> accountLimits) {
        CircuitBreaker breaker = breaker(account);
        if (!breaker.tryAcquirePermission()) {
            return new Admission.Held(clock.instant().plus(openWait), "the circuit breaker of " + breaker.getName()
                    + " is open after repeated failures");
        }
        List<RateLimiter> ws = windows.computeIfAbsent(account.target(), t -> windowsOf(account, caps, accountLimits));
        for (RateLimiter w : ws) {
            if (w.getMetrics().getAvailablePermissions() < 1) {
                breaker.releasePermission();
                long nanos = Math.max(nanosToWait(w), TimeUnit.MILLISECONDS.toNanos(50));
                return new Admission.Held(clock.instant().plusNanos(nanos), "rate window " + w.getName().substring(
                        w.getName().indexOf('#') + 1) + " of " + account.target() + " is full");
            }
        }
        for (RateLimiter w : ws) {
            w.acquirePermission();
        }
        return new Admission.Admitted(breaker);
    }

    /** Reports an attempt's end to the breaker; its configuration decides whether it was a failure. */
    void onSuccess(CircuitBreaker breaker, long nanos) {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }

    void onError(CircuitBreaker breaker, long nanos, Throwable error) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
    }

    /** The breaker of the account's network host. */
    CircuitBreaker breaker(Account account) {
        return breakers.circuitBreaker(account.platform() + "@" + account.baseUrl().getHost()
                + (account.baseUrl().getPort() > 0 ? ":" + account.baseUrl().getPort() : ""));
    }

    /** The breakers' states, for metrics. */
    Map<String, CircuitBreaker.State> breakerStates() {
        Map<String, CircuitBreaker.State> out = new java.util.TreeMap<>();
        breakers.getAllCircuitBreakers().forEach(b -> out.put(b.getName(), b.getState()));
        return out;
    }

    private List<RateLimiter> windowsOf(Account account, Capabilities caps, List<Capabilities.RateWindow> accountLimits) {
        List<Capabilities.RateWindow> all = new ArrayList<>(caps.rateWindows());
        all.addAll(accountLimits);
        if (postsPerMinute > 0) {
            all.add(new Capabilities.RateWindow(postsPerMinute, Duration.ofMinutes(1)));
        }
        List<RateLimiter> out = new ArrayList<>();
        for (Capabilities.RateWindow w : all) {
            out.add(limiters.rateLimiter(account.target() + "#" + w.posts() + "/" + w.per(), RateLimiterConfig.custom()
                    .limitForPeriod(w.posts()).limitRefreshPeriod(w.per()).timeoutDuration(Duration.ZERO).build()));
        }
        return out;
    }

    private static long nanosToWait(RateLimiter w) {
        if (w instanceof io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter atomic) {
            return Math.max(0, atomic.getDetailedMetrics().getNanosToWait());
        }
        return TimeUnit.SECONDS.toNanos(1);
    }
}
