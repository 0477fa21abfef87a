package io.herald.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.herald.sandbox.internal.AdminApi;
import io.herald.sandbox.internal.DataDirLock;
import io.herald.sandbox.internal.FaultInjector;
import io.herald.sandbox.internal.SampleMedia;
import io.herald.sandbox.internal.SandboxHttpHandler;
import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.standin.StandIns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-ins of the networks' APIs on one port, each under its platform's prefix: the
 * Mastodon stand-in answers at {@code http://127.0.0.1:<port>/mastodon/api/v1/...}. State is kept
 * under the data directory, one JSON-lines journal per platform ({@code mastodon.jsonl}), and reloaded on start, so it outlives a
 * restart as a real network would. Faults can be injected, in process ({@link #inject}) or over
 * HTTP ({@code POST /_sandbox/faults}, see {@link SandboxClient}).
 *
 * <pre>{@code
 * try (SandboxServer sandbox = SandboxServer.start(0, dataDir)) {
 *     URI mastodon = sandbox.baseUri("mastodon");   // http://127.0.0.1:<port>/mastodon
 *     ...
 *     List<SandboxPost> posts = sandbox.posts("mastodon:demo");
 * }
 * }</pre>
 */
public final class SandboxServer implements AutoCloseable {

    /** The default port of {@code herald sandbox}. */
    public static final int DEFAULT_PORT = 8089;
    /** The default interface: the sandbox is for this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

    static {
        // Without it the JDK server answers every keep-alive request after the client's delayed ACK,
        // about 40 ms: any figure taken through the stand-ins would measure that, not Herald.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final DataDirLock lock;
    private final Map<String, StandIn> standIns;
    private final FaultInjector faults;
    private final String host;
    private final CountDownLatch closed = new CountDownLatch(1);

    private SandboxServer(HttpServer http, ExecutorService executor, DataDirLock lock, Map<String, StandIn> standIns,
            FaultInjector faults, String host) {
        this.http = http;
        this.executor = executor;
        this.lock = lock;
        this.standIns = standIns;
        this.faults = faults;
        this.host = host;
    }

    /**
     * Starts every built-in stand-in on {@code 127.0.0.1:port} with the system clock.
     *
     * @param port the port, or 0 for a free one (see {@link #port()})
     * @param dataDir where the state is kept; created when missing
     * @throws UncheckedIOException when the port is taken or the data directory cannot be used
     * @throws IllegalStateException when another sandbox uses the data directory
     */
    public static SandboxServer start(int port, Path dataDir) {
        return builder().port(port).dataDir(dataDir).start();
    }

    /** For other interfaces, another clock or a chosen set of stand-ins. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when something accepts TCP connections on {@code host:port} (within half a second). */
    public static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://<host>:<port>}, the root for {@link SandboxClient}. */
    public URI baseUri() {
        String h = host.equals("0.0.0.0") ? DEFAULT_HOST : host;
        return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port());
    }

    /** The API root of one platform's stand-in, e.g. {@code http://127.0.0.1:8089/mastodon}: an account's base URL. */
    public URI baseUri(String platform) {
        if (!standIns.containsKey(platform)) {
            throw new IllegalArgumentException("no stand-in for platform '" + platform + "'; available: "
                    + String.join(", ", standIns.keySet()));
        }
        return URI.create(baseUri() + "/" + platform);
    }

    /** The platforms served. */
    public Set<String> platforms() {
        return standIns.keySet();
    }

    /**
     * The posts the stand-ins hold, oldest first.
     *
     * @param targetOrNull {@code platform:account} ({@code mastodon:demo}), a platform alone
     *     ({@code mastodon}), or null for every post
     */
    public List<SandboxPost> posts(String targetOrNull) {
        List<SandboxPost> all = new ArrayList<>();
        standIns.values().forEach(s -> all.addAll(s.posts()));
        return all.stream()
                .filter(p -> matches(p, targetOrNull))
                .sorted(Comparator.comparing(SandboxPost::createdAt).thenComparing(SandboxPost::target))
                .toList();
    }

    static boolean matches(SandboxPost post, String target) {
        if (target == null || target.isBlank()) {
            return true;
        }
        return target.contains(":") ? post.target().equals(target) : post.target().startsWith(target + ":");
    }

    /** Queues a fault for the next calls to its platform. */
    public void inject(SandboxFault fault) {
        if (!standIns.containsKey(fault.platform())) {
            throw new IllegalArgumentException("no stand-in for platform '" + fault.platform() + "'; available: "
                    + String.join(", ", standIns.keySet()));
        }
        faults.inject(fault);
    }

    /** Changes some settings of one platform's stand-in (see each stand-in's documentation). */
    public void configure(String platform, Map<String, String> settings) {
        StandIn standIn = standIns.get(platform);
        if (standIn == null) {
            throw new IllegalArgumentException("no stand-in for platform '" + platform + "'; available: "
                    + String.join(", ", standIns.keySet()));
        }
        standIn.configure(settings);
    }

    /** The URL of a sample image the sandbox serves, {@code sample.jpg} or {@code sample.png}. */
    public URI sampleMedia(String name) {
        return URI.create(baseUri() + SampleMedia.PREFIX + name);
    }

    /** Drops every fault still waiting. */
    public void clearFaults() {
        faults.clear();
    }

    /** Blocks until {@link #close()} is called (by a shutdown hook, say). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops listening at once and releases the data directory. State is already on disk. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        http.stop(0);
        executor.shutdownNow();
        lock.close();
        closed.countDown();
        LOG.info("sandbox on port {} stopped", port());
    }

    /** Options beyond {@link #start(int, Path)}. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir;
        private Clock clock = Clock.systemUTC();
        private List<Function<StandInContext, StandIn>> standIns = StandIns.builtIn();

        private Builder() {
        }

        /** The interface to listen on, {@value #DEFAULT_HOST} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port, {@value #DEFAULT_PORT} by default; 0 for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        /** Where the state is kept (required). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** The clock stand-ins date posts and expire idempotency keys with. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The stand-ins to serve instead of the built-in ones. */
        public Builder standIns(List<Function<StandInContext, StandIn>> standIns) {
            this.standIns = List.copyOf(standIns);
            return this;
        }

        /** Loads the state and starts listening. */
        public SandboxServer start() {
            if (dataDir == null) {
                throw new IllegalArgumentException("dataDir is required");
            }
            DataDirLock lock = DataDirLock.acquire(dataDir);
            try {
                return bind(lock);
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        }

        private SandboxServer bind(DataDirLock lock) {
            StandInContext context = new StandInContext(clock, dataDir);
            Map<String, StandIn> byPlatform = new LinkedHashMap<>();
            for (Function<StandInContext, StandIn> factory : standIns) {
                StandIn standIn = factory.apply(context);
                if (byPlatform.putIfAbsent(standIn.platform(), standIn) != null) {
                    throw new IllegalStateException("two stand-ins for platform '" + standIn.platform() + "'");
                }
            }
            FaultInjector faults = new FaultInjector();
            HttpServer http;
            try {
                http = HttpServer.create(new InetSocketAddress(host, port), 128);
            } catch (BindException e) {
                throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": the port is in use", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
            http.setExecutor(executor);
            SandboxServer server = new SandboxServer(http, executor, lock,
                    Collections.unmodifiableMap(byPlatform), faults, host);
            http.createContext("/", new SandboxHttpHandler(byPlatform,
                    new AdminApi(server::posts, faults, Collections.unmodifiableMap(byPlatform)), faults));
            http.start();
            LOG.info("sandbox listening on {} ({}), state in {}", server.baseUri(),
                    String.join(", ", byPlatform.keySet()), dataDir.toAbsolutePath());
            return server;
        }

        private static ThreadFactory daemonThreads() {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
