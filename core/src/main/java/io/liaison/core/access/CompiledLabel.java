package io.liaison.core.access;

import io.liaison.core.label.SecurityLabel;

/** A label compiled by an {@link AccessControl}: a rank and bit masks. Only that instance can use it. */
public final class CompiledLabel {
    final AccessControl owner;
    final int rank;
    final long[] restrictive;
    final long[][] permissive;
    final SecurityLabel label;

    CompiledLabel(AccessControl owner, int rank, long[] restrictive, long[][] permissive, SecurityLabel label) {
        this.owner = owner;
        this.rank = rank;
        this.restrictive = restrictive;
        this.permissive = permissive;
        this.label = label;
    }

    public SecurityLabel label() {
        return label;
    }
}
