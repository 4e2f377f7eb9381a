package io.liaison.core.access;

/** A clearance compiled by an {@link AccessControl}: a rank and the mask of values held. */
public final class CompiledClearance {
    final AccessControl owner;
    final int rank;
    final long[] held;
    final Clearance clearance;

    CompiledClearance(AccessControl owner, int rank, long[] held, Clearance clearance) {
        this.owner = owner;
        this.rank = rank;
        this.held = held;
        this.clearance = clearance;
    }

    public Clearance clearance() {
        return clearance;
    }
}
