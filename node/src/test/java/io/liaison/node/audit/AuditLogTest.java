package io.liaison.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The audit log on a real database: appends, signed heads, and every kind of tampering detected. */
@org.junit.jupiter.api.Timeout(value = 300, unit = java.util.concurrent.TimeUnit.SECONDS)
class AuditLogTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));

    private void withNode(TestNodes.Db db, java.util.function.Consumer<Node> test) {
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock); Node node = created.open(clock)) {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                events.add(AuditEvent.done("tester", "test.event", "subject-" + i, Map.of("n", Integer.toString(i))));
            }
            // Several batches, so several signed heads.
            for (int b = 0; b < 4; b++) {
                List<AuditEvent> batch = events.subList(b * 5, b * 5 + 5);
                node.database().jdbi().useTransaction(h -> node.audit().appendAll(io.liaison.node.store.Database.tx(h), batch));
                node.audit().sequenceNow();
            }
            test.accept(node);
        }
    }

    private static void sql(Node node, String statement) {
        node.database().jdbi().useHandle((Handle h) -> h.execute(statement));
    }

    private static long first(Node node) {
        return node.audit().size() - 20;
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void deletingTheNewestEntriesAndHeads_isCaught_evenAcrossARestart(TestNodes.Db db) {
        // Finding 8: with the newest entries and heads deleted, what remained was consistent and verify said intact.
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock)) {
            long size;
            try (Node node = created.open(clock)) {
                for (int i = 0; i < 12; i++) {
                    AuditEvent e = AuditEvent.done("tester", "test.event", "s" + i, Map.of());
                    node.database().useTransaction(tx -> node.audit().append(tx, e));
                    node.audit().sequenceNow();
                }
                size = node.audit().size();
                assertThat(node.verifyAudit().ok()).isTrue();
                sql(node, "DELETE FROM audit_log WHERE seq >= " + (size - 5));
                sql(node, "DELETE FROM audit_heads WHERE tree_size > " + (size - 5));
                Verification v = node.verifyAudit();
                assertThat(v.ok()).as("a truncated tail must not verify").isFalse();
                assertThat(v.problem()).contains("lost entries from index " + (size - 5)).contains("covers " + size);
            }
            // Restarting must not let the next signed head overwrite the evidence.
            try (Node node = created.open(clock)) {
                AuditEvent e = AuditEvent.done("tester", "test.after", "later", Map.of());
                node.database().useTransaction(tx -> node.audit().append(tx, e));
                node.audit().sequenceNow();
                Verification v = node.verifyAudit();
                assertThat(v.ok()).isFalse();
                assertThat(v.problem()).containsAnyOf("lost entries", "do not have the root");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void aHeadAPeerWitnessed_mustStillBeAHeadOfTheLog(TestNodes.Db db) {
        withNode(db, node -> {
            SignedHead witnessed = node.audit().latestHead().orElseThrow();
            assertThat(node.verifyAudit(List.of(new AuditVerifier.Witness(witnessed, "peer JPN"))).ok()).isTrue();
            SignedHead forged = new SignedHead(witnessed.treeSize(), witnessed.rootHash().replace('a', 'b').replace('0',
                    '1'), witnessed.signedAt(), witnessed.keyId(), witnessed.signature());
            Verification v = node.verifyAudit(List.of(new AuditVerifier.Witness(forged, "peer JPN")));
            assertThat(v.ok()).isFalse();
            assertThat(v.problem()).contains("not signed by this node's key");
        });
    }

    @org.junit.jupiter.api.Test
    void theLogPages_forwardFromItsStart_andBackwardFromItsEnd() {
        withNode(TestNodes.Db.H2, node -> {
            List<AuditEntry> all = node.audit().fromStart(AuditLog.Viewer.SYSTEM, 1_000);
            assertThat(all).extracting(AuditEntry::seq).isSorted();
            List<AuditEntry> first = node.audit().fromStart(AuditLog.Viewer.SYSTEM, 7);
            assertThat(first).isEqualTo(all.subList(0, 7));
            List<AuditEntry> second = node.audit().after(AuditLog.Viewer.SYSTEM, first.getLast().seq(), 7);
            assertThat(second).isEqualTo(all.subList(7, 14));
            List<AuditEntry> last = node.audit().before(AuditLog.Viewer.SYSTEM, Long.MAX_VALUE, 5);
            assertThat(last).isEqualTo(all.subList(all.size() - 5, all.size()));
            List<AuditEntry> earlier = node.audit().before(AuditLog.Viewer.SYSTEM, last.getFirst().seq(), 5);
            assertThat(earlier).isEqualTo(all.subList(all.size() - 10, all.size() - 5));
            assertThat(node.audit().before(AuditLog.Viewer.SYSTEM, all.getFirst().seq(), 5)).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void untouchedLog_verifies(TestNodes.Db db) {
        withNode(db, node -> {
            Verification v = node.verifyAudit();
            assertThat(v.ok()).as(v.problem()).isTrue();
            assertThat(v.entries()).isEqualTo(node.audit().size());
            assertThat(v.heads()).isGreaterThanOrEqualTo(4);
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void editedEntry_isReportedAtItsIndex(TestNodes.Db db) {
        withNode(db, node -> {
            long k = first(node) + 7;
            sql(node, "UPDATE audit_log SET entry = REPLACE(entry, 'test.event', 'test.evant') WHERE seq = " + k);
            Verification v = node.verifyAudit();
            assertThat(v.firstBadIndex()).hasValue(k);
            assertThat(v.problem()).contains("does not hash to its recorded leaf");
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void deletedEntry_isReportedAtItsIndex(TestNodes.Db db) {
        withNode(db, node -> {
            long k = first(node) + 3;
            sql(node, "DELETE FROM audit_log WHERE seq = " + k);
            Verification v = node.verifyAudit();
            assertThat(v.firstBadIndex()).hasValue(k);
            assertThat(v.problem()).contains("is missing");
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void reorderedEntries_areReportedAtTheFirstMovedIndex(TestNodes.Db db) {
        withNode(db, node -> {
            long i = first(node) + 4;
            long j = first(node) + 11;
            sql(node, "UPDATE audit_log SET seq = -1 WHERE seq = " + i);
            sql(node, "UPDATE audit_log SET seq = " + i + " WHERE seq = " + j);
            sql(node, "UPDATE audit_log SET seq = " + j + " WHERE seq = -1");
            Verification v = node.verifyAudit();
            assertThat(v.firstBadIndex()).hasValue(i);
        });
    }

    private static void insertAt(Node node, long k, String leafHash) {
        long last = node.audit().size() - 1;
        for (long s = last; s >= k; s--) {
            sql(node, "UPDATE audit_log SET seq = " + (s + 1) + " WHERE seq = " + s);
        }
        AuditEntry forged = new AuditEntry(k, 0, "intruder", "test.event", "forged", "", "DONE", "X", "R11", "{}");
        sql(node, "INSERT INTO audit_log (seq, entry, leaf_hash) VALUES (" + k + ", '"
                + new String(forged.canonical(), java.nio.charset.StandardCharsets.UTF_8) + "', '" + leafHash + "')");
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void insertedEntry_isReportedAtItsIndex(TestNodes.Db db) {
        withNode(db, node -> {
            long k = first(node) + 9;
            insertAt(node, k, "00".repeat(32));
            Verification v = node.verifyAudit();
            assertThat(v.firstBadIndex()).hasValue(k);
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void insertedEntryWithAForgedLeaf_isCaughtByTheSignedHeadOfItsBatch(TestNodes.Db db) {
        withNode(db, node -> {
            long k = first(node) + 9;
            AuditEntry forged = new AuditEntry(k, 0, "intruder", "test.event", "forged", "", "DONE", "X", "R11", "{}");
            insertAt(node, k, io.liaison.core.audit.Hashes.hex(forged.leafHash()));
            Verification v = node.verifyAudit();
            // Batches of five were signed: the forgery is located to the batch whose signed head it breaks.
            assertThat(v.firstBadIndex()).hasValue(first(node) + 5);
            assertThat(v.problem()).contains("signed tree head at size " + (first(node) + 10));
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void rewrittenEntryAndLeaf_areCaughtByTheSignedHead(TestNodes.Db db) {
        withNode(db, node -> {
            long k = first(node) + 12;
            AuditEntry original = node.audit().tail(AuditLog.Viewer.SYSTEM, k - 1, 1).getFirst();
            AuditEntry rewritten = new AuditEntry(original.seq(), original.at(), original.actor(), original.event(),
                    original.subject(), original.reveals(), original.outcome(), original.code(), original.rule(), "{\"n\":\"rewritten\"}");
            sql(node, "UPDATE audit_log SET entry = '" + new String(rewritten.canonical(), java.nio.charset.StandardCharsets.UTF_8)
                    + "', leaf_hash = '" + io.liaison.core.audit.Hashes.hex(rewritten.leafHash()) + "' WHERE seq = " + k);
            Verification v = node.verifyAudit();
            assertThat(v.ok()).isFalse();
            assertThat(v.firstBadIndex().getAsLong()).isBetween(first(node) + 10, k);
            assertThat(v.problem()).contains("signed tree head");
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void appendedUnsignedEntry_isReported(TestNodes.Db db) {
        withNode(db, node -> {
            long n = node.audit().size();
            AuditEntry extra = new AuditEntry(n, 0, "intruder", "test.event", "extra", "", "DONE", "X", "R11", "{}");
            sql(node, "INSERT INTO audit_log (seq, entry, leaf_hash) VALUES (" + n + ", '"
                    + new String(extra.canonical(), java.nio.charset.StandardCharsets.UTF_8) + "', '"
                    + io.liaison.core.audit.Hashes.hex(extra.leafHash()) + "')");
            Verification v = node.verifyAudit();
            assertThat(v.firstBadIndex()).hasValue(n);
            assertThat(v.problem()).contains("not covered by any signed tree head");
            // Nor is it adopted as another replica's entry: the next head would hide it. Sequencing stops, the node
            // is not ready, and the next event waits.
            node.audit().appendDurably(AuditEvent.done("kim", "item.read", "after the intrusion", Map.of()));
            assertThat(node.audit().sequenceNow()).isEqualTo(n);
            assertThat(node.unready()).anySatisfy(p -> assertThat(p).contains("that no head signed by this node covers"));
            assertThat(node.verifyAudit().firstBadIndex()).hasValue(n);
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void backgroundSequencer_sequencesWritesWithoutBeingAsked_andReadersSeeEverything(TestNodes.Db db) throws Exception {
        withNode(db, node -> {
            long before = node.audit().size();
            for (int i = 0; i < 30; i++) {
                AuditEvent e = AuditEvent.done("tester", "test.later", "subject-" + i, Map.of());
                node.database().jdbi().useTransaction(h -> node.audit().append(io.liaison.node.store.Database.tx(h), e));
                node.audit().sequenceSoon();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (node.audit().size() < before + 30 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(node.audit().size()).isEqualTo(before + 30);
            assertThat(count(node, "audit_pending")).isZero();
            // Fewer signed heads than writes: the sequencer gathers what commits while it lingers.
            assertThat(count(node, "audit_heads")).isLessThan(4 + 30 + 1);

            // A reader sequences first, so an event appended without any request is still in the tail.
            node.database().jdbi().useTransaction(h -> node.audit().append(io.liaison.node.store.Database.tx(h), AuditEvent.done("tester", "test.unasked",
                    "quiet", Map.of())));
            assertThat(node.audit().tail(AuditLog.Viewer.SYSTEM, -1, 1)).extracting(AuditEntry::event).containsExactly("test.unasked");
            Verification v = node.verifyAudit();
            assertThat(v.ok()).as(v.problem()).isTrue();
            assertThat(v.entries()).isEqualTo(before + 31);
        });
    }

    /**
     * Under a steady stream the background rounds start at least {@link AuditLog#SPACING} apart, each taking more; the
     * fixed work of a round (its statements, signature, commit and the anchor's sync) is not paid for every write.
     */
    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void aSteadyStream_isSequencedInRoundsSpacedApart(TestNodes.Db db) {
        withNode(db, node -> {
            long before = node.audit().size();
            long heads = count(node, "audit_heads");
            long start = System.nanoTime();
            int written = 0;
            while (System.nanoTime() - start < 800_000_000L) {
                AuditEvent e = AuditEvent.done("tester", "test.stream", "subject-" + written, Map.of());
                node.database().jdbi().useTransaction(h -> node.audit().append(io.liaison.node.store.Database.tx(h), e));
                node.audit().sequenceSoon();
                written++;
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
            }
            long elapsed = System.nanoTime() - start;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (node.audit().size() < before + written && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long rounds = count(node, "audit_heads") - heads;
            assertThat(node.audit().size()).isEqualTo(before + written);
            assertThat(written).isGreaterThan(50);
            // One round may have begun just before the stream, and the last one after it.
            assertThat(rounds).isBetween(1L, elapsed / AuditLog.SPACING.toNanos() + 2);
        });
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void stoppedSequencer_leavesNothingPending_andWritersThenSequenceThemselves(TestNodes.Db db) {
        withNode(db, node -> {
            node.database().jdbi().useTransaction(h -> node.audit().append(io.liaison.node.store.Database.tx(h), AuditEvent.done("tester", "test.last",
                    "before-stop", Map.of())));
            node.audit().close();
            assertThat(count(node, "audit_pending")).isZero();
            long size = node.audit().size();
            node.database().jdbi().useTransaction(h -> node.audit().append(io.liaison.node.store.Database.tx(h), AuditEvent.done("tester", "test.after",
                    "after-stop", Map.of())));
            node.audit().sequenceSoon();
            assertThat(count(node, "audit_pending")).isZero();
            assertThat(node.audit().size()).isEqualTo(size + 1);
        });
    }

    private static long count(Node node, String table) {
        return node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private static List<byte[]> allLeaves(Node node) {
        return node.database().jdbi().withHandle(h -> h.createQuery("SELECT leaf_hash FROM audit_log ORDER BY seq")
                .mapTo(String.class).map(io.liaison.core.audit.Hashes::fromHex).list());
    }

    private static void assertProofsMatchTheLeaves(Node node) {
        List<byte[]> leaves = allLeaves(node);
        io.liaison.core.audit.LeafSource all = i -> leaves.get((int) i);
        long size = leaves.size();
        assertThat(node.audit().rootAt(size)).isEqualTo(io.liaison.core.audit.MerkleTree.root(all, size));
        for (long old : new long[] {1, 255, 256, 257, 511, 700, size - 1}) {
            assertThat(node.audit().consistencyProof(old, size)).as("consistency %d -> %d", old, size)
                    .containsExactlyElementsOf(io.liaison.core.audit.MerkleTree.consistencyProof(all, old, size));
        }
        for (long index : new long[] {0, 255, 256, 900, size - 1}) {
            assertThat(node.audit().inclusionProof(index, size)).as("inclusion of %d in %d", index, size)
                    .containsExactlyElementsOf(io.liaison.core.audit.MerkleTree.inclusionProof(all, index, size));
            assertThat(node.audit().leafHash(index)).isEqualTo(leaves.get((int) index));
        }
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void proofsFromChunkRoots_equalProofsFromEveryLeaf_whileRunningAndAfterARestart(TestNodes.Db db) {
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock)) {
            try (Node node = created.open(clock)) {
                for (int b = 0; b < 13; b++) {
                    int batch = b;
                    node.database().jdbi().useTransaction(h -> {
                        for (int i = 0; i < 97; i++) {
                            node.audit().append(io.liaison.node.store.Database.tx(h), AuditEvent.done("tester", "test.event", "s" + batch + "-" + i, Map.of()));
                        }
                    });
                    node.audit().sequenceNow();
                }
                assertThat(node.audit().size()).isGreaterThan(3 * 256);
                assertProofsMatchTheLeaves(node);
            }
            try (Node node = created.open(clock)) {
                assertProofsMatchTheLeaves(node);
            }
        }
    }

    /** Reads at the same time each get their record, committed when the call returns, with fewer commits than records. */
    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void recordsAppendedAtTheSameTime_areAllCommittedWhenEachCallReturns(TestNodes.Db db) {
        withNode(db, node -> {
            long before = node.audit().sequenceNow();
            List<Thread> readers = new ArrayList<>();
            java.util.Set<String> seenCommitted = java.util.concurrent.ConcurrentHashMap.newKeySet();
            for (int t = 0; t < 32; t++) {
                int n = t;
                readers.add(Thread.ofVirtual().start(() -> {
                    for (int k = 0; k < 20; k++) {
                        String subject = "read-" + n + "-" + k;
                        node.audit().appendDurably(AuditEvent.done("kim", "item.read", subject, Map.of()));
                        // Committed on return: another connection sees it at once.
                        long found = node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM "
                                + "audit_pending WHERE subject = :s").bind("s", subject).mapTo(Long.class).one()
                                + h.createQuery("SELECT COUNT(*) FROM audit_log WHERE entry LIKE :s")
                                        .bind("s", "%\"" + subject + "\"%").mapTo(Long.class).one());
                        if (found == 1) {
                            seenCommitted.add(subject);
                        }
                    }
                }));
            }
            for (Thread t : readers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            assertThat(seenCommitted).hasSize(640);
            assertThat(node.audit().sequenceNow() - before).isEqualTo(640);
            assertThat(node.verifyAudit().ok()).isTrue();
        });
    }

    /**
     * Every record passes through audit_pending; on PostgreSQL the sequencer vacuums it after 2,000 deletions, so its
     * dead rows do not pile up for each round to scan (the server's autovacuum may be off, as on this machine). The
     * vacuum frees the pages for the next records and does not give them back to the file system: that would take an
     * exclusive lock on the table, which every release's audit record waits for (measured: 55 – 97 ms a vacuum on average
     * under load, up to 1.8 s, most of it waiting for that lock).
     */
    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void thePendingTable_isVacuumedBySequencing_onPostgresql(TestNodes.Db db) {
        withNode(db, node -> {
            long before = node.audit().vacuums();
            long[] sizes = new long[2];
            for (int round = 0; round < 2; round++) {
                for (int b = 0; b < AuditLog.VACUUM_AFTER / 250; b++) {
                    List<AuditEvent> batch = new ArrayList<>();
                    for (int i = 0; i < 250; i++) {
                        batch.add(AuditEvent.done("tester", "test.event", "s-" + round + "-" + b + "-" + i, Map.of()));
                    }
                    node.database().jdbi().useTransaction(h -> node.audit().appendAll(io.liaison.node.store.Database.tx(h), batch));
                    node.audit().sequenceNow();
                }
                if (db == TestNodes.Db.POSTGRESQL) {
                    sizes[round] = node.database().jdbi().withHandle(h -> h.createQuery(
                            "SELECT pg_relation_size('audit_pending')").mapTo(Long.class).one());
                    if (round == 0) {
                        sleepPastTheOnceASecondLimit();
                    }
                }
            }
            if (db == TestNodes.Db.POSTGRESQL) {
                assertThat(node.audit().vacuums() - before).isEqualTo(2);
                // Not truncated (no exclusive lock), and the second round's records went into the first round's pages.
                assertThat(sizes[0]).isPositive();
                assertThat(sizes[1]).isLessThanOrEqualTo(sizes[0] + 2 * 8192);
            } else {
                assertThat(node.audit().vacuums()).isZero();
            }
            assertThat(node.verifyAudit().ok()).isTrue();
        });
    }

    /** The sequencer vacuums at most once a second; the test's second round must come after it. */
    private static void sleepPastTheOnceASecondLimit() {
        try {
            Thread.sleep(1_050);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Two replicas' logs on one database: each sequences in turn, continuing the tree the other extended, and the log
     * verifies as one.
     */
    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void twoReplicasSequencingInTurn_extendOneTree(TestNodes.Db db) {
        withNode(db, node -> {
            AuditLog other = new AuditLog(node.database().jdbi(), node.database().dataSource(), node.signer(), clock);
            for (int k = 0; k < 10; k++) {
                AuditLog writer = k % 2 == 0 ? node.audit() : other;
                for (int j = 0; j < 3; j++) {
                    writer.appendDurably(AuditEvent.done("kim", "item.read", "replica-" + k + "-" + j, Map.of()));
                }
                long size = writer.sequenceNow();
                assertThat(size).isEqualTo(writer.size());
                assertThat(writer.latestHead().orElseThrow().treeSize()).isEqualTo(size);
            }
            assertThat(other.sequenceNow()).isEqualTo(node.audit().sequenceNow());
            assertThat(other.rootAt(other.size())).isEqualTo(node.audit().rootAt(node.audit().size()));
            Verification v = node.verifyAudit();
            assertThat(v.ok()).as(v.problem()).isTrue();
        });
    }
}
