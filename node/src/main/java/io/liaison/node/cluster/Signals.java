package io.liaison.node.cluster;

import java.util.function.Consumer;

/**
 * Signals between the replicas of a node: a replica that queued a message or stored an item tells the others, so
 * that the leader sends it and every replica's search and live clients see it. A signal says that something changed
 * and where; what changed is read from the database.
 */
public interface Signals extends AutoCloseable {
    /** The longest payload: PostgreSQL's notifications carry fewer than 8,000 bytes. */
    int MAX_PAYLOAD = 7_000;

    /** Tells the other replicas; call it after the change committed. */
    void publish(String topic, String payload);

    /** Hears the other replicas' signals on {@code topic}; the handler must not block. Closing stops it. */
    AutoCloseable on(String topic, Consumer<String> handler);

    @Override
    void close();

    /** A node without replicas: no one else to tell. */
    Signals NONE = new Signals() {
        @Override
        public void publish(String topic, String payload) {}

        @Override
        public AutoCloseable on(String topic, Consumer<String> handler) {
            return () -> {};
        }

        @Override
        public void close() {}
    };
}
