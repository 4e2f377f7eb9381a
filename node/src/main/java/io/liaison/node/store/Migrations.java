package io.liaison.node.store;

import io.liaison.core.error.InvalidInputException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Each module owns its tables: its migrations live under {@code db/<module>} on its own class path and Flyway
 * records them in {@code <module>_schema_history}. The node migrates its own when it opens; federation and hotline
 * migrate theirs when they start, after the node's.
 */
public final class Migrations {
    private Migrations() {}

    /** Applies the module's pending migrations. */
    public static void migrate(DataSource dataSource, String module) {
        if (!module.matches("[a-z]{2,32}")) {
            throw new IllegalArgumentException("module name '" + module + "' is not lower-case letters");
        }
        try {
            // A module that starts on a database other modules already use baselines below its first migration.
            Flyway.configure().dataSource(dataSource).locations("classpath:db/" + module)
                    .table(module + "_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        } catch (RuntimeException e) {
            throw new InvalidInputException("DATABASE_MIGRATION", "cannot migrate the " + module + " tables: "
                    + Database.rootMessage(e));
        }
    }
}
