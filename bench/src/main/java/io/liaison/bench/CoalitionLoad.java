package io.liaison.bench;

import io.liaison.core.party.Party;
import io.liaison.federation.audit.AuditExchange;
import io.liaison.node.audit.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coalition on this machine: the members' nodes (all in this JVM, each with its own embedded database and mutual-TLS
 * listener on loopback), a generated bilateral agreement with a translation table between every pair, and a hub
 * relaying a trilateral with the originators' consent. Each member files items at the rate of {@code perDay} a day and
 * releases each to another member, chosen at random, under their bilateral agreement; a share of the two spokes'
 * items goes to the hub instead, which asks the originator's consent and relays it to the other spoke. Then it
 * reports delivered releases per second, release-to-receipt latency, CPU per release, memory per node and the outbox
 * depth over time, and checks that every release arrived exactly once and that every node's audit log and every
 * peer's signed tree head verify.
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java --enable-native-access=ALL-UNNAMED -Xmx12g
 * -cp bench/target/benchmarks.jar io.liaison.bench.CoalitionLoad 32 120 1000000 0.1} (arguments: members, seconds of
 * traffic, items filed per member per day, share of the spokes' items relayed through the hub).
 */
public final class CoalitionLoad {
    private CoalitionLoad() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        long perDay = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        double relayShare = args.length > 3 ? Double.parseDouble(args[3]) : 0.1;
        Path root = Files.createTempDirectory("liaison-coalition-");
        Clock clock = Clock.systemUTC();
        double heap0 = Stats.heapAfterGcMiB();
        double rss0 = rssMiB();
        long s0 = System.nanoTime();
        try (Coalition c = Coalition.start(size, root, clock)) {
            double startSeconds = (System.nanoTime() - s0) / 1e9;
            double heapIdle = Stats.heapAfterGcMiB();
            double rssIdle = rssMiB();
            System.out.printf(Locale.ROOT, "CoalitionLoad members=%d seconds=%d perDay=%d relayShare=%.2f (nodes in one JVM, "
                    + "H2 each; %d agreements)%n", size, seconds, perDay, relayShare, size * (size - 1) / 2 + 1);
            System.out.printf(Locale.ROOT, "  started in %.1f s; memory per idle node: heap %.1f MiB, resident %.1f MiB%n",
                    startSeconds, (heapIdle - heap0) / size, (rssIdle - rss0) / size);

            Baseline base = Baseline.run(c, 500);
            System.out.printf(Locale.ROOT, "  baseline, same run: %d releases one at a time between two members, the other %d "
                    + "idle: p50 %.1f ms, p99 %.1f ms from filing to the verified receipt; CPU %.2f ms per item filed and released (%.0f/s on "
                    + "2 cores at most)%n", base.count(), size - 2, base.p50(), base.p99(), base.cpuMs(), 2000 / base.cpuMs());

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong filed = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong behind = new AtomicLong();
            long intervalNanos = 86_400_000_000_000L / perDay;
            long t0 = System.nanoTime();
            long t0Millis = clock.millis();
            double cpu0 = Stats.processCpuMs();
            List<Thread> senders = new ArrayList<>();
            for (Party p : c.catalog.members()) {
                boolean spoke = c.catalog.trilateral().subList(1, 3).contains(p);
                senders.add(Thread.ofVirtual().start(() -> {
                    SplittableRandom r = new SplittableRandom(p.code().hashCode());
                    List<Party> others = c.catalog.members().stream().filter(q -> !q.equals(p)).toList();
                    for (int k = 0; running.get(); k++) {
                        long due = t0 + k * intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            sleepNanos(wait);
                        } else if (wait < -1_000_000_000L) {
                            behind.incrementAndGet();
                        }
                        if (!running.get()) {
                            break;
                        }
                        boolean viaHub = spoke && r.nextDouble() < relayShare;
                        String item = c.file(p, k, viaHub ? Coalition.RELAY : Coalition.OPERATIONS);
                        filed.incrementAndGet();
                        boolean queued = viaHub ? c.releaseToHub(p, item)
                                : c.releaseBilateral(p, item, others.get(r.nextInt(others.size())));
                        if (!queued) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            List<long[]> depth = new ArrayList<>();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (true) {
                    depth.add(new long[] {(System.nanoTime() - t0) / 1_000_000_000L, c.undelivered()});
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread relay = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        c.relayRound();
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        System.err.println("relay round: " + e);
                    }
                }
            });
            Thread.sleep(seconds * 1000L);
            running.set(false);
            for (Thread t : senders) {
                t.join();
            }
            long trafficEnd = System.nanoTime();
            long drainLimit = System.nanoTime() + 15 * 60 * 1_000_000_000L;
            while (System.nanoTime() < drainLimit && (c.undelivered() > 0 || c.relaysOutstanding() > 0)) {
                Thread.sleep(200);
            }
            long drained = System.nanoTime();
            double cpu = Stats.processCpuMs() - cpu0;
            relay.interrupt();
            relay.join();
            sampler.interrupt();
            double heapAfter = Stats.heapAfterGcMiB();
            double rssAfter = rssMiB();

            Report report = Report.of(c, t0Millis);
            long delivered = report.delivered();
            System.out.printf(Locale.ROOT, "  filed %d items in %d s (%.1f/s; goal %.1f/s), %d releases refused, %d times a "
                    + "member was over 1 s behind its schedule%n", filed.get(), seconds, filed.get() / ((trafficEnd - t0) / 1e9),
                    size * perDay / 86_400.0, refused.get(), behind.get());
            System.out.printf(Locale.ROOT, "  releases delivered and receipted: %d (the baseline's among them; %d through the hub's relay), %.1f/s from "
                    + "the first release to the last receipt; drained %.1f s after the traffic stopped%n", delivered,
                    report.relayed(), (delivered - base.total()) / ((report.lastReceiptMillis() - t0Millis) / 1000.0),
                    (drained - trafficEnd) / 1e9);
            System.out.printf(Locale.ROOT, "  latency release -> verified receipt, the traffic's releases: p50 %s ms, p99 %s ms, max %s ms%n",
                    report.percentile(50), report.percentile(99), report.percentile(100));
            System.out.printf(Locale.ROOT, "  CPU per release (filing, deciding, signing, mTLS, verifying, translating, storing, "
                    + "auditing, receipting, both ends): %.2f ms; %.2f of 2 cores busy%n", cpu / delivered,
                    cpu / ((drained - t0) / 1e6));
            System.out.printf(Locale.ROOT, "  memory per node after the run: heap %.1f MiB, resident %.1f MiB%n",
                    (heapAfter - heap0) / size, (rssAfter - rss0) / size);
            long dbBytes;
            try (var files = Files.walk(root)) {
                dbBytes = files.filter(f -> f.toString().contains("/db/") && Files.isRegularFile(f)).mapToLong(f -> f.toFile()
                        .length()).sum();
            }
            System.out.printf(Locale.ROOT, "  database files (H2) per item filed and released: %.1f KiB over both ends "
                    + "(%.1f MiB per node)%n", dbBytes / 1024.0 / (filed.get() + base.total()), dbBytes / 1048576.0 / size);
            StringBuilder d = new StringBuilder();
            for (long[] s : depth) {
                d.append(' ').append(s[0]).append("s:").append(s[1]);
            }
            System.out.println("  outbox depth over time (all members):" + d);
            System.out.printf(Locale.ROOT, "  exactly once: %d of %d releases found once at their receiver; %d missing, %d "
                    + "received that no sender queued%n", report.foundOnce(), delivered, report.missing(), report.extra());

            int ok = 0;
            for (Coalition.Member m : c.members.values()) {
                Verification v = m.node().verifyAudit();
                ok += v.ok() ? 1 : 0;
                if (!v.ok()) {
                    System.out.println("  audit log of " + m.party() + " BROKEN: " + v.problem());
                }
            }
            for (Coalition.Member m : c.members.values()) {
                m.federation().sendAuditHeads();
            }
            long headsLimit = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < headsLimit && c.undelivered() > 0) {
                Thread.sleep(200);
            }
            Map<String, Integer> statuses = new HashMap<>();
            for (Coalition.Member m : c.members.values()) {
                for (AuditExchange.PeerHead h : m.federation().auditExchange().peerHeads()) {
                    statuses.merge(h.status(), 1, Integer::sum);
                }
            }
            System.out.printf(Locale.ROOT, "  audit: %d of %d logs verify; peers' signed tree heads checked: %s (of %d)%n",
                    ok, size, statuses, size * (size - 1));
        } finally {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return 0;
    }

    /** Filing and releasing one item at a time between the second and third members, waiting for each receipt. */
    private record Baseline(int count, double p50, double p99, double cpuMs) {
        int total() {
            return 2 * count;
        }

        static Baseline run(Coalition c, int count) throws InterruptedException {
            Party from = c.catalog.members().get(1);
            Party to = c.catalog.members().get(2);
            for (int i = 0; i < count; i++) {
                once(c, from, to, -1 - i);
            }
            long[] lat = new long[count];
            double cpu0 = Stats.processCpuMs();
            for (int i = 0; i < count; i++) {
                lat[i] = once(c, from, to, 1_000_000 + i);
            }
            double cpu = (Stats.processCpuMs() - cpu0) / count;
            lat = Stats.sorted(lat);
            return new Baseline(count, Stats.percentile(lat, 50), Stats.percentile(lat, 99), cpu);
        }

        private static long once(Coalition c, Party from, Party to, int k) throws InterruptedException {
            long t = System.nanoTime();
            Coalition.Member m = c.members.get(from);
            String item = c.file(from, k, Coalition.OPERATIONS);
            var id = m.federation().releases().release(m.officer(), item, to, Coalition.OPERATIONS,
                    io.liaison.core.agreement.AgreementId.of(c.catalog.bilateralId(from, to))).envelope().orElseThrow();
            while (m.federation().outbox().receipt(id).isEmpty()) {
                m.federation().deliverNow();
            }
            return System.nanoTime() - t;
        }
    }

    /** What the members' outboxes and inboxes hold after the run. */
    private record Report(long delivered, long relayed, long lastReceiptMillis, long[] latencies, long foundOnce,
            long missing, long extra) {
        /** Latencies of the releases queued from {@code since} on (the traffic's, not the baseline's). */
        static Report of(Coalition c, long since) {
            Map<String, String> sentTo = new HashMap<>();
            List<Long> lat = new ArrayList<>();
            long last = 0;
            long relayed = 0;
            for (Coalition.Member m : c.members.values()) {
                List<Object[]> rows = m.node().database().jdbi().withHandle(h -> h.createQuery("SELECT id, peer, created_at, "
                        + "delivered_at, agreement FROM outbox WHERE type = 'RELEASE'").map((rs, ctx) -> new Object[] {
                                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4), rs.getString(5)}).list());
                for (Object[] r : rows) {
                    if (r[3] == null) {
                        continue;
                    }
                    long at = ((Number) r[3]).longValue();
                    sentTo.put((String) r[0], m.party().code() + ">" + r[1]);
                    if ((Long) r[2] >= since) {
                        lat.add(at - (Long) r[2]);
                    }
                    last = Math.max(last, at);
                    if (m.party().equals(c.hub()) && r[4].equals(c.catalog.relayId())) {
                        relayed++;
                    }
                }
            }
            long once = 0;
            long extra = 0;
            for (Coalition.Member m : c.members.values()) {
                List<String[]> got = m.node().database().jdbi().withHandle(h -> h.createQuery("SELECT envelope_id, from_party "
                        + "FROM received_items").map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list());
                for (String[] g : got) {
                    if ((g[1] + ">" + m.party().code()).equals(sentTo.get(g[0]))) {
                        once++;
                    } else {
                        extra++;
                    }
                }
            }
            long[] l = lat.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Report(sentTo.size(), relayed, last, l, once, sentTo.size() - once, extra);
        }

        String percentile(double p) {
            if (latencies.length == 0) {
                return "-";
            }
            int i = (int) Math.min(latencies.length - 1, Math.ceil(p / 100 * latencies.length) - 1);
            return Long.toString(latencies[Math.max(0, i)]);
        }
    }
}
