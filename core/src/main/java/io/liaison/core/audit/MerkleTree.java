package io.liaison.core.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Merkle tree hashing as RFC 9162 section 2.1 (the same tree as RFC 6962): SHA-256 with a 0x00 prefix
 * for leaves and 0x01 for interior nodes, and a tree of n &gt; 1 leaves split at the largest power of two
 * smaller than n. Hashes are 32-byte arrays and every array returned is fresh. Generation methods reject
 * bad arguments with {@link IllegalArgumentException}; verification methods only ever answer true or
 * false, because their input comes from whoever is being audited.
 */
public final class MerkleTree {
    // MessageDigest.getInstance costs more than hashing 64 bytes; each thread keeps one and resets it.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    });

    /** Bytes in a SHA-256 hash. */
    static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = sha256().digest();

    private MerkleTree() {}

    /** SHA-256(0x00 || entry): the leaf hash of a log entry. */
    public static byte[] leafHash(byte[] entry) {
        Objects.requireNonNull(entry, "entry");
        MessageDigest md = sha256();
        md.update(LEAF_PREFIX);
        md.update(entry);
        return md.digest();
    }

    /** SHA-256(0x01 || left || right): the hash of an interior node from its two 32-byte children. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        requireHash(left, "left");
        requireHash(right, "right");
        MessageDigest md = sha256();
        md.update(NODE_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** SHA-256 of the empty string: the root of a tree with no leaves. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /**
     * MTH over the first {@code size} leaf hashes supplied by {@code leaves} (index -&gt; leaf hash). Runs
     * in O(size) time and O(log size) memory, without recursion. Like the proof methods, it rejects a
     * source that gives anything but a 32-byte hash with an {@link IllegalArgumentException}.
     */
    public static byte[] root(LeafSource leaves, long size) {
        Objects.requireNonNull(leaves, "leaves");
        return root(fromLeaves(leaves), size);
    }

    /** MTH of the first {@code size} leaves, from {@code subtrees}. */
    public static byte[] root(SubtreeSource subtrees, long size) {
        Objects.requireNonNull(subtrees, "subtrees");
        requireSize(size, "size");
        return size == 0 ? emptyRoot() : subtree(subtrees, 0, size);
    }

    /**
     * The hash of any subtree of a log: MTH of its leaves {@code [from, to)}, {@code to > from}. The proofs
     * below only ask for subtrees the RFC's split makes: perfect ones aligned on their size, and the
     * rightmost, partial one of a tree. A source that keeps the hashes of large perfect subtrees answers
     * proofs without reading every leaf.
     */
    @FunctionalInterface
    public interface SubtreeSource {
        byte[] hash(long from, long to);
    }

    /** The source that hashes every leaf of a subtree: O(n) for a subtree of n leaves. */
    public static SubtreeSource fromLeaves(LeafSource leaves) {
        Objects.requireNonNull(leaves, "leaves");
        return (from, to) -> subtreeHash(leaves, from, to);
    }

    /**
     * The audit path of RFC 9162 2.1.3.1 for the leaf at {@code index} in the tree of the first
     * {@code size} leaves, nearest sibling first. Reads every other leaf of that tree once.
     */
    public static List<byte[]> inclusionProof(LeafSource leaves, long index, long size) {
        Objects.requireNonNull(leaves, "leaves");
        return inclusionProof(fromLeaves(leaves), index, size);
    }

    /** As above, the subtree hashes taken from {@code subtrees}. */
    public static List<byte[]> inclusionProof(SubtreeSource leaves, long index, long size) {
        Objects.requireNonNull(leaves, "subtrees");
        requireSize(size, "size");
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is outside a tree of size " + size);
        }
        // Walking down from the root finds the siblings farthest first; the proof lists them nearest first.
        List<byte[]> rootFirst = new ArrayList<>();
        long lo = 0;
        long hi = size;
        while (hi - lo > 1) {
            long k = split(hi - lo);
            if (index < lo + k) {
                rootFirst.add(subtree(leaves, lo + k, hi));
                hi = lo + k;
            } else {
                rootFirst.add(subtree(leaves, lo, lo + k));
                lo += k;
            }
        }
        return List.copyOf(rootFirst.reversed());
    }

    /**
     * True when {@code proof} shows, by RFC 9162 2.1.3.2, that {@code leafHash} is leaf {@code index}
     * of the tree with {@code root} and {@code size}. The proof ties the size only through the shape
     * of the path (leaf 0 has the same path in trees of 3 and 4 leaves), so take the size from the same
     * signed tree head as the root.
     */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        return ProofVerifier.inclusion(leafHash, index, size, proof, root);
    }

    /**
     * The root that {@code proof} leads to from {@code leafHash} as leaf {@code index} of a tree of {@code size}
     * (RFC 9162 2.1.3.2 without the final comparison); empty when the proof cannot be one for that place. A signature
     * over the root and size then stands for the leaf, with no root stored beside it.
     */
    public static Optional<byte[]> rootFromInclusion(byte[] leafHash, long index, long size,
            List<byte[]> proof) {
        return ProofVerifier.rootOf(leafHash, index, size, proof);
    }

    /**
     * A small tree built whole: its root and the audit path of every leaf, in leaf order.
     *
     * @param root the tree's MTH
     * @param paths leaf {@code i}'s audit path, nearest sibling first
     */
    public record Batch(byte[] root, List<List<byte[]>> paths) {
        public Batch {
            requireHash(root, "root");
            root = root.clone();
            paths = paths.stream().map(p -> p.stream().map(byte[]::clone).toList()).toList();
        }

        @Override
        public byte[] root() {
            return root.clone();
        }

        @Override
        public List<List<byte[]>> paths() {
            return paths.stream().map(p -> p.stream().map(byte[]::clone).toList()).toList();
        }
    }

    /**
     * The tree of {@code leafHashes} (1 to {@code maxSize} of them) with every leaf's audit path: each leaf and subtree
     * hashed once, O(n log n) for n leaves. For signing a batch once, each member verifying alone with its path.
     */
    public static Batch batch(List<byte[]> leafHashes, int maxSize) {
        int n = leafHashes.size();
        if (n < 1 || n > maxSize) {
            throw new IllegalArgumentException("a batch of " + n + " leaves (1 to " + maxSize + ")");
        }
        byte[][] leaves = leafHashes.toArray(byte[][]::new);
        for (byte[] leaf : leaves) {
            requireHash(leaf, "leaf hash");
        }
        Map<Long, byte[]> known = new HashMap<>();
        SubtreeSource subtrees = (from, to) -> memo(known, leaves, from, to);
        byte[] root = root(subtrees, n);
        List<List<byte[]>> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paths.add(inclusionProof(subtrees, i, n));
        }
        return new Batch(root, paths);
    }

    /** MTH of leaves [from, to), each subtree hashed once and kept in {@code known}. */
    private static byte[] memo(Map<Long, byte[]> known, byte[][] leaves, long from, long to) {
        long key = from * (leaves.length + 1L) + to;
        byte[] h = known.get(key);
        if (h != null) {
            return h;
        }
        if (to - from == 1) {
            h = leaves[(int) from];
        } else {
            long k = split(to - from);
            h = nodeHash(memo(known, leaves, from, from + k), memo(known, leaves, from + k, to));
        }
        known.put(key, h);
        return h;
    }

    /**
     * The consistency proof of RFC 9162 2.1.4.1 that the tree of the first {@code oldSize} leaves is a
     * prefix of the tree of the first {@code newSize}; empty when {@code oldSize} is 0 or equals
     * {@code newSize}, as nothing needs proving. Reads each leaf of the new tree at most once.
     */
    public static List<byte[]> consistencyProof(LeafSource leaves, long oldSize, long newSize) {
        Objects.requireNonNull(leaves, "leaves");
        return consistencyProof(fromLeaves(leaves), oldSize, newSize);
    }

    /** As above, the subtree hashes taken from {@code subtrees}. */
    public static List<byte[]> consistencyProof(SubtreeSource leaves, long oldSize, long newSize) {
        Objects.requireNonNull(leaves, "subtrees");
        requireSize(oldSize, "oldSize");
        if (oldSize > newSize) {
            throw new IllegalArgumentException("oldSize " + oldSize + " must not exceed newSize " + newSize);
        }
        if (oldSize == 0 || oldSize == newSize) {
            return List.of();
        }
        // The RFC's SUBPROOF recursion unrolled: [lo, hi) is the current subtree, m how many of its
        // leaves the old tree holds, and oldIsWholeSubtree the RFC's flag b - while it holds, the
        // verifier already knows this subtree's hash (it is the old root), so it is not sent.
        List<byte[]> rootFirst = new ArrayList<>();
        long lo = 0;
        long hi = newSize;
        long m = oldSize;
        boolean oldIsWholeSubtree = true;
        while (m != hi - lo) {
            long k = split(hi - lo);
            if (m <= k) {
                rootFirst.add(subtree(leaves, lo + k, hi));
                hi = lo + k;
            } else {
                rootFirst.add(subtree(leaves, lo, lo + k));
                lo += k;
                m -= k;
                oldIsWholeSubtree = false;
            }
        }
        if (!oldIsWholeSubtree) {
            rootFirst.add(subtree(leaves, lo, hi));
        }
        return List.copyOf(rootFirst.reversed());
    }

    /**
     * True when {@code proof} shows, by RFC 9162 2.1.4.2, that the tree with {@code oldRoot} and
     * {@code oldSize} is a prefix of the tree with {@code newRoot} and {@code newSize}. With equal sizes
     * the proof must be empty and the roots equal; with {@code oldSize} 0 the proof must be empty and
     * {@code oldRoot} the {@link #emptyRoot()}.
     */
    public static boolean verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        return ProofVerifier.consistency(oldSize, newSize, oldRoot, newRoot, proof);
    }

    /** The largest power of two smaller than {@code n}, for {@code n >= 2}: where MTH splits. */
    public static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    static void requireHash(byte[] hash, String name) {
        Objects.requireNonNull(hash, name);
        if (hash.length != HASH_SIZE) {
            throw new IllegalArgumentException(
                    name + " has " + hash.length + " bytes; a SHA-256 hash has " + HASH_SIZE);
        }
    }

    private static void requireSize(long size, String name) {
        if (size < 0) {
            throw new IllegalArgumentException(name + " " + size + " must not be negative");
        }
    }

    /** A subtree's hash from {@code source}, checked to be a hash. */
    private static byte[] subtree(SubtreeSource source, long from, long to) {
        byte[] hash = source.hash(from, to);
        if (hash == null || hash.length != HASH_SIZE) {
            throw new IllegalArgumentException("subtree source gave " + (hash == null ? "null" : hash.length + " bytes")
                    + " for leaves [" + from + ", " + to + "); a hash has " + HASH_SIZE + " bytes");
        }
        return hash;
    }

    /** MTH of leaves [from, to), to &gt; from; a compact range because it needs no recursion at any size. */
    private static byte[] subtreeHash(LeafSource leaves, long from, long to) {
        CompactRange range = new CompactRange();
        for (long i = from; i < to; i++) {
            range.append(leaf(leaves, i));
        }
        return range.root();
    }

    private static byte[] leaf(LeafSource leaves, long index) {
        byte[] hash = leaves.leafHash(index);
        if (hash == null || hash.length != HASH_SIZE) {
            throw new IllegalArgumentException("leaf source gave " + (hash == null ? "null" : hash.length + " bytes")
                    + " for index " + index + "; a leaf hash has " + HASH_SIZE + " bytes");
        }
        return hash;
    }

    private static MessageDigest sha256() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md;
    }
}
