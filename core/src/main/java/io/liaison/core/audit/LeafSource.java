package io.liaison.core.audit;

/**
 * Where {@link MerkleTree} reads leaf hashes from: a list ({@code i -> list.get(Math.toIntExact(i))}), an
 * array or a database lookup. One root or proof reads each leaf it needs at most once, and never a leaf at or
 * beyond the tree size it was given.
 */
@FunctionalInterface
public interface LeafSource {
    /** The 32-byte leaf hash ({@link MerkleTree#leafHash}) of the entry at {@code index}. */
    byte[] leafHash(long index);
}
