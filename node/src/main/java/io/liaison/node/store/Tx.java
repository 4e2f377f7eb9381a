package io.liaison.node.store;

import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * The transaction port: one database transaction, passed between modules so that an event and its consequences
 * in several modules (an item released, its outbox message, its audit entry) commit or roll back together. Each
 * module writes only its own tables through it; the node's table classes, the federation's and the hotline's each
 * take {@link #sql()} for their own statements, and a test checks that no module's SQL names another's tables.
 */
public final class Tx {
    private final Handle handle;

    Tx(Handle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    /** The connection of this transaction, for the calling module's own tables only. */
    public Handle sql() {
        return handle;
    }
}
