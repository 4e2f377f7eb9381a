package io.liaison.node.audit;

import io.liaison.core.audit.CompactRange;
import io.liaison.core.audit.Hashes;
import io.liaison.core.audit.MerkleTree;
import io.liaison.node.crypto.NodeSigner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The tamper-evident audit log (R11). {@link #append} writes an entry in the caller's transaction, so an
 * event and its record commit or roll back together. {@link #sequence} then moves committed entries, in
 * order, into the insert-only log with their positions and leaf hashes, extends the Merkle tree
 * (RFC 9162) and signs a tree head, all in one transaction of its own. One sequencer runs at a time.
 */
public final class AuditLog {
    private final Jdbi jdbi;
    private final NodeSigner signer;
    private final Clock clock;
    private volatile CompactRange range;

    public AuditLog(Jdbi jdbi, NodeSigner signer, Clock clock) {
        this.jdbi = jdbi;
        this.signer = signer;
        this.clock = clock;
        this.range = load();
    }

    private CompactRange load() {
        CompactRange r = new CompactRange();
        jdbi.useHandle(h -> h.createQuery("SELECT leaf_hash FROM audit_log ORDER BY seq")
                .setFetchSize(10_000).mapTo(String.class).useStream(s -> s.forEach(x -> r.append(Hashes.fromHex(x)))));
        return r;
    }

    /** Records an event in the caller's transaction. */
    public void append(Handle h, AuditEvent e) {
        h.createUpdate("INSERT INTO audit_pending (at, actor, event, subject, outcome, code, rule, details) "
                        + "VALUES (:at, :actor, :event, :subject, :outcome, :code, :rule, :details)")
                .bind("at", clock.millis()).bind("actor", e.actor()).bind("event", e.event())
                .bind("subject", e.subject()).bind("outcome", e.outcome()).bind("code", e.code())
                .bind("rule", e.rule()).bind("details", AuditEntry.detailsJson(e.details())).execute();
    }

    /** Records many events in the caller's transaction with one batch. */
    public void appendAll(Handle h, List<AuditEvent> events) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO audit_pending (at, actor, event, subject, outcome, code, rule, details) "
                + "VALUES (:at, :actor, :event, :subject, :outcome, :code, :rule, :details)");
        long now = clock.millis();
        for (AuditEvent e : events) {
            batch.bind("at", now).bind("actor", e.actor()).bind("event", e.event()).bind("subject", e.subject())
                    .bind("outcome", e.outcome()).bind("code", e.code()).bind("rule", e.rule())
                    .bind("details", AuditEntry.detailsJson(e.details())).add();
        }
        if (!events.isEmpty()) {
            batch.execute();
        }
    }

    /**
     * Sequences every committed, unsequenced entry and signs a new tree head. Concurrent callers coalesce:
     * while one sequences, the others only ask for another round, which the running one performs before it
     * returns, so every entry committed before a call is sequenced by the time some call returns.
     */
    public long sequence() {
        requested.set(true);
        while (requested.get()) {
            if (!lock.tryLock()) {
                return range.size();
            }
            try {
                while (requested.getAndSet(false)) {
                    sequenceOnce();
                }
            } finally {
                lock.unlock();
            }
        }
        return range.size();
    }

    /** Sequences now, waiting for a running round; for callers that must see their own entries sequenced. */
    public long sequenceNow() {
        lock.lock();
        try {
            requested.set(false);
            return sequenceOnce();
        } finally {
            lock.unlock();
        }
    }

    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.atomic.AtomicBoolean requested = new java.util.concurrent.atomic.AtomicBoolean();

    private long sequenceOnce() {
        CompactRange next = range.copy();
        Long size = jdbi.inTransaction(h -> {
            List<AuditEntry> pending = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            long[] seq = {next.size()};
            h.createQuery("SELECT id, at, actor, event, subject, outcome, code, rule, details "
                    + "FROM audit_pending ORDER BY id").setFetchSize(10_000).map((rs, ctx) -> {
                        ids.add(rs.getLong(1));
                        return new AuditEntry(seq[0]++, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
                    }).forEach(pending::add);
            if (pending.isEmpty()) {
                return null;
            }
            List<String> leaves = new ArrayList<>(pending.size());
            List<String> canonical = new ArrayList<>(pending.size());
            for (AuditEntry e : pending) {
                byte[] bytes = e.canonical();
                byte[] leaf = MerkleTree.leafHash(bytes);
                next.append(leaf);
                leaves.add(Hashes.hex(leaf));
                canonical.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            PreparedBatch insert = h.prepareBatch("INSERT INTO audit_log (seq, entry, leaf_hash) VALUES (:seq, :entry, :leaf)");
            for (int i = 0; i < pending.size(); i++) {
                AuditEntry e = pending.get(i);
                insert.bind("seq", e.seq()).bind("entry", canonical.get(i)).bind("leaf", leaves.get(i)).add();
            }
            insert.execute();
            // Exactly the records read above: a range could take a record committed meanwhile, unsequenced.
            h.createUpdate("DELETE FROM audit_pending WHERE id = ANY(:ids)").bindArray("ids", Long.class, ids).execute();
            long signedAt = clock.millis();
            String root = Hashes.hex(next.root());
            byte[] signature = signer.sign(SignedHead.toBeSigned(next.size(), root, signedAt));
            h.createUpdate("INSERT INTO audit_heads (tree_size, root_hash, signed_at, key_id, signature) "
                            + "VALUES (:size, :root, :at, :key, :sig)")
                    .bind("size", next.size()).bind("root", root).bind("at", signedAt).bind("key", signer.keyId())
                    .bind("sig", Hashes.hex(signature)).execute();
            return next.size();
        });
        if (size == null) {
            return range.size();
        }
        range = next;
        return size;
    }

    public Optional<SignedHead> latestHead() {
        return jdbi.withHandle(h -> h.createQuery("SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_heads "
                + "ORDER BY tree_size DESC LIMIT 1").map((rs, ctx) -> new SignedHead(rs.getLong(1), rs.getString(2),
                rs.getLong(3), rs.getString(4), rs.getString(5))).findFirst());
    }

    /** Sequenced entries after {@code afterSeq}, oldest first; with {@code afterSeq} negative, the last {@code limit}. */
    public List<AuditEntry> tail(long afterSeq, int limit) {
        return jdbi.withHandle(h -> {
            if (afterSeq < 0) {
                List<AuditEntry> last = new ArrayList<>(h.createQuery(SELECT + " ORDER BY seq DESC LIMIT :n")
                        .bind("n", limit).map(AuditLog::entry).list());
                java.util.Collections.reverse(last);
                return last;
            }
            return h.createQuery(SELECT + " WHERE seq > :after ORDER BY seq LIMIT :n").bind("after", afterSeq)
                    .bind("n", limit).map(AuditLog::entry).list();
        });
    }

    static final String SELECT = "SELECT seq, entry, leaf_hash FROM audit_log";

    static AuditEntry entry(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return AuditEntry.parse(rs.getString(2));
    }

    /** The leaf hashes of the first {@code size} entries, for proofs. */
    public List<byte[]> leaves(long size) {
        List<byte[]> out = new ArrayList<>();
        jdbi.useHandle(h -> h.createQuery("SELECT leaf_hash FROM audit_log WHERE seq < :n ORDER BY seq")
                .bind("n", size).setFetchSize(10_000).mapTo(String.class)
                .useStream(s -> s.forEach(x -> out.add(Hashes.fromHex(x)))));
        return out;
    }

    public long size() {
        return range.size();
    }
}
