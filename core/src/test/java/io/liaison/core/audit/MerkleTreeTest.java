package io.liaison.core.audit;

import static io.liaison.core.audit.Hashes.fromHex;
import static io.liaison.core.audit.Hashes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers: the Certificate Transparency test vectors (the eight-entry log used by
 * google/certificate-transparency and transparency-dev/merkle), then argument checking and malformed proofs.
 */
@org.junit.jupiter.api.Timeout(120)
class MerkleTreeTest {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final List<String> ENTRIES = List.of(
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** MTH of the first 1..8 entries. */
    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static final List<byte[]> LEAVES = ENTRIES.stream().map(e -> MerkleTree.leafHash(fromHex(e))).toList();
    private static final LeafSource SOURCE = i -> LEAVES.get(Math.toIntExact(i));

    private static byte[] root(int size) {
        return fromHex(ROOTS.get(size - 1));
    }

    static Stream<Arguments> inclusionVectors() {
        return Stream.of(
                Arguments.of(0, 1, List.of()),
                Arguments.of(0, 2, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7")),
                Arguments.of(1, 2, List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")),
                Arguments.of(2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
                Arguments.of(1, 5, List.of(
                        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
                Arguments.of(0, 8, List.of(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(5, 8, List.of(
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));
    }

    static Stream<Arguments> consistencyVectors() {
        return Stream.of(
                Arguments.of(1, 1, List.of()),
                Arguments.of(1, 8, List.of(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(6, 8, List.of(
                        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                Arguments.of(2, 5, List.of(
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
                Arguments.of(6, 7, List.of(
                        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));
    }

    @Test
    void emptyTree_hasTheHashOfTheEmptyString() {
        assertThat(hex(MerkleTree.emptyRoot())).isEqualTo(EMPTY);
        assertThat(hex(MerkleTree.root(SOURCE, 0))).isEqualTo(EMPTY);
        assertThat(hex(new CompactRange().root())).isEqualTo(EMPTY);
    }

    @Test
    void leafAndNodeHashes_useTheDomainSeparationPrefixes() {
        assertThat(hex(MerkleTree.leafHash(new byte[0]))).isEqualTo(ROOTS.get(0));
        assertThat(hex(MerkleTree.nodeHash(LEAVES.get(0), LEAVES.get(1)))).isEqualTo(ROOTS.get(1));
    }

    @Test
    void roots_matchThePublishedValuesForEverySize() {
        CompactRange range = new CompactRange();
        for (int size = 1; size <= 8; size++) {
            range.append(LEAVES.get(size - 1));
            assertThat(hex(MerkleTree.root(SOURCE, size))).as("root of size %d", size).isEqualTo(ROOTS.get(size - 1));
            assertThat(hex(range.root())).as("compact range of size %d", size).isEqualTo(ROOTS.get(size - 1));
            assertThat(range.size()).isEqualTo(size);
        }
    }

    @ParameterizedTest(name = "leaf {0} of {1}")
    @MethodSource("inclusionVectors")
    void inclusionProofs_matchThePublishedPathsAndVerify(int index, int size, List<String> expected) {
        List<byte[]> proof = MerkleTree.inclusionProof(SOURCE, index, size);

        assertThat(proof.stream().map(Hashes::hex).toList()).isEqualTo(expected);
        assertThat(MerkleTree.verifyInclusion(LEAVES.get(index), index, size, proof, root(size))).isTrue();
    }

    @ParameterizedTest(name = "leaf {0} of {1}")
    @MethodSource("inclusionVectors")
    void inclusionProofs_failWhenTampered(int index, int size, List<String> expected) {
        List<byte[]> proof = expected.stream().map(Hashes::fromHex).toList();
        byte[] leaf = LEAVES.get(index);
        byte[] root = root(size);

        assertThat(MerkleTree.verifyInclusion(leaf, index - 1, size, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, index + 1, size, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, index, size * 2L, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, index, size / 2, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(MerkleTree.leafHash("wrong".getBytes()), index, size, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, index, size, proof, MerkleTree.emptyRoot())).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, index, size, with(proof, proof.size(), root), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, index, size, with(proof, 0, root), root)).isFalse();
        for (int i = 0; i < proof.size(); i++) {
            assertThat(MerkleTree.verifyInclusion(leaf, index, size, flipped(proof, i), root)).as("flip in %d", i).isFalse();
            assertThat(MerkleTree.verifyInclusion(leaf, index, size, without(proof, i), root)).as("drop %d", i).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("consistencyVectors")
    void consistencyProofs_matchThePublishedProofsAndVerify(int oldSize, int newSize, List<String> expected) {
        List<byte[]> proof = MerkleTree.consistencyProof(SOURCE, oldSize, newSize);

        assertThat(proof.stream().map(Hashes::hex).toList()).isEqualTo(expected);
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, root(oldSize), root(newSize), proof)).isTrue();
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("consistencyVectors")
    void consistencyProofs_failWhenTampered(int oldSize, int newSize, List<String> expected) {
        List<byte[]> proof = expected.stream().map(Hashes::fromHex).toList();
        byte[] oldRoot = root(oldSize);
        byte[] newRoot = root(newSize);
        if (proof.isEmpty()) {
            assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, root(newSize + 1), proof)).isFalse();
            assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, List.of(oldRoot))).isFalse();
            return;
        }
        assertThat(MerkleTree.verifyConsistency(oldSize - 1, newSize, oldRoot, newRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize + 1, newSize, oldRoot, newRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize * 2L, oldRoot, newRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize / 2, oldRoot, newRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, newRoot, oldRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, MerkleTree.emptyRoot(), newRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, MerkleTree.emptyRoot(), proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, List.of())).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, with(proof, proof.size(), newRoot))).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, with(proof, 0, oldRoot))).isFalse();
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, with(proof, 0, proof.get(0)))).isFalse();
        for (int i = 0; i < proof.size(); i++) {
            assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, flipped(proof, i))).as("flip in %d", i).isFalse();
            assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, without(proof, i))).as("drop %d", i).isFalse();
        }
    }

    @Test
    void consistencyFromTheEmptyTree_needsNoProofButTheEmptyRoot() {
        assertThat(MerkleTree.consistencyProof(SOURCE, 0, 8)).isEmpty();
        assertThat(MerkleTree.verifyConsistency(0, 8, MerkleTree.emptyRoot(), root(8), List.of())).isTrue();
        assertThat(MerkleTree.verifyConsistency(0, 0, MerkleTree.emptyRoot(), MerkleTree.emptyRoot(), List.of())).isTrue();
        assertThat(MerkleTree.verifyConsistency(0, 8, root(1), root(8), List.of())).isFalse();
        assertThat(MerkleTree.verifyConsistency(0, 0, MerkleTree.emptyRoot(), root(1), List.of())).isFalse();
        assertThat(MerkleTree.verifyConsistency(0, 8, MerkleTree.emptyRoot(), root(8), List.of(root(1)))).isFalse();
    }

    @Test
    void inclusionProof_tiesTheSizeOnlyThroughTheShapeOfThePath() {
        // RFC 9162 verification cannot tell size 3 from size 4 for leaf 0: both paths are two right
        // siblings. The size must come from the same signed tree head as the root, which binds it.
        List<byte[]> proof = MerkleTree.inclusionProof(SOURCE, 0, 3);
        assertThat(MerkleTree.verifyInclusion(LEAVES.get(0), 0, 4, proof, root(3))).isTrue();
        assertThat(RfcReference.siblingSides(0, 4)).isEqualTo(RfcReference.siblingSides(0, 3));
    }

    @Test
    void proofs_readEachLeafAtMostOnceAndNeverBeyondTheTree() {
        List<byte[]> leaves = IntStream.range(0, 1000).mapToObj(i -> MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8)})).toList();
        List<Long> reads = Collections.synchronizedList(new ArrayList<>());
        LeafSource counting = i -> {
            reads.add(i);
            return leaves.get(Math.toIntExact(i));
        };

        MerkleTree.inclusionProof(counting, 617, 999);
        assertThat(reads).hasSize(998).doesNotHaveDuplicates().doesNotContain(617L).allMatch(i -> i >= 0 && i < 999);

        reads.clear();
        MerkleTree.consistencyProof(counting, 517, 999);
        assertThat(reads).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < 999);
        assertThat(reads.size()).isLessThanOrEqualTo(999);

        reads.clear();
        MerkleTree.root(counting, 999);
        assertThat(new HashSet<>(reads)).hasSize(999);
        assertThat(reads).hasSize(999);
    }

    @Test
    void compactRangeCopies_areIndependent() {
        CompactRange range = new CompactRange();
        LEAVES.subList(0, 5).forEach(range::append);
        CompactRange copy = range.copy();
        LEAVES.subList(5, 8).forEach(copy::append);

        assertThat(hex(range.root())).isEqualTo(ROOTS.get(4));
        assertThat(range.size()).isEqualTo(5);
        assertThat(hex(copy.root())).isEqualTo(ROOTS.get(7));
        assertThat(copy.size()).isEqualTo(8);
    }

    @Test
    void returnedHashes_areFreshArrays() {
        MerkleTree.emptyRoot()[0] ^= 1;
        assertThat(hex(MerkleTree.emptyRoot())).isEqualTo(EMPTY);

        byte[] leaf = LEAVES.get(0).clone();
        CompactRange range = new CompactRange();
        range.append(leaf);
        leaf[0] ^= 1;
        range.root()[0] ^= 1;
        assertThat(hex(range.root())).isEqualTo(ROOTS.get(0));
    }

    @Test
    void badArguments_areRejectedWithTheValueAndTheRule() {
        assertThatThrownBy(() -> MerkleTree.inclusionProof(SOURCE, 7, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("index 7 is outside a tree of size 5");
        assertThatThrownBy(() -> MerkleTree.inclusionProof(SOURCE, -1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("index -1 is outside a tree of size 5");
        assertThatThrownBy(() -> MerkleTree.inclusionProof(SOURCE, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("index 0 is outside a tree of size 0");
        assertThatThrownBy(() -> MerkleTree.inclusionProof(SOURCE, 0, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("size -2 must not be negative");
        assertThatThrownBy(() -> MerkleTree.root(SOURCE, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("size -1 must not be negative");
        assertThatThrownBy(() -> MerkleTree.consistencyProof(SOURCE, 6, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("oldSize 6 must not exceed newSize 5");
        assertThatThrownBy(() -> MerkleTree.consistencyProof(SOURCE, -1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("oldSize -1 must not be negative");
        assertThatThrownBy(() -> MerkleTree.nodeHash(new byte[31], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("left has 31 bytes; a SHA-256 hash has 32");
        assertThatThrownBy(() -> MerkleTree.nodeHash(new byte[32], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("right has 0 bytes; a SHA-256 hash has 32");
        assertThatThrownBy(() -> new CompactRange().append(new byte[33]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("leafHash has 33 bytes; a SHA-256 hash has 32");
        assertThatThrownBy(() -> MerkleTree.root(i -> new byte[5], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaf source gave 5 bytes for index 0; a leaf hash has 32 bytes");
        assertThatThrownBy(() -> MerkleTree.inclusionProof(i -> null, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaf source gave null for index 1; a leaf hash has 32 bytes");
        assertThatThrownBy(() -> MerkleTree.leafHash(null)).isInstanceOf(NullPointerException.class).hasMessage("entry");
        assertThatThrownBy(() -> MerkleTree.root((LeafSource) null, 1)).isInstanceOf(NullPointerException.class).hasMessage("leaves");
    }

    @Test
    void hex_isLowerCaseAndRoundTrips() {
        byte[] bytes = {0, 1, (byte) 0xab, (byte) 0xff, 0x7f};
        assertThat(hex(bytes)).isEqualTo("0001abff7f");
        assertThat(fromHex("0001abff7f")).isEqualTo(bytes);
        assertThat(fromHex("0001ABFF7F")).isEqualTo(bytes);
        assertThat(fromHex("")).isEmpty();
        assertThatThrownBy(() -> fromHex("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hex string of length 3 must have an even number of digits");
        assertThatThrownBy(() -> fromHex("0x12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hex string has 'x' at position 1; only 0-9, a-f and A-F are hex digits");
        assertThatThrownBy(() -> fromHex("\u0661\u0662"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hex string has '\u0661' at position 0");
    }

    @Test
    void malformedInclusionInput_failsWithoutThrowing() {
        byte[] leaf = LEAVES.get(5);
        byte[] root = root(8);
        List<byte[]> proof = MerkleTree.inclusionProof(SOURCE, 5, 8);
        List<byte[]> withNull = new ArrayList<>(proof);
        withNull.set(1, null);
        List<byte[]> tooLong = Collections.nCopies(100, root);

        assertThat(MerkleTree.verifyInclusion(leaf, 5, 8, null, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 5, 8, withNull, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 5, 8, List.of(new byte[31], proof.get(1), proof.get(2)), root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 5, 8, tooLong, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(null, 5, 8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 5, 8, proof, null)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 5, 8, proof, Arrays.copyOf(root, 31))).isFalse();
        assertThat(MerkleTree.verifyInclusion(Arrays.copyOf(leaf, 33), 5, 8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, -5, 8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 5, -8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 8, 8, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, 0, 0, List.of(), MerkleTree.emptyRoot())).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, Long.MAX_VALUE - 1, Long.MAX_VALUE, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaf, Long.MIN_VALUE, Long.MIN_VALUE, proof, root)).isFalse();
    }

    @Test
    void malformedConsistencyInput_failsWithoutThrowing() {
        byte[] oldRoot = root(6);
        byte[] newRoot = root(8);
        List<byte[]> proof = MerkleTree.consistencyProof(SOURCE, 6, 8);
        List<byte[]> withNull = new ArrayList<>(proof);
        withNull.set(2, null);

        assertThat(MerkleTree.verifyConsistency(6, 8, oldRoot, newRoot, null)).isFalse();
        assertThat(MerkleTree.verifyConsistency(6, 8, oldRoot, newRoot, withNull)).isFalse();
        assertThat(MerkleTree.verifyConsistency(6, 8, oldRoot, newRoot, List.of(new byte[0], proof.get(1), proof.get(2)))).isFalse();
        assertThat(MerkleTree.verifyConsistency(6, 8, oldRoot, newRoot, Collections.nCopies(200, newRoot))).isFalse();
        assertThat(MerkleTree.verifyConsistency(6, 8, null, newRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(6, 8, oldRoot, null, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(6, 8, Arrays.copyOf(oldRoot, 31), newRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(8, 6, newRoot, oldRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(-6, 8, oldRoot, newRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(-1, -1, oldRoot, oldRoot, List.of())).isFalse();
        assertThat(MerkleTree.verifyConsistency(Long.MAX_VALUE - 1, Long.MAX_VALUE, oldRoot, newRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(4, Long.MAX_VALUE, root(4), newRoot, proof)).isFalse();
    }

    private static List<byte[]> flipped(List<byte[]> proof, int i) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] changed = copy.get(i).clone();
        changed[0] ^= 0x08;
        copy.set(i, changed);
        return copy;
    }

    private static List<byte[]> without(List<byte[]> proof, int i) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.remove(i);
        return copy;
    }

    private static List<byte[]> with(List<byte[]> proof, int i, byte[] extra) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.add(i, extra);
        return copy;
    }
}
