package io.liaison.node.items;

import io.liaison.core.audit.MerkleTree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The node's signature over an item's fields as the {@code signature} column holds it, in one of two forms.
 * <ul>
 *   <li>{@link Alone}: an Ed25519 signature over the item's binding, 128 hex digits (every item made here, and any item
 *       signed on its own);
 *   <li>{@link InBatch}: items received together are signed once: their bindings are the leaves of a Merkle tree
 *       (RFC 9162), one Ed25519 signature covers its size and root ({@link #statement}), and each item keeps its place
 *       and its audit path, from which its root is computed again. Written
 *       {@code b1:<index>:<size>:<path, 64 hex digits a hash>:<signature, 128 hex digits>}; at most
 *       {@value #MAX_BATCH} items, so at most {@value #MAX_WRITTEN} characters.
 * </ul>
 * Anything else read from the column parses to nothing, and the item fails its check.
 */
sealed interface ItemSignature {
    /** The most items one signature covers: a path of at most 10 hashes. */
    int MAX_BATCH = 1024;
    /** The longest written form: {@code b1:1023:1024:} and 10 hashes and a signature. */
    int MAX_WRITTEN = 13 + 10 * 64 + 1 + 128;
    String BATCH_PREFIX = "b1:";
    byte[] DOMAIN = "liaison-item-batch-v1".getBytes(StandardCharsets.US_ASCII);

    /** The column's text. */
    String written();

    /** A signature over the binding itself. */
    record Alone(byte[] signature) implements ItemSignature {
        public Alone {
            if (signature.length != 64) {
                throw new IllegalArgumentException("a signature of " + signature.length + " bytes (64)");
            }
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public String written() {
            return HexFormat.of().formatHex(signature);
        }
    }

    /** Leaf {@code index} of a batch of {@code size} whose statement {@code signature} covers. */
    record InBatch(int index, int size, List<byte[]> path, byte[] signature) implements ItemSignature {
        public InBatch {
            if (size < 2 || size > MAX_BATCH || index < 0 || index >= size) {
                throw new IllegalArgumentException("place " + index + " in a batch of " + size + " (2 to " + MAX_BATCH
                        + ")");
            }
            if (path.isEmpty() || path.size() > 10 || path.stream().anyMatch(h -> h.length != 32)
                    || signature.length != 64) {
                throw new IllegalArgumentException("a path of " + path.size() + " hashes of 32 bytes (1 to 10) and a "
                        + "signature of 64 bytes");
            }
            path = path.stream().map(byte[]::clone).toList();
            signature = signature.clone();
        }

        @Override
        public List<byte[]> path() {
            return path.stream().map(byte[]::clone).toList();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        /** The root the binding leads to through this place and path; empty if the path cannot be one. */
        Optional<byte[]> root(byte[] binding) {
            return MerkleTree.rootFromInclusion(MerkleTree.leafHash(binding), index, size, path);
        }

        @Override
        public String written() {
            StringBuilder b = new StringBuilder(MAX_WRITTEN).append(BATCH_PREFIX).append(index).append(':').append(size)
                    .append(':');
            path.forEach(h -> b.append(HexFormat.of().formatHex(h)));
            return b.append(':').append(HexFormat.of().formatHex(signature)).toString();
        }
    }

    /** The bytes a batch's signature covers: a domain tag, the size (4 bytes big-endian) and the root. */
    static byte[] statement(int size, byte[] root) {
        return ByteBuffer.allocate(DOMAIN.length + 4 + root.length).put(DOMAIN).putInt(size).put(root).array();
    }

    /**
     * The column's text as a signature; empty for anything that is not exactly one of the two forms as this node writes
     * them (lower-case hex, plain decimals), so that each signature has one text: "01", "+1" or upper-case hex would
     * verify under another text than the one signed.
     */
    static Optional<ItemSignature> parse(String text) {
        try {
            if (text.length() > MAX_WRITTEN) {
                return Optional.empty();
            }
            ItemSignature parsed;
            if (!text.startsWith(BATCH_PREFIX)) {
                parsed = new Alone(HexFormat.of().parseHex(text));
            } else {
                String[] parts = text.substring(BATCH_PREFIX.length()).split(":", -1);
                if (parts.length != 4 || parts[0].length() > 4 || parts[1].length() > 4 || parts[2].length() % 64 != 0) {
                    return Optional.empty();
                }
                List<byte[]> path = new ArrayList<>();
                for (int i = 0; i < parts[2].length(); i += 64) {
                    path.add(HexFormat.of().parseHex(parts[2], i, i + 64));
                }
                parsed = new InBatch(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), path,
                        HexFormat.of().parseHex(parts[3]));
            }
            return parsed.written().equals(text) ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
