package io.liaison.node.audit;

import io.liaison.core.audit.ChunkedSubtrees;
import io.liaison.core.audit.CompactRange;
import io.liaison.core.audit.Hashes;
import io.liaison.core.audit.MerkleTree;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The tamper-evident audit log (R11). {@link #append} writes an entry in the caller's transaction, so an
 * event and its record commit or roll back together. {@link #sequence} then moves committed entries, in
 * order, into the insert-only log with their positions and leaf hashes, extends the Merkle tree
 * (RFC 9162) and signs a tree head, all in one transaction of its own. One sequencer runs at a time.
 *
 * <p>Once {@link #start started}, a background sequencer does this shortly after writes ask for it
 * ({@link #sequenceSoon}), gathering what commits meanwhile into one round and one signed head, as a
 * transparency log's sequencer does; writers no longer wait for it. Readers of the log ({@link #tail},
 * {@link #latestHead}, verification, proofs) sequence first, so they always see every committed event.
 */
public final class AuditLog implements AutoCloseable {
    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final NodeSigner signer;
    private final Clock clock;
    private volatile CompactRange range;

    public AuditLog(Jdbi jdbi, DataSource dataSource, NodeSigner signer, Clock clock) {
        this(jdbi, dataSource, signer, clock, Optional.empty());
    }

    private final Optional<HeadAnchor> anchor;

    /** @param anchor where each signed head is also kept, outside the database (see {@link HeadAnchor}) */
    public AuditLog(Jdbi jdbi, DataSource dataSource, NodeSigner signer, Clock clock, Optional<HeadAnchor> anchor) {
        this.anchor = anchor;
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.signer = signer;
        this.clock = clock;
        this.range = load();
    }

    private CompactRange load() {
        CompactRange r = new CompactRange();
        jdbi.useHandle(h -> h.createQuery("SELECT leaf_hash FROM audit_log ORDER BY seq")
                .setFetchSize(10_000).mapTo(String.class).useStream(s -> s.forEach(x -> {
                    byte[] leaf = Hashes.fromHex(x);
                    r.append(leaf);
                    chunked(leaf);
                })));
        return r;
    }

    /** Leaves per chunk whose root is kept in memory, for proofs that need not read the whole log. */
    static final int CHUNK = 256;
    /** The roots of the complete chunks of the sequenced log (32 bytes per 256 entries). */
    private final java.util.concurrent.CopyOnWriteArrayList<byte[]> chunkRoots = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The sequenced leaves after the last complete chunk; the sequencer's alone. */
    private final List<byte[]> tail = new ArrayList<>();

    private void chunked(byte[] leaf) {
        tail.add(leaf);
        if (tail.size() == CHUNK) {
            chunkRoots.add(ChunkedSubtrees.rootOf(tail));
            tail.clear();
        }
    }

    /** Records an event in the caller's transaction. */
    public void append(io.liaison.node.store.Tx tx, AuditEvent e) {
        Jdbc.insert(tx.sql().getConnection(), pending(e));
    }

    /** The insert that records an event, for a caller that sends it together with the event's own rows. */
    public Jdbc.Insert pending(AuditEvent e) {
        return pending(List.of(e));
    }

    /**
     * One insert that records {@code events} in their order (one row each, numbered in the order given), for a caller
     * that sends them together with the events' own rows.
     */
    public Jdbc.Insert pending(List<AuditEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no audit events to record");
        }
        StringBuilder sql = new StringBuilder("INSERT INTO audit_pending (at, actor, event, subject, reveals, outcome, code, "
                + "rule, details) VALUES ");
        List<Object> args = new ArrayList<>();
        long now = clock.millis();
        for (AuditEvent e : events) {
            sql.append(args.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
            args.addAll(List.of(now, e.actor(), e.event(), e.subject(), e.reveals().written(), e.outcome(), e.code(),
                    e.rule(), AuditEntry.detailsJson(e.details())));
        }
        return Jdbc.Insert.of(sql.toString(), args.toArray());
    }

    /**
     * Records an event that has no transaction of its own to go with (a read, a refusal), durably: it is committed when
     * this returns. Callers at the same time share one transaction (group commit): while one batch commits, the next
     * callers wait at the lock, and the first of them to get it commits every event waiting, theirs and the others'.
     * A read then costs a share of one commit, not a commit of its own.
     */
    public void appendDurably(AuditEvent e) {
        durably.commit(e);
    }

    /** Records written by callers at the same moment share one commit (the records of concurrent reads). */
    private final io.liaison.node.store.GroupCommit<AuditEvent> durably = new io.liaison.node.store.GroupCommit<>(1_000,
            this::insertDurably);

    private void insertDurably(List<AuditEvent> group) {
        Jdbc.inTransaction(dataSource, c -> {
            Jdbc.insertBatch(c, group.stream().map(this::pending).toList());
            return null;
        });
    }

    /** Records many events in the caller's transaction with one batch. */
    public void appendAll(io.liaison.node.store.Tx tx, List<AuditEvent> events) {
        Jdbc.insertBatch(tx.sql().getConnection(), events.stream().map(this::pending).toList());
    }

    /**
     * Starts the background sequencer: after a request it waits {@code linger} for more entries, and at least until
     * {@link #SPACING} after the last round began, then sequences them all in one round. Without it,
     * {@link #sequenceSoon} sequences in the caller.
     */
    public synchronized void start(java.time.Duration linger) {
        if (background != null) {
            return;
        }
        long lingerNanos = linger.toNanos();
        running = true;
        background = Thread.ofPlatform().daemon().name("liaison-audit-sequencer").start(() -> runSequencer(lingerNanos));
    }

    /** Asks for the committed entries to be sequenced: by the background sequencer if it runs, else now. */
    public void sequenceSoon() {
        if (background == null) {
            sequence();
            return;
        }
        synchronized (signal) {
            wanted = true;
            signal.notifyAll();
        }
    }

    /** The least time between the starts of two background rounds; see {@link #start}. */
    static final java.time.Duration SPACING = java.time.Duration.ofMillis(100);
    private final long spacingNanos = SPACING.toNanos();
    private long lastRound = System.nanoTime() - SPACING.toNanos();

    private void runSequencer(long lingerNanos) {
        while (true) {
            synchronized (signal) {
                while (!wanted && running) {
                    try {
                        signal.wait(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                wanted = false;
            }
            // A round costs the same few statements, a signature, a commit and the anchor's sync whatever it carries, so
            // under a steady stream rounds start at most every SPACING: each takes more entries, and the database, the
            // disk and the cores do the fixed work a tenth as often. An entry after a quiet spell waits the linger only.
            long until = Math.max(System.nanoTime() + lingerNanos, lastRound + spacingNanos);
            for (long left = until - System.nanoTime(); left > 0 && running; left = until - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
            lastRound = System.nanoTime();
            try {
                sequenceNow();
            } catch (RuntimeException e) {
                // The entries stay pending and durable; the next round takes them.
                LOG.warn("audit sequencing failed, will retry: {}", e.toString());
                synchronized (signal) {
                    wanted = true;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);
            }
        }
    }

    /** Stops the background sequencer and sequences what is left. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = background;
            background = null;
        }
        if (t != null) {
            synchronized (signal) {
                running = false;
                signal.notifyAll();
            }
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sequenceNow();
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditLog.class);
    private final Object signal = new Object();
    private volatile Thread background;
    private boolean wanted;
    private volatile boolean running;

    /** Whether the sequencer runs: entries written now get their place in the tree and a signed head. */
    public boolean running() {
        return running;
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

    /**
     * Sequences now, waiting for a running round, and returns the tree size; every entry committed before
     * the call is sequenced when it returns. For readers and callers that must see their own entries.
     */
    public long sequenceNow() {
        lock.lock();
        try {
            requested.set(false);
            sequenceOnce();
            while (requested.getAndSet(false)) {
                sequenceOnce();
            }
        } finally {
            lock.unlock();
        }
        return requested.get() ? sequence() : range.size();
    }

    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.atomic.AtomicBoolean requested = new java.util.concurrent.atomic.AtomicBoolean();

    private long sequenceOnce() {
        List<byte[]> caughtUp = new ArrayList<>();
        List<byte[]> added = new ArrayList<>();
        CompactRange[] after = {null};
        SignedHead made = Jdbc.inTransaction(dataSource, c -> {
            caughtUp.clear();
            added.clear();
            CompactRange next = range.copy();
            after[0] = next;
            // Rounds of every replica of the node follow one another on this row's lock; a round first takes in what
            // the others sequenced since its own last round, so that its positions and tree continue theirs.
            try (PreparedStatement lockRow = c.prepareStatement("SELECT id FROM audit_sequencer WHERE id = 1 FOR UPDATE");
                    ResultSet rs = lockRow.executeQuery()) {
                rs.next();
            }
            long stored;
            try (PreparedStatement size = c.prepareStatement("SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_log");
                    ResultSet rs = size.executeQuery()) {
                rs.next();
                stored = rs.getLong(1);
            }
            if (stored > next.size() && !adopt(c, next, stored, caughtUp)) {
                return null;
            }
            halted = Optional.empty();
            List<AuditEntry> pending = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, event, subject, reveals, outcome, code, "
                    + "rule, details FROM audit_pending ORDER BY id")) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    long seq = next.size();
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        pending.add(new AuditEntry(seq++, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
                    }
                }
            }
            if (pending.isEmpty()) {
                return null;
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (seq, entry, leaf_hash) VALUES (?, ?, ?)")) {
                for (AuditEntry e : pending) {
                    byte[] bytes = e.canonical();
                    byte[] leaf = MerkleTree.leafHash(bytes);
                    next.append(leaf);
                    added.add(leaf);
                    insert.setLong(1, e.seq());
                    insert.setString(2, new String(bytes, StandardCharsets.UTF_8));
                    insert.setString(3, Hashes.hex(leaf));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            // Exactly the records read above: a range could take a record committed meanwhile, unsequenced.
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM audit_pending WHERE id = ANY(?)")) {
                delete.setArray(1, c.createArrayOf("BIGINT", ids.toArray()));
                delete.executeUpdate();
            }
            long signedAt = clock.millis();
            String root = Hashes.hex(next.root());
            byte[] signature = signer.sign(SignedHead.toBeSigned(next.size(), root, signedAt));
            Jdbc.execute(c, "INSERT INTO audit_heads (tree_size, root_hash, signed_at, key_id, signature) "
                    + "VALUES (?, ?, ?, ?, ?)", List.of(next.size(), root, signedAt, signer.keyId(), Hashes.hex(signature)));
            return new SignedHead(next.size(), root, signedAt, signer.keyId(), Hashes.hex(signature));
        });
        if (!caughtUp.isEmpty()) {
            caughtUp.forEach(this::chunked);
            signed.set(null); // another replica signed the heads since: the next answer reads the latest
        }
        if (made == null) {
            range = after[0];
            return range.size();
        }
        range = after[0];
        added.forEach(this::chunked);
        signed.set(made);
        anchor.ifPresent(a -> a.keep(made));
        keepPendingSmall(added.size());
        return made.treeSize();
    }

    /** Dead rows in audit_pending since it was last vacuumed, and when that was; the sequencer's alone. */
    private long deletedSinceVacuum;
    private long vacuumedAtNanos;
    private Boolean postgres;
    static final int VACUUM_AFTER = 2_000;

    /**
     * Keeps the pending table small on PostgreSQL. Every record passes through it (inserted, then deleted once
     * sequenced), so it fills with dead rows, and each round's read of it scans them all: after a hundred thousand
     * records that scan was most of the database's work. The sequencer therefore vacuums it after 2,000 deletions, at
     * most once a second, whether the server's autovacuum runs or not (it can be turned off, and it looks at a table a
     * minute apart by default). A vacuum waits for no lock and blocks no writer: it skips the table if locked, and it
     * leaves the freed pages in the file for the next records rather than truncating it, which takes an exclusive lock
     * that every writer's audit record then waits for, and is retried for up to 5 s while writers hold theirs (under
     * load on PostgreSQL 15 the vacuum took 55 – 97 ms on average and up to 1.8 s, most of it that; without, 1 – 5 ms).
     */
    private void keepPendingSmall(int deleted) {
        deletedSinceVacuum += deleted;
        long now = System.nanoTime();
        if (Boolean.FALSE.equals(postgres) || deletedSinceVacuum < VACUUM_AFTER || now - vacuumedAtNanos < 1_000_000_000L) {
            return;
        }
        deletedSinceVacuum = 0;
        vacuumedAtNanos = now;
        try (java.sql.Connection c = dataSource.getConnection()) {
            if (postgres == null) {
                postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            }
            if (postgres) {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("VACUUM (SKIP_LOCKED, TRUNCATE false) audit_pending");
                }
                vacuums++;
            }
        } catch (java.sql.SQLException e) {
            LOG.warn("could not vacuum audit_pending: {}", e.getMessage());
        }
    }

    /** How many times the sequencer vacuumed audit_pending; for tests. */
    long vacuums() {
        return vacuums;
    }

    private volatile long vacuums;

    /**
     * Takes into {@code next} the entries another replica sequenced, up to {@code stored}: only when the log's latest
     * head is at exactly that size, signed with this node's key over the tree they extend. Rows written into the log
     * any other way are not adopted (a signed head over them would hide them): sequencing stops, the node is not ready,
     * and verification reports the rows.
     */
    private boolean adopt(java.sql.Connection c, CompactRange next, long stored, List<byte[]> caughtUp)
            throws java.sql.SQLException {
        SignedHead head = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash, signed_at, key_id, signature FROM "
                + "audit_heads ORDER BY tree_size DESC LIMIT 1"); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                head = new SignedHead(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5));
            }
        }
        CompactRange candidate = next.copy();
        List<byte[]> leaves = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT leaf_hash FROM audit_log WHERE seq >= ? AND seq < ? ORDER BY seq")) {
            ps.setLong(1, next.size());
            ps.setLong(2, stored);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] leaf = Hashes.fromHex(rs.getString(1));
                    candidate.append(leaf);
                    leaves.add(leaf);
                }
            }
        }
        boolean signedHere = head != null && head.treeSize() == stored && candidate.size() == stored
                && head.rootHash().equals(Hashes.hex(candidate.root()))
                && io.liaison.node.crypto.NodeSigner.verify(signer.publicKey(), SignedHead.toBeSigned(head.treeSize(),
                        head.rootHash(), head.signedAt()), Hashes.fromHex(head.signature()));
        if (!signedHere) {
            String problem = "the audit log holds entries " + next.size() + " to " + (stored - 1) + " that no head "
                    + "signed by this node covers; sequencing is stopped until the log is verified (R11)";
            if (halted.isEmpty()) {
                LOG.error("AUDIT ALARM: {}", problem);
            }
            halted = Optional.of(problem);
            return false;
        }
        for (byte[] leaf : leaves) {
            next.append(leaf);
            caughtUp.add(leaf);
        }
        return true;
    }

    private volatile Optional<String> halted = Optional.empty();

    /** Why sequencing is stopped, if it is: entries in the log that no head of this node signed. */
    public Optional<String> halted() {
        return halted;
    }

    /** The head the sequencer signed last, kept so that answers can carry it without a query. */
    private final java.util.concurrent.atomic.AtomicReference<SignedHead> signed =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * The last signed head as it is, without sequencing first: cheap enough to go with every receipt to a
     * peer. Events committed since are in the next head.
     */
    public Optional<SignedHead> lastSignedHead() {
        SignedHead s = signed.get();
        if (s == null) {
            s = jdbi.withHandle(h -> h.createQuery("SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_heads "
                    + "ORDER BY tree_size DESC LIMIT 1").map((rs, ctx) -> new SignedHead(rs.getLong(1), rs.getString(2),
                    rs.getLong(3), rs.getString(4), rs.getString(5))).findFirst().orElse(null));
            if (s != null && !signed.compareAndSet(null, s)) {
                s = signed.get();
            }
        }
        return Optional.ofNullable(s);
    }

    public Optional<SignedHead> latestHead() {
        sequenceNow();
        return lastSignedHead();
    }

    /**
     * Who reads the log, and what of it: an entry is shown when the viewer may read what it reveals, and not at all
     * otherwise, the same whether the thing it concerns is hidden or does not exist (R10). Positions stay those of the
     * whole log, so that paging and proofs work; the log's size is integrity metadata every auditor sees.
     */
    @FunctionalInterface
    public interface Viewer {
        boolean mayRead(Reveals reveals);

        /**
         * The node itself, for its own checks, the demo's operator view and tests: every entry. People read the log
         * through a viewer made for them (the node's disclosure), never this.
         */
        Viewer SYSTEM = r -> true;
    }

    /**
     * The entries {@code viewer} may see after {@code afterSeq}, oldest first, at most {@code limit}; with
     * {@code afterSeq} negative, the last {@code limit} of them.
     */
    public List<AuditEntry> tail(Viewer viewer, long afterSeq, int limit) {
        return afterSeq >= 0 ? after(viewer, afterSeq, limit) : before(viewer, Long.MAX_VALUE, limit);
    }

    /** The first {@code limit} entries {@code viewer} may see, from the start of the log, oldest first. */
    public List<AuditEntry> fromStart(Viewer viewer, int limit) {
        return after(viewer, -1, limit);
    }

    /** The entries {@code viewer} may see at positions after {@code afterSeq}, oldest first, at most {@code limit}. */
    public List<AuditEntry> after(Viewer viewer, long afterSeq, int limit) {
        return scan(viewer, " WHERE seq > :at ORDER BY seq LIMIT :n", afterSeq, limit);
    }

    /**
     * The last {@code limit} entries {@code viewer} may see at positions before {@code beforeSeq}, oldest first: a
     * page backward from there ({@link Long#MAX_VALUE}: from the end of the log).
     */
    public List<AuditEntry> before(Viewer viewer, long beforeSeq, int limit) {
        List<AuditEntry> newestFirst = scan(viewer, " WHERE seq < :at ORDER BY seq DESC LIMIT :n", beforeSeq, limit);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * Up to {@code limit} entries {@code viewer} may see, in the order of {@code where} from position {@code at}: reads
     * the log in pages and skips what the viewer may not see, so a page is full whenever the log has enough.
     */
    private List<AuditEntry> scan(Viewer viewer, String where, long at, int limit) {
        sequenceNow();
        java.util.function.Predicate<AuditEntry> visible = visibleTo(viewer);
        int page = Math.max(limit, 200);
        List<AuditEntry> out = new ArrayList<>();
        long from = at;
        while (out.size() < limit) {
            long f = from;
            List<AuditEntry> next = jdbi.withHandle(h -> h.createQuery(SELECT + where)
                    .bind("at", f).bind("n", page).map(AuditLog::entry).list());
            if (next.isEmpty()) {
                break;
            }
            next.stream().filter(visible).limit(limit - out.size()).forEach(out::add);
            from = next.getLast().seq();
        }
        return out;
    }

    /** Each kind of record decided once per call: many entries reveal the same item. */
    private static java.util.function.Predicate<AuditEntry> visibleTo(Viewer viewer) {
        java.util.Map<Reveals, Boolean> decided = new java.util.HashMap<>();
        return e -> {
            Reveals r = e.revealed();
            return r instanceof Reveals.Nothing || decided.computeIfAbsent(r, viewer::mayRead);
        };
    }

    static final String SELECT = "SELECT seq, entry, leaf_hash FROM audit_log";

    static AuditEntry entry(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return AuditEntry.parse(rs.getString(2));
    }

    /** The leaf hashes of entries {@code [from, to)}. */
    private static List<byte[]> leaves(Handle h, long from, long to) {
        List<byte[]> out = new ArrayList<>();
        h.createQuery("SELECT leaf_hash FROM audit_log WHERE seq >= :a AND seq < :b ORDER BY seq").bind("a", from)
                .bind("b", to).setFetchSize(10_000).mapTo(String.class).useStream(s -> s.forEach(x -> out.add(Hashes.fromHex(x))));
        return out;
    }

    /**
     * Runs {@code proof} over subtree hashes from the chunk roots in memory and, for what they do not cover, at
     * most a chunk's leaves per subtree from the database, all read on one connection.
     */
    private <T> T withSubtrees(long size, java.util.function.Function<MerkleTree.SubtreeSource, T> proof) {
        // Sequencing only when asked beyond what is sequenced: on PostgreSQL, right after a burst of appends, a
        // sequencing round scans a pending table full of dead rows until it is vacuumed.
        if (size > range.size() && size > sequenceNow()) {
            throw new IllegalArgumentException("the log has " + range.size() + " sequenced entries, not " + size);
        }
        List<byte[]> roots = List.copyOf(chunkRoots);
        return jdbi.withHandle(h -> proof.apply(new ChunkedSubtrees(CHUNK, roots, (from, to) -> leaves(h, from, to))));
    }

    /** The RFC 9162 consistency proof from the log's first {@code from} entries to its first {@code to}. */
    public List<byte[]> consistencyProof(long from, long to) {
        return withSubtrees(to, s -> MerkleTree.consistencyProof(s, from, to));
    }

    /** The RFC 9162 inclusion proof of entry {@code index} in the log's first {@code size} entries. */
    public List<byte[]> inclusionProof(long index, long size) {
        return withSubtrees(size, s -> MerkleTree.inclusionProof(s, index, size));
    }

    /** The root of the log's first {@code size} entries. */
    public byte[] rootAt(long size) {
        return withSubtrees(size, s -> MerkleTree.root(s, size));
    }

    /** The leaf hash of entry {@code index}. */
    public byte[] leafHash(long index) {
        List<byte[]> one = jdbi.withHandle(h -> leaves(h, index, index + 1));
        if (one.isEmpty()) {
            throw new IllegalArgumentException("the log has no entry " + index);
        }
        return one.getFirst();
    }

    public long size() {
        return range.size();
    }
}
