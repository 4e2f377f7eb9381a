package io.liaison.node.audit;

import java.nio.charset.StandardCharsets;

/** A signed tree head: the tree size, its root, when it was signed, by which key, and the signature (hex). */
public record SignedHead(long treeSize, String rootHash, long signedAt, String keyId, String signature) {

    /** The bytes the node key signs. */
    public static byte[] toBeSigned(long treeSize, String rootHash, long signedAt) {
        return ("liaison-tree-head-v1|" + treeSize + "|" + rootHash + "|" + signedAt).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] toBeSigned() {
        return toBeSigned(treeSize, rootHash, signedAt);
    }
}
