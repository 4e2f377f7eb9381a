package io.liaison.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Proofs over random logs agree with the literal RFC 9162 recursion, verify, and stop verifying when
 * anything they vouch for is changed. Entries are distinct: a log repeating an entry can legitimately
 * prove the same leaf at two indices.
 */
class MerkleTreeProperties {

    record Tree(List<byte[]> leaves) {
        int size() {
            return leaves.size();
        }

        LeafSource source() {
            return i -> leaves.get(Math.toIntExact(i));
        }

        byte[] root(long size) {
            return MerkleTree.root(source(), size);
        }

        @Override
        public String toString() {
            return "Tree" + hex(leaves);
        }
    }

    record LeafInTree(Tree tree, int index) {}

    record PrefixOfTree(Tree tree, int oldSize) {}

    record Position(long index, long size) {}

    @Provide
    Arbitrary<Tree> trees() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40)
                .list().ofMinSize(1).ofMaxSize(300)
                .withSizeDistribution(RandomDistribution.uniform())
                .uniqueElements(HexFormat.of()::formatHex)
                .map(entries -> new Tree(entries.stream().map(MerkleTree::leafHash).toList()));
    }

    @Provide
    Arbitrary<LeafInTree> leavesInTrees() {
        return trees().flatMap(t -> Arbitraries.integers().between(0, t.size() - 1).map(i -> new LeafInTree(t, i)));
    }

    @Provide
    Arbitrary<PrefixOfTree> prefixesOfTrees() {
        return trees().flatMap(t -> Arbitraries.integers().between(0, t.size()).map(m -> new PrefixOfTree(t, m)));
    }

    @Provide
    Arbitrary<Position> positionsInHugeTrees() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE)
                .flatMap(size -> Arbitraries.longs().between(0, size - 1).map(index -> new Position(index, size)));
    }

    @Property(tries = 100)
    void everyInclusionProof_isTheRfcPathAndVerifies(@ForAll("trees") Tree tree) {
        byte[] root = tree.root(tree.size());
        assertThat(root).isEqualTo(RfcReference.mth(tree.leaves()));
        for (int i = 0; i < tree.size(); i++) {
            List<byte[]> proof = MerkleTree.inclusionProof(tree.source(), i, tree.size());

            assertThat(hex(proof)).as("leaf %d", i).isEqualTo(hex(RfcReference.path(i, tree.leaves())));
            assertThat(MerkleTree.verifyInclusion(tree.leaves().get(i), i, tree.size(), proof, root)).as("leaf %d", i).isTrue();
        }
    }

    @Property(tries = 200)
    void inclusionProof_failsWhenAProofByteTheIndexTheLeafOrTheRootChanges(@ForAll("leavesInTrees") LeafInTree c) {
        Tree tree = c.tree();
        int index = c.index();
        int n = tree.size();
        byte[] leaf = tree.leaves().get(index);
        byte[] root = tree.root(n);
        List<byte[]> proof = MerkleTree.inclusionProof(tree.source(), index, n);

        for (int i = 0; i < proof.size(); i++) {
            for (int b = 0; b < MerkleTree.HASH_SIZE; b++) {
                List<byte[]> changed = new ArrayList<>(proof);
                changed.set(i, flipped(proof.get(i), b, (i + b) % 8));
                assertThat(MerkleTree.verifyInclusion(leaf, index, n, changed, root)).as("proof[%d] byte %d", i, b).isFalse();
            }
        }
        for (int j = -1; j <= n; j++) {
            if (j != index) {
                assertThat(MerkleTree.verifyInclusion(leaf, j, n, proof, root)).as("index %d", j).isFalse();
            }
        }
        for (int b = 0; b < MerkleTree.HASH_SIZE; b++) {
            assertThat(MerkleTree.verifyInclusion(flipped(leaf, b, b % 8), index, n, proof, root)).as("leaf byte %d", b).isFalse();
            assertThat(MerkleTree.verifyInclusion(leaf, index, n, proof, flipped(root, b, b % 8))).as("root byte %d", b).isFalse();
        }
    }

    /**
     * A proof carries no size, only the sides its siblings are on; so a changed size fails exactly when
     * the leaf's path in a tree of that size has another shape (always, unless the two trees agree on
     * the path, as leaf 0 of sizes 3 and 4 do).
     */
    @Property(tries = 100)
    void aBatch_isTheTreeAndEachLeafsPathLeadsBackToItsRoot_andNoOtherLeafOrPlaceDoes(@ForAll("trees") Tree tree) {
        int n = tree.size();
        MerkleTree.Batch batch = MerkleTree.batch(tree.leaves(), 300);
        assertThat(batch.root()).isEqualTo(RfcReference.mth(tree.leaves()));
        List<List<byte[]>> paths = batch.paths();
        for (int i = 0; i < n; i++) {
            assertThat(hex(paths.get(i))).as("leaf %d", i).isEqualTo(hex(RfcReference.path(i, tree.leaves())));
            assertThat(MerkleTree.rootFromInclusion(tree.leaves().get(i), i, n, paths.get(i))).as("leaf %d", i)
                    .hasValueSatisfying(r -> assertThat(r).isEqualTo(batch.root()));
            int other = (i + 1) % n;
            if (other != i) {
                assertThat(MerkleTree.rootFromInclusion(tree.leaves().get(other), i, n, paths.get(i)))
                        .as("leaf %d on leaf %d's path", other, i).hasValueSatisfying(r -> assertThat(r)
                                .isNotEqualTo(batch.root()));
                assertThat(MerkleTree.rootFromInclusion(tree.leaves().get(i), other, n, paths.get(i))
                        .map(r -> java.util.Arrays.equals(r, batch.root()))).as("leaf %d at place %d", i, other)
                        .isNotEqualTo(java.util.Optional.of(true));
            }
        }
    }

    @Property(tries = 200)
    void inclusionProof_failsWhenTheSizeChangesThePathShape(@ForAll("leavesInTrees") LeafInTree c) {
        Tree tree = c.tree();
        int index = c.index();
        int n = tree.size();
        List<byte[]> proof = MerkleTree.inclusionProof(tree.source(), index, n);
        byte[] root = tree.root(n);
        List<Boolean> shape = RfcReference.siblingSides(index, n);

        for (long size : sizesAround(n)) {
            boolean sameShape = index < size && RfcReference.siblingSides(index, size).equals(shape);
            assertThat(MerkleTree.verifyInclusion(tree.leaves().get(index), index, size, proof, root))
                    .as("size %d instead of %d", size, n)
                    .isEqualTo(sameShape);
        }
    }

    @Property
    void verifyInclusion_followsTheTreeShapeAtAnySize(@ForAll("positionsInHugeTrees") Position p) {
        List<Boolean> sides = RfcReference.siblingSides(p.index(), p.size());
        List<byte[]> proof = IntStream.range(0, sides.size()).mapToObj(i -> MerkleTree.leafHash(new byte[] {(byte) i})).toList();
        byte[] leaf = MerkleTree.leafHash("leaf".getBytes());
        byte[] root = leaf;
        for (int i = 0; i < sides.size(); i++) {
            root = sides.get(i) ? MerkleTree.nodeHash(proof.get(i), root) : MerkleTree.nodeHash(root, proof.get(i));
        }

        assertThat(MerkleTree.verifyInclusion(leaf, p.index(), p.size(), proof, root)).isTrue();
        assertThat(MerkleTree.verifyInclusion(leaf, p.index() ^ 1, p.size(), proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, p.index(), p.size(), proof, flipped(root, 7, 3))).isFalse();
    }

    @Property
    void consistencyProof_isTheRfcProofVerifiesAndFailsWhenARootOrAProofByteChanges(
            @ForAll("prefixesOfTrees") PrefixOfTree c) {
        Tree tree = c.tree();
        int m = c.oldSize();
        int n = tree.size();
        byte[] oldRoot = tree.root(m);
        byte[] newRoot = tree.root(n);
        List<byte[]> proof = MerkleTree.consistencyProof(tree.source(), m, n);

        if (m > 0) {
            assertThat(hex(proof)).isEqualTo(hex(RfcReference.proof(m, tree.leaves())));
        }
        assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof)).isTrue();
        for (int b = 0; b < MerkleTree.HASH_SIZE; b++) {
            assertThat(MerkleTree.verifyConsistency(m, n, flipped(oldRoot, b, b % 8), newRoot, proof)).as("old root byte %d", b).isFalse();
        }
        for (int other : new int[] {m - 1, m + 1, 0, n}) {
            if (other >= 0 && other <= n && other != m) {
                assertThat(MerkleTree.verifyConsistency(m, n, tree.root(other), newRoot, proof)).as("old root of size %d", other).isFalse();
            }
        }
        // From the empty tree there is nothing to prove about the new root, so only 0 < m < n binds it.
        if (m > 0 && m < n) {
            assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, flipped(newRoot, 0, 0), proof)).isFalse();
            for (int i = 0; i < proof.size(); i++) {
                List<byte[]> changed = new ArrayList<>(proof);
                changed.set(i, flipped(proof.get(i), i % MerkleTree.HASH_SIZE, i % 8));
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, changed)).as("proof[%d]", i).isFalse();
            }
        }
    }

    @Property(tries = 100)
    void compactRange_hasTheMerkleRootAfterEveryAppend(@ForAll("leavesInTrees") LeafInTree c) {
        Tree tree = c.tree();
        CompactRange range = new CompactRange();
        CompactRange snapshot = null;
        for (int i = 0; i < tree.size(); i++) {
            if (i == c.index()) {
                snapshot = range.copy();
            }
            range.append(tree.leaves().get(i));

            assertThat(range.size()).isEqualTo(i + 1);
            assertThat(range.root()).as("after %d appends", i + 1).isEqualTo(tree.root(i + 1));
        }
        assertThat(range.root()).isEqualTo(RfcReference.mth(tree.leaves()));
        assertThat(snapshot.size()).isEqualTo(c.index());
        assertThat(snapshot.root()).isEqualTo(tree.root(c.index()));
    }

    private static long[] sizesAround(int n) {
        return LongStream.concat(
                        LongStream.rangeClosed(1, 2L * n + 1).filter(s -> s != n),
                        LongStream.of(0, -1, 4L * n, Long.MAX_VALUE))
                .toArray();
    }

    private static byte[] flipped(byte[] hash, int at, int bit) {
        byte[] copy = hash.clone();
        copy[at] ^= (byte) (1 << bit);
        return copy;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(Hashes::hex).toList();
    }
}
