package io.liaison.node;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.node.crypto.PasswordHasher;
import io.liaison.node.items.FaultInjector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real nodes for tests: a fresh directory, and either embedded H2 or a fresh PostgreSQL database on the
 * local server (trust auth, user postgres), dropped afterwards. PostgreSQL being down is a failure, not
 * a skip.
 */
public final class TestNodes {
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String OFFICER_PASSWORD = "officer's own long password";
    public static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the test database lives. */
    public enum Db { H2, POSTGRESQL }

    private TestNodes() {}

    /** A created node directory and, for PostgreSQL, its database; {@link #close()} removes both. */
    public record Created(Path dir, Db db, Optional<String> url, Party party) implements AutoCloseable {
        public Node open(Clock clock) {
            return open(clock, FaultInjector.NONE);
        }

        public Node open(Clock clock, FaultInjector faults) {
            return Node.open(new NodePaths(dir), clock, RANDOM, options(url, faults));
        }

        /** With the given agreements starting without events, moved only by lifecycle messages (R17). */
        public Node openFromMessages(Clock clock, AgreementId... agreements) {
            return Node.open(new NodePaths(dir), clock, RANDOM, options(url, FaultInjector.NONE)
                    .withAgreementsFromMessages(agreements));
        }

        /** With a connection pool of the given size, for load drivers. */
        public Node open(Clock clock, int poolSize) {
            Node.Options o = options(url, FaultInjector.NONE);
            return Node.open(new NodePaths(dir), clock, RANDOM, new Node.Options(o.databaseUrl(), o.databaseUser(),
                    o.databasePassword(), poolSize, o.hasher(), o.faults()));
        }

        @Override
        public void close() {
            url.ifPresent(TestNodes::dropDatabase);
            deleteTree(dir);
        }
    }

    public static Node.Options options(Optional<String> url, FaultInjector faults) {
        return new Node.Options(url, "postgres", "", 8, new PasswordHasher(RANDOM, 1024, 1, 1), faults);
    }

    public static Created create(Db db, Party party, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("liaison-node-");
            Optional<String> url = db == Db.POSTGRESQL ? Optional.of(createDatabase()) : Optional.empty();
            NodeInit.init(dir, party, Optional.of(ADMIN_PASSWORD), Optional.of(OFFICER_PASSWORD), url, clock, RANDOM, options(url, FaultInjector.NONE));
            return new Created(dir, db, url, party);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a fresh database on the local PostgreSQL server and returns its URL. */
    public static String createDatabase() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        String name = "liaison_test_" + HexFormat.of().formatHex(b);
        try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is required for these tests and is not usable: "
                    + e.getMessage(), e);
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    public static void dropDatabase(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
