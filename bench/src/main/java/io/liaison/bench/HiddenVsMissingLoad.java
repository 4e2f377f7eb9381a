package io.liaison.bench;

import io.liaison.node.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Does the time of a refused read tell that the item exists (R10: an item a user may not read answers exactly like
 * a missing one, in timing too)? One real node and its real HTTP API on loopback ({@link HiddenItemSetup}); a reader
 * cleared {@value HiddenItemSetup#READER_LEVEL} asks {@code GET /api/items/{id}} for an item at
 * {@value HiddenItemSetup#ITEM_LEVEL} (the hidden id) and for ids of the same shape that do not exist (missing ids).
 * Every answer must be 404; anything else stops the run.
 *
 * <ol>
 *   <li>Sequential pairs: after a warm-up (not counted), {@code pairs} rounds over one keep-alive HTTP/1.1
 *       connection, each round a measured pair (hidden id, missing id) and a control pair (two other missing ids),
 *       each pair in a random order and the two pairs in a random order, each request timed with
 *       {@link System#nanoTime} around {@link HttpClient#send}. Medians, p90, p99, and the Mann-Whitney U test's z
 *       (normal approximation, tie correction; positive means slower) of hidden against missing and of the control
 *       pair against each other. The goal is |z| &lt; 3 for hidden against missing; the control shows the noise.</li>
 *   <li>Under load: {@code clients} concurrent clients (platform threads, one keep-alive connection each) send
 *       one id at a time in four phases, hidden, missing, missing, hidden ({@code seconds} per id in all, so that
 *       what drifts over the run weighs on both alike), after an uncounted warm-up of both; requests/s, mean and
 *       p99 latency of each, and their ratios. The node's audit sequencer is drained
 *       between the phases, so that neither phase pays for the other's backlog.</li>
 * </ol>
 *
 * <p>Run: {@code mvn -B -q -o -Plauncher package -pl bench -am && java --enable-native-access=ALL-UNNAMED -Xmx2g
 * -cp bench/target/benchmarks.jar io.liaison.bench.HiddenVsMissingLoad h2 1000 10 16 5000} (arguments, all
 * optional, these are the defaults: h2|postgresql, pairs, seconds of load per id, concurrent clients, warm-up
 * requests). PostgreSQL means a fresh database on the local server (127.0.0.1:5432, user postgres, trust), dropped
 * afterwards. Prints a short report and exits 0 whatever |z| is.
 */
public final class HiddenVsMissingLoad {
    private static final long SEED = 20_240_601L;

    private HiddenVsMissingLoad() {}

    public static void main(String[] args) throws Exception {
        TestNodes.Db db = TestNodes.Db.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "H2");
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 5000;
        run(db, pairs, seconds, clients, warmUp);
        System.exit(0); // the HTTP clients' and the pool's threads must not keep the JVM up
    }

    private static void run(TestNodes.Db db, int pairs, int seconds, int clients, int warmUp) throws Exception {
        try (HiddenItemSetup s = HiddenItemSetup.open(db);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String prefix = s.hiddenId.substring(0, s.hiddenId.indexOf('-') + 1);
            List<String> absent = missingIds(prefix, s.hiddenId, 3);
            String missing = absent.get(0);
            String controlA = absent.get(1);
            String controlB = absent.get(2);
            if (missing.length() != s.hiddenId.length()) {
                throw new IllegalStateException("missing id " + missing + " is not shaped like " + s.hiddenId);
            }

            // Checks, before any timing: the hidden item exists (its author reads it), the missing ids do not exist
            // for anyone, and the reader gets the same 404 body for both.
            HttpResponse<String> authorRead = http.send(get(s, s.hiddenId, s.analystToken), HttpResponse.BodyHandlers.ofString());
            if (authorRead.statusCode() != 200) {
                throw new IllegalStateException("the analyst cannot read the hidden item: " + authorRead.statusCode());
            }
            for (String id : absent) {
                expect404(http.send(get(s, id, s.analystToken), HttpResponse.BodyHandlers.ofString()), id + " (analyst)");
            }
            HttpResponse<String> hiddenAnswer = http.send(get(s, s.hiddenId, s.readerToken), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> missingAnswer = http.send(get(s, missing, s.readerToken), HttpResponse.BodyHandlers.ofString());
            expect404(hiddenAnswer, s.hiddenId);
            expect404(missingAnswer, missing);
            boolean sameBody = hiddenAnswer.body().replace(s.hiddenId, "ID").equals(missingAnswer.body().replace(missing, "ID"));

            HttpRequest hidden = get(s, s.hiddenId, s.readerToken);
            HttpRequest miss = get(s, missing, s.readerToken);
            HttpRequest ctlA = get(s, controlA, s.readerToken);
            HttpRequest ctlB = get(s, controlB, s.readerToken);

            // 1. Sequential pairs.
            SplittableRandom random = new SplittableRandom(SEED);
            List<HttpRequest> all = List.of(hidden, miss, ctlA, ctlB);
            for (int i = 0; i < warmUp; i++) {
                timed(http, all.get(random.nextInt(all.size())));
            }
            s.settle();
            long[] tHidden = new long[pairs];
            long[] tMissing = new long[pairs];
            long[] tA = new long[pairs];
            long[] tB = new long[pairs];
            long t0 = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                boolean measuredFirst = random.nextBoolean();
                for (int half = 0; half < 2; half++) {
                    if ((half == 0) == measuredFirst) {
                        if (random.nextBoolean()) {
                            tHidden[i] = timed(http, hidden);
                            tMissing[i] = timed(http, miss);
                        } else {
                            tMissing[i] = timed(http, miss);
                            tHidden[i] = timed(http, hidden);
                        }
                    } else {
                        if (random.nextBoolean()) {
                            tA[i] = timed(http, ctlA);
                            tB[i] = timed(http, ctlB);
                        } else {
                            tB[i] = timed(http, ctlB);
                            tA[i] = timed(http, ctlA);
                        }
                    }
                }
            }
            double sequentialSeconds = (System.nanoTime() - t0) / 1e9;
            MannWhitney.Result measured = MannWhitney.test(tHidden, tMissing);
            MannWhitney.Result control = MannWhitney.test(tA, tB);
            s.settle();

            // 2. Under load: an uncounted warm-up of both, then four phases in the order hidden, missing, missing,
            // hidden (half the time each), so that whatever drifts over the run (the log and the database growing, the
            // JIT) weighs on both ids alike.
            load(s.baseUrl, List.of(hidden, miss), clients, Math.min(3, seconds));
            s.settle();
            int half = Math.max(1, seconds / 2);
            Stats.Cpu c0 = Stats.Cpu.now();
            Load h1 = load(s.baseUrl, List.of(hidden), clients, half);
            s.settle();
            Load m1 = load(s.baseUrl, List.of(miss), clients, half);
            s.settle();
            Load m2 = load(s.baseUrl, List.of(miss), clients, half);
            s.settle();
            Load h2 = load(s.baseUrl, List.of(hidden), clients, half);
            String cpuHidden = Stats.Cpu.now().since(c0);
            String cpuMissing = "the four phases together";
            Load loadHidden = h1.plus(h2);
            Load loadMissing = m1.plus(m2);

            // Report.
            System.out.printf("HiddenVsMissingLoad db=%s pairs=%d warm-up=%d load=%d s per id x %d clients "
                    + "(%d cores, Java %s)%n", db, pairs, warmUp, seconds, clients,
                    Runtime.getRuntime().availableProcessors(), Runtime.version().feature());
            System.out.printf("  hidden id %s (%s, reader cleared %s); missing %s; control %s, %s%n", s.hiddenId,
                    HiddenItemSetup.ITEM_LEVEL, HiddenItemSetup.READER_LEVEL, missing, controlA, controlB);
            System.out.printf("  every answer 404; 404 bodies identical apart from the id: %s%n", sameBody ? "yes" : "NO");
            System.out.printf("  1. sequential pairs, one keep-alive connection (%s s):%n", f3(sequentialSeconds));
            System.out.printf("     %-10s %8s %8s %8s %8s  (ms)%n", "", "median", "p90", "p99", "mean");
            row("hidden", tHidden);
            row("missing", tMissing);
            row("control A", tA);
            row("control B", tB);
            System.out.printf("     hidden vs missing:     z = %+.2f (U1 = %.0f of %d, P(hidden slower) = %.3f, p = %.2g)  "
                    + "|z| < 3: %s%n", measured.z(), measured.u1(), pairs * pairs, measured.commonLanguageEffect(),
                    measured.p(), Math.abs(measured.z()) < 3 ? "yes" : "NO");
            System.out.printf("     control A vs B:        z = %+.2f (U1 = %.0f of %d, P(A slower) = %.3f, p = %.2g)  "
                    + "|z| < 3: %s%n", control.z(), control.u1(), pairs * pairs, control.commonLanguageEffect(),
                    control.p(), Math.abs(control.z()) < 3 ? "yes" : "NO");
            System.out.printf("  2. under load, %d clients, %d s each:%n", clients, seconds);
            System.out.printf("     hidden:  %s req/s, mean %s ms, p99 %s ms (%,d requests; %s)%n", Stats.f(loadHidden.rate()),
                    f3(loadHidden.meanMs()), f3(loadHidden.p99Ms()), loadHidden.count(), cpuHidden);
            System.out.printf("     missing: %s req/s, mean %s ms, p99 %s ms (%,d requests; %s)%n", Stats.f(loadMissing.rate()),
                    f3(loadMissing.meanMs()), f3(loadMissing.p99Ms()), loadMissing.count(), cpuMissing);
            System.out.printf("     phases (req/s): hidden %s, missing %s, missing %s, hidden %s%n", Stats.f(h1.rate()),
                    Stats.f(m1.rate()), Stats.f(m2.rate()), Stats.f(h2.rate()));
            System.out.printf("     hidden / missing: throughput %s, mean latency %s, p99 %s%n",
                    f3(loadHidden.rate() / loadMissing.rate()), f3(loadHidden.meanMs() / loadMissing.meanMs()),
                    f3(loadHidden.p99Ms() / loadMissing.p99Ms()));
            System.out.printf("  goal |z| < 3 for hidden vs missing: %s%n", Math.abs(measured.z()) < 3
                    ? "met" : "NOT met (a refused read's time tells that the item exists)");
        }
    }

    /** {@code count} ids shaped like node ids ({@code prefix} + 16 hex digits), distinct, none equal to {@code taken}. */
    private static List<String> missingIds(String prefix, String taken, int count) {
        SecureRandom r = new SecureRandom();
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            byte[] b = new byte[8];
            r.nextBytes(b);
            String id = prefix + HexFormat.of().formatHex(b);
            if (!id.equals(taken) && !out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private static HttpRequest get(HiddenItemSetup s, String id, String token) {
        return HttpRequest.newBuilder(URI.create(s.baseUrl + "/api/items/" + id)).header("Authorization", "Bearer " + token)
                .GET().build();
    }

    /** One request, timed; it must answer 404. */
    private static long timed(HttpClient http, HttpRequest req) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        long d = System.nanoTime() - t;
        expect404(r, req.uri().getPath());
        return d;
    }

    private static void expect404(HttpResponse<String> r, String what) {
        if (r.statusCode() != 404) {
            throw new IllegalStateException(what + " answered " + r.statusCode() + " instead of 404: " + r.body());
        }
    }

    /** Figures of one load phase. */
    private record Load(long count, double seconds, double meanMs, double p99Ms) {
        double rate() {
            return count / seconds;
        }

        /** Two phases of the same id together (the p99 is the larger one's: an upper bound). */
        Load plus(Load o) {
            long n = count + o.count;
            return new Load(n, seconds + o.seconds, (meanMs * count + o.meanMs * o.count) / n, Math.max(p99Ms, o.p99Ms));
        }
    }

    /**
     * {@code clients} platform threads, each with its own HTTP/1.1 client (one keep-alive connection), client
     * {@code i} sending {@code requests.get(i % size)} back to back for {@code seconds}; every answer must be 404.
     */
    private static Load load(String baseUrl, List<HttpRequest> requests, int clients, int seconds) throws Exception {
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[][] samples = new long[clients][];
        int[] counts = new int[clients];
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int me = c;
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                HttpRequest req = requests.get(me % requests.size());
                long[] buf = new long[4096];
                int n = 0;
                try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    timed(http, req); // opens the connection before the clock starts
                    ready.countDown();
                    go.await();
                    while (System.nanoTime() - deadline[0] < 0 && failure.get() == null) {
                        if (n == buf.length) {
                            buf = Arrays.copyOf(buf, n * 2);
                        }
                        buf[n++] = timed(http, req);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    ready.countDown();
                }
                samples[me] = buf;
                counts[me] = n;
            }));
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + seconds * 1_000_000_000L;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long end = System.nanoTime();
        if (failure.get() != null) {
            throw new IllegalStateException("load on " + baseUrl + " failed", failure.get());
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(samples[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double mean = Arrays.stream(all).average().orElse(Double.NaN) / 1e6;
        return new Load(total, (end - start) / 1e9, mean, Stats.percentile(all, 99));
    }

    private static void row(String what, long[] nanos) {
        long[] s = Stats.sorted(nanos);
        System.out.printf("     %-10s %8s %8s %8s %8s%n", what, f3(Stats.percentile(s, 50)), f3(Stats.percentile(s, 90)),
                f3(Stats.percentile(s, 99)), f3(Arrays.stream(s).average().orElse(Double.NaN) / 1e6));
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%,.3f", v);
    }
}
