package io.herald.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.herald.connector.Account;
import java.time.Duration;

/**
 * One circuit breaker per remote service (platform and host: a Mastodon instance that is down
 * says nothing about another) and one rate limiter per account, from resilience4j registries.
 * Both are asked before a delivery is claimed, so a delivery held back by them keeps its attempt.
 */
final class NetworkGuards {

    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry limiters;

    NetworkGuards(int postsPerMinutePerAccount) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(50)
                .minimumNumberOfCalls(5)
                .slidingWindowSize(20)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(postsPerMinutePerAccount)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    CircuitBreaker breaker(Account account) {
        return breakers.circuitBreaker(account.platform() + "@" + account.baseUrl().getHost()
                + (account.baseUrl().getPort() > 0 ? ":" + account.baseUrl().getPort() : ""));
    }

    RateLimiter limiter(Account account) {
        return limiters.rateLimiter(account.target());
    }
}
