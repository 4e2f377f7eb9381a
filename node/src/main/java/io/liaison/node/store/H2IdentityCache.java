package io.liaison.node.store;

import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration that lets embedded H2 hand out the numbers of busy identity columns a thousand at a time. H2 keeps 32
 * by default and, every 32 rows, commits the sequence in a transaction of its own, which on its store is a page write
 * like any commit: a twentieth of a release's cost went there. H2's sequence is one for all sessions, so the numbers
 * still rise in the order rows are inserted; a crash only leaves a gap. PostgreSQL is left as it is: its cache is per
 * session, and numbers taken by different connections would interleave out of order.
 */
public abstract class H2IdentityCache extends BaseJavaMigration {
    /** Numbers handed out per write of the sequence. */
    public static final int CACHE = 1_000;
    private final List<String> columns;

    /** @param columns each {@code table.column}, an identity column */
    protected H2IdentityCache(String... columns) {
        for (String c : columns) {
            if (!c.matches("[a-z_]+\\.[a-z_]+")) {
                throw new IllegalArgumentException("'" + c + "' is not table.column");
            }
        }
        this.columns = List.of(columns);
    }

    @Override
    public final void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().equals("H2")) {
            return;
        }
        try (java.sql.Statement s = context.getConnection().createStatement()) {
            for (String c : columns) {
                String[] tc = c.split("\\.");
                s.execute("ALTER TABLE " + tc[0] + " ALTER COLUMN " + tc[1] + " SET CACHE " + CACHE);
            }
        }
    }
}
