package io.liaison.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Proofs and roots from chunk roots equal those from every leaf, for any log size, chunk size, prefix and
 * index; and they read far fewer leaves.
 */
class ChunkedSubtreesProperties {

    private static List<byte[]> log(int size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(MerkleTree.leafHash(ByteBuffer.allocate(4).putInt(i).array()));
        }
        return leaves;
    }

    private static List<byte[]> chunkRoots(List<byte[]> leaves, int chunk) {
        List<byte[]> roots = new ArrayList<>();
        for (int i = 0; i + chunk <= leaves.size(); i += chunk) {
            roots.add(ChunkedSubtrees.rootOf(leaves.subList(i, i + chunk)));
        }
        return roots;
    }

    private static ChunkedSubtrees chunked(List<byte[]> leaves, int chunk, AtomicLong read) {
        return new ChunkedSubtrees(chunk, chunkRoots(leaves, chunk), (from, to) -> {
            read.addAndGet(to - from);
            return leaves.subList((int) from, (int) to);
        });
    }

    @Property(tries = 300)
    void proofsAndRootsEqualThoseFromEveryLeaf(@ForAll @IntRange(min = 1, max = 2_000) int size,
            @ForAll @IntRange(min = 1, max = 6) int chunkBits, @ForAll @IntRange(min = 0, max = 1_999) int a,
            @ForAll @IntRange(min = 0, max = 1_999) int b) {
        List<byte[]> leaves = log(size);
        LeafSource all = i -> leaves.get((int) i);
        ChunkedSubtrees chunked = chunked(leaves, 1 << chunkBits, new AtomicLong());
        int newSize = 1 + b % size;
        int oldSize = 1 + a % newSize;
        int index = a % newSize;
        assertThat(MerkleTree.root(chunked, newSize)).isEqualTo(MerkleTree.root(all, newSize));
        assertThat(MerkleTree.consistencyProof(chunked, oldSize, newSize))
                .containsExactlyElementsOf(MerkleTree.consistencyProof(all, oldSize, newSize));
        assertThat(MerkleTree.inclusionProof(chunked, index, newSize))
                .containsExactlyElementsOf(MerkleTree.inclusionProof(all, index, newSize));
    }

    @Property(tries = 20)
    void aProofInALargeLogReadsAFewChunksOfLeaves(@ForAll @IntRange(min = 50_000, max = 70_000) int newSize,
            @ForAll @IntRange(min = 1, max = 49_999) int oldSize) {
        List<byte[]> leaves = log(newSize);
        AtomicLong read = new AtomicLong();
        ChunkedSubtrees chunked = chunked(leaves, 256, read);
        List<byte[]> proof = MerkleTree.consistencyProof(chunked, oldSize, newSize);
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, MerkleTree.root(i -> leaves.get((int) i), oldSize),
                MerkleTree.root(i -> leaves.get((int) i), newSize), proof)).isTrue();
        assertThat(read.get()).as("leaves read for a proof over %d", newSize).isLessThanOrEqualTo(2L * 256 * 17);
    }
}
