package io.liaison.bench;

import io.liaison.catalog.json.Json;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.HotlinePair;
import io.liaison.hotline.HotlineEvent;
import io.liaison.hotline.Tracks;
import io.liaison.node.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Live missile tracks between two nodes: {@code tracks} tracks updated {@code hz} times a second each, published at
 * JPN on line {@value HotlinePair#LINE} and consumed at KOR through {@code Tracks.subscribe} by a thread calling
 * {@code Feed.take}. JPN and KOR are two nodes in one JVM, each with its own database, talking mutual TLS 1.3 on
 * loopback (see {@link HotlinePair}).
 *
 * <ul>
 *   <li>Every tick ({@code tick} ms) the publisher publishes the tracks due, in one {@code Tracks.publish} call,
 *       each update's {@code time} the instant of publishing; each track is due once per period ({@code 1000/hz}
 *       ms), the tracks spread evenly over the period's ticks.
 *   <li>The first update of each track is a new launch, announced by a FLASH message on the line: that start (the
 *       {@code tracks} FLASH messages and their delivery) is timed on its own, then {@code warmUp} seconds at the
 *       full rate, then the measured {@code seconds}.
 *   <li>Latency: the consumer's wall clock when {@code take} returned, minus the update's {@code time}, for the
 *       updates published in the measured window. Updates never received were conflated (a newer one of the same
 *       track replaced them on the way: at JPN's outbound queue, or in the consumer's feed).
 *   <li>CPU: this process's CPU time over the window (both nodes, the publisher and the consumer), in cores busy;
 *       the other processes of the machine too, as a noise figure. Heap: the pools' peak over the window, and the
 *       heap in use after a collection at its end.
 *   <li>Floor: raw NATS pub/sub on loopback ({@code nats://127.0.0.1:4222}, skipped if unreachable) at the same
 *       rate, once with one message per tick the size of the hotline's sealed batch, once with one message per
 *       update (its JSON).
 * </ul>
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java --enable-native-access=ALL-UNNAMED -Xmx2g
 * -cp bench/target/benchmarks.jar io.liaison.bench.TrackLoad h2 1000 10 30 100 10} (arguments: h2|postgresql,
 * tracks, updates per second per track, measured seconds, tick in ms, warm-up seconds).
 */
public final class TrackLoad {
    private static final String LEVEL = "秘";
    private static final Objectives OBJECTIVES = Objectives.parse("FLASH=1h,IMMEDIATE=1h,PRIORITY=3h,ROUTINE=6h");

    private TrackLoad() {}

    public static void main(String[] args) throws Exception {
        TestNodes.Db db = TestNodes.Db.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "H2");
        int tracks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int hz = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int tickMs = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int warmUp = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        int ticksPerPeriod = Math.max(1, Math.round(1000f / hz / tickMs));
        long tickNanos = tickMs * 1_000_000L;
        int perTick = (tracks + ticksPerPeriod - 1) / ticksPerPeriod;

        Publisher publisher;
        Consumer consumer;
        double startSeconds;
        double flashSeconds;
        Window w;
        long feedConflated;
        double heapPeak;
        double heapAfter;
        byte[] batchEnvelope;
        byte[] oneUpdate;
        try (HotlinePair p = new HotlinePair(db, db, java.time.Clock.systemUTC(), new Hotline.Options(Duration.ZERO,
                Duration.ZERO), false, OBJECTIVES, 8)) {
            AtomicLong flashes = new AtomicLong();
            p.jh.events().subscribe(e -> {
                if (e instanceof HotlineEvent.ReceiptEvent r && r.kind().equals("DELIVERED")) {
                    flashes.incrementAndGet();
                }
            });
            Tracks.Feed feed = p.kh.tracks().subscribe(HotlinePair.LINE, h -> true);
            consumer = new Consumer(feed, tracks * (long) hz * seconds);
            Thread consuming = Thread.ofPlatform().name("track-consumer").start(consumer::run);
            publisher = new Publisher(p, tracks, ticksPerPeriod);

            // New launches: the first update of every track, each announced by a FLASH message.
            long s0 = System.nanoTime();
            publisher.publishAll();
            startSeconds = (System.nanoTime() - s0) / 1e9;
            long end = System.nanoTime() + 300_000_000_000L;
            while (flashes.get() < tracks && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            flashSeconds = (System.nanoTime() - s0) / 1e9;

            publisher.run(warmUp * 1_000_000_000L, tickNanos);

            Stats.resetPeaks();
            long conflated0 = feed.conflated();
            long received0 = consumer.received();
            Stats.Cpu c0 = Stats.Cpu.now();
            Instant from = Instant.now();
            consumer.window(from, Instant.MAX);
            Publisher.Run run = publisher.run(seconds * 1_000_000_000L, tickNanos);
            Instant to = Instant.now();
            consumer.window(from, to);
            Stats.Cpu c1 = Stats.Cpu.now();
            Thread.sleep(2_000); // the window's last updates arrive
            heapPeak = Stats.heapPeakMiB();
            w = new Window(run, Duration.between(from, to).toNanos() / 1e9, c1.since(c0), c1.cores(c0),
                    consumer.received() - received0);
            feedConflated = feed.conflated() - conflated0;
            consumer.stop();
            consuming.join();
            heapAfter = Stats.heapAfterGcMiB();

            List<TrackUpdate> batch = publisher.updates(0, Instant.now());
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("line", HotlinePair.LINE);
            wire.put("updates", batch);
            batchEnvelope = p.jf.sealer().seal(EnvelopeType.TRACK_UPDATES, HotlinePair.KOR, HotlinePair.GSOMIA,
                    Json.compactBytes(wire)).toWire();
            oneUpdate = Json.compactBytes(batch.getFirst());
        }

        long[] lat = consumer.latencies();
        long windowPublished = w.run().published();
        long windowReceived = lat.length;
        System.out.printf("TrackLoad db=%s tracks=%d hz=%d seconds=%d tick=%d ms (%d updates a tick) warm-up=%d s%n", db,
                tracks, hz, seconds, tickMs, perTick, warmUp);
        System.out.printf("  start: %d new tracks published in %s s (each recorded, audited and announced by FLASH); "
                + "the %d FLASH delivered %s s after the start%n", tracks, Stats.f(startSeconds), tracks,
                Stats.f(flashSeconds));
        System.out.printf("  published in the window: %d updates in %s s = %s/s (target %d/s); %d of %d ticks late by "
                + "more than a tick; publish call p50 %s ms, p99 %s ms%n", windowPublished, Stats.f(w.seconds()),
                Stats.f(windowPublished / w.seconds()), tracks * hz, w.run().late(), w.run().ticks(),
                Stats.f(Stats.percentile(w.run().callNanos(), 50)), Stats.f(Stats.percentile(w.run().callNanos(), 99)));
        System.out.printf("  received at KOR's consumer: %d of them = %s/s sustained; %d conflated on the way (%d in the "
                + "consumer's feed); %s takes, %s updates per take%n", windowReceived,
                Stats.f(windowReceived / w.seconds()), windowPublished - windowReceived, feedConflated,
                consumer.takes(), Stats.f(consumer.received() / (double) Math.max(1, consumer.takes())));
        Stats.row("latency publish -> consumer (wall clock)", lat);
        System.out.printf("  CPU over the window: %s%n", w.cpu());
        System.out.printf("  heap: peak over the window %s MiB (sum of the pools' peaks), %s MiB after a collection "
                + "(-Xmx %s MiB)%n", Stats.f(heapPeak), Stats.f(heapAfter),
                Stats.f(Runtime.getRuntime().maxMemory() / 1048576.0));
        double p99 = Stats.percentile(lat, 99);
        boolean sustained = windowReceived >= 0.99 * windowPublished && windowPublished >= 0.99 * tracks * hz * w.seconds();
        System.out.printf("  goal %d updates/s sustained with p99 under 100 ms: %s (%s/s received, p99 %s ms)%n",
                tracks * hz, sustained && p99 < 100 ? "MET" : "NOT MET", Stats.f(windowReceived / w.seconds()),
                Stats.f(p99));

        Optional<NatsFloor> nats = NatsFloor.connect(NatsFloor.URL);
        if (nats.isPresent()) {
            int natsSeconds = Math.min(seconds, 15);
            int ticks = (int) (natsSeconds * 1_000_000_000L / tickNanos);
            try (NatsFloor n = nats.get()) {
                System.out.printf("  NATS %s floor, %d s each:%n", n.server(), natsSeconds);
                if (batchEnvelope.length <= n.maxPayload()) {
                    n.run(batchEnvelope, Math.min(ticks, 50), 1, tickNanos, null, 0); // warm-up
                    NatsFloor.Result batched = n.run(batchEnvelope, ticks, 1, tickNanos, null, 0);
                    Stats.row("NATS, one " + batchEnvelope.length + "-byte message a tick (the sealed batch of " + perTick
                            + " updates)" + miss(batched), batched.sortedNanos());
                    System.out.printf("  ratio hotline / NATS against the batch: p50 %s×, p99 %s×%n",
                            Stats.two(Stats.percentile(lat, 50) / Stats.percentile(batched.sortedNanos(), 50)),
                            Stats.two(Stats.percentile(lat, 99) / Stats.percentile(batched.sortedNanos(), 99)));
                } else {
                    System.out.printf("  the sealed batch (%d bytes) is over the server's max_payload (%d): batch floor "
                            + "skipped%n", batchEnvelope.length, n.maxPayload());
                }
                n.run(oneUpdate, Math.min(ticks, 50), perTick, tickNanos, null, 0); // warm-up
                NatsFloor.Result single = n.run(oneUpdate, ticks, perTick, tickNanos, null, 0);
                Stats.row("NATS, one " + oneUpdate.length + "-byte message per update, " + perTick + " a tick" + miss(single),
                        single.sortedNanos());
                System.out.printf("  ratio hotline / NATS against per-update messages: p50 %s×, p99 %s×%n",
                        Stats.two(Stats.percentile(lat, 50) / Stats.percentile(single.sortedNanos(), 50)),
                        Stats.two(Stats.percentile(lat, 99) / Stats.percentile(single.sortedNanos(), 99)));
            }
        }
    }

    private static String miss(NatsFloor.Result r) {
        return r.missing() > 0 ? ", " + r.missing() + " lost" : "";
    }

    private record Window(Publisher.Run run, double seconds, String cpu, double cores, long received) {}

    /** Publishes updates of the tracks at JPN, tick by tick. */
    private static final class Publisher {
        private final HotlinePair p;
        private final int tracks;
        private final int ticksPerPeriod;
        private final Flights flights;
        private final long t0 = System.nanoTime();
        private long tick;

        Publisher(HotlinePair p, int tracks, int ticksPerPeriod) {
            this.p = p;
            this.tracks = tracks;
            this.ticksPerPeriod = ticksPerPeriod;
            this.flights = new Flights(tracks);
        }

        /** The updates of the tracks due at tick {@code k}, observed at {@code at}. */
        List<TrackUpdate> updates(long k, Instant at) {
            int phase = (int) (k % ticksPerPeriod);
            double s = (System.nanoTime() - t0) / 1e9;
            List<TrackUpdate> out = new ArrayList<>();
            for (int i = phase; i < tracks; i += ticksPerPeriod) {
                out.add(update(i, at, s));
            }
            return out;
        }

        private TrackUpdate update(int i, Instant at, double s) {
            return flights.update(i, at, s, LEVEL);
        }

        void publishAll() {
            Instant at = Instant.now();
            double s = (System.nanoTime() - t0) / 1e9;
            List<TrackUpdate> all = new ArrayList<>();
            for (int i = 0; i < tracks; i++) {
                all.add(update(i, at, s));
            }
            for (int i = 0; i < all.size(); i += 1_000) {
                p.jh.tracks().publish(p.sato, HotlinePair.LINE, all.subList(i, Math.min(all.size(), i + 1_000)));
            }
        }

        record Run(long published, int ticks, int late, long[] callNanos) {}

        /** Publishes tick after tick for {@code nanos}; a tick that falls behind is published at once, not skipped. */
        Run run(long nanos, long tickNanos) {
            long start = System.nanoTime();
            int ticks = (int) (nanos / tickNanos);
            long[] calls = new long[ticks];
            long published = 0;
            int late = 0;
            for (int k = 0; k < ticks; k++) {
                long target = start + k * tickNanos;
                long wait = target - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (-wait > tickNanos) {
                    late++;
                }
                long c = System.nanoTime();
                List<TrackUpdate> batch = updates(tick++, Instant.now());
                for (int i = 0; i < batch.size(); i += 1_000) { // a publish call takes at most 2,000
                    p.jh.tracks().publish(p.sato, HotlinePair.LINE, batch.subList(i, Math.min(batch.size(), i + 1_000)));
                }
                calls[k] = System.nanoTime() - c;
                published += batch.size();
            }
            return new Run(published, ticks, late, Stats.sorted(calls));
        }
    }

    /** KOR's consumer: takes from the feed and notes each update's latency. */
    private static final class Consumer {
        private final Tracks.Feed feed;
        private long[] samples;
        private int n;
        private volatile long from = Long.MAX_VALUE;
        private volatile long to = Long.MAX_VALUE;
        private volatile boolean running = true;
        private volatile long received;
        private volatile long takes;

        Consumer(Tracks.Feed feed, long expected) {
            this.feed = feed;
            this.samples = new long[(int) Math.min(Integer.MAX_VALUE - 8, expected + expected / 4 + 1_024)];
        }

        void window(Instant from, Instant to) {
            this.to = nanos(to);
            this.from = nanos(from);
        }

        private static long nanos(Instant i) {
            return i.equals(Instant.MAX) ? Long.MAX_VALUE : i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }

        void run() {
            try {
                while (running) {
                    List<Tracks.Held> got = feed.take(100);
                    if (got.isEmpty()) {
                        continue;
                    }
                    long now = nanos(Instant.now());
                    long f = from;
                    long t = to;
                    for (Tracks.Held h : got) {
                        long at = nanos(h.update().time());
                        if (at >= f && at < t) {
                            if (n == samples.length) {
                                samples = Arrays.copyOf(samples, samples.length * 2);
                            }
                            samples[n++] = now - at;
                        }
                    }
                    received += got.size();
                    takes++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long received() {
            return received;
        }

        long takes() {
            return takes;
        }

        void stop() {
            running = false;
        }

        /** Sorted, once the consumer has stopped. */
        long[] latencies() {
            return Stats.sorted(Arrays.copyOf(samples, n));
        }
    }
}
