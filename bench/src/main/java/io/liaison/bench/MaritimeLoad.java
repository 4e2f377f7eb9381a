package io.liaison.bench;

import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.hotline.Velocity;
import io.liaison.core.maritime.Imo;
import io.liaison.core.maritime.Mmsi;
import io.liaison.core.maritime.ais.AisEncoder;
import io.liaison.core.party.Purpose;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.HotlinePair;
import io.liaison.hotline.Maritime;
import io.liaison.hotline.Tracks;
import io.liaison.node.TestNodes;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The maritime picture under load (R33): {@code vessels} vessels, each reporting its position every {@code every}
 * seconds over AIS, fed to JPN's UDP feed as NMEA sentences, fused into JPN's picture and shared on line
 * {@value HotlinePair#LINE} for sanctions enforcement; KOR marks each contact in its policy and takes it into its
 * picture. JPN and KOR are two nodes in one JVM, each with its own database, talking mutual TLS 1.3 on loopback.
 *
 * <ul>
 *   <li>Each vessel's static data (type 5, two sentences) is sent once first, then positions (type 1), the vessels
 *       spread evenly over the period's 100 ms ticks; a tick's sentences go in datagrams of up to 40 sentences.
 *   <li>Latency: KOR's wall clock when a contact is taken into its picture (its listener) minus the contact's time,
 *       which JPN's feed set when it decoded the sentence: from the feed at JPN to KOR's picture.
 *   <li>Fusion: KOR's whole picture (every vessel fused, with its indications) asked once a second by its duty
 *       officer, timed.
 *   <li>Baseline, in the same run: live missile tracks at the same update rate ({@code vessels / every} updates a
 *       second as 1,000 tracks), published at JPN with {@code Tracks.publish} and consumed at KOR, timed the same
 *       way; the report gives the ratio.
 * </ul>
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java --enable-native-access=ALL-UNNAMED -Xmx3g
 * -cp bench/target/benchmarks.jar io.liaison.bench.MaritimeLoad h2 10000 10 30} (arguments: h2|postgresql, vessels,
 * seconds between a vessel's reports, measured seconds).
 */
public final class MaritimeLoad {
    private static final String LEVEL = "秘";
    private static final Objectives OBJECTIVES = Objectives.parse("FLASH=1h,IMMEDIATE=1h,PRIORITY=3h,ROUTINE=6h");
    private static final long TICK_NANOS = 100_000_000L;

    private MaritimeLoad() {}

    public static void main(String[] args) throws Exception {
        TestNodes.Db db = TestNodes.Db.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "H2");
        int vessels = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int ticksPerPeriod = every * 10;
        long[] maritime;
        long[] fusion;
        long[] tracks;
        long sent;
        long taken;
        String cpu;
        try (HotlinePair p = new HotlinePair(db, db, java.time.Clock.systemUTC(), new Hotline.Options(Duration.ZERO,
                Duration.ZERO), false, OBJECTIVES, 8)) {
            int port = p.jh.aisFeeds().udp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), LEVEL);
            Fleet fleet = new Fleet(vessels);
            Window window = new Window();
            p.kh.maritime().onTaken(held -> window.note(held.stream().map(h -> h.contact().time()).toList()));
            p.jh.maritimeShares().share(p.sato, HotlinePair.LINE, Purpose.of("DPRK sanctions enforcement"), LEVEL);
            try (DatagramSocket out = new DatagramSocket()) {
                Sender sender = new Sender(out, port);
                for (int i = 0; i < vessels; i++) {
                    sender.addAll(fleet.staticData(i));
                }
                sender.flush();
                long warm = System.nanoTime() + Math.max(5, every) * 1_000_000_000L;
                run(fleet, sender, ticksPerPeriod, warm);
                Stats.Cpu c0 = Stats.Cpu.now();
                window.open();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                List<Long> fusionNanos = new ArrayList<>();
                Thread asker = Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        long f0 = System.nanoTime();
                        p.kh.maritime().picture(p.kim, Optional.empty());
                        fusionNanos.add(System.nanoTime() - f0);
                        LockSupport.parkNanos(1_000_000_000L);
                    }
                });
                sent = run(fleet, sender, ticksPerPeriod, end);
                asker.join();
                Thread.sleep(2_000);
                window.close();
                cpu = Stats.Cpu.now().since(c0);
                fusion = Stats.sorted(fusionNanos.stream().mapToLong(Long::longValue).toArray());
            }
            maritime = window.sorted();
            taken = maritime.length;
            tracks = trackBaseline(p, Math.max(1, vessels / every), seconds);
        }
        System.out.printf("MaritimeLoad db=%s vessels=%d every=%d s (%d positions/s) seconds=%d%n", db, vessels, every,
                vessels / every, seconds);
        System.out.printf("  sent over UDP in the window: %d position sentences = %s/s; taken into KOR's picture while "
                + "the window was open: %d (a position sent just before it may arrive in it; a vessel's older position "
                + "still queued when a newer one comes is replaced)%n", sent, Stats.f(sent / (double) seconds), taken);
        Stats.row("feed at JPN -> KOR's picture", maritime);
        Stats.row("KOR's whole picture fused (" + vessels + " vessels), once a second", fusion);
        Stats.row("baseline: missile tracks at the same rate, publish -> KOR's consumer", tracks);
        System.out.printf("  ratio maritime / tracks: p50 %s×, p99 %s×%n", Stats.two(Stats.percentile(maritime, 50)
                / Stats.percentile(tracks, 50)), Stats.two(Stats.percentile(maritime, 99) / Stats.percentile(tracks, 99)));
        System.out.printf("  CPU over the window: %s%n", cpu);
        System.out.printf("  heap after a collection: %s MiB%n", Stats.f(Stats.heapAfterGcMiB()));
    }

    /** Sends positions tick by tick until {@code end}; returns how many. */
    private static long run(Fleet fleet, Sender sender, int ticksPerPeriod, long end) throws Exception {
        long start = System.nanoTime();
        long n = 0;
        for (long k = 0; System.nanoTime() < end; k++) {
            long wait = start + k * TICK_NANOS - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int phase = (int) (k % ticksPerPeriod);
            double s = (System.nanoTime() - start) / 1e9;
            for (int i = phase; i < fleet.size(); i += ticksPerPeriod) {
                sender.add(fleet.position(i, s));
                n++;
            }
            sender.flush();
        }
        return n;
    }

    /** Tracks at {@code rate} updates a second (1,000 tracks), for {@code seconds}: the hotline's figure to compare. */
    private static long[] trackBaseline(HotlinePair p, int rate, int seconds) throws Exception {
        int n = 1_000;
        double hz = rate / (double) n;
        Random r = new Random(7);
        GeoPoint[] launch = new GeoPoint[n];
        for (int i = 0; i < n; i++) {
            launch[i] = new GeoPoint(38.5 + r.nextDouble() * 2, 124.5 + r.nextDouble() * 4, 0);
        }
        Velocity v = new Velocity(300, 1_500, 400);
        ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
        try (Tracks.Feed feed = p.kh.tracks().subscribe(HotlinePair.LINE, h -> true)) {
            long stopAt = System.nanoTime() + (seconds + 2) * 1_000_000_000L;
            Thread consumer = Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < stopAt) {
                        List<Tracks.Held> got = feed.take(100);
                        Instant now = Instant.now();
                        for (Tracks.Held h : got) {
                            lat.add(Duration.between(h.update().time(), now).toNanos());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            List<TrackUpdate> first = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                first.add(update(i, launch[i], v, Instant.now()));
            }
            p.jh.tracks().publish(p.sato, HotlinePair.LINE, first);
            Thread.sleep(3_000);
            lat.clear();
            int ticksPerPeriod = (int) Math.max(1, Math.round(10 / hz));
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            for (long k = 0; System.nanoTime() < end; k++) {
                long wait = start + k * TICK_NANOS - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                List<TrackUpdate> batch = new ArrayList<>();
                Instant at = Instant.now();
                for (int i = (int) (k % ticksPerPeriod); i < n; i += ticksPerPeriod) {
                    batch.add(update(i, launch[i], v, at));
                }
                if (!batch.isEmpty()) {
                    p.jh.tracks().publish(p.sato, HotlinePair.LINE, batch);
                }
            }
            consumer.join();
        }
        return Stats.sorted(lat.stream().mapToLong(Long::longValue).toArray());
    }

    private static TrackUpdate update(int i, GeoPoint launch, Velocity v, Instant at) {
        return new TrackUpdate(String.format(Locale.ROOT, "T-%04d", i), at, launch.moved(v, 60), v, launch,
                launch.moved(new Velocity(300, 1_500, 0), 400), 10_000, "FPS-5 (Sado)", 0.9, LEVEL);
    }

    /** The vessels: MMSIs of many flags, positions in the seas around Korea and Japan, a course and speed each. */
    private static final class Fleet {
        private final Mmsi[] mmsi;
        private final double[] lat;
        private final double[] lon;
        private final double[] course;
        private final double[] speed;

        Fleet(int n) {
            Random r = new Random(42);
            int[] mids = {431, 440, 445, 412, 477, 351, 636, 538, 667, 514, 366, 273};
            mmsi = new Mmsi[n];
            lat = new double[n];
            lon = new double[n];
            course = new double[n];
            speed = new double[n];
            for (int i = 0; i < n; i++) {
                mmsi[i] = new Mmsi(mids[i % mids.length] * 1_000_000 + i);
                lat[i] = 28 + r.nextDouble() * 14;
                lon[i] = 120 + r.nextDouble() * 16;
                course[i] = r.nextDouble() * 359;
                speed[i] = r.nextDouble() * 20;
            }
        }

        int size() {
            return mmsi.length;
        }

        List<String> staticData(int i) {
            return AisEncoder.staticData(mmsi[i], i % 3 == 0 ? Optional.of(imo(i)) : Optional.empty(),
                    String.format(Locale.ROOT, "V%05d", i), String.format(Locale.ROOT, "VESSEL %05d", i), 70, "BUSAN",
                    i % 10);
        }

        /** A valid IMO number from {@code i}: six digits and their check digit. */
        private static Imo imo(int i) {
            int six = 900_000 + i % 100_000;
            int sum = 0;
            int rest = six;
            for (int w = 2; w <= 7; w++) {
                sum += rest % 10 * w;
                rest /= 10;
            }
            return new Imo(six * 10 + sum % 10);
        }

        String position(int i, double s) {
            double d = speed[i] * 1852 / 3600 * (s % 3600);
            GeoPoint at = new GeoPoint(lat[i], lon[i], 0).moved(new Velocity(d == 0 ? 0 : speed[i] * 0.514
                    * Math.cos(Math.toRadians(course[i])), speed[i] * 0.514 * Math.sin(Math.toRadians(course[i])), 0),
                    s % 3600);
            return AisEncoder.position(mmsi[i], at.latitude(), at.longitude(), Optional.of(Math.min(102.2,
                    Math.round(speed[i] * 10) / 10.0)), Optional.of(Math.round(course[i] * 10) / 10.0), 0,
                    (int) (s % 60));
        }
    }

    /** Sends sentences in datagrams of at most 40 lines. */
    private static final class Sender {
        private final DatagramSocket socket;
        private final int port;
        private final StringBuilder pending = new StringBuilder();
        private int lines;

        Sender(DatagramSocket socket, int port) {
            this.socket = socket;
            this.port = port;
        }

        void addAll(List<String> sentences) throws Exception {
            for (String s : sentences) {
                add(s);
            }
        }

        void add(String sentence) throws Exception {
            pending.append(sentence).append("\r\n");
            if (++lines == 40) {
                flush();
            }
        }

        void flush() throws Exception {
            if (lines > 0) {
                byte[] b = pending.toString().getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
                pending.setLength(0);
                lines = 0;
            }
        }
    }

    /** KOR's latencies for contacts taken while the window is open. */
    private static final class Window {
        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        private volatile boolean open;

        void open() {
            open = true;
        }

        void close() {
            open = false;
        }

        void note(List<Instant> times) {
            if (open) {
                Instant now = Instant.now();
                for (Instant t : times) {
                    nanos.add(Duration.between(t, now).toNanos());
                }
            }
        }

        long[] sorted() {
            return Stats.sorted(nanos.stream().mapToLong(Long::longValue).toArray());
        }
    }
}
