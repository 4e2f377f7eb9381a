package io.liaison.federation.audit;

import io.liaison.catalog.json.Json;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.audit.Hashes;
import io.liaison.core.audit.MerkleTree;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.SignedHead;
import io.liaison.node.crypto.NodeSigner;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Nodes cross-check each other's audit logs. {@link #sendHeads} queues, for every peer, this node's latest
 * signed tree head with a consistency proof from the head it sent that peer before (the outbox delivers in
 * order, so the peer holds exactly that one). {@link #onHead} checks a peer's head: its signature by the
 * key that signed the envelope, and that the log only grew since the last verified head (RFC 9162
 * consistency proof). Between those proofs, every receipt carries the peer's last signed head, and
 * {@link #onReceiptHead} checks it: its signature, that it is not smaller than any head already seen from
 * that peer, and that it has the same root as a seen head of the same size. A head that fails raises an
 * alarm in the audit log and is not accepted.
 */
public final class AuditExchange {
    /** A peer's head as last checked here. */
    public record PeerHead(Party party, long treeSize, String root, Instant signedAt, Instant verifiedAt, String status,
            Optional<String> problem, Optional<ReceiptHead> lastReceipt, String signature) {}

    /** The latest head a peer's receipts carried, checked for its signature and for growth. */
    public record ReceiptHead(long treeSize, String root, Instant signedAt, Instant seenAt) {}

    /** The body of an AUDIT_HEAD message. */
    public record HeadMessage(long treeSize, String root, long signedAt, String keyId, String signature, long fromSize,
            List<String> proof) {}

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Catalog catalog;
    private final Party self;
    private final Clock clock;

    public AuditExchange(Jdbi jdbi, AuditLog audit, Outbox outbox, Catalog catalog, Party self, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.outbox = outbox;
        this.catalog = catalog;
        this.self = self;
        this.clock = clock;
    }

    /** Queues this node's latest head for each peer that has not seen it; returns how many were queued. */
    public int sendHeads(List<Party> peers) {
        Optional<SignedHead> latest = audit.latestHead();
        if (latest.isEmpty()) {
            return 0;
        }
        SignedHead head = latest.get();
        int sent = 0;
        for (Party peer : peers) {
            Optional<AgreementId> agreement = sharedAgreement(peer);
            Optional<long[]> before = jdbi.withHandle(h -> h.createQuery("SELECT tree_size FROM heads_sent WHERE party = :p")
                    .bind("p", peer.code()).mapTo(Long.class).findFirst()).map(x -> new long[] {x});
            if (agreement.isEmpty() || before.map(b -> b[0] >= head.treeSize()).orElse(false)) {
                continue;
            }
            long from = before.map(b -> b[0]).orElse(0L);
            List<String> proof = from == 0 ? List.of() : consistency(from, head.treeSize());
            HeadMessage m = new HeadMessage(head.treeSize(), head.rootHash(), head.signedAt(), head.keyId(), head.signature(),
                    from, proof);
            jdbi.useTransaction(h -> {
                upsert(h, "UPDATE heads_sent SET tree_size = :s, root_hash = :r WHERE party = :p",
                        "INSERT INTO heads_sent (party, tree_size, root_hash) VALUES (:p, :s, :r)",
                        Map.of("p", peer.code(), "s", head.treeSize(), "r", head.rootHash()));
                outbox.enqueue(io.liaison.node.store.Database.tx(h), peer, EnvelopeType.AUDIT_HEAD, agreement.get(),
                        Optional.empty(),
                        Json.compactBytes(m));
            });
            sent++;
        }
        return sent;
    }

    private List<String> consistency(long from, long to) {
        return audit.consistencyProof(from, to).stream().map(Hashes::hex).toList();
    }

    private Optional<AgreementId> sharedAgreement(Party peer) {
        return catalog.agreements().stream().filter(a -> a.isParty(self) && a.isParty(peer)).map(Agreement::id).sorted()
                .findFirst();
    }

    /** Checks a peer's head and answers whether it was accepted, with the reason. */
    public Map<String, String> onHead(VerifiedEnvelope v, io.liaison.node.store.Tx tx) {
        Handle h = tx.sql();
        HeadMessage m = Json.read(v.body(), HeadMessage.class, "audit head", 1 << 20);
        Optional<PeerHead> prior = h.createQuery("SELECT * FROM peer_heads WHERE party = :p").bind("p", v.from().code())
                .map((rs, ctx) -> head(rs)).findFirst();
        String problem = check(v, m, prior.filter(p -> p.status().equals("VERIFIED")));
        if (problem == null) {
            problem = receiptHead(h, v.from()).map(r -> against(m.treeSize(), m.root(), m.signedAt(), r.treeSize(), r.root(),
                    r.signedAt().toEpochMilli(), "a receipt")).orElse(null);
        }
        long now = clock.millis();
        if (problem == null) {
            upsert(h, "UPDATE peer_heads SET tree_size = :s, root_hash = :r, signed_at = :at, signature = :sig, "
                    + "verified_at = :now, status = 'VERIFIED', problem = NULL WHERE party = :p",
                    "INSERT INTO peer_heads (party, tree_size, root_hash, signed_at, signature, verified_at, status) "
                    + "VALUES (:p, :s, :r, :at, :sig, :now, 'VERIFIED')", Map.of("p", v.from().code(), "s", m.treeSize(),
                    "r", m.root(), "at", m.signedAt(), "sig", m.signature(), "now", now));
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done("peer:" + v.from().code(), "audit.peer-head", v.from().code(), Map.of(
                    "treeSize", Long.toString(m.treeSize()), "root", m.root())));
            return Map.of("outcome", "VERIFIED", "treeSize", Long.toString(m.treeSize()));
        }
        alarm(h, v.from(), problem, m.treeSize(), prior.isPresent());
        return Map.of("outcome", "ALARM", "problem", problem);
    }

    private void alarm(Handle h, Party peer, String problem, long treeSize, boolean rowExists) {
        long now = clock.millis();
        if (rowExists) {
            h.createUpdate("UPDATE peer_heads SET status = 'ALARM', problem = :pr, verified_at = :now WHERE party = :p")
                    .bind("pr", problem).bind("now", now).bind("p", peer.code()).execute();
        } else {
            h.createUpdate("INSERT INTO peer_heads (party, tree_size, root_hash, signed_at, signature, verified_at, status, "
                            + "problem) VALUES (:p, 0, :r, 0, '', :now, 'ALARM', :pr)").bind("p", peer.code())
                    .bind("r", HexFormat.of().formatHex(MerkleTree.emptyRoot())).bind("now", now).bind("pr", problem)
                    .execute();
        }
        audit.append(io.liaison.node.store.Database.tx(h), new AuditEvent("peer:" + peer.code(), "audit.peer-inconsistent", peer.code(),
                io.liaison.node.audit.Reveals.NOTHING, "ALARM",
                "AUDIT_INCONSISTENT", "R11", Map.of("problem", problem, "treeSize", Long.toString(treeSize))));
    }

    /**
     * The problem, if a head contradicts one seen before without a proof: the same size with another root, or
     * fewer entries in a head signed later. (A smaller head signed earlier is an older head arriving late: heads
     * travel with receipts and with messages on different connections.)
     */
    private static String against(long size, String root, long signedAt, long seenSize, String seenRoot, long seenSignedAt,
            String where) {
        if (size == seenSize && !root.equals(seenRoot)) {
            return "two different roots for " + size + " entries (one sent with " + where + ")";
        }
        if (size < seenSize && signedAt > seenSignedAt) {
            return "the log shrank from " + seenSize + " entries (a head sent with " + where + ") to " + size
                    + " in a head signed later";
        }
        return null;
    }

    private static Optional<ReceiptHead> receiptHead(Handle h, Party peer) {
        return h.createQuery("SELECT * FROM peer_receipt_heads WHERE party = :p").bind("p", peer.code())
                .map((rs, ctx) -> new ReceiptHead(rs.getLong("tree_size"), rs.getString("root_hash"),
                        Instant.ofEpochMilli(rs.getLong("signed_at")), Instant.ofEpochMilli(rs.getLong("seen_at"))))
                .findFirst();
    }

    /** The last head checked per peer, so that a batch of receipts carrying the same head costs one check. */
    private final Map<Party, SignedHead> witnessed = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Checks the tree head a receipt from {@code peer} carried (signed with the certificate {@code signer}), and
     * records it or raises the alarm. Called after the receipt is recorded: a bad head never undoes a delivery.
     */
    public void onReceiptHead(Party peer, byte[] signer, SignedHead head) {
        if (head.equals(witnessed.get(peer))) {
            return;
        }
        String problem = signedBy(signer, head, peer);
        String found = problem;
        jdbi.useTransaction(h -> {
            Optional<PeerHead> verified = h.createQuery("SELECT * FROM peer_heads WHERE party = :p").bind("p", peer.code())
                    .map((rs, ctx) -> head(rs)).findFirst();
            Optional<ReceiptHead> seen = receiptHead(h, peer);
            String p = found;
            if (p == null) {
                p = verified.filter(v -> v.status().equals("VERIFIED")).map(v -> against(head.treeSize(), head.rootHash(),
                        head.signedAt(), v.treeSize(), v.root(), v.signedAt().toEpochMilli(), "the last proved head"))
                        .orElse(null);
            }
            if (p == null) {
                p = seen.map(r -> against(head.treeSize(), head.rootHash(), head.signedAt(), r.treeSize(), r.root(),
                        r.signedAt().toEpochMilli(), "an earlier receipt")).orElse(null);
            }
            if (p != null) {
                if (verified.map(v -> !v.status().equals("ALARM")).orElse(true)) {
                    alarm(h, peer, p, head.treeSize(), verified.isPresent());
                }
                return;
            }
            if (seen.map(r -> r.treeSize() < head.treeSize()).orElse(true)) {
                upsert(h, "UPDATE peer_receipt_heads SET tree_size = :s, root_hash = :r, signed_at = :at, seen_at = :now "
                        + "WHERE party = :p", "INSERT INTO peer_receipt_heads (party, tree_size, root_hash, signed_at, "
                        + "seen_at) VALUES (:p, :s, :r, :at, :now)", Map.of("p", peer.code(), "s", head.treeSize(), "r",
                        head.rootHash(), "at", head.signedAt(), "now", clock.millis()));
            }
        });
        witnessed.put(peer, head);
    }

    /**
     * A peer's one row, changed in place, or added when it has none. In place rather than deleted and added again: on
     * H2 a concurrent read of a row deleted and added anew can fail ("Row not found in primary index", 90143), and the
     * listener answered a peer's head with 500 until the sender's retry.
     */
    private static void upsert(Handle h, String update, String insert, Map<String, Object> values) {
        if (h.createUpdate(update).bindMap(values).execute() == 0) {
            h.createUpdate(insert).bindMap(values).execute();
        }
    }

    /** Signers' keys by certificate: a peer signs with one certificate for months. */
    private final Map<java.nio.ByteBuffer, PublicKey> signerKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private String signedBy(byte[] signer, SignedHead head, Party peer) {
        try {
            java.nio.ByteBuffer id = java.nio.ByteBuffer.wrap(signer.clone());
            PublicKey key = signerKeys.get(id);
            if (key == null) {
                key = NodeSigner.decodePublicKey(((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(signer))).getPublicKey().getEncoded());
                if (signerKeys.size() >= 64) {
                    signerKeys.clear();
                }
                signerKeys.put(id, key);
            }
            return NodeSigner.verify(key, head.toBeSigned(), HexFormat.of().parseHex(head.signature())) ? null
                    : "the head of size " + head.treeSize() + " sent with a receipt is not signed by " + peer + "'s node key";
        } catch (java.security.cert.CertificateException | RuntimeException e) {
            return "the head sent with a receipt cannot be checked: " + e.getMessage();
        }
    }

    private static String check(VerifiedEnvelope v, HeadMessage m, Optional<PeerHead> prior) {
        PublicKey key;
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(v.envelope().signer()));
            key = NodeSigner.decodePublicKey(cert.getPublicKey().getEncoded());
        } catch (java.security.cert.CertificateException | RuntimeException e) {
            return "the signing certificate cannot be read";
        }
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(m.signature());
        } catch (IllegalArgumentException | NullPointerException e) {
            return "the head's signature is not hex";
        }
        if (!NodeSigner.verify(key, SignedHead.toBeSigned(m.treeSize(), m.root(), m.signedAt()), signature)) {
            return "the head of size " + m.treeSize() + " is not signed by " + v.from() + "'s node key";
        }
        if (prior.isEmpty()) {
            return null;
        }
        PeerHead p = prior.get();
        if (m.treeSize() < p.treeSize()) {
            return "the log shrank from " + p.treeSize() + " to " + m.treeSize() + " entries";
        }
        if (m.treeSize() == p.treeSize()) {
            return m.root().equals(p.root()) ? null : "two different roots for " + p.treeSize() + " entries";
        }
        if (m.fromSize() != p.treeSize()) {
            return "the proof starts at " + m.fromSize() + " entries, but the last verified head has " + p.treeSize();
        }
        List<byte[]> proof = m.proof().stream().map(Hashes::fromHex).toList();
        if (!MerkleTree.verifyConsistency(p.treeSize(), m.treeSize(), Hashes.fromHex(p.root()), Hashes.fromHex(m.root()),
                proof)) {
            return "the log of " + m.treeSize() + " entries is not an extension of the verified " + p.treeSize()
                    + " (consistency proof fails): entries were changed or removed";
        }
        return null;
    }

    /**
     * Every peer whose log this node has seen a head of: the last head proved consistent (status VERIFIED), an
     * alarm (ALARM), or only heads carried by receipts so far (PENDING, tree size 0), each with the last head a
     * receipt carried.
     */
    public List<PeerHead> peerHeads() {
        return jdbi.withHandle(h -> {
            java.util.TreeMap<String, PeerHead> all = new java.util.TreeMap<>();
            h.createQuery("SELECT * FROM peer_heads").map((rs, ctx) -> head(rs)).forEach(p -> all.put(p.party().code(), p));
            h.createQuery("SELECT party FROM peer_receipt_heads").mapTo(String.class).forEach(party -> all.computeIfAbsent(
                    party, x -> new PeerHead(Party.of(x), 0, HexFormat.of().formatHex(MerkleTree.emptyRoot()),
                            Instant.EPOCH, Instant.EPOCH, "PENDING", Optional.empty(), Optional.empty(), "")));
            return all.values().stream().map(p -> new PeerHead(p.party(), p.treeSize(), p.root(), p.signedAt(),
                    p.verifiedAt(), p.status(), p.problem(), receiptHead(h, p.party()), p.signature())).toList();
        });
    }

    private static PeerHead head(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PeerHead(Party.of(rs.getString("party")), rs.getLong("tree_size"), rs.getString("root_hash"),
                Instant.ofEpochMilli(rs.getLong("signed_at")), Instant.ofEpochMilli(rs.getLong("verified_at")),
                rs.getString("status"), Optional.ofNullable(rs.getString("problem")), Optional.empty(),
                rs.getString("signature"));
    }
}
