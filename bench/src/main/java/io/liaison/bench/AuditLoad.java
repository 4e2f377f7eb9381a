package io.liaison.bench;

import io.liaison.core.audit.Hashes;
import io.liaison.core.audit.MerkleTree;
import io.liaison.core.party.Party;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.Verification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The audit log: batched appends per second (insert in the caller's transaction, then sequencing: leaf
 * hashes, Merkle tree, a signed tree head per batch) against plain batched inserts of the same rows in the
 * same run; full verification of the whole log; inclusion and consistency proof sizes and times.
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java -Xmx1g -cp bench/target/benchmarks.jar
 * io.liaison.bench.AuditLoad postgresql 1000000 1000} (arguments: h2|postgresql, entries, batch size).
 */
public final class AuditLoad {
    private AuditLoad() {}

    public static void main(String[] args) {
        TestNodes.Db db = TestNodes.Db.valueOf(args.length > 0 ? args[0].toUpperCase(java.util.Locale.ROOT) : "H2");
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Clock clock = Clock.systemUTC();
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock); Node node = created.open(clock, 4)) {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                String id = "kor-" + Long.toHexString(i * 7919L);
                events.add(new AuditEvent("analyst-" + (i % 50), "item.read", id, io.liaison.node.audit.Reveals.item(id),
                        "ALLOW", "READ_ALLOWED", "R9", Map.of("classification", "군사Ⅱ급비밀", "reader", "analyst-" + (i % 50))));
            }
            long t0 = System.nanoTime();
            long inserting = 0;
            for (int done = 0; done < entries; done += batch) {
                long a = System.nanoTime();
                node.database().useTransaction(tx -> node.audit().appendAll(tx, events));
                inserting += System.nanoTime() - a;
                node.audit().sequence();
            }
            long total = System.nanoTime() - t0;
            double appendRate = entries / (total / 1e9);
            double insertShare = 100.0 * inserting / total;

            node.database().jdbi().useHandle(h -> h.execute("CREATE TABLE bench_plain_audit (at BIGINT NOT NULL, "
                    + "actor VARCHAR(64) NOT NULL, event VARCHAR(64) NOT NULL, subject VARCHAR(200) NOT NULL, outcome "
                    + "VARCHAR(16) NOT NULL, code VARCHAR(64) NOT NULL, rule VARCHAR(64) NOT NULL, details VARCHAR(8000) NOT NULL)"));
            int baselineEntries = Math.min(entries, 200_000);
            long t1 = System.nanoTime();
            for (int done = 0; done < baselineEntries; done += batch) {
                node.database().jdbi().useTransaction(h -> {
                    var b = h.prepareBatch("INSERT INTO bench_plain_audit (at, actor, event, subject, outcome, code, rule, details) "
                            + "VALUES (:at, :actor, :event, :subject, :outcome, :code, :rule, :details)");
                    for (AuditEvent e : events) {
                        b.bind("at", 0L).bind("actor", e.actor()).bind("event", e.event()).bind("subject", e.subject())
                                .bind("outcome", e.outcome()).bind("code", e.code()).bind("rule", e.rule())
                                .bind("details", e.details().toString()).add();
                    }
                    b.execute();
                });
            }
            double baselineRate = baselineEntries / ((System.nanoTime() - t1) / 1e9);

            long t2 = System.nanoTime();
            Verification v = node.verifyAudit();
            double verifySeconds = (System.nanoTime() - t2) / 1e9;

            long size = node.audit().size();
            // Baseline: every leaf loaded, then the proofs computed from them (how proofs were made before).
            long t3 = System.nanoTime();
            List<byte[]> leaves = new java.util.ArrayList<>();
            node.database().jdbi().useHandle(h -> h.createQuery("SELECT leaf_hash FROM audit_log WHERE seq < :n ORDER BY seq")
                    .bind("n", size).setFetchSize(10_000).mapTo(String.class)
                    .useStream(st -> st.forEach(x -> leaves.add(Hashes.fromHex(x)))));
            double loadSeconds = (System.nanoTime() - t3) / 1e9;
            Random r = new Random(3);
            int proofs = 100;
            long proofNanos = 0;
            long baselineNanos = 0;
            int proofHashes = 0;
            byte[] root = node.audit().rootAt(size);
            if (!java.util.Arrays.equals(root, MerkleTree.root(i -> leaves.get((int) i), size))) {
                throw new IllegalStateException("the node's root differs from the root of its leaves");
            }
            for (int p = 0; p < proofs; p++) {
                long index = (long) (r.nextDouble() * size);
                long s = System.nanoTime();
                List<byte[]> proof = node.audit().inclusionProof(index, size);
                proofNanos += System.nanoTime() - s;
                long b = System.nanoTime();
                List<byte[]> baseline = MerkleTree.inclusionProof(i -> leaves.get((int) i), index, size);
                baselineNanos += System.nanoTime() - b;
                proofHashes = proof.size();
                if (!MerkleTree.verifyInclusion(leaves.get((int) index), index, size, proof, root)
                        || !proof.stream().map(Hashes::hex).toList().equals(baseline.stream().map(Hashes::hex).toList())) {
                    throw new IllegalStateException("inclusion proof failed at " + index);
                }
            }
            long old = size / 3;
            long s4 = System.nanoTime();
            List<byte[]> consistency = node.audit().consistencyProof(old, size);
            double consistencyMs = (System.nanoTime() - s4) / 1e6;
            long s5 = System.nanoTime();
            MerkleTree.consistencyProof(i -> leaves.get((int) i), old, size);
            double consistencyBaselineMs = (System.nanoTime() - s5) / 1e6;

            System.out.printf("AuditLoad db=%s entries=%,d batch=%d%n", db, entries, batch);
            System.out.printf("  appends/s (insert + sequence + signed head per batch): %s  (%s%% of the time inserting, the rest"
                    + " sequencing)%n", Stats.f(appendRate), Stats.f(insertShare));
            System.out.printf("  baseline plain batched inserts/s:                      %s  (audit costs %sx)%n",
                    Stats.f(baselineRate), Stats.f(baselineRate / appendRate));
            System.out.printf("  full verification of %,d entries: %s s (ok=%s, %,d signed heads)%n", v.entries(),
                    Stats.f(verifySeconds), v.ok(), v.heads());
            System.out.printf("  inclusion proof: %d hashes (%d bytes), %s ms each from the node (chunk roots and a few "
                    + "leaves read); baseline from all leaves already loaded: %s ms (loading them took %s s)%n", proofHashes,
                    proofHashes * 32, Stats.f(proofNanos / 1e6 / proofs), Stats.f(baselineNanos / 1e6 / proofs),
                    Stats.f(loadSeconds));
            System.out.printf("  consistency proof %,d -> %,d: %d hashes (%d bytes), %s ms from the node; baseline %s ms "
                    + "from loaded leaves; root %s%n", old, size, consistency.size(), consistency.size() * 32,
                    Stats.f(consistencyMs), Stats.f(consistencyBaselineMs), Hashes.hex(root).substring(0, 16));
        }
    }
}
