package io.herald.network;

import io.herald.config.AccountRegistry;
import io.herald.connector.Account;
import io.herald.connector.Capabilities;
import io.herald.connector.Connector;
import io.herald.connector.Connectors;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.post.Post;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured accounts with their connectors and what each account's network does: its
 * declared capabilities, refined by what the server announces ({@link #discoverAll}). Ingest adapts
 * by it, dispatch publishes, paces and reads back by it.
 */
public final class Networks {

    private static final Logger LOG = LoggerFactory.getLogger(Networks.class);

    private final Connectors connectors;
    private final AccountRegistry accounts;
    private final Map<String, Capabilities> capabilities = new ConcurrentHashMap<>();

    public Networks(Connectors connectors, AccountRegistry accounts) {
        this.connectors = connectors;
        this.accounts = accounts;
    }

    /**
     * What each account's connector can tell an operator (credentials that expire, retired API
     * versions), asked of all accounts at once; an account whose check does not answer within
     * {@code timeout} is {@link io.herald.connector.AccountHealth.Status#UNKNOWN}. In target order.
     */
    public java.util.Map<String, io.herald.connector.AccountHealth> health(java.time.Duration timeout) {
        java.util.Map<String, java.util.concurrent.CompletableFuture<io.herald.connector.AccountHealth>> asks = new java.util.TreeMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(8, accounts.targets().size())), r -> {
                    Thread t = new Thread(r, "account-health");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (String target : accounts.targets()) {
                Account account = accounts.get(target).orElseThrow();
                asks.put(target, java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return connectors.get(account.platform()).health(account);
                    } catch (RuntimeException e) {
                        return io.herald.connector.AccountHealth.unknown("the check failed: " + e.getMessage());
                    }
                }, pool));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            java.util.Map<String, io.herald.connector.AccountHealth> out = new java.util.LinkedHashMap<>();
            for (var e : asks.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS));
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ex) {
                    out.put(e.getKey(), io.herald.connector.AccountHealth.unknown("the network did not answer within " + timeout.toSeconds() + " s"));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    out.put(e.getKey(), io.herald.connector.AccountHealth.unknown("interrupted"));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Logs each account's health: a WARNING as a warning, an ERROR as an error, the rest at INFO. */
    public void logHealth(java.time.Duration timeout) {
        health(timeout).forEach((target, h) -> {
            switch (h.status()) {
                case ERROR -> LOG.error("account {}: {}", target, h.detail());
                case WARNING -> LOG.warn("account {}: {}", target, h.detail());
                default -> LOG.info("account {}: {} {}", target, h.status(), h.detail());
            }
        });
    }

    /** Asks every account's server what it announces (limits); a server that does not answer keeps the declared ones. */
    public void discoverAll() {
        for (String target : accounts.targets()) {
            Account account = accounts.get(target).orElseThrow();
            Connector connector = connectors.get(account.platform());
            Capabilities declared = connector.capabilities(account);
            try {
                capabilities.put(target, connector.discover(account, declared));
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot learn what the server announces ({}); using the documented limits", target, e.getMessage());
                capabilities.put(target, declared);
            }
        }
    }

    public Optional<Account> account(String target) {
        return accounts.get(target);
    }

    public boolean has(String target) {
        return accounts.has(target);
    }

    public Set<String> targets() {
        return accounts.targets();
    }

    public String targetsHint() {
        return accounts.targetsHint();
    }

    public AccountRegistry accounts() {
        return accounts;
    }

    public Connector connector(String target) {
        return connectors.get(Post.platformOf(target));
    }

    /** What the account's network does: as discovered, else as declared. */
    public Capabilities capabilities(String target) {
        return capabilities.computeIfAbsent(target, t -> {
            Account account = accounts.get(t).orElseThrow(() -> new IllegalArgumentException("no account " + t));
            return connectors.get(account.platform()).capabilities(account);
        });
    }

    /** Shapes content for one target. */
    public PlatformPost adapt(String target, PostContent content) {
        return connector(target).adapt(content, capabilities(target));
    }
}
