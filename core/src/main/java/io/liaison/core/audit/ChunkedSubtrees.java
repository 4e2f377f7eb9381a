package io.liaison.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Subtree hashes of a large log from the roots of its complete chunks: the log is cut into aligned chunks
 * of {@code chunk} leaves (a power of two), whose roots a node keeps in memory (32 bytes per chunk). A
 * perfect subtree of at least a chunk folds chunk roots; a smaller one, or the partial edge of a chunk,
 * reads at most a chunk's leaves. A proof in a log of n entries then costs O(n / chunk) hashes at worst and
 * O(log n) small reads, instead of reading all n leaves. Answers equal {@link MerkleTree#fromLeaves}.
 */
public final class ChunkedSubtrees implements MerkleTree.SubtreeSource {
    /** The leaf hashes {@code [from, to)} of the log, in order. */
    @FunctionalInterface
    public interface LeafRange {
        List<byte[]> leaves(long from, long to);
    }

    private final int chunk;
    private final List<byte[]> chunkRoots;
    private final LeafRange leaves;

    /**
     * @param chunk leaves per chunk, a power of two of at least 2
     * @param chunkRoots the roots of the complete chunks, in order (chunk i holds leaves [i·chunk, (i+1)·chunk))
     * @param leaves reads leaf hashes the chunk roots do not cover
     */
    public ChunkedSubtrees(int chunk, List<byte[]> chunkRoots, LeafRange leaves) {
        if (chunk < 2 || Integer.bitCount(chunk) != 1) {
            throw new IllegalArgumentException("a chunk of " + chunk + " leaves is not a power of two of at least 2");
        }
        this.chunk = chunk;
        this.chunkRoots = Objects.requireNonNull(chunkRoots, "chunkRoots");
        this.leaves = Objects.requireNonNull(leaves, "leaves");
    }

    @Override
    public byte[] hash(long from, long to) {
        long n = to - from;
        if (from < 0 || n <= 0) {
            throw new IllegalArgumentException("leaves [" + from + ", " + to + ") are not a subtree");
        }
        boolean perfect = Long.bitCount(n) == 1 && from % n == 0;
        if (perfect && n >= chunk && to / chunk <= chunkRoots.size()) {
            return fold((int) (from / chunk), (int) (to / chunk));
        }
        if (perfect || n <= chunk) {
            List<byte[]> read = leaves.leaves(from, to);
            if (read.size() != n) {
                throw new IllegalArgumentException("the log gave " + read.size() + " leaves for [" + from + ", " + to + ")");
            }
            return rootOf(read);
        }
        long k = MerkleTree.split(n);
        return MerkleTree.nodeHash(hash(from, from + k), hash(from + k, to));
    }

    /** The root of chunks [from, to), a perfect run: pairs hashed level by level. */
    private byte[] fold(int from, int to) {
        List<byte[]> level = new ArrayList<>(chunkRoots.subList(from, to));
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(MerkleTree.nodeHash(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return level.getFirst().clone();
    }

    /** MTH of the given leaf hashes: a chunk's root when given a chunk's leaves. */
    public static byte[] rootOf(List<byte[]> leafHashes) {
        CompactRange range = new CompactRange();
        for (byte[] leaf : leafHashes) {
            range.append(leaf);
        }
        return range.root();
    }
}
