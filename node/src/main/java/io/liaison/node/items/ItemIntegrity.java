package io.liaison.node.items;

import io.liaison.catalog.json.Json;
import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.audit.MerkleTree;
import io.liaison.core.error.IntegrityException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.crypto.NodeSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's signature over every field of an item it serves (in the spirit of ADatP-4778, binding label and data):
 * id, title, originator and originators, both labels (SHA-384 of their XML), purposes, private rights, kind, the
 * content's SHA-384 digest, status, creator, creation time, sources and, for a received item, its provenance.
 * {@link #verify} is the only way to a {@link VerifiedItem}; decisions and reads take nothing else. Items received
 * together are signed together, one signature over a Merkle tree of their bindings ({@link ItemSignature}).
 */
final class ItemIntegrity {
    private final NodeSigner signer;

    ItemIntegrity(NodeSigner signer) {
        this.signer = signer;
    }

    /** An item whose every field the node's signature covers; only {@link ItemIntegrity#verify} makes one. */
    static final class VerifiedItem {
        private final StoredItem item;
        /** The content as encrypted, when it was read with the row (a read that opens the item needs it next). */
        private final Optional<byte[]> ciphertext;

        private VerifiedItem(StoredItem item, Optional<byte[]> ciphertext) {
            this.item = item;
            this.ciphertext = ciphertext;
        }

        StoredItem item() {
            return item;
        }

        /** The ciphertext read with the row, if it was; the signature does not cover it, the content digest does. */
        Optional<byte[]> ciphertext() {
            return ciphertext;
        }

        /** The same item with the ciphertext read in the same statement as its row. */
        VerifiedItem withCiphertext(Optional<byte[]> read) {
            return new VerifiedItem(item, read);
        }

        String id() {
            return item.id();
        }
    }

    /**
     * The item with the node's signature over its current fields. The signature is known good for exactly these fields,
     * so it counts as verified: the first read of a new item (a release moments after its creation, say) costs a hash,
     * not an Ed25519 verification.
     */
    StoredItem sign(StoredItem item) {
        byte[] binding = binding(item);
        String signature = new ItemSignature.Alone(signer.sign(binding)).written();
        remember(digest(binding, signature));
        return item.signed(signature);
    }

    /**
     * The items, in order, signed together: one Ed25519 signature over the Merkle tree of their bindings, each item
     * keeping its place and path ({@link ItemSignature.InBatch}), so that each verifies alone. A node receiving a batch
     * of releases signs it once instead of once an item. One item is signed {@link #sign alone}; more than
     * {@value ItemSignature#MAX_BATCH} are signed in batches of that many.
     */
    List<StoredItem> signAll(List<StoredItem> items) {
        List<StoredItem> out = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += ItemSignature.MAX_BATCH) {
            List<StoredItem> batch = items.subList(from, Math.min(items.size(), from + ItemSignature.MAX_BATCH));
            if (batch.size() == 1) {
                out.add(sign(batch.getFirst()));
                continue;
            }
            List<byte[]> bindings = batch.stream().map(ItemIntegrity::binding).toList();
            MerkleTree.Batch tree = MerkleTree.batch(bindings.stream().map(MerkleTree::leafHash).toList(),
                    ItemSignature.MAX_BATCH);
            byte[] statement = ItemSignature.statement(batch.size(), tree.root());
            byte[] signature = signer.sign(statement);
            remember(statementDigest(statement, signature));
            List<List<byte[]>> paths = tree.paths();
            for (int i = 0; i < batch.size(); i++) {
                String written = new ItemSignature.InBatch(i, batch.size(), paths.get(i), signature).written();
                remember(digest(bindings.get(i), written));
                out.add(batch.get(i).signed(written));
            }
        }
        return out;
    }

    /** The item, if the node's signature covers exactly its fields; otherwise the store was changed behind the node. */
    VerifiedItem verify(StoredItem item) {
        byte[] binding = binding(item);
        java.nio.ByteBuffer seen = digest(binding, item.signature());
        if (!verified.containsKey(seen)) {
            if (!ItemSignature.parse(item.signature()).map(sig -> verifies(binding, sig)).orElse(false)) {
                throw new IntegrityException("ITEM_INTEGRITY_FAILED", "item " + item.id() + " does not match the node's "
                        + "signature over its fields: it was changed outside the node; security officers are alerted");
            }
            remember(seen);
        }
        return new VerifiedItem(item, Optional.empty());
    }

    /**
     * Whether {@code signature} covers {@code binding}. A batch's statement verified once counts for its other items:
     * each of them then costs its path's hashes (the statement is that of the root they lead to, so a changed item
     * leads elsewhere and is verified afresh, and fails).
     */
    private boolean verifies(byte[] binding, ItemSignature signature) {
        return switch (signature) {
            case ItemSignature.Alone a -> NodeSigner.verify(signer.publicKey(), binding, a.signature());
            case ItemSignature.InBatch b -> b.root(binding).map(root -> {
                byte[] statement = ItemSignature.statement(b.size(), root);
                byte[] sig = b.signature();
                java.nio.ByteBuffer key = statementDigest(statement, sig);
                if (verified.containsKey(key)) {
                    return true;
                }
                boolean ok = NodeSigner.verify(signer.publicKey(), statement, sig);
                if (ok) {
                    remember(key);
                }
                return ok;
            }).orElse(false);
        };
    }

    private void remember(java.nio.ByteBuffer seen) {
        if (verified.size() >= VERIFIED_MAX) {
            verified.clear();
        }
        verified.put(seen, Boolean.TRUE);
    }

    /**
     * Exactly these fields with exactly this signature verified before (or a batch's statement with its signature): the
     * SHA-256 of both, kept for at most {@value #VERIFIED_MAX} of them. An item changed in the store, by a single byte
     * of a field or of its signature, is a different digest and is verified again, so the check still catches it on
     * every read; an unchanged one costs a hash instead of an Ed25519 verification.
     */
    private final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, Boolean> verified =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int VERIFIED_MAX = 100_000;

    private static java.nio.ByteBuffer digest(byte[] binding, String signature) {
        return sha256(binding, signature.getBytes(StandardCharsets.UTF_8));
    }

    private static java.nio.ByteBuffer statementDigest(byte[] statement, byte[] signature) {
        return sha256(statement, signature);
    }

    private static java.nio.ByteBuffer sha256(byte[] first, byte[] second) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(first);
            sha.update((byte) 0);
            sha.update(second);
            return java.nio.ByteBuffer.wrap(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node's signature over other text it issues about items (certificates). */
    byte[] signText(byte[] text) {
        return signer.sign(text);
    }

    String keyId() {
        return signer.keyId();
    }

    /** A label's XML as the node writes it, and that text's SHA-384. */
    record WrittenLabel(String xml, String digest) {}

    /**
     * A label written as XML, with its digest, once per distinct label and role: creating an item writes both of its
     * labels into the row and binds their digests, and every read binds them again; writing them out each time was a
     * tenth of a read's time.
     */
    static WrittenLabel written(io.liaison.core.label.SecurityLabel label, LabelRole role) {
        return (role == LabelRole.ORIGINATOR ? ORIGINATOR_LABELS : ALTERNATIVE_LABELS).get(label, l -> {
            String xml = LabelXml.write(l, role);
            return new WrittenLabel(xml, Content.sha384(xml.getBytes(StandardCharsets.UTF_8)));
        });
    }

    private static final io.liaison.node.store.BoundedCache<io.liaison.core.label.SecurityLabel, WrittenLabel>
            ORIGINATOR_LABELS = new io.liaison.node.store.BoundedCache<>(4_096);
    private static final io.liaison.node.store.BoundedCache<io.liaison.core.label.SecurityLabel, WrittenLabel>
            ALTERNATIVE_LABELS = new io.liaison.node.store.BoundedCache<>(4_096);

    private static byte[] binding(StoredItem s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("binding", "liaison-item-v2");
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("originator", s.originator().code());
        m.put("originators", s.originators().stream().map(Party::code).sorted().toList());
        m.put("originatorLabel", written(s.originatorLabel(), LabelRole.ORIGINATOR).digest());
        m.put("nodeLabel", written(s.nodeLabel(), LabelRole.ALTERNATIVE).digest());
        m.put("purposes", s.purposes().stream().map(Purpose::name).sorted().toList());
        m.put("privateRights", s.privateRights());
        m.put("kind", s.kind());
        m.put("contentDigest", s.contentDigest());
        m.put("status", s.status());
        m.put("createdBy", s.createdBy());
        m.put("createdAt", s.createdAt());
        m.put("sources", s.sources().stream().sorted().toList());
        s.provenance().ifPresent(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("from", p.from().code());
            pm.put("agreement", p.agreement().value());
            pm.put("sourceItem", p.sourceItem());
            pm.put("originItem", p.originItem());
            pm.put("chain", p.chain().stream().map(Party::code).toList());
            pm.put("marking", p.marking());
            pm.put("envelope", p.envelopeId());
            pm.put("receivedAt", p.receivedAt().toEpochMilli());
            if (!p.hops().isEmpty()) {
                // Only when there are steps, so that items received before steps were kept still verify.
                pm.put("hops", HopRows.rows(p.hops()));
            }
            m.put("provenance", pm);
        });
        return Json.compactBytes(m);
    }
}
