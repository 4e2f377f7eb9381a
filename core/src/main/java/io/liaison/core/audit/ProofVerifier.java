package io.liaison.core.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verification algorithms of RFC 9162 2.1.3.2 and 2.1.4.2, step for step. Proofs arrive from the
 * party being audited, so anything malformed is a failed proof, never an exception.
 */
final class ProofVerifier {
    private ProofVerifier() {}

    static boolean inclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        return isHash(root) && rootOf(leafHash, index, size, proof).map(r -> MessageDigest.isEqual(r, root)).orElse(false);
    }

    /** The root that {@code proof} leads to from leaf {@code index} of a tree of {@code size}; empty if malformed. */
    static Optional<byte[]> rootOf(byte[] leafHash, long index, long size, List<byte[]> proof) {
        if (index < 0 || index >= size || !isHash(leafHash) || !wellFormed(proof)) {
            return Optional.empty();
        }
        // fn is the node's position at the current level and sn the last position there; their bits
        // tell whether each sibling is on the left or the right.
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                // A right-edge node without a sibling is promoted unchanged through the levels it skips.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 ? Optional.of(r) : Optional.empty();
    }

    static boolean consistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (oldSize < 0 || oldSize > newSize || !isHash(oldRoot) || !isHash(newRoot) || !wellFormed(proof)) {
            return false;
        }
        if (oldSize == 0) {
            // Every tree extends the empty one, but a claimed empty tree must still have the empty root.
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, MerkleTree.emptyRoot())
                    && (newSize > 0 || MessageDigest.isEqual(newRoot, oldRoot));
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = proof;
        if (Long.bitCount(oldSize) == 1) {
            // The old tree is a whole subtree of the new one, so the proof leaves out its hash.
            path = new ArrayList<>(proof.size() + 1);
            path.add(oldRoot);
            path.addAll(proof);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(c, fr);
                sr = MerkleTree.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    private static boolean isHash(byte[] b) {
        return b != null && b.length == MerkleTree.HASH_SIZE;
    }

    private static boolean wellFormed(List<byte[]> proof) {
        if (proof == null) {
            return false;
        }
        // A 2^63-leaf tree is 63 levels deep; anything longer is garbage and not worth hashing.
        if (proof.size() > Long.SIZE) {
            return false;
        }
        for (byte[] p : proof) {
            if (!isHash(p)) {
                return false;
            }
        }
        return true;
    }
}
