package io.liaison.node.items;

/**
 * A hook at named points inside write transactions. Production uses {@link #NONE}; tests throw from it
 * to prove that a failure half-way leaves the database, the search index and the audit log consistent.
 */
@FunctionalInterface
public interface FaultInjector {
    FaultInjector NONE = point -> { };

    void at(String point);

    /** The point, reached for one of several items written together (a group commit); by default {@link #at(String)}. */
    default void at(String point, String itemTitle) {
        at(point);
    }
}
