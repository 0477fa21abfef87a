package io.herald.store;

import io.herald.connector.CredentialStore;
import io.herald.connector.Secret;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The credentials Herald keeps for one account in the store's {@code account_credential} table
 * (sessions, rotated refresh tokens), so that a restart or another instance goes on with the newest.
 * Values never leave this class but as {@link Secret}s.
 */
final class JdbcCredentials implements CredentialStore {

    private final Database db;
    private final String target;
    private final Clock clock;

    JdbcCredentials(Database db, String target, Clock clock) {
        this.db = db;
        this.target = target;
        this.clock = clock;
    }

    @Override
    public Optional<Stored> get(String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT secret, expires_at FROM account_credential WHERE target = ? AND name = ?")) {
                ps.setString(1, target);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Stored>empty();
                    }
                    OffsetDateTime exp = rs.getObject(2, OffsetDateTime.class);
                    return Optional.of(new Stored(Secret.of(rs.getString(1)), exp == null ? null : exp.toInstant()));
                }
            }
        });
    }

    @Override
    public void put(String name, Secret value, Instant expiresAt) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM account_credential WHERE target = ? AND name = ?")) {
                del.setString(1, target);
                del.setString(2, name);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_credential (target, name, secret, expires_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, target);
                ps.setString(2, name);
                ps.setString(3, value.reveal());
                ps.setObject(4, expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC));
                ps.setObject(5, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void remove(String name) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM account_credential WHERE target = ? AND name = ?")) {
                del.setString(1, target);
                del.setString(2, name);
                del.executeUpdate();
            }
            return null;
        });
    }
}
