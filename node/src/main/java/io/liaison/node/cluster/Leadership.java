package io.liaison.node.cluster;

import io.liaison.node.store.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica of the node leads: the one that holds a PostgreSQL advisory lock, on a connection of its own.
 *
 * <ul>
 *   <li>Taking the lead raises the epoch in {@code node_leader}: the epoch is the leader's fencing token.
 *   <li>Every write that only the leader may make calls {@link #fence} in its own transaction. That reads the epoch
 *       under a share lock, so a new leader's raise waits for those writes to commit, and any such write after the
 *       raise is refused: a replica that lost the lead (paused, cut from the database) cannot write as leader.
 *   <li>When the leader's process dies, its connection closes and PostgreSQL frees the lock; a follower asks for it
 *       every {@link #POLL} and takes over.
 *   <li>A leader checks its connection every {@link #POLL} too; when the check fails or the epoch moved, it has lost
 *       the lead and says so to its listener at once (a served replica then stops: it must not go on as leader).
 * </ul>
 *
 * A node that is not replicated (the embedded database, or no {@code --replica}) is {@link #alone}: it leads and its
 * writes are not fenced.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    /** How often a follower asks for the lock and a leader checks it still holds it. */
    public static final Duration POLL = Duration.ofMillis(250);
    /** How long a leader's check of its connection may take before the lead counts as lost. */
    static final int CHECK_SECONDS = 2;
    /** The advisory lock's key: the node's own database holds only this node's locks. */
    static final long LOCK_KEY = 0x4C494149534F4EL; // "LIAISON"

    /** Told when this replica takes the lead, and when it loses it. */
    public interface Listener {
        void lead(long epoch);

        void lost(String why);
    }

    /** Who leads, as recorded in the database. */
    public record Holder(long epoch, String replica, long since) {}

    private final Optional<Elector> elector;
    private final String replica;
    private volatile long epoch;

    private Leadership(Optional<Elector> elector, String replica, long epoch) {
        this.elector = elector;
        this.replica = replica;
        this.epoch = epoch;
    }

    /** A node without replicas: it leads from the start and nothing is fenced. */
    public static Leadership alone() {
        return new Leadership(Optional.empty(), "", 0);
    }

    /**
     * A replica named {@code replica} of the node whose database {@code db} is (PostgreSQL at {@code url}); it follows
     * until {@link #start} finds the lock free.
     */
    public static Leadership replica(String replica, String url, String user, String password, Database db) {
        if (db.kind() != Database.Kind.POSTGRESQL) {
            throw new IllegalArgumentException("replica " + replica + ": replicas share a PostgreSQL database; the "
                    + "embedded one belongs to one process");
        }
        if (!replica.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("replica name '" + replica + "' must be 1 to 64 letters, digits, '.', '_' "
                    + "or '-'");
        }
        return new Leadership(Optional.of(new Elector(url, user, password, replica)), replica, -1);
    }

    /** Whether this is one of several replicas. */
    public boolean replicated() {
        return elector.isPresent();
    }

    /** This replica's name ({@code ""} for a node without replicas). */
    public String replica() {
        return replica;
    }

    /** Whether this replica leads now. */
    public boolean leading() {
        return epoch >= 0;
    }

    /** The fencing token this replica holds, if it leads. */
    public Optional<Long> epoch() {
        long e = epoch;
        return e >= 0 ? Optional.of(e) : Optional.empty();
    }

    /** Starts asking for the lead; {@code listener} hears of every change, on a thread of its own. */
    public void start(Listener listener) {
        elector.ifPresent(e -> e.start(this, listener));
    }

    /**
     * The fencing check, in the caller's transaction: refuses the write unless this replica leads with the epoch the
     * database holds. A node without replicas passes.
     */
    public void fence(io.liaison.node.store.Tx tx) {
        if (elector.isEmpty()) {
            return;
        }
        long mine = epoch;
        Long current = tx.sql().createQuery("SELECT epoch FROM node_leader WHERE id = 1 FOR SHARE").mapTo(Long.class)
                .one();
        if (mine < 0 || current != mine) {
            throw new FencedException("replica " + replica + (mine < 0 ? " does not lead" : " led in epoch " + mine)
                    + " but the node is in epoch " + current + ": a write only the leader may make is refused");
        }
    }

    /** Who leads the node's database now. */
    public static Optional<Holder> holder(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT epoch, holder, since FROM node_leader WHERE id = 1")
                .map((rs, ctx) -> new Holder(rs.getLong(1), rs.getString(2), rs.getLong(3))).findFirst())
                .filter(x -> !x.replica().isEmpty());
    }

    void led(long e) {
        epoch = e;
    }

    @Override
    public void close() {
        elector.ifPresent(Elector::close);
        epoch = elector.isPresent() ? -1 : epoch;
    }

    /**
     * The properties of a connection a replica keeps outside the pool (the lock's, the signals'): kept alive by TCP, and
     * given up after 2 s when the database does not answer the connect.
     */
    static Properties ownConnection(String user, String password, String application) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectTimeout", "2");
        p.setProperty("ApplicationName", application);
        return p;
    }

    /** The lock's connection and the thread that asks for and checks it. */
    private static final class Elector {
        private final String url;
        private final Properties properties;
        private final String replica;
        private volatile boolean running = true;
        private Thread thread;
        private Connection connection;

        Elector(String url, String user, String password, String replica) {
            this.url = url;
            this.replica = replica;
            this.properties = ownConnection(user, password, "liaison-leader-" + replica);
            // A check that gets no answer fails in time: the lead is then given up, not assumed.
            properties.setProperty("socketTimeout", Integer.toString(CHECK_SECONDS + 1));
        }

        synchronized void start(Leadership owner, Listener listener) {
            if (thread != null) {
                return;
            }
            thread = Thread.ofPlatform().daemon().name("liaison-leadership").start(() -> run(owner, listener));
        }

        private void run(Leadership owner, Listener listener) {
            while (running) {
                try {
                    if (connection == null) {
                        connection = DriverManager.getConnection(url, properties);
                    }
                    if (!owner.leading()) {
                        if (tryLock()) {
                            long e = claim();
                            owner.led(e);
                            LOG.warn("replica {} leads the node (epoch {})", replica, e);
                            Thread.ofPlatform().name("liaison-leadership-taken").start(() -> listener.lead(e));
                        }
                    } else {
                        long current = check();
                        if (current != owner.epoch().orElse(-1L) && running) {
                            lose(owner, listener, "the node moved to epoch " + current);
                        }
                    }
                } catch (SQLException e) {
                    if (owner.leading() && running) {
                        lose(owner, listener, "the connection that holds the lead failed: " + e.getMessage());
                    }
                    closeConnection();
                }
                try {
                    Thread.sleep(POLL);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void lose(Leadership owner, Listener listener, String why) {
            owner.led(-1);
            LOG.error("replica {} has lost the lead: {}", replica, why);
            closeConnection();
            listener.lost(why);
        }

        private boolean tryLock() throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }

        /** Raises the epoch; waits for the fenced writes of the former leader that are still open. */
        private long claim() throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE node_leader SET epoch = epoch + 1, holder = ?, "
                    + "since = ? WHERE id = 1 RETURNING epoch")) {
                ps.setString(1, replica);
                ps.setLong(2, Clock.systemUTC().millis());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private long check() throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT epoch FROM node_leader WHERE id = 1")) {
                ps.setQueryTimeout(CHECK_SECONDS);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private void closeConnection() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("closing the leadership connection: {}", e.toString());
                }
                connection = null;
            }
        }

        void close() {
            running = false;
            Thread t;
            synchronized (this) {
                t = thread;
            }
            if (t != null) {
                t.interrupt();
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            closeConnection();
        }
    }
}
