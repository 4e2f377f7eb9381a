package io.liaison.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
import java.sql.Types;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * The node's database: a connection pool, the Flyway migrations (the same SQL on PostgreSQL and on H2
 * in PostgreSQL mode), and Jdbi on top. Embedded H2 is the default; {@code jdbc:postgresql:} URLs use a
 * PostgreSQL server.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Kind kind;

    /** Which engine the URL names. */
    public enum Kind { H2, POSTGRESQL }

    private Database(HikariDataSource dataSource, Kind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.jdbi = Jdbi.create(dataSource);
        // Agreement ids are stored as their text, and read back as the type.
        jdbi.registerArgument(new AbstractArgumentFactory<AgreementId>(Types.VARCHAR) {
            @Override
            protected Argument build(AgreementId value, ConfigRegistry config) {
                return (position, statement, context) -> statement.setString(position, value.value());
            }
        });
        jdbi.registerColumnMapper(AgreementId.class, (rs, column, context) -> {
            String text = rs.getString(column);
            return text == null ? null : AgreementId.of(text);
        });
    }

    /**
     * For a query whose best plan depends on how many rows its table holds, such as a lookup of a run of keys
     * ({@code WHERE id IN (…)}): on PostgreSQL it is planned afresh at every execution. PostgreSQL otherwise keeps, after
     * five executions of a statement, a plan made for any parameters; made while the table was empty, that plan reads
     * the whole table and is kept until the table is next analysed: a fresh node's receiver then looked up each run of
     * envelopes in 11 ms, scanning every one it had received, instead of a few index lookups. No effect on H2.
     */
    public static final org.jdbi.v3.core.statement.StatementCustomizer PLANNED_EACH_TIME =
            new org.jdbi.v3.core.statement.StatementCustomizer() {
                @Override
                public void beforeExecution(java.sql.PreparedStatement statement,
                        org.jdbi.v3.core.statement.StatementContext context) throws java.sql.SQLException {
                    if (statement.isWrapperFor(org.postgresql.PGStatement.class)) {
                        statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
                    }
                }
            };

    /**
     * On PostgreSQL, values too large for their row (an outbox message's body once the peer's receipt grows the row past
     * 2 KB, a long label) are compressed with lz4 rather than the server's default pglz, where the server was built with
     * it (PostgreSQL 14 and later, as Debian's is): marking a delivery went from 0.050 to 0.036 ms on this machine, and
     * lz4 also reads back faster. A session setting, so it needs no owner's rights and leaves a server without lz4 as it is.
     */
    static final String LZ4_WHERE_AVAILABLE = "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_settings WHERE name = "
            + "'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN SET default_toast_compression = 'lz4'; "
            + "END IF; END $$";

    /** Opens the pool and runs the migrations. */
    public static Database open(String url, String user, String password, int poolSize) {
        Kind kind = kindOf(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(kind == Kind.H2 ? h2Url(url) : url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("liaison");
        config.setAutoCommit(true);
        if (kind == Kind.POSTGRESQL) {
            // Batches of inserts travel as multi-row statements: one round trip instead of one per row.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.setConnectionInitSql(LZ4_WHERE_AVAILABLE);
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new InvalidInputException("DATABASE_UNAVAILABLE", "cannot open database " + redact(url) + ": "
                    + rootMessage(e));
        }
        try {
            refuseEarlierLayout(ds, url);
            Migrations.migrate(ds, "node");
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, kind);
    }

    /** A database made before each module owned its tables kept one history for all; it is not converted. */
    private static void refuseEarlierLayout(DataSource ds, String url) {
        try (var c = ds.getConnection(); var rs = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            if (rs.next()) {
                throw new InvalidInputException("DATABASE_LAYOUT", "database " + redact(url) + " was made by an earlier "
                        + "version of Liaison (one flyway_schema_history for every module); initialise a new node "
                        + "(liaison init) and move the items across with releases");
            }
        } catch (java.sql.SQLException e) {
            throw new InvalidInputException("DATABASE_UNAVAILABLE", "cannot read database " + redact(url) + ": "
                    + e.getMessage());
        }
    }

    public static Kind kindOf(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw new InvalidInputException("DATABASE_URL", "database URL " + redact(url)
                + " is not supported: use jdbc:postgresql://… or leave it out for embedded H2");
    }

    /**
     * H2's page cache, in KiB (its default is 16 MiB). With WRITE_DELAY=0 every commit also does the store's
     * housekeeping, such as dropping the chunks no longer used, and a commit that found those pages out of the cache
     * read them from the file while every other commit waited on the store's lock: 60 to 400 ms behind a backlog of
     * 100,000 hotline messages, against 1 to 2 ms for a commit that did not. The cache is filled as pages are read,
     * so a small node uses little of it.
     */
    static final int H2_CACHE_KB = 128 * 1024;

    private static String h2Url(String url) {
        String base = url.split(";")[0];
        // DB_CLOSE_ON_EXIT=FALSE: the node closes the database itself, after its last writes, when it stops
        // (Ctrl-C included); H2's own shutdown hook would close it first.
        // QUERY_CACHE_SIZE: a release runs a few dozen distinct statements per session; the default of 8 re-parsed them.
        // WRITE_DELAY=0: a commit is written to the file before it returns. H2's default writes commits up to 500 ms
        // later, so a process killed just after answering "delivered" lost what it had confirmed.
        // CACHE_SIZE: see H2_CACHE_KB.
        return base + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LAZY_QUERY_EXECUTION=TRUE"
                + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256;WRITE_DELAY=0;CACHE_SIZE=" + H2_CACHE_KB;
    }

    /** The URL without any password parameter, for messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(java.util.function.Function<Tx, T> work) {
        return jdbi.inTransaction(h -> work.apply(new Tx(h)));
    }

    /** As {@link #inTransaction}, for work without a result. */
    public void useTransaction(java.util.function.Consumer<Tx> work) {
        jdbi.useTransaction(h -> work.accept(new Tx(h)));
    }

    /** A transaction port over a handle already in a transaction of this node (for the node's own modules). */
    public static Tx tx(org.jdbi.v3.core.Handle inTransaction) {
        if (!inTransaction.isInTransaction()) {
            throw new IllegalStateException("the handle is not in a transaction");
        }
        return new Tx(inTransaction);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
