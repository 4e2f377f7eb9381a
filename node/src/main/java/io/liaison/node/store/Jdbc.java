package io.liaison.node.store;

import io.liaison.core.agreement.AgreementId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Plain JDBC for the hottest paths (item creation with its custody and audit records, the audit sequencer, and a
 * read's token and item rows), where Jdbi's handle set-up and per-statement binding cost more than the database
 * itself; everything else uses Jdbi. Failures surface as Jdbi's {@link UnableToExecuteStatementException}, as
 * they do elsewhere.
 */
public final class Jdbc {
    private Jdbc() {}

    /** One {@code INSERT} with positional ({@code ?}) arguments, none of them null. */
    public record Insert(String sql, List<Object> args) {
        public Insert {
            if (!sql.startsWith("INSERT INTO ")) {
                throw new IllegalArgumentException("not an INSERT: " + sql);
            }
            args = List.copyOf(args);
        }

        public static Insert of(String sql, Object... args) {
            for (Object arg : args) {
                Objects.requireNonNull(arg, () -> "an argument of '" + sql + "' is null");
            }
            return new Insert(sql, List.of(args));
        }
    }

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Reads one row of a result into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(java.sql.ResultSet rs) throws SQLException;
    }

    /** The first row of one query with positional arguments (none null), outside any transaction. */
    public static <T> java.util.Optional<T> first(DataSource dataSource, String sql, List<?> args, Row<T> row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, sql, args);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(row.read(rs)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Executes one insert on the connection, in its transaction. */
    public static void insert(Connection c, Insert insert) {
        execute(c, insert.sql(), insert.args());
    }

    /**
     * Executes inserts in order, in the connection's transaction. On PostgreSQL they travel as one statement
     * (data-modifying {@code WITH} clauses; constraints are checked at its end), so a row and its dependants
     * cost one round trip; H2 runs them one by one.
     */
    public static void insertAll(Connection c, Database.Kind kind, List<Insert> inserts) {
        insertAllBatch(c, kind, List.of(inserts));
    }

    /**
     * Executes groups of inserts, each as {@link #insertAll} would, in the connection's transaction; the groups are
     * independent of one another and may run in any order. On PostgreSQL, groups of the same statements travel as one
     * JDBC batch: one round trip for all of them.
     */
    public static void insertAllBatch(Connection c, Database.Kind kind, List<List<Insert>> groups) {
        if (kind != Database.Kind.POSTGRESQL) {
            groups.forEach(g -> g.forEach(i -> insert(c, i)));
            return;
        }
        java.util.Map<String, List<Statement>> bySql = new java.util.LinkedHashMap<>();
        for (List<Insert> g : groups) {
            Statement s = combined(g);
            bySql.computeIfAbsent(s.sql(), k -> new ArrayList<>()).add(s);
        }
        for (List<Statement> same : bySql.values()) {
            if (same.size() > 1) {
                batch(c, same);
            } else {
                execute(c, same.getFirst().sql(), same.getFirst().args());
            }
        }
    }

    /** A statement with positional arguments, none null. */
    private record Statement(String sql, List<Object> args) {}

    /** Inserts as one statement: all but the last as data-modifying {@code WITH} clauses of the last. */
    private static Statement combined(List<Insert> inserts) {
        if (inserts.size() == 1) {
            return new Statement(inserts.getFirst().sql(), inserts.getFirst().args());
        }
        StringBuilder sql = new StringBuilder("WITH ");
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < inserts.size() - 1; i++) {
            sql.append(i == 0 ? "" : ", ").append("w").append(i).append(" AS (").append(inserts.get(i).sql()).append(')');
            args.addAll(inserts.get(i).args());
        }
        Insert last = inserts.getLast();
        sql.append(' ').append(last.sql());
        args.addAll(last.args());
        return new Statement(sql.toString(), args);
    }

    /**
     * Executes inserts of one statement with different arguments as one JDBC batch, in the connection's transaction:
     * one round trip for all of them.
     */
    public static void insertBatch(Connection c, List<Insert> inserts) {
        if (inserts.isEmpty()) {
            return;
        }
        if (inserts.size() == 1) {
            insert(c, inserts.getFirst());
            return;
        }
        String sql = inserts.getFirst().sql();
        for (Insert i : inserts) {
            if (!i.sql().equals(sql)) {
                throw new IllegalArgumentException("a batch runs one statement: '" + i.sql() + "' is not '" + sql + "'");
            }
        }
        batch(c, inserts.stream().map(i -> new Statement(i.sql(), i.args())).toList());
    }

    private static void batch(Connection c, List<Statement> statements) {
        String sql = statements.getFirst().sql();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Statement s : statements) {
                bind(ps, sql, s.args());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Executes one statement with positional arguments (none null) and returns the update count. */
    public static int execute(Connection c, String sql, List<?> args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, sql, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static void bind(PreparedStatement ps, String sql, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = Objects.requireNonNull(args.get(i), () -> "an argument of '" + sql + "' is null");
            // Typed values are stored as their text, as Database registers them for Jdbi.
            ps.setObject(i + 1, arg instanceof AgreementId id ? id.value() : arg);
        }
    }

    public static UnableToExecuteStatementException failed(SQLException e) {
        return new UnableToExecuteStatementException(e, null);
    }
}
