package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, the outbox tables' identity sequences hand out values from a cache of 1,000 instead of 32:
 * H2 writes a sequence's position to disk in a commit of its own each time its cache runs out, which
 * was one extra commit per 32 audit events (a quarter of an ingest batch's time). H2's cache is one
 * per database, so values stay in insertion order (a crash may skip some: the outbox never relied on
 * them being gapless). PostgreSQL is left as it is: its cache is per session, which would let events
 * of one delivery written through two connections take values out of order.
 */
public class V10__outbox_sequence_cache extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2")) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_outbox ALTER COLUMN seq SET CACHE 1000");
            s.execute("ALTER TABLE outbox_record ALTER COLUMN seq SET CACHE 1000");
        }
    }
}
