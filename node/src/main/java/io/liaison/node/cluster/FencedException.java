package io.liaison.node.cluster;

/** A write only the leader may make, refused because this replica no longer leads (its fencing token is stale). */
public final class FencedException extends IllegalStateException {
    public FencedException(String message) {
        super(message);
    }
}
