package io.herald.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC database behind the delivery store and the audit outbox: an H2 file under the data
 * directory by default, PostgreSQL when {@code store.url} says so. Pooled by HikariCP, schema by
 * Flyway.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Where the store's password is read from when {@code store.passwordEnv} names no variable. */
    public static final String DEFAULT_PASSWORD_ENV = "HERALD_DB_PASSWORD";
    private final HikariDataSource dataSource;
    private final boolean postgres;
    /** The data dir's lock, held while this database is open for writing (embedded only). */
    private volatile java.nio.channels.FileChannel lock;
    private volatile org.h2.tools.Server readers;
    private volatile Path readersFile;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** Opens the configured database and migrates its schema. */
    public static Database open(HeraldConfig.Store store, Path dataDir, Map<String, String> env) {
        java.nio.channels.FileChannel lock = store.url().isEmpty() ? lockDataDir(dataDir) : null;
        try {
            Database db = open(store, dataDir, env, true);
            db.lock = lock;
            if (lock != null) {
                db.serveReaders(dataDir);
            }
            return db;
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    /** Where the embedded store's reader port is written while it is open. */
    private static Path readerPortFile(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("store").resolve("herald.readers");
    }

    /**
     * Lets {@code herald schedule} read the embedded store while this process has it open: an H2 TCP
     * server on 127.0.0.1 (a free port, written to {@code store/herald.readers}), serving the same
     * open database.
     */
    private void serveReaders(Path dataDir) {
        try {
            org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifExists").start();
            Files.writeString(readerPortFile(dataDir), String.valueOf(server.getPort()));
            this.readers = server;
            this.readersFile = readerPortFile(dataDir);
        } catch (SQLException | java.io.IOException e) {
            LOG.warn("herald schedule will not reach this store while it runs: {}", e.getMessage());
        }
    }

    /**
     * Opens the configured database to read it while Herald runs (for {@code herald schedule}): no
     * migration; the embedded file database is reached through the running Herald (H2's automatic
     * server), or opened directly when none runs.
     */
    public static Database openForReading(HeraldConfig.Store store, Path dataDir, Map<String, String> env) {
        if (store.url().isEmpty() && !Files.exists(dataDir.toAbsolutePath().resolve("store").resolve("herald.mv.db"))) {
            throw new ConfigException("dataDir: there is no delivery store in " + dataDir.toAbsolutePath()
                    + " (has './herald run' run with this data dir?)");
        }
        if (store.url().isEmpty() && Files.exists(readerPortFile(dataDir))) {
            try {
                String port = Files.readString(readerPortFile(dataDir)).trim();
                String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + dataDir.toAbsolutePath().resolve("store").resolve("herald")
                        + ";IFEXISTS=TRUE";
                try (Connection probe = java.sql.DriverManager.getConnection(url)) {
                    return open(new HeraldConfig.Store(url, null, null, 2), dataDir, env, false);
                }
            } catch (java.io.IOException | SQLException | ConfigException e) {
                LOG.debug("no running Herald serves the store: {}", e.getMessage()); // it stopped: read the file
            }
        }
        return open(store, dataDir, env, false);
    }

    /** One writer per data dir: a second Herald on it is refused (readers reach it through H2's automatic server). */
    private static java.nio.channels.FileChannel lockDataDir(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("store").resolve("herald.run.lock");
        try {
            Files.createDirectories(file.getParent());
            java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new ConfigException("dataDir: the delivery store in " + dataDir.toAbsolutePath()
                        + " is in use by another Herald; each instance needs its own data dir");
            }
            return ch;
        } catch (java.io.IOException e) {
            throw new ConfigException("dataDir: cannot lock the delivery store in " + dataDir.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private static void release(java.nio.channels.FileChannel lock) {
        if (lock != null) {
            try {
                lock.close();
            } catch (java.io.IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    private static Database open(HeraldConfig.Store store, Path dataDir, Map<String, String> env, boolean migrate) {
        String url = store.url().isEmpty()
                // WRITE_DELAY=0: every commit reaches the file before it returns, so a killed process
                // loses no committed outcome (H2's default keeps up to a second in memory).
                ? "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("store").resolve("herald")
                        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
                : store.url();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setPoolName("herald-store");
        hc.setMaximumPoolSize(store.poolSize());
        hc.setAutoCommit(true);
        if (!store.username().isEmpty()) {
            hc.setUsername(store.username());
        }
        if (!store.passwordEnv().isEmpty()) {
            String pw = env.get(store.passwordEnv());
            if (pw == null) {
                throw new ConfigException("store.passwordEnv: environment variable " + store.passwordEnv() + " is not set");
            }
            hc.setPassword(pw);
        } else if (env.containsKey(DEFAULT_PASSWORD_ENV)) {
            hc.setPassword(env.get(DEFAULT_PASSWORD_ENV));
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            if (rootMessage(e).contains("already in use") || rootMessage(e).contains("file is locked")) {
                throw new ConfigException("dataDir: the delivery store in " + dataDir.toAbsolutePath()
                        + " is in use by another Herald; each instance needs its own data dir", e);
            }
            throw new ConfigException("store.url: cannot open the delivery store at " + redact(url) + ": "
                    + rootMessage(e).lines().findFirst().orElse(""), e);
        }
        try {
            if (migrate) {
                Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            }
        } catch (RuntimeException e) {
            ds.close();
            throw new ConfigException("store.url: cannot prepare the delivery store at " + redact(url) + ": " + rootMessage(e), e);
        }
        LOG.info("delivery store ready at {}", redact(url));
        return new Database(ds, url.startsWith("jdbc:postgresql:"));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Runs work in one transaction: commits when it returns, rolls back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (isUnavailable(e)) {
                throw new StoreUnavailableException("delivery store unavailable: " + e.getMessage(), e);
            }
            throw new StoreException("delivery store: " + e.getMessage(), e);
        }
    }

    /** At most this many callers' work shares one group commit. */
    private static final int GROUP_MAX = 256;
    private final ConcurrentLinkedQueue<Grouped<?>> groupQueue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock groupLock = new ReentrantLock();
    private final AtomicLong groupPieces = new AtomicLong();
    private final AtomicLong groupCount = new AtomicLong();

    /** Pieces of work recorded through group commits, and the commits they took: {pieces, commits}. */
    public long[] groupCommits() {
        return new long[] {groupPieces.get(), groupCount.get()};
    }

    /**
     * Runs work in a transaction that it may share with the work of other threads arriving meanwhile
     * (group commit): one thread runs what is waiting, each piece after a savepoint, and commits once;
     * every caller returns only after the commit that holds its work, or throws what its own work threw
     * (its savepoint rolled back, the others' work unaffected) or what the commit threw. So a caller
     * learns of no effect before it is on disk, exactly as with {@link #inTransaction}; only the number
     * of commits (each a write of the changed pages) goes down when many threads record at once.
     */
    public <T> T inGroupTransaction(SqlWork<T> work) {
        Grouped<T> mine = new Grouped<>(work);
        groupQueue.add(mine);
        groupLock.lock();
        try {
            while (!mine.done) {
                runGroup();
            }
        } finally {
            groupLock.unlock();
        }
        return mine.outcome();
    }

    /** Under the group lock: runs and commits what is waiting (up to {@link #GROUP_MAX} pieces). */
    private void runGroup() {
        List<Grouped<?>> group = new ArrayList<>();
        for (Grouped<?> g = groupQueue.poll(); g != null; g = group.size() < GROUP_MAX ? groupQueue.poll() : null) {
            group.add(g);
        }
        if (group.isEmpty()) {
            return;
        }
        groupPieces.addAndGet(group.size());
        groupCount.incrementAndGet();
        try {
            runAndCommit(group);
        } finally {
            // whatever escaped (an Error in a piece): no caller waits for ever on a piece taken off the queue
            group.stream().filter(g -> !g.done).forEach(g -> g.fail(new StoreException("delivery store: a group commit did not finish",
                    null)));
        }
    }

    private void runAndCommit(List<Grouped<?>> group) {
        List<Grouped<?>> ran = new ArrayList<>(group.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean alone = group.size() == 1;
                for (Grouped<?> g : group) {
                    Savepoint sp = alone ? null : c.setSavepoint();
                    try {
                        g.run(c);
                        if (sp != null) {
                            c.releaseSavepoint(sp);
                        }
                        ran.add(g);
                    } catch (SQLException | RuntimeException e) {
                        if (sp != null) {
                            c.rollback(sp); // only this piece's changes go
                        } else {
                            c.rollback(); // alone: the whole transaction is this piece's
                        }
                        g.fail(translate(e));
                    }
                }
                c.commit();
                ran.forEach(Grouped::succeed);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                RuntimeException why = translate(e);
                group.stream().filter(g -> !g.done).forEach(g -> g.fail(why));
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            RuntimeException why = translate(e);
            group.stream().filter(g -> !g.done).forEach(g -> g.fail(why));
        }
    }

    private static RuntimeException translate(Exception e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (isUnavailable(e)) {
            return new StoreUnavailableException("delivery store unavailable: " + e.getMessage(), e);
        }
        return new StoreException("delivery store: " + e.getMessage(), e);
    }

    /** One caller's piece of a group commit. Written under the group lock, read by its caller after taking it. */
    private static final class Grouped<T> {
        private final SqlWork<T> work;
        private T pendingResult;
        private T result;
        private RuntimeException error;
        volatile boolean done;

        Grouped(SqlWork<T> work) {
            this.work = work;
        }

        void run(Connection c) throws SQLException {
            pendingResult = work.run(c);
        }

        void succeed() {
            result = pendingResult;
            done = true;
        }

        void fail(RuntimeException e) {
            error = e;
            done = true;
        }

        T outcome() {
            if (error != null) {
                throw error;
            }
            return result;
        }
    }

    /**
     * Whether a failure means the database cannot be reached (connection refused or broken, the pool
     * timed out waiting for a connection, the server shutting down) rather than a problem of the data.
     */
    public static boolean isUnavailable(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof java.sql.SQLTransientConnectionException || e instanceof java.sql.SQLNonTransientConnectionException
                    || e instanceof java.sql.SQLRecoverableException || e instanceof java.net.ConnectException) {
                return true;
            }
            if (e instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300"))) {
                    return true;
                }
                // H2: connection broken, database closed, called at shutdown, file locked by another process
                if (code == 90067 || code == 90098 || code == 90121 || code == 90020) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Work done with one connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1******");
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).replaceAll("\\s+", " ").trim();
    }

    @Override
    public void close() {
        if (readers != null) {
            readers.stop();
            try {
                Files.deleteIfExists(readersFile);
            } catch (java.io.IOException ignored) {
                // a stale file is tried and passed over
            }
        }
        dataSource.close();
        release(lock);
    }
}
