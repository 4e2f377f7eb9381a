package io.liaison.node.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Signals} through PostgreSQL's {@code LISTEN}/{@code NOTIFY} on the node's own database: one channel, each
 * notification {@code origin TAB topic TAB payload}, a replica ignoring its own. A listening connection that fails is
 * opened again; signals sent meanwhile are lost, which is why every receiver also reads the database on a timer of its
 * own (the leader's delivery ticks, the search index's catch-up).
 */
public final class PgSignals implements Signals {
    private static final Logger LOG = LoggerFactory.getLogger(PgSignals.class);
    static final String CHANNEL = "liaison_replicas";

    private final DataSource pool;
    private final String url;
    private final Properties properties;
    private final String origin = UUID.randomUUID().toString();
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listening;

    public PgSignals(DataSource pool, String url, String user, String password) {
        this.pool = pool;
        this.url = url;
        this.properties = Leadership.ownConnection(user, password, "liaison-signals");
        this.listener = Thread.ofPlatform().daemon().name("liaison-signals").start(this::listen);
    }

    @Override
    public void publish(String topic, String payload) {
        String text = origin + "\t" + topic + "\t" + payload;
        if (text.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a signal on " + topic + " has " + text.length() + " characters, over "
                    + MAX_PAYLOAD);
        }
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, CHANNEL);
            ps.setString(2, text);
            ps.execute();
        } catch (SQLException e) {
            // The change itself committed; the others find it at their next timed look.
            LOG.warn("could not signal {} to the other replicas: {}", topic, e.getMessage());
        }
    }

    @Override
    public AutoCloseable on(String topic, Consumer<String> handler) {
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
        return () -> handlers.getOrDefault(topic, List.of()).remove(handler);
    }

    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(url, properties)) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                listening = c;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] got = pg.getNotifications(500);
                    if (got == null) {
                        continue;
                    }
                    for (PGNotification n : got) {
                        dispatch(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("the replicas' signal connection failed, opening it again: {}", e.getMessage());
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            } finally {
                listening = null;
            }
        }
    }

    private void dispatch(String text) {
        String[] parts = text.split("\t", 3);
        if (parts.length != 3 || parts[0].equals(origin)) {
            return;
        }
        for (Consumer<String> h : handlers.getOrDefault(parts[1], List.of())) {
            try {
                h.accept(parts[2]);
            } catch (RuntimeException e) {
                LOG.warn("a handler of signal {} failed: {}", parts[1], e.toString());
            }
        }
    }

    /** Whether the listening connection is open: a readiness check for replicas. */
    public boolean listening() {
        return listening != null;
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
