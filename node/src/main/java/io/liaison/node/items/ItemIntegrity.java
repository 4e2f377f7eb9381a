package io.liaison.node.items;

import io.liaison.catalog.json.Json;
import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.error.IntegrityException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.crypto.NodeSigner;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The node's signature over every field of an item it serves (in the spirit of ADatP-4778, binding label and data):
 * id, title, originator and originators, both labels (SHA-384 of their XML), purposes, private rights, kind, the
 * content's SHA-384 digest, status, creator, creation time, sources and, for a received item, its provenance.
 * {@link #verify} is the only way to a {@link VerifiedItem}; decisions and reads take nothing else.
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
        byte[] signature = signer.sign(binding);
        remember(digest(binding, signature));
        return item.signed(HexFormat.of().formatHex(signature));
    }

    /** The item, if the node's signature covers exactly its fields; otherwise the store was changed behind the node. */
    VerifiedItem verify(StoredItem item) {
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(item.signature());
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        byte[] binding = binding(item);
        java.nio.ByteBuffer seen = digest(binding, signature);
        if (!verified.containsKey(seen)) {
            if (!NodeSigner.verify(signer.publicKey(), binding, signature)) {
                throw new IntegrityException("ITEM_INTEGRITY_FAILED", "item " + item.id() + " does not match the node's "
                        + "signature over its fields: it was changed outside the node; security officers are alerted");
            }
            remember(seen);
        }
        return new VerifiedItem(item, Optional.empty());
    }

    private void remember(java.nio.ByteBuffer seen) {
        if (verified.size() >= VERIFIED_MAX) {
            verified.clear();
        }
        verified.put(seen, Boolean.TRUE);
    }

    /**
     * Exactly these fields with exactly this signature verified before: the SHA-256 of both, kept for at most
     * {@value #VERIFIED_MAX} of them. An item changed in the store, by a single byte of a field or of its signature,
     * is a different digest and is verified again, so the check still catches it on every read; an unchanged one
     * costs a hash instead of an Ed25519 verification.
     */
    private final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, Boolean> verified =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int VERIFIED_MAX = 100_000;

    private static java.nio.ByteBuffer digest(byte[] binding, byte[] signature) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(binding);
            sha.update((byte) 0);
            sha.update(signature);
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
        return Json.compact(m).getBytes(StandardCharsets.UTF_8);
    }
}
