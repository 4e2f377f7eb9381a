package io.liaison.node.audit;

import java.util.OptionalLong;

/**
 * The result of recomputing the audit tree: how many entries and signed heads were checked, how many
 * entries wait for sequencing, and the first bad index with what is wrong there, if anything.
 */
public record Verification(long entries, long heads, long pending, OptionalLong firstBadIndex, String problem) {
    public boolean ok() {
        return firstBadIndex.isEmpty();
    }

    static Verification bad(long entries, long heads, long pending, long index, String problem) {
        return new Verification(entries, heads, pending, OptionalLong.of(index), problem);
    }
}
