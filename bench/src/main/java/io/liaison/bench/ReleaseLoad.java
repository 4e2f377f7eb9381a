package io.liaison.bench;

import io.javalin.Javalin;
import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.transport.TlsContexts;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.crypto.Pki;
import io.liaison.node.items.NewItem;
import io.liaison.testkit.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLParameters;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Releases between two nodes on loopback (JPN to KOR, each with its own database), every one decided,
 * queued, signed, sent over mutual TLS 1.3, verified, translated, stored, audited and receipted; in the
 * same run, a raw HTTPS POST of envelopes of the same size between the same TLS identities; the latency
 * from release to receipt at light load; and the catch-up of a peer that was down while releases queued.
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java --enable-native-access=ALL-UNNAMED -Xmx2g
 * -cp bench/target/benchmarks.jar io.liaison.bench.ReleaseLoad h2 5000 300 100000 4} (arguments: h2|postgresql,
 * releases for the throughput run, latency samples, releases queued while the peer is down, officers releasing
 * at once). Warm-up rounds of as many releases as the throughput run come first, until the JIT is done with them.
 */
public final class ReleaseLoad {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");

    private ReleaseLoad() {}

    public static void main(String[] args) throws Exception {
        TestNodes.Db db = TestNodes.Db.valueOf(args.length > 0 ? args[0].toUpperCase(java.util.Locale.ROOT) : "H2");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int backlog = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        Clock clock = Clock.systemUTC();
        int jp = Ports.free();
        int kp = Ports.free();
        try (TestNodes.Created jd = TestNodes.create(db, JPN, clock); TestNodes.Created kd = TestNodes.create(db, KOR, clock);
                Node jpn = jd.open(clock, 8); Node kor = kd.open(clock, 8)) {
            try (Federation a = Federation.start(jpn, "127.0.0.1", 0); Federation b = Federation.start(kor, "127.0.0.1", 0)) {
                a.peers().add("admin", "KOR", "https://127.0.0.1:" + kp, Files.readAllBytes(kor.paths().caCertificate()));
                b.peers().add("admin", "JPN", "https://127.0.0.1:" + jp, Files.readAllBytes(jpn.paths().caCertificate()));
            }
            User sato = io.liaison.node.TestUsers.add(jpn, new User("sato", new Clearance("jpn", "特定秘密", Map.of(), JPN),
                    Set.of(Role.ANALYST, Role.RELEASING_OFFICER), Set.of(MISSILE), true), "a long bench password".toCharArray());
            // The first warm-up round's items, then the measured run's, as before; later warm-up rounds make theirs when
            // they start.
            List<String> firstRound = create(jpn, sato, clock, 0, count);
            List<String> items = create(jpn, sato, clock, count, count + samples + backlog);
            int next = 0;
            int warmUp = 0;
            int warmUpRounds = 0;
            long lastRoundCompileMs;
            java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
            try (Federation jf = Federation.start(jpn, "127.0.0.1", jp); Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                // Warm-up: rounds of as many releases as the measured run, released and delivered the same way, until
                // the JIT is done with them: a round in which its compilers worked less than 3% of the round's time,
                // or WARM_UP_ROUNDS rounds. One round was the rule until 2026-12-05; on two cores the compilers were
                // then still at work for 2.5 – 3 s of the measured run's 5, most of them on the release path. At most
                // six rounds was the rule until the next session: on PostgreSQL the compilers still worked 1.8 – 2.9 s of
                // a 2.2 – 3.1 s measured run after six, and that time alone set the run's figure (970 – 1,348/s).
                while (true) {
                    List<String> round = warmUpRounds == 0 ? firstRound
                            : create(jpn, sato, clock, warmUp + count + samples + backlog, count);
                    long c0 = jit.getTotalCompilationTime();
                    long r0 = System.nanoTime();
                    releaseConcurrently(jf, sato, round, clients);
                    drain(jf, KOR);
                    lastRoundCompileMs = jit.getTotalCompilationTime() - c0;
                    double roundMs = (System.nanoTime() - r0) / 1e6;
                    warmUp += count;
                    warmUpRounds++;
                    System.out.printf("  warm-up round %d: %s releases/s end to end, the JIT compiling for %d ms%n",
                            warmUpRounds, Stats.f(count / (roundMs / 1e3)), lastRoundCompileMs);
                    if (lastRoundCompileMs < 0.03 * roundMs || warmUpRounds == WARM_UP_ROUNDS) {
                        break;
                    }
                }
                long compile0 = jit.getTotalCompilationTime();
                int warmedUp = warmUp;

                // Officers release while the delivery loop runs, as on a node under load.
                long[] jw0 = storeWrites(jpn);
                long[] kw0 = storeWrites(kor);
                jdk.jfr.Recording profile = profile();
                double cpu0 = Stats.processCpuMs();
                long t0 = System.nanoTime();
                List<String> batch = items.subList(next, next + count);
                next += count;
                // The node's own delivery loop delivers meanwhile: each committed release wakes it.
                releaseConcurrently(jf, sato, batch, clients);
                long queued = System.nanoTime();
                long queuedAt = clock.millis();
                double coresWhileQueueing = (Stats.processCpuMs() - cpu0) / ((queued - t0) / 1e6);
                double cpuQueued = Stats.processCpuMs();
                drain(jf, KOR);
                long done = System.nanoTime();
                long compileMs = jit.getTotalCompilationTime() - compile0;
                double coresWhileDraining = (Stats.processCpuMs() - cpuQueued) / ((done - queued) / 1e6);
                if (profile != null) {
                    profile.stop();
                    profile.close();
                }
                // Counted after the run (a count over the outbox reads every message's row: measured inside the run, it
                // took CPU from the releases).
                long deliveredMeanwhile = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox "
                        + "WHERE delivered_at <= :at AND type = 'RELEASE'").bind("at", queuedAt).mapTo(Long.class).one())
                        - warmUp;
                // A batch's messages are marked delivered together, at one time: distinct times count the requests.
                long requests = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT delivered_at) FROM "
                        + "(SELECT delivered_at FROM outbox WHERE type = 'RELEASE' ORDER BY seq LIMIT :n OFFSET :skip) x")
                        .bind("n", count).bind("skip", warmedUp).mapTo(Long.class).one());
                long[] jw = storeWrites(jpn);
                long[] kw = storeWrites(kor);
                double endToEnd = count / ((done - t0) / 1e9);
                double delivery = count / ((done - queued) / 1e9);
                int envelopeBytes = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT body FROM outbox ORDER BY seq "
                        + "DESC LIMIT 1").mapTo(byte[].class).one()).length + 1500;

                double raw = rawHttps(jpn, kor, count, envelopeBytes);

                long[] latency = new long[samples];
                for (int i = 0; i < samples; i++) {
                    long s = System.nanoTime();
                    UUID id = jf.releases().release(sato, items.get(next++), KOR, MISSILE, GSOMIA).envelope().orElseThrow();
                    jf.deliverNow();
                    if (jf.outbox().receipt(id).isEmpty()) {
                        throw new IllegalStateException("release " + id + " not receipted");
                    }
                    latency[i] = System.nanoTime() - s;
                }
                latency = Stats.sorted(latency);

                kf.close();
                double q0 = Stats.processCpuMs();
                long qt = System.nanoTime();
                releaseConcurrently(jf, sato, items.subList(next, next + backlog), clients);
                double queueCpu = (Stats.processCpuMs() - q0) / backlog;
                double queueRate = backlog / ((System.nanoTime() - qt) / 1e9);
                next += backlog;
                jf.deliverNow(); // fails: the peer is down
                double catchUp;
                double deliveryCpu;
                try (Federation back = Federation.start(kor, "127.0.0.1", kp)) {
                    jf.outbox().retryNow(KOR); // the peer is back: its backed-off messages are due now
                    long c0 = System.nanoTime();
                    double d0 = Stats.processCpuMs();
                    drain(jf, KOR);
                    catchUp = (System.nanoTime() - c0) / 1e9;
                    deliveryCpu = (Stats.processCpuMs() - d0) / backlog;
                }
                long stored = kor.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM received_items")
                        .mapTo(Long.class).one());
                System.out.printf("ReleaseLoad db=%s releases=%d samples=%d backlog=%d officers=%d%n", db, count, samples,
                        backlog, clients);
                System.out.printf("  warm-up: %d round(s) of %d releases, the JIT compiling for %d ms in the last; %d ms during "
                        + "the throughput run%n", warmUpRounds, count, lastRoundCompileMs, compileMs);
                System.out.printf("  releases/s end to end (decide, queue, sign, mTLS, verify, translate, store, audit, "
                        + "receipt): %s%n", Stats.f(endToEnd));
                System.out.printf("  releases queued at %s/s by %d officers while delivery ran (%d delivered meanwhile, %s cores "
                        + "busy); the rest delivered in %s s (%s cores busy)%n", Stats.f(count / ((queued - t0) / 1e9)), clients,
                        deliveredMeanwhile, String.format(java.util.Locale.ROOT, "%.2f", coresWhileQueueing),
                        Stats.f((done - queued) / 1e9), String.format(java.util.Locale.ROOT, "%.2f", coresWhileDraining));
                System.out.printf("  delivered in %d requests (%s releases each on average)%n", requests,
                        Stats.f(count / (double) requests));
                System.out.printf("  raw HTTPS POST of %d-byte bodies, same TLS, one at a time: %s/s (releases are %s%% of it)%n",
                        envelopeBytes, Stats.f(raw), Stats.f(100 * endToEnd / raw));
                System.out.printf("  latency release -> receipt at light load: p50 %s ms, p99 %s ms%n",
                        Stats.f(Stats.percentile(latency, 50)), Stats.f(Stats.percentile(latency, 99)));
                System.out.printf("  catch-up of %d releases queued while the peer was down: %s s (%s/s)%n", backlog,
                        Stats.f(catchUp), Stats.f(backlog / catchUp));
                System.out.printf("  CPU per release, both nodes: deciding and queueing %s ms (officers alone: %s/s), delivering "
                        + "%s ms%n", String.format(java.util.Locale.ROOT, "%.2f", queueCpu), Stats.f(queueRate),
                        String.format(java.util.Locale.ROOT, "%.2f", deliveryCpu));
                if (db == TestNodes.Db.H2) {
                    System.out.printf("  H2 writes per release in the throughput run: JPN %.2f (%s KB), KOR %.2f (%s KB)%n",
                            (jw[0] - jw0[0]) / (double) count, Stats.f((jw[1] - jw0[1]) / 1024.0 / count),
                            (kw[0] - kw0[0]) / (double) count, Stats.f((kw[1] - kw0[1]) / 1024.0 / count));
                }
                System.out.printf("  items stored at KOR: %d (expected %d)%n", stored, warmUp + count + samples + backlog);
            }
        }
    }

    /**
     * The most warm-up rounds before the throughput run, whatever the JIT still does: 12 (a node that has released 12
     * times the measured run since it started: a minute or so at full load), or {@code -Dbench.warmUpRounds=N}.
     */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmUpRounds", 12);

    /** {@code n} new items at JPN made by {@code officer}, numbered from {@code from}, their ids in order. */
    private static List<String> create(Node jpn, User officer, Clock clock, int from, int n) {
        String text = "Launch from Sinpo; impact point 80 km off Oga; apogee 550 km. ".repeat(6);
        List<String> ids = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), i % 2 == 0 ? "秘" : "極秘",
                    Optional.empty(), List.of(), Optional.of(JPN), clock.instant(), Optional.empty());
            ids.add(jpn.items().create(officer, new NewItem("report " + i, text, label, Set.of(MISSILE), false, List.of(),
                    "J2")).id());
        }
        return ids;
    }

    /**
     * With {@code -Dbench.jfr=FILE}, a flight recording (the JDK's profile settings, a sample every millisecond) of the throughput run alone, written
     * to FILE; {@code -XX:FlightRecorderOptions:stackdepth=256} keeps whole stacks, and {@code jfr print --events
     * jdk.ExecutionSample --stack-depth 256 FILE} reads them.
     */
    private static jdk.jfr.Recording profile() throws Exception {
        String file = System.getProperty("bench.jfr");
        if (file == null) {
            return null;
        }
        jdk.jfr.Recording r = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        // A sample every millisecond instead of every 10 to 20: enough of them in a run of a few seconds.
        r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
        r.setDestination(java.nio.file.Path.of(file));
        r.start();
        return r;
    }

    /** Releases the items from {@code clients} officers at once (each a thread), then waits for them. */
    private static void releaseConcurrently(Federation f, User officer, List<String> ids, int clients)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger at = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = at.getAndIncrement(); i < ids.size(); i = at.getAndIncrement()) {
                    f.releases().release(officer, ids.get(i), KOR, MISSILE, GSOMIA);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void drain(Federation f, Party peer) throws InterruptedException {
        while (f.outbox().waiting(peer)) {
            f.deliverNow();
        }
    }

    /** The same TLS identities, a handler that only answers 200: the transport's own cost. */
    private static double rawHttps(Node client, Node server, int count, int bytes) throws Exception {
        Pki.Issued serverTls = new Pki.Issued(Pki.readCertificatePem(server.paths().tlsCertificate()),
                Pki.readPrivateKeyPem(server.paths().tlsKey()));
        Pki.Issued clientTls = new Pki.Issued(Pki.readCertificatePem(client.paths().tlsCertificate()),
                Pki.readPrivateKeyPem(client.paths().tlsKey()));
        var serverCa = Pki.readCertificatePem(server.paths().caCertificate());
        var clientCa = Pki.readCertificatePem(client.paths().caCertificate());
        int port = Ports.free();
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 1 << 20;
            config.jetty.addConnector((s, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setSslContext(TlsContexts.mutual(serverTls, serverCa, List.of(clientCa)));
                ssl.setNeedClientAuth(true);
                HttpConfiguration https = new HttpConfiguration(http);
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                secure.setSniHostCheck(false);
                https.addCustomizer(secure);
                ServerConnector c = new ServerConnector(s, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(https));
                c.setHost("127.0.0.1");
                c.setPort(port);
                return c;
            });
            config.routes.post("/raw", ctx -> ctx.status(200).result("{\"ok\":true}"));
        }).start();
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TlsContexts.mutual(clientTls, clientCa, List.of(serverCa))).sslParameters(p).build()) {
            byte[] body = new byte[bytes];
            HttpRequest req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/raw"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            for (int i = 0; i < 200; i++) {
                http.send(req, HttpResponse.BodyHandlers.ofString());
            }
            long t = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                    throw new IllegalStateException("raw POST failed");
                }
            }
            return count / ((System.nanoTime() - t) / 1e9);
        } finally {
            app.stop();
        }
    }

    /** H2's count of writes to its file and the bytes written (each commit writes one chunk); zeros on PostgreSQL. */
    private static long[] storeWrites(Node node) {
        if (node.database().kind() != io.liaison.node.store.Database.Kind.H2) {
            return new long[2];
        }
        Map<String, Long> v = node.database().jdbi().withHandle(h -> h.createQuery("SELECT SETTING_NAME, SETTING_VALUE FROM "
                + "INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN ('info.FILE_WRITE', 'info.FILE_WRITE_BYTES')")
                .reduceRows(new java.util.HashMap<String, Long>(), (m, r) -> {
                    m.put(r.getColumn(1, String.class), Long.parseLong(r.getColumn(2, String.class)));
                    return m;
                }));
        return new long[] {v.getOrDefault("info.FILE_WRITE", 0L), v.getOrDefault("info.FILE_WRITE_BYTES", 0L)};
    }

}
