package io.liaison.bench;

import io.liaison.core.access.Clearance;
import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryType;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.NewItem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Item creation throughput with concurrent clients, each item encrypted, signed, audited (in the same
 * transaction) and indexed, on embedded H2 or on PostgreSQL; in the same run, a baseline of plain JDBC
 * inserts of rows of the same size, and the heap when idle and at peak under load.
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java -Xmx512m -cp bench/target/benchmarks.jar
 * io.liaison.bench.ItemCreationLoad postgresql 16 20} (arguments: h2|postgresql, clients, seconds).
 */
public final class ItemCreationLoad {
    private ItemCreationLoad() {}

    public static void main(String[] args) throws Exception {
        TestNodes.Db db = TestNodes.Db.valueOf(args.length > 0 ? args[0].toUpperCase(java.util.Locale.ROOT) : "H2");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Clock clock = Clock.systemUTC();
        Party kor = Party.of("KOR");
        try (TestNodes.Created created = TestNodes.create(db, kor, clock); Node node = created.open(clock, clients + 2)) {
            User author = io.liaison.node.TestUsers.add(node, new User("author", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), kor),
                    Set.of(Role.ANALYST), Set.of(Purpose.of("DPRK missile threat")), true), "a long bench password".toCharArray());
            double idle = Stats.heapAfterGcMiB();
            run(node, author, clients, 3);
            Stats.resetPeaks();
            double rate = run(node, author, clients, seconds);
            double peak = Stats.heapPeakMiB();
            double baseline = baseline(node, clients, seconds);
            var v = node.verifyAudit();
            System.out.printf("ItemCreationLoad db=%s clients=%d seconds=%d%n", db, clients, seconds);
            System.out.printf("  items/s (encrypt, sign, audit, index): %s%n", Stats.f(rate));
            System.out.printf("  baseline plain JDBC inserts/s:        %s  (protections cost %sx)%n", Stats.f(baseline),
                    Stats.f(baseline / rate));
            System.out.printf("  heap idle after GC: %s MiB; peak under load: %s MiB (max %s MiB)%n", Stats.f(idle),
                    Stats.f(peak), Stats.f(Runtime.getRuntime().maxMemory() / 1048576.0));
            System.out.printf("  audit log after the run: %s entries, intact=%s%n", v.entries(), v.ok());
        }
    }

    private static double run(Node node, User author, int clients, int seconds) throws InterruptedException {
        String[] levels = {"군사Ⅲ급비밀", "군사Ⅱ급비밀", "군사Ⅰ급비밀"};
        String text = "Launch preparations observed; transporter-erector-launchers moved at dawn. ".repeat(6);
        return drive(clients, seconds, r -> {
            List<Category> cats = r.nextBoolean() ? List.of(Category.of("Releasable To", CategoryType.PERMISSIVE,
                    "KOR", "USA")) : List.of();
            SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("ROK MND"), levels[r.nextInt(3)],
                    Optional.empty(), cats, Optional.of(Party.of("KOR")), Instant.now(), Optional.empty());
            node.items().create(author, new NewItem("report " + r.nextLong(), text, label,
                    Set.of(Purpose.of("DPRK missile threat")), false, List.of(), "registry"));
        });
    }

    /** Plain inserts of rows the size of an item, no encryption, signature, audit or index. */
    private static double baseline(Node node, int clients, int seconds) throws InterruptedException {
        node.database().jdbi().useHandle(h -> h.execute("CREATE TABLE bench_plain (id VARCHAR(64) PRIMARY KEY, "
                + "title VARCHAR(1000), label VARCHAR(4000), body BYTEA)"));
        byte[] body = new byte[600];
        String label = "x".repeat(700);
        return drive(clients, seconds, r -> {
            String id = Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
            node.database().jdbi().useTransaction(h -> h.createUpdate(
                    "INSERT INTO bench_plain (id, title, label, body) VALUES (:id, :t, :l, :b)")
                    .bind("id", id).bind("t", "report").bind("l", label).bind("b", body).execute());
        });
    }

    /** Runs {@code operation} in a loop on {@code clients} threads for {@code seconds}; returns operations per second. */
    private static double drive(int clients, int seconds, java.util.function.Consumer<ThreadLocalRandom> operation)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (!stop.get()) {
                    operation.accept(r);
                    done.increment();
                }
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }
}
