package io.liaison.node.audit;

import io.liaison.core.audit.CompactRange;
import io.liaison.core.audit.Hashes;
import io.liaison.core.audit.MerkleTree;
import io.liaison.node.crypto.NodeSigner;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Recomputes the audit tree from the stored entries and checks it against the stored leaf hashes and
 * every signed tree head. An edited entry no longer hashes to its leaf; a deleted, inserted or reordered
 * entry breaks the sequence (the position is inside what is hashed); a rewritten leaf breaks the signed
 * root; an entry no signed head covers is reported too. The first bad index is returned.
 */
public final class AuditVerifier {
    private AuditVerifier() {}

    public static Verification verify(Jdbi jdbi, PublicKey nodeKey) {
        return verify(jdbi, nodeKey, List.of());
    }

    /** A signed head of this log held somewhere the database cannot reach: the node's own file, a peer that saw it. */
    public record Witness(SignedHead head, String source) {}

    /**
     * As above, and every witness must be a head of this log: signed by the node's key, of a size the log still has,
     * with the root the log has at that size. A log that lost its newest entries and heads fails here even when what
     * is left is consistent.
     */
    public static Verification verify(Jdbi jdbi, PublicKey nodeKey, List<Witness> witnesses) {
        for (Witness w : witnesses) {
            if (!NodeSigner.verify(nodeKey, w.head().toBeSigned(), Hashes.fromHex(w.head().signature()))) {
                return Verification.bad(0, 0, 0, 0, "the signed tree head in " + w.source() + " (size "
                        + w.head().treeSize() + ") is not signed by this node's key");
            }
        }
        Map<Long, List<Witness>> bySize = new java.util.HashMap<>();
        witnesses.forEach(w -> bySize.computeIfAbsent(w.head().treeSize(), k -> new ArrayList<>()).add(w));
        Verification base = verifyLog(jdbi, nodeKey, bySize);
        if (!base.ok()) {
            return base;
        }
        for (Witness w : witnesses) {
            if (w.head().treeSize() > base.entries()) {
                return Verification.bad(base.entries(), base.heads(), base.pending(), base.entries(), "the log lost "
                        + "entries from index " + base.entries() + ": the signed tree head in " + w.source() + " covers "
                        + w.head().treeSize() + " entries, the database holds " + base.entries());
            }
        }
        return base;
    }

    private static Verification verifyLog(Jdbi jdbi, PublicKey nodeKey, Map<Long, List<Witness>> witnesses) {
        return jdbi.inTransaction(h -> {
            long pending = h.createQuery("SELECT COUNT(*) FROM audit_pending").mapTo(Long.class).one();
            Deque<SignedHead> heads = new ArrayDeque<>(h.createQuery(
                    "SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_heads ORDER BY tree_size")
                    .map((rs, ctx) -> new SignedHead(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5))).list());
            int headCount = heads.size();
            long lastSigned = heads.isEmpty() ? 0 : heads.getLast().treeSize();
            CompactRange range = new CompactRange();
            long[] expected = {0};
            long[] previousHead = {0};
            Verification[] bad = {null};
            h.createQuery(AuditLog.SELECT + " ORDER BY seq").setFetchSize(10_000)
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                    .useStream(rows -> {
                        var it = rows.iterator();
                        while (bad[0] == null && it.hasNext()) {
                            Object[] row = it.next();
                            long seq = (Long) row[0];
                            String text = (String) row[1];
                            long i = expected[0];
                            if (seq != i) {
                                bad[0] = Verification.bad(i, headCount, pending, i, seq > i
                                        ? "entry " + i + " is missing (the next stored entry is " + seq + ")"
                                        : "entry " + seq + " is out of order");
                                break;
                            }
                            byte[] leaf = MerkleTree.leafHash(text.getBytes(StandardCharsets.UTF_8));
                            if (AuditEntry.positionOf(text) != i || !Hashes.hex(leaf).equals(row[2])) {
                                bad[0] = Verification.bad(i, headCount, pending, i,
                                        "entry " + i + " does not hash to its recorded leaf: it was changed or moved");
                                break;
                            }
                            range.append(leaf);
                            expected[0]++;
                            for (Witness w : witnesses.getOrDefault(expected[0], List.of())) {
                                if (!Hashes.hex(range.root()).equals(w.head().rootHash())) {
                                    bad[0] = Verification.bad(expected[0], headCount, pending, 0, "the log's first "
                                            + expected[0] + " entries do not have the root of the signed tree head in "
                                            + w.source() + ": the log was rewritten");
                                    break;
                                }
                            }
                            if (bad[0] != null) {
                                break;
                            }
                            while (!heads.isEmpty() && heads.peekFirst().treeSize() == expected[0]) {
                                SignedHead head = heads.pollFirst();
                                boolean signed = NodeSigner.verify(nodeKey, head.toBeSigned(), Hashes.fromHex(head.signature()));
                                if (!signed || !Hashes.hex(range.root()).equals(head.rootHash())) {
                                    // Without a trusted root between two heads, a rewritten leaf can only be
                                    // located to the batch the failing head closes.
                                    bad[0] = Verification.bad(expected[0], headCount, pending, previousHead[0],
                                            "signed tree head at size " + head.treeSize() + (signed
                                                    ? " does not match entries " + previousHead[0] + " to "
                                                    + (head.treeSize() - 1) + ": one of them was rewritten"
                                                    : " has a bad signature"));
                                    break;
                                }
                                previousHead[0] = head.treeSize();
                            }
                        }
                    });
            if (bad[0] != null) {
                return bad[0];
            }
            long n = expected[0];
            if (!heads.isEmpty()) {
                return Verification.bad(n, headCount, pending, n, "signed tree head at size " + heads.peekFirst().treeSize()
                        + " covers entries that are missing from index " + n);
            }
            if (n > lastSigned) {
                return Verification.bad(n, headCount, pending, lastSigned, "entries from index " + lastSigned
                        + " are not covered by any signed tree head");
            }
            return new Verification(n, headCount, pending, OptionalLong.empty(), "");
        });
    }
}
