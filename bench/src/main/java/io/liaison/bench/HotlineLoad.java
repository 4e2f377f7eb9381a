package io.liaison.bench;

import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.Precedence;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.HotlineEvent;
import io.liaison.hotline.HotlinePair;
import io.liaison.node.TestNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * FLASH latency on a hotline line whose other end is a slow consumer with a large ROUTINE backlog queued to it.
 * JPN and KOR are two nodes in one JVM, each with its own database, talking mutual TLS 1.3 on loopback
 * ({@link HotlinePair}, from the hotline tests); KOR's hotline pauses {@code pacing} ms per message received, so
 * ROUTINE drains at a few hundred messages a second. In order:
 *
 * <ol>
 *   <li><b>warm-up</b>: ROUTINE messages sent and drained, then a series of FLASH messages, so that the measured
 *       phases find the send, delivery and receipt paths compiled;
 *   <li><b>baseline</b>: FLASH messages, one every {@code every} ms, with nothing else queued;
 *   <li><b>backlog</b>: {@code routine} ROUTINE messages sent through {@link Hotline#send} as fast as
 *       {@code senders} threads can (the enqueue rate is reported; KOR drains meanwhile);
 *   <li><b>FLASH under backlog</b>: the same FLASH series while the backlog drains, with the ROUTINE messages still
 *       queued at each FLASH's sending;
 *   <li><b>floor</b>: raw NATS pub/sub on loopback ({@code nats://127.0.0.1:4222}, skipped if unreachable) with the
 *       FLASH envelope's size at the same pace, idle and beside a stream of ROUTINE-sized envelopes at the rate
 *       ROUTINE drained during step 4.
 * </ol>
 *
 * A FLASH's latency runs from just before {@code Hotline.send} to JPN's {@code DELIVERED} receipt event for it
 * (KOR's signed delivery receipt verified and recorded), both on {@link System#nanoTime()}; the time until KOR
 * stored it (its {@code message} event) is reported too, and, as a cross-check, {@code delivered_at - sent_at}
 * from JPN's table (ms, node clock). Line objectives are set to hours so no escalation alarm fires during a run.
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java --enable-native-access=ALL-UNNAMED -Xmx2g
 * -cp bench/target/benchmarks.jar io.liaison.bench.HotlineLoad h2 100000 200 50 2 2} (arguments: h2|postgresql,
 * ROUTINE messages in the backlog, FLASH messages per series, ms between FLASH messages, KOR's pacing in ms per
 * message received, threads sending the backlog). With {@code -Dbench.dump=FILE}, one line per FLASH is appended
 * to FILE (JVM uptime at sending, to match {@code -Xlog:gc::uptime}; its latencies; the ROUTINE queued), to line
 * outliers up with collector pauses.
 */
public final class HotlineLoad {
    private static final String ROUTINE_LEVEL = "秘";
    private static final String FLASH_LEVEL = "極秘";
    private static final Objectives OBJECTIVES = Objectives.parse("FLASH=1h,IMMEDIATE=1h,PRIORITY=3h,ROUTINE=6h");
    private static final String ROUTINE_TEXT = "Daily situation report: no change at Sohae; routine activity at Sinpo "
            + "shipyard; coastal radar maintenance window 0200-0400 KST as agreed; liaison officers' call moved to "
            + "Thursday 1000 JST. ";
    private static final String FLASH_TEXT = "LAUNCH detected 38.99N 127.61E, two objects, heading east; predicted "
            + "impact 40.10N 138.60E ±25 km; confirm tracking and acknowledge.";

    private HotlineLoad() {}

    /** FLASH ids of a series, measured. */
    private record Series(long[] latency, long[] stored, long[] sendCall, long[] backlog, int undelivered,
            long routineDelivered, double seconds, List<String> ids, String cpu) {}

    public static void main(String[] args) throws Exception {
        TestNodes.Db db = TestNodes.Db.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "H2");
        int routine = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int flashes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int everyMs = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int pacingMs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int senders = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        int warmRoutine = Math.max(500, Math.min(3_000, routine / 20));
        long every = everyMs * 1_000_000L;

        Map<String, Long> delivered = new ConcurrentHashMap<>();
        Map<String, Long> stored = new ConcurrentHashMap<>();
        AtomicLong routineSent = new AtomicLong();
        AtomicLong routineDelivered = new AtomicLong();
        Series warm;
        Series base;
        Series load;
        double warmDrain;
        double enqueueRate;
        double enqueueSeconds;
        long deliveredWhileQueueing;
        String cpuWhileQueueing;
        long[] dbLatency;
        byte[] flashEnvelope;
        byte[] routineEnvelope;
        int flashBody;
        long leftAtEnd;
        try (HotlinePair p = new HotlinePair(db, db, java.time.Clock.systemUTC(), new Hotline.Options(Duration.ZERO,
                Duration.ofMillis(pacingMs)), false, OBJECTIVES, 8)) {
            p.jh.events().subscribe(e -> {
                if (e instanceof HotlineEvent.ReceiptEvent r && r.kind().equals("DELIVERED")) {
                    if (FLASH_LEVEL.equals(r.classification())) {
                        delivered.put(r.message(), System.nanoTime());
                    } else {
                        routineDelivered.incrementAndGet();
                    }
                }
            });
            p.kh.events().subscribe(e -> {
                if (e instanceof HotlineEvent.MessageEvent m && !m.message().outgoing()
                        && m.message().precedence() == Precedence.FLASH) {
                    stored.put(m.message().id(), System.nanoTime());
                }
            });

            // Warm-up: ROUTINE through the slow consumer, then a FLASH series.
            long w0 = System.nanoTime();
            sendRoutine(p, warmRoutine, 1, routineSent);
            awaitRoutine(routineDelivered, routineSent.get(), 120);
            warmDrain = warmRoutine / ((System.nanoTime() - w0) / 1e9);
            warm = flashSeries(p, flashes, every, delivered, stored, routineSent, routineDelivered);

            // Baseline: FLASH with nothing else queued.
            base = flashSeries(p, flashes, every, delivered, stored, routineSent, routineDelivered);

            // The backlog, sent as fast as the senders go while KOR drains it.
            long d0 = routineDelivered.get();
            Stats.Cpu c0 = Stats.Cpu.now();
            long q0 = System.nanoTime();
            sendRoutine(p, routine, senders, routineSent);
            long q1 = System.nanoTime();
            enqueueSeconds = (q1 - q0) / 1e9;
            enqueueRate = routine / enqueueSeconds;
            cpuWhileQueueing = Stats.Cpu.now().since(c0);
            deliveredWhileQueueing = routineDelivered.get() - d0;

            // FLASH while the backlog drains.
            load = flashSeries(p, flashes, every, delivered, stored, routineSent, routineDelivered);
            leftAtEnd = routineSent.get() - routineDelivered.get();

            List<String> ids = load.ids();
            dbLatency = Stats.sorted(p.jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT delivered_at - sent_at "
                    + "FROM hotline_messages WHERE id IN (<ids>) AND delivered_at IS NOT NULL").bindList("ids", ids)
                    .mapTo(Long.class).list()).stream().mapToLong(v -> v * 1_000_000L).toArray());
            byte[] flashJson = body(p, ids.getFirst());
            flashBody = flashJson.length;
            String aRoutine = p.jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM hotline_messages "
                    + "WHERE precedence = :p ORDER BY seq DESC LIMIT 1").bind("p", Precedence.ROUTINE.rank())
                    .mapTo(String.class).one());
            flashEnvelope = p.jf.sealer().seal(EnvelopeType.HOTLINE_MESSAGE, HotlinePair.KOR, HotlinePair.GSOMIA, flashJson)
                    .toWire();
            routineEnvelope = p.jf.sealer().seal(EnvelopeType.HOTLINE_MESSAGE, HotlinePair.KOR, HotlinePair.GSOMIA,
                    body(p, aRoutine)).toWire();
        }

        double loadDrain = load.routineDelivered() / load.seconds();
        System.out.printf("HotlineLoad db=%s routine=%d flashes=%d every=%d ms pacing=%d ms senders=%d%n", db, routine,
                flashes, everyMs, pacingMs, senders);
        System.out.printf("  warm-up: %d ROUTINE drained at %s/s through KOR's pacing; %d FLASH (p99 %s ms)%n", warmRoutine,
                Stats.f(warmDrain), flashes, Stats.f(Stats.percentile(warm.latency(), 99)));
        System.out.printf("  backlog: %d ROUTINE sent in %s s by %d thread(s): %s/s through Hotline.send (%s); "
                + "%d delivered meanwhile%n", routine, Stats.f(enqueueSeconds), senders, Stats.f(enqueueRate),
                cpuWhileQueueing, deliveredWhileQueueing);
        System.out.printf("  CPU during the FLASH series: baseline %s; under the backlog %s%n", base.cpu(), load.cpu());
        System.out.printf("  ROUTINE drained at %s/s during the FLASH series; %d still queued at the end%n",
                Stats.f(loadDrain), leftAtEnd);
        long[] b = Stats.sorted(load.backlog());
        System.out.printf("  ROUTINE queued at each FLASH's sending: first %d, last %d, min %d, median %d, max %d%n",
                load.backlog()[0], load.backlog()[load.backlog().length - 1], b[0], b[b.length / 2], b[b.length - 1]);
        Stats.row("FLASH send -> DELIVERED receipt, no backlog (baseline)", base.latency(), base.undelivered());
        Stats.row("FLASH send -> DELIVERED receipt, under the backlog", load.latency(), load.undelivered());
        Stats.row("FLASH send -> stored at KOR, no backlog", base.stored(), 0);
        Stats.row("FLASH send -> stored at KOR, under the backlog", load.stored(), 0);
        Stats.row("Hotline.send call alone (store, audit), under the backlog", load.sendCall(), 0);
        Stats.row("cross-check, JPN table delivered_at - sent_at (ms clock), under the backlog", dbLatency, 0);
        System.out.printf("  ratio under backlog / baseline: p50 %s×, p99 %s×%n",
                Stats.two(Stats.percentile(load.latency(), 50) / Stats.percentile(base.latency(), 50)),
                Stats.two(Stats.percentile(load.latency(), 99) / Stats.percentile(base.latency(), 99)));
        double p99 = Stats.percentile(load.latency(), 99);
        System.out.printf("  goal FLASH p99 under 50 ms whatever the backlog: %s (%s ms)%n", p99 < 50 ? "MET" : "NOT MET",
                Stats.f(p99));

        Optional<NatsFloor> nats = NatsFloor.connect(NatsFloor.URL);
        if (nats.isPresent()) {
            try (NatsFloor n = nats.get()) {
                n.run(flashEnvelope, flashes, 1, every, null, 0); // warm-up
                NatsFloor.Result idle = n.run(flashEnvelope, flashes, 1, every, null, 0);
                NatsFloor.Result busy = n.run(flashEnvelope, flashes, 1, every, routineEnvelope, loadDrain);
                System.out.printf("  NATS %s floor, %d-byte payload (the FLASH's sealed envelope; its body is %d bytes), "
                        + "one every %d ms:%n", n.server(), flashEnvelope.length, flashBody, everyMs);
                Stats.row("NATS pub -> sub, idle", idle.sortedNanos(), idle.missing());
                Stats.row("NATS pub -> sub, beside " + Stats.f(loadDrain) + "/s of " + routineEnvelope.length + "-byte ROUTINE",
                        busy.sortedNanos(), busy.missing());
                System.out.printf("  ratio hotline / NATS: baseline p50 %s×, p99 %s×; under backlog p50 %s×, p99 %s×%n",
                        Stats.two(Stats.percentile(base.latency(), 50) / Stats.percentile(idle.sortedNanos(), 50)),
                        Stats.two(Stats.percentile(base.latency(), 99) / Stats.percentile(idle.sortedNanos(), 99)),
                        Stats.two(Stats.percentile(load.latency(), 50) / Stats.percentile(busy.sortedNanos(), 50)),
                        Stats.two(Stats.percentile(load.latency(), 99) / Stats.percentile(busy.sortedNanos(), 99)));
            }
        }
    }

    private static byte[] body(HotlinePair p, String id) {
        return p.jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT body FROM hotline_messages WHERE id = :id")
                .bind("id", id).mapTo(byte[].class).one());
    }

    private static io.liaison.hotline.Messages.Outgoing msg(Precedence p, String classification, String text) {
        return new io.liaison.hotline.Messages.Outgoing(HotlinePair.LINE, p, classification, text, List.of(), Optional.empty());
    }

    /** Sends {@code count} ROUTINE messages from {@code threads} threads, as fast as they go. */
    private static void sendRoutine(HotlinePair p, int count, int threads, AtomicLong sent) throws InterruptedException {
        AtomicInteger at = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ts.add(Thread.ofPlatform().name("routine-" + t).start(() -> {
                for (int i = at.getAndIncrement(); i < count; i = at.getAndIncrement()) {
                    p.jh.send(p.sato, msg(Precedence.ROUTINE, ROUTINE_LEVEL, "routine " + i + ". " + ROUTINE_TEXT));
                    sent.incrementAndGet();
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
    }

    private static void awaitRoutine(AtomicLong delivered, long target, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (delivered.get() < target) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("ROUTINE not drained in " + seconds + " s: " + delivered.get() + " of "
                        + target);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Sends {@code count} FLASH messages one every {@code every} ns, noting the ROUTINE backlog at each, then waits
     * (up to a minute) for their receipts.
     */
    private static Series flashSeries(HotlinePair p, int count, long every, Map<String, Long> delivered,
            Map<String, Long> stored, AtomicLong routineSent, AtomicLong routineDelivered) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        long[] sent = new long[count];
        long[] call = new long[count];
        long[] backlog = new long[count];
        long r0 = routineDelivered.get();
        Stats.Cpu c0 = Stats.Cpu.now();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + i * every - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            backlog[i] = routineSent.get() - routineDelivered.get();
            long t = System.nanoTime();
            ids.add(p.jh.send(p.sato, msg(Precedence.FLASH, FLASH_LEVEL, "FLASH " + i + ": " + FLASH_TEXT)).id());
            call[i] = System.nanoTime() - t;
            sent[i] = t;
        }
        long end = System.nanoTime() + 60_000_000_000L;
        while (!delivered.keySet().containsAll(ids) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String cpu = Stats.Cpu.now().since(c0);
        long routineMeanwhile = routineDelivered.get() - r0;
        long[] latency = new long[count];
        long[] atKor = new long[count];
        int n = 0;
        int m = 0;
        for (int i = 0; i < count; i++) {
            Long d = delivered.get(ids.get(i));
            if (d != null) {
                latency[n++] = d - sent[i];
            }
            Long s = stored.get(ids.get(i));
            if (s != null) {
                atKor[m++] = s - sent[i];
            }
        }
        String dump = System.getProperty("bench.dump");
        if (dump != null) {
            // One line per FLASH: JVM uptime at sending (ms, to match -Xlog:gc::uptime), then send -> DELIVERED,
            // send -> stored at KOR and the send call itself (ms), and the ROUTINE queued at its sending.
            long up0 = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            long n0 = System.nanoTime();
            try (var w = new java.io.PrintWriter(new java.io.FileWriter(dump, true))) {
                for (int i = 0; i < count; i++) {
                    Long d = delivered.get(ids.get(i));
                    Long s = stored.get(ids.get(i));
                    w.printf(Locale.ROOT, "%.1f %.2f %.2f %.2f %d%n", up0 - (n0 - sent[i]) / 1e6,
                            d == null ? -1 : (d - sent[i]) / 1e6, s == null ? -1 : (s - sent[i]) / 1e6,
                            call[i] / 1e6, backlog[i]);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new Series(Stats.sorted(Arrays.copyOf(latency, n)), Stats.sorted(Arrays.copyOf(atKor, m)),
                Stats.sorted(call), backlog, count - n, routineMeanwhile, seconds, ids, cpu);
    }
}
