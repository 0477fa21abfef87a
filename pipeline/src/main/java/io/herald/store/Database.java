package io.herald.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
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

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** Opens the configured database and migrates its schema. */
    public static Database open(HeraldConfig.Store store, Path dataDir, Map<String, String> env) {
        String url = store.url().isEmpty()
                // WRITE_DELAY=0: every commit reaches the file before it returns, so a killed process
                // loses no committed outcome (H2's default keeps up to a second in memory)
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
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
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
        dataSource.close();
    }
}
