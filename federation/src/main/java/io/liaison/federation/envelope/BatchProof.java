package io.liaison.federation.envelope;

import io.liaison.core.audit.MerkleTree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where an envelope sealed with others sits in their batch: the batch is a Merkle tree (RFC 9162) whose leaves are the
 * envelopes' {@link Envelope#toBeSigned()} bytes in order, and one signature covers its root and size
 * ({@link #statement()}). {@code path} is the audit path of leaf {@code index}, nearest sibling first: with it, each
 * envelope verifies alone, wherever it travels, and a sender signs a batch of 64 once instead of 64 times.
 *
 * @param index the envelope's place in the batch, from 0
 * @param size how many envelopes the batch holds, 2 to {@link #MAX_SIZE}
 * @param root the Merkle tree hash of the batch (32 bytes)
 * @param path the audit path of leaf {@code index} in a tree of {@code size} leaves
 */
public record BatchProof(int index, int size, byte[] root, List<byte[]> path) {
    /** The largest batch: far above the outbox's 64, and a path of at most 12 hashes. */
    public static final int MAX_SIZE = 4096;
    private static final byte[] DOMAIN = "liaison-envelope-batch-v1".getBytes(StandardCharsets.US_ASCII);

    public BatchProof {
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a batch of " + size + " envelopes (2 to " + MAX_SIZE + ")");
        }
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("place " + index + " is outside a batch of " + size);
        }
        if (root.length != 32) {
            throw new IllegalArgumentException("a batch root of " + root.length + " bytes (32)");
        }
        if (path.size() > 12 || path.stream().anyMatch(h -> h.length != 32)) {
            throw new IllegalArgumentException("a batch path of " + path.size() + " hashes, each of 32 bytes, at most 12");
        }
        root = root.clone();
        path = path.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public List<byte[]> path() {
        return path.stream().map(byte[]::clone).toList();
    }

    /** The bytes the batch's signature covers: a domain tag, the size (4 bytes big-endian) and the root. */
    public byte[] statement() {
        return ByteBuffer.allocate(DOMAIN.length + 4 + root.length).put(DOMAIN).putInt(size).put(root).array();
    }

    /** True when {@code toBeSigned} is leaf {@link #index} of the batch this proof's root and size describe. */
    public boolean includes(byte[] toBeSigned) {
        return MerkleTree.verifyInclusion(MerkleTree.leafHash(toBeSigned), index, size, path, root);
    }

    /**
     * The proofs of a batch of envelopes' signed bytes, in their order: each leaf hashed once and each subtree once
     * (O(n log n) for n envelopes).
     */
    public static List<BatchProof> of(List<byte[]> toBeSigned) {
        int n = toBeSigned.size();
        if (n < 2 || n > MAX_SIZE) {
            throw new IllegalArgumentException("a batch of " + n + " envelopes (2 to " + MAX_SIZE + ")");
        }
        MerkleTree.Batch batch = MerkleTree.batch(toBeSigned.stream().map(MerkleTree::leafHash).toList(), MAX_SIZE);
        byte[] root = batch.root();
        List<List<byte[]>> paths = batch.paths();
        List<BatchProof> proofs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            proofs.add(new BatchProof(i, n, root, paths.get(i)));
        }
        return proofs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchProof p && index == p.index && size == p.size && MessageDigest.isEqual(root, p.root)
                && path.size() == p.path.size()
                && IntStream.range(0, path.size()).allMatch(i -> Arrays.equals(path.get(i), p.path.get(i)));
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + size) + Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "BatchProof[" + index + " of " + size + ", root " + HexFormat.of().formatHex(root, 0, 8) + "…]";
    }
}
