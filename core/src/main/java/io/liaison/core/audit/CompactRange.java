package io.liaison.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The root of a growing log without keeping its leaves: the roots of the perfect subtrees that the
 * leaves so far decompose into (one per set bit of {@link #size()}, largest first), so memory is
 * O(log n) and an append costs O(log n) hashes at worst, O(1) amortised. {@link #root()} equals
 * {@link MerkleTree#root} over the same leaves. Not thread-safe; {@link #copy()} a range to share it.
 */
public final class CompactRange {
    private final List<byte[]> peaks;
    private long size;

    /** An empty range; its root is {@link MerkleTree#emptyRoot()}. */
    public CompactRange() {
        this(new ArrayList<>(), 0);
    }

    private CompactRange(List<byte[]> peaks, long size) {
        this.peaks = peaks;
        this.size = size;
    }

    /** Adds the next leaf, given as its 32-byte {@link MerkleTree#leafHash leaf hash}. */
    public void append(byte[] leafHash) {
        MerkleTree.requireHash(leafHash, "leafHash");
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("compact range of size " + size + " cannot grow: sizes are longs");
        }
        byte[] carry = leafHash.clone();
        // Each trailing 1 bit of the old size is a perfect subtree as large as the one being carried,
        // so the two merge, exactly like a binary increment.
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            carry = MerkleTree.nodeHash(peaks.removeLast(), carry);
        }
        peaks.add(carry);
        size++;
    }

    /** Number of leaves appended. */
    public long size() {
        return size;
    }

    /** MTH of the leaves appended so far; {@link MerkleTree#emptyRoot()} when there are none. */
    public byte[] root() {
        if (peaks.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        // MTH splits at the largest power of two, which is the leftmost peak; folding right to left
        // rebuilds exactly that split at every level.
        byte[] root = peaks.getLast().clone();
        for (int i = peaks.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(peaks.get(i), root);
        }
        return root;
    }

    /** An independent range with the same leaves, for appending speculatively. */
    public CompactRange copy() {
        // The peak arrays are never mutated, so sharing them is safe.
        return new CompactRange(new ArrayList<>(peaks), size);
    }
}
