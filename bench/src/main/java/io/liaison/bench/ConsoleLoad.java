package io.liaison.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.core.access.Clearance;
import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.Precedence;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.hotline.Velocity;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.hotline.Direction;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.HotlineEvent;
import io.liaison.hotline.HotlineMessage;
import io.liaison.hotline.HotlinePair;
import io.liaison.hotline.Messages;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.NewItem;
import io.liaison.server.ApiServer;
import io.liaison.server.console.Console;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console's speed, from the server and in a browser: JPN and KOR nodes in one JVM (embedded H2, mutual TLS
 * 1.3 on loopback, the line {@value HotlinePair#LINE} between them; see {@link HotlinePair}), KOR's API and console
 * on 127.0.0.1, and Debian's chromium, headless, driven through its chromedriver (explicit paths, nothing
 * downloaded), signed in through the sign-in form as kim, KOR's duty officer of the line (cleared 군사Ⅱ급비밀).
 *
 * <ol>
 *   <li><b>Search.</b> {@code items} items are created at KOR through {@code Items.create} in-process by 16 threads
 *       (as {@link ItemCreationLoad} does; each encrypted, signed, audited and indexed): 40-word texts from a
 *       Zipf-like vocabulary of 2,000 words, levels 군사Ⅲ/Ⅱ/Ⅰ급비밀 in equal parts and one of three purposes, two
 *       of them kim's duties (so kim may read about four in nine of them). Then {@code GET /search?q=WORD} with the
 *       session cookie, one word drawn Zipf-like per request (a page of 50 hits, the total and the portion
 *       markings): time to first byte (the response's headers, over one keep-alive HTTP/1.1 connection) and the whole
 *       answer, {@code requests} times after 200 uncounted, interleaved with the baselines {@code GET /api/health}
 *       and {@code GET /console.css} in a rotating order. Then in chromium, {@code loads} navigations to the search
 *       page, each interleaved with one to {@code /api/health} (the browser's floor): Navigation Timing's
 *       {@code responseStart} and {@code loadEventEnd}, from the navigation's start.
 *   <li><b>The desk with live tracks.</b> JPN's duty officer publishes {@code tracks} new tracks (each announced by a
 *       FLASH message on the line, as the hotline does for a new launch), then keeps updating every track
 *       {@code hz} times a second on a thread of its own while {@code GET /hotline/{line}} (KOR's desk: the line's
 *       newest 100 messages, its alarms, and the page's live stream) is timed the same way as search, against
 *       {@code /api/health}. The desk does not draw tracks yet (the map is still to come): they weigh on it through
 *       the line's messages and the nodes' work.
 *   <li><b>A FLASH from KOR's node to the browser.</b> The track publisher stops; kim's desk is open in chromium,
 *       and a MutationObserver installed through WebDriver (the page's CSP allows no inline script) notes
 *       {@code Date.now()} when each new message element enters the list, and again at the next animation frame.
 *       JPN's duty officer sends {@code flashes} FLASH messages one at a time (10 more before, uncounted), each once
 *       the last has reached the browser's stream and 200 ms have passed. The clock starts when KOR's hotline
 *       publishes the message's {@code MessageEvent} ({@code System.currentTimeMillis()} in a subscriber, the same
 *       wall clock as the browser's). Baseline in the same run, for the same messages: the JSON stream
 *       {@code GET /api/hotline/events?line=…&tracks=false} read by a plain HttpClient (kim's bearer token), the
 *       clock stopped when the {@code data:} line of the message event arrives.
 * </ol>
 *
 * <p>Each phase prints the cores busy in this JVM and in other processes. Goals: a page in under 200 ms (full render,
 * p99), a FLASH in the browser under 100 ms after it reaches the node (p99).
 *
 * <p>Run: {@code mvn -B -q -Plauncher package -pl bench -am && java --enable-native-access=ALL-UNNAMED -Xmx2g -cp
 * bench/target/benchmarks.jar io.liaison.bench.ConsoleLoad 100000 1000 50 100 1000 10} (arguments, all optional,
 * these are the defaults: items, HTTP requests per page, browser loads per page, FLASH messages, tracks, updates
 * per second per track). Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code apt-get install
 * chromium chromium-driver}).
 */
public final class ConsoleLoad {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String KIM_PASSWORD = "a long enough password";
    private static final String AUTHOR_PASSWORD = "a long password for the author";
    private static final Objectives OBJECTIVES = Objectives.parse("FLASH=1h,IMMEDIATE=1h,PRIORITY=3h,ROUTINE=6h");
    private static final String[] LEVELS = {"군사Ⅲ급비밀", "군사Ⅱ급비밀", "군사Ⅰ급비밀"};
    private static final List<Purpose> PURPOSES = List.of(Purpose.of("DPRK missile threat"),
            Purpose.of("DPRK sanctions enforcement"), Purpose.of("counter-terrorism"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Notes when each new message element enters the desk's list, and the next animation frame after. */
    private static final String OBSERVER = """
            window.__seen = {}; window.__painted = {};
            new MutationObserver(function (records) {
              var t = Date.now();
              records.forEach(function (r) {
                r.addedNodes.forEach(function (n) {
                  if (n.id && n.id.indexOf('m-') === 0 && !(n.id in window.__seen)) {
                    window.__seen[n.id] = t;
                    requestAnimationFrame(function () { window.__painted[n.id] = Date.now(); });
                  }
                });
              });
            }).observe(document.getElementById('messages'), {childList: true});
            return true;""";

    private ConsoleLoad() {}

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int loads = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int flashes = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int tracks = args.length > 4 ? Integer.parseInt(args[4]) : 1_000;
        int hz = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        run(items, requests, loads, flashes, tracks, hz);
        System.exit(0); // the HTTP clients' and the nodes' threads must not keep the JVM up
    }

    private static void run(int items, int requests, int loads, int flashes, int tracks, int hz) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("ConsoleLoad needs Debian's chromium and chromium-driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
        }
        List<String> out = new ArrayList<>();
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, TestNodes.Db.H2, Clock.systemUTC(), new Hotline.Options(
                Duration.ZERO, Duration.ZERO), false, OBJECTIVES, 18)) {
            ApiServer api = ApiServer.start(p.kor, Optional.of(p.kf), Optional.of(p.kh), "127.0.0.1", 0);
            WebDriver browser = null;
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                String base = "http://127.0.0.1:" + api.port();
                String[] vocabulary = vocabulary(2_000);

                // 1. Search over the items.
                User author = io.liaison.node.TestUsers.add(p.kor, new User("author", new Clearance("kor", "군사Ⅰ급비밀",
                        Map.of(), HotlinePair.KOR), Set.of(Role.ANALYST), Set.copyOf(PURPOSES), true),
                        AUTHOR_PASSWORD.toCharArray());
                Stats.Cpu c0 = Stats.Cpu.now();
                long t0 = System.nanoTime();
                createItems(p.kor, author, items, 16, vocabulary);
                double createSeconds = (System.nanoTime() - t0) / 1e9;
                String createCpu = Stats.Cpu.now().since(c0);
                p.kor.audit().sequenceNow();
                System.out.printf("ConsoleLoad items=%,d requests=%,d loads=%d flashes=%d tracks=%,d hz=%d%n", items,
                        requests, loads, flashes, tracks, hz);
                System.out.printf("  %,d items created at KOR in %s s = %s/s, 16 threads (%s)%n", items,
                        Stats.f(createSeconds), Stats.f(items / createSeconds), createCpu);

                String session = signIn(http, base, "kim", KIM_PASSWORD);
                HttpRequest health = get(base + "/api/health", null);
                HttpRequest css = get(base + "/console.css", null);
                SplittableRandom qr = new SplittableRandom(7);
                String[] words = new String[requests + 200];
                for (int i = 0; i < words.length; i++) {
                    words[i] = zipf(qr, vocabulary);
                }
                IntFunction<HttpRequest> search = i -> get(base + "/search?q=" + words[i], session);
                long matches = 0;
                for (int i = 0; i < 50; i++) {
                    matches += total(http.send(search.apply(i), HttpResponse.BodyHandlers.ofString()).body());
                }
                interleaved(http, 200, List.of(search, i -> health, i -> css), List.of("item(s) you may read",
                        "UP", "banner"));
                Stats.Cpu c1 = Stats.Cpu.now();
                Timed[] s = interleaved(http, requests, List.of(i -> search.apply(200 + i), i -> health, i -> css),
                        List.of("item(s) you may read", "UP", "banner"));
                String searchCpu = Stats.Cpu.now().since(c1);
                System.out.printf("  search as kim: %,d matches per query on average (first 50 queries), a page of up to 50"
                        + " (%s)%n", matches / 50, searchCpu);
                Stats.row("GET /search?q=WORD, time to first byte", s[0].ttfb);
                Stats.row("GET /search?q=WORD, whole answer", s[0].total);
                Stats.row("GET /api/health (baseline), time to first byte", s[1].ttfb);
                Stats.row("GET /console.css (baseline), time to first byte", s[2].ttfb);

                browser = chromium();
                signIn(browser, base);
                Loads sb = loads(browser, loads, List.of(i -> base + "/search?q=" + words[i % words.length],
                        i -> base + "/api/health"), List.of("/search", "/api/health"));
                Stats.row("chromium, search page: responseStart", sb.response[0]);
                Stats.row("chromium, search page: domContentLoadedEventEnd", sb.dom[0]);
                Stats.row("chromium, search page: last resource's responseEnd", sb.resources[0]);
                Stats.row("chromium, search page: loadEventEnd", sb.load[0]);
                Stats.row("chromium, /api/health (baseline): responseStart", sb.response[1]);
                Stats.row("chromium, /api/health (baseline): loadEventEnd", sb.load[1]);
                out.add(row("search, TTFB (HttpClient)", s[0].ttfb, s[1].ttfb, "/api/health TTFB", ""));
                out.add(row("search, full render (chromium loadEventEnd)", sb.load[0], sb.load[1], "/api/health "
                        + "loadEventEnd", goal(Stats.percentile(sb.load[0], 99), 200)));

                // 2. The desk with live tracks.
                AtomicLong inbound = new AtomicLong();
                Map<String, Long> arrived = new ConcurrentHashMap<>();
                p.kh.events().subscribe(e -> {
                    if (e instanceof HotlineEvent.MessageEvent m && m.message().direction() == Direction.IN) {
                        arrived.putIfAbsent(m.message().id(), System.currentTimeMillis());
                        inbound.incrementAndGet();
                    }
                });
                TrackPublisher publisher = new TrackPublisher(p, tracks);
                long ts = System.nanoTime();
                publisher.publishAll();
                long end = System.nanoTime() + 300_000_000_000L;
                while (inbound.get() < tracks && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                double startSeconds = (System.nanoTime() - ts) / 1e9;
                Thread publishing = Thread.ofPlatform().name("track-publisher").start(() -> publisher.run(hz));
                Thread.sleep(3_000);
                int held = p.kh.tracks().picture(p.kim, HotlinePair.LINE).views().size();
                String desk = base + "/hotline/" + HotlinePair.LINE;
                interleaved(http, 100, List.of(i -> get(desk, session), i -> health), List.of("prec-FLASH", "UP"));
                Stats.Cpu c2 = Stats.Cpu.now();
                long published0 = publisher.published.get();
                long tp0 = System.nanoTime();
                Timed[] d = interleaved(http, requests, List.of(i -> get(desk, session), i -> health),
                        List.of("prec-FLASH", "UP"));
                Loads db = loads(browser, loads, List.of(i -> desk, i -> base + "/api/health"),
                        List.of("/hotline/", "/api/health"));
                double rate = (publisher.published.get() - published0) / ((System.nanoTime() - tp0) / 1e9);
                String deskCpu = Stats.Cpu.now().since(c2);
                publisher.stop();
                publishing.join();
                System.out.printf("  desk: %,d new tracks published at JPN, their %,d FLASH messages at KOR %s s after the "
                        + "start; KOR holds %,d tracks; updates published during the measurement %s/s (target %,d/s) "
                        + "(%s)%n", tracks, inbound.get(), Stats.f(startSeconds), held, Stats.f(rate), tracks * hz,
                        deskCpu);
                Stats.row("GET /hotline/LINE, time to first byte", d[0].ttfb);
                Stats.row("GET /hotline/LINE, whole answer", d[0].total);
                Stats.row("GET /api/health (baseline), time to first byte", d[1].ttfb);
                Stats.row("chromium, desk: responseStart", db.response[0]);
                Stats.row("chromium, desk: domContentLoadedEventEnd", db.dom[0]);
                Stats.row("chromium, desk: last resource's responseEnd", db.resources[0]);
                Stats.row("chromium, desk: loadEventEnd", db.load[0]);
                Stats.row("chromium, /api/health (baseline): responseStart", db.response[1]);
                Stats.row("chromium, /api/health (baseline): loadEventEnd", db.load[1]);
                out.add(row("desk, TTFB (HttpClient)", d[0].ttfb, d[1].ttfb, "/api/health TTFB", ""));
                out.add(row("desk, full render (chromium loadEventEnd)", db.load[0], db.load[1], "/api/health "
                        + "loadEventEnd", goal(Stats.percentile(db.load[0], 99), 200)));

                // 3. A FLASH from KOR's node to the browser, and to the JSON stream.
                String token = apiLogin(http, base, "kim", KIM_PASSWORD);
                Map<String, Long> streamed = new ConcurrentHashMap<>();
                AtomicBoolean ready = new AtomicBoolean();
                HttpClient sseHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                sseHttp.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/hotline/events?line=" + HotlinePair.LINE
                        + "&tracks=false")).header("Authorization", "Bearer " + token).header("Accept",
                        "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                            String[] event = {""};
                            r.body().forEach(line -> {
                                long now = System.currentTimeMillis();
                                if (line.startsWith("event:")) {
                                    event[0] = line.substring(6).strip();
                                    if (event[0].equals("ready")) {
                                        ready.set(true);
                                    }
                                } else if (line.startsWith("data:") && event[0].equals("message")) {
                                    try {
                                        JsonNode m = JSON.readTree(line.substring(5));
                                        if ("IN".equals(m.path("direction").asText())) {
                                            streamed.putIfAbsent(m.path("id").asText(), now);
                                        }
                                    } catch (java.io.IOException e) {
                                        throw new IllegalStateException(e);
                                    }
                                }
                            });
                        });
                browser.get(desk);
                new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("body[data-sse=open]")));
                ((JavascriptExecutor) browser).executeScript(OBSERVER);
                long until = System.nanoTime() + 15_000_000_000L;
                while (!ready.get() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                if (!ready.get()) {
                    throw new IllegalStateException("the JSON event stream did not open");
                }
                Stats.Cpu c3 = Stats.Cpu.now();
                List<String> ids = new ArrayList<>();
                List<Long> sent = new ArrayList<>();
                for (int i = 0; i < 10 + flashes; i++) {
                    long at = System.currentTimeMillis();
                    HotlineMessage m = p.jh.send(p.sato, new Messages.Outgoing(HotlinePair.LINE, Precedence.FLASH, "秘",
                            String.format(Locale.ROOT, "Launch %d detected from Sinpo, impact expected in the Sea of Japan",
                                    i), List.of(), Optional.empty()));
                    until = System.nanoTime() + 10_000_000_000L;
                    while (!(streamed.containsKey(m.id()) && arrived.containsKey(m.id())) && System.nanoTime() < until) {
                        Thread.sleep(1);
                    }
                    Thread.sleep(200);
                    if (i >= 10) {
                        ids.add(m.id());
                        sent.add(at);
                    }
                }
                Thread.sleep(1_000);
                String flashCpu = Stats.Cpu.now().since(c3);
                Map<String, Object> seen = asMap(((JavascriptExecutor) browser).executeScript("return window.__seen;"));
                Map<String, Object> painted = asMap(((JavascriptExecutor) browser).executeScript(
                        "return window.__painted;"));
                long[] toBrowser = new long[ids.size()];
                long[] toFrame = new long[ids.size()];
                long[] toStream = new long[ids.size()];
                long[] toKor = new long[ids.size()];
                int nb = 0;
                int nf = 0;
                int ns = 0;
                int nk = 0;
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    Long a = arrived.get(id);
                    if (a == null) {
                        continue;
                    }
                    toKor[nk++] = (a - sent.get(i)) * 1_000_000L;
                    if (seen.get("m-" + id) instanceof Number n) {
                        toBrowser[nb++] = (n.longValue() - a) * 1_000_000L;
                    }
                    if (painted.get("m-" + id) instanceof Number n) {
                        toFrame[nf++] = (n.longValue() - a) * 1_000_000L;
                    }
                    if (streamed.get(id) instanceof Long t) {
                        toStream[ns++] = (t - a) * 1_000_000L;
                    }
                }
                toBrowser = Stats.sorted(java.util.Arrays.copyOf(toBrowser, nb));
                toFrame = Stats.sorted(java.util.Arrays.copyOf(toFrame, nf));
                toStream = Stats.sorted(java.util.Arrays.copyOf(toStream, ns));
                toKor = Stats.sorted(java.util.Arrays.copyOf(toKor, nk));
                System.out.printf("  FLASH: %d sent one at a time after 10 uncounted, %d reached KOR (%s)%n", ids.size(), nk,
                        flashCpu);
                Stats.row("JPN's send -> KOR's MessageEvent (for reference)", toKor, ids.size() - nk);
                Stats.row("KOR's MessageEvent -> element in the desk's DOM", toBrowser, nk - nb);
                Stats.row("KOR's MessageEvent -> next animation frame", toFrame, nk - nf);
                Stats.row("KOR's MessageEvent -> data line of /api/hotline/events (baseline)", toStream, nk - ns);
                out.add(row("FLASH, node -> desk's DOM (chromium)", toBrowser, toStream, "node -> JSON SSE (HttpClient)",
                        goal(Stats.percentile(toBrowser, 99), 100) + (nk - nb > 0 ? ", " + (nk - nb) + " missing" : "")));
                out.add(row("FLASH, node -> next animation frame", toFrame, toStream, "node -> JSON SSE (HttpClient)", ""));
                sseHttp.shutdownNow();
            } finally {
                if (browser != null) {
                    browser.quit();
                }
                api.close();
            }
        }
        System.out.println();
        System.out.println("| measure | p50 | p99 | max | baseline | baseline p50 | baseline p99 | ratio p50, p99 | goal |");
        System.out.println("|---|---:|---:|---:|---|---:|---:|---:|---|");
        out.forEach(System.out::println);
    }

    private static String goal(double p99, double ms) {
        return (p99 < ms ? "under " : "NOT under ") + Stats.f(ms).replace(".0", "") + " ms at p99: "
                + (p99 < ms ? "met" : "NOT met");
    }

    private static String row(String what, long[] m, long[] b, String baseline, String goal) {
        return String.format(Locale.ROOT, "| %s | %s ms | %s ms | %s ms | %s | %s ms | %s ms | %s×, %s× | %s |", what,
                Stats.f(Stats.percentile(m, 50)), Stats.f(Stats.percentile(m, 99)), Stats.f(Stats.percentile(m, 100)),
                baseline, Stats.f(Stats.percentile(b, 50)), Stats.f(Stats.percentile(b, 99)),
                Stats.f(Stats.percentile(m, 50) / Stats.percentile(b, 50)),
                Stats.f(Stats.percentile(m, 99) / Stats.percentile(b, 99)), goal);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    // ---- items ----

    private static void createItems(Node node, User author, int items, int threads, String[] vocabulary)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(Thread.ofPlatform().name("create-" + t).start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < items) {
                    SplittableRandom r = new SplittableRandom(i);
                    StringBuilder text = new StringBuilder();
                    for (int w = 0; w < 40; w++) {
                        text.append(zipf(r, vocabulary)).append(' ');
                    }
                    SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("ROK MND"), LEVELS[r.nextInt(3)],
                            Optional.empty(), List.of(), Optional.of(HotlinePair.KOR), Instant.now(), Optional.empty());
                    try {
                        node.items().create(author, new NewItem(zipf(r, vocabulary) + " " + zipf(r, vocabulary)
                                + " report " + i, text.toString(), label, Set.of(PURPOSES.get(r.nextInt(3))), false,
                                List.of(), "registry"));
                    } catch (RuntimeException e) {
                        if (failures.incrementAndGet() == 1) {
                            e.printStackTrace();
                        }
                    }
                }
            }));
        }
        for (Thread t : all) {
            t.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " items were not created");
        }
    }

    private static String zipf(SplittableRandom r, String[] vocabulary) {
        double u = r.nextDouble();
        int rank = (int) Math.min(vocabulary.length - 1, Math.floor(Math.pow(vocabulary.length, u)) - 1);
        return vocabulary[Math.max(0, rank)];
    }

    private static String[] vocabulary(int n) {
        String[] syllables = {"ka", "ri", "so", "nam", "pyo", "ung", "tae", "hwa", "song", "do", "mi", "sa", "il",
                "gu", "jin", "bo", "han", "kang", "ro", "se"};
        String[] out = new String[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            out[i] = syllables[r.nextInt(syllables.length)] + syllables[r.nextInt(syllables.length)]
                    + syllables[r.nextInt(syllables.length)] + i;
        }
        return out;
    }

    private static long total(String page) {
        Matcher m = Pattern.compile("<p id=\"total\">(\\d+) item").matcher(page);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    // ---- HTTP ----

    /** Signs in through the console's form as a browser does: the form's cookie and token, then the session cookie. */
    private static String signIn(HttpClient http, String base, String user, String password) throws Exception {
        HttpResponse<String> form = http.send(get(base + "/login", null), HttpResponse.BodyHandlers.ofString());
        String pre = cookie(form, Console.PRESESSION);
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no form token on the sign-in page");
        }
        String body = "csrf=" + m.group(1) + "&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Cookie",
                Console.PRESESSION + "=" + pre).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 303) {
            throw new IllegalStateException("sign-in as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return cookie(r, Console.SESSION);
    }

    private static String cookie(HttpResponse<?> r, String name) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            if (c.startsWith(name + "=")) {
                return c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
            }
        }
        throw new IllegalStateException("no cookie " + name + " in the answer (" + r.statusCode() + ")");
    }

    private static String apiLogin(HttpClient http, String base, String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("user", user,
                "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("API login as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("token").asText();
    }

    private static HttpRequest get(String url, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (session != null) {
            b.header("Cookie", Console.SESSION + "=" + session);
        }
        return b.build();
    }

    /** Sorted times to the response's headers and to its last byte, in nanoseconds. */
    private record Timed(long[] ttfb, long[] total) {}

    /**
     * {@code rounds} rounds, each request of {@code paths} once in a rotating order, so that no path gets a quieter
     * machine; every answer must be 200 and contain its {@code expect}.
     */
    private static Timed[] interleaved(HttpClient http, int rounds, List<IntFunction<HttpRequest>> paths,
            List<String> expect) throws Exception {
        long[][] ttfb = new long[paths.size()][rounds];
        long[][] total = new long[paths.size()][rounds];
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < paths.size(); k++) {
                int p = (i + k) % paths.size();
                HttpRequest req = paths.get(p).apply(i);
                long[] head = new long[1];
                long t = System.nanoTime();
                HttpResponse<String> r = http.send(req, info -> {
                    head[0] = System.nanoTime();
                    return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
                });
                long done = System.nanoTime();
                if (r.statusCode() != 200 || !r.body().contains(expect.get(p))) {
                    throw new IllegalStateException(req.uri() + " answered " + r.statusCode() + " without '"
                            + expect.get(p) + "': " + r.body().substring(0, Math.min(500, r.body().length())));
                }
                ttfb[p][i] = head[0] - t;
                total[p][i] = done - t;
            }
        }
        Timed[] out = new Timed[paths.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = new Timed(Stats.sorted(ttfb[p]), Stats.sorted(total[p]));
        }
        return out;
    }

    // ---- the browser ----

    /** A headless chromium, as the browser tests start it. */
    static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Signs in through the form as kim. */
    private static void signIn(WebDriver browser, String base) {
        browser.get(base + "/login");
        browser.findElement(By.name("user")).sendKeys("kim");
        browser.findElement(By.name("password")).sendKeys(KIM_PASSWORD);
        browser.findElement(By.cssSelector("form.login button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/search"));
    }

    /**
     * Navigation Timing of each page, sorted, in nanoseconds from the navigation's start: responseStart,
     * domContentLoadedEventEnd, the end of the last resource the page loaded (style sheet, scripts), loadEventEnd.
     */
    private record Loads(long[][] response, long[][] dom, long[][] resources, long[][] load) {}

    /** 5 uncounted rounds, then {@code rounds} rounds of one navigation to each page in a rotating order. */
    private static Loads loads(WebDriver browser, int rounds, List<IntFunction<String>> pages, List<String> expect) {
        for (int i = 0; i < 5; i++) {
            for (IntFunction<String> page : pages) {
                navigate(browser, page.apply(10_000 + i), "");
            }
        }
        long[][] response = new long[pages.size()][rounds];
        long[][] dom = new long[pages.size()][rounds];
        long[][] resources = new long[pages.size()][rounds];
        long[][] load = new long[pages.size()][rounds];
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < pages.size(); k++) {
                int p = (i + k) % pages.size();
                double[] t = navigate(browser, pages.get(p).apply(i), expect.get(p));
                response[p][i] = (long) (t[0] * 1e6);
                dom[p][i] = (long) (t[1] * 1e6);
                resources[p][i] = (long) (t[2] * 1e6);
                load[p][i] = (long) (t[3] * 1e6);
            }
        }
        for (int p = 0; p < pages.size(); p++) {
            response[p] = Stats.sorted(response[p]);
            dom[p] = Stats.sorted(dom[p]);
            resources[p] = Stats.sorted(resources[p]);
            load[p] = Stats.sorted(load[p]);
        }
        return new Loads(response, dom, resources, load);
    }

    /**
     * Loads {@code url}; returns its responseStart, domContentLoadedEventEnd, the last resource's responseEnd and
     * loadEventEnd, in ms from the navigation's start.
     */
    private static double[] navigate(WebDriver browser, String url, String expectPath) {
        browser.get(url);
        if (!browser.getCurrentUrl().contains(expectPath)) {
            throw new IllegalStateException(url + " ended at " + browser.getCurrentUrl());
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (int tries = 0; tries < 200; tries++) {
            Object o = js.executeScript("var n = performance.getEntriesByType('navigation')[0];"
                    + "var r = performance.getEntriesByType('resource').reduce(function (m, e) {"
                    + " return Math.max(m, e.responseEnd); }, 0);"
                    + "return n && n.loadEventEnd > 0 ? [n.responseStart, n.domContentLoadedEventEnd, r, n.loadEventEnd]"
                    + " : null;");
            if (o instanceof List<?> l) {
                if (System.getenv("LIAISON_PROBE") != null) {
                    System.out.println("PROBE " + url + " " + js.executeScript("return JSON.stringify(performance"
                            + ".getEntriesByType('resource').map(function (e) { return [e.name, Math.round(e.startTime),"
                            + " Math.round(e.responseEnd), e.transferSize]; }).concat([performance.getEntriesByType("
                            + "'navigation').map(function (n) { return [n.responseEnd, n.domInteractive, "
                            + "n.domContentLoadedEventStart, n.domContentLoadedEventEnd, n.loadEventStart]; })]))"));
                }
                double[] t = new double[4];
                for (int i = 0; i < 4; i++) {
                    t[i] = ((Number) l.get(i)).doubleValue();
                }
                return t;
            }
            LockSupport.parkNanos(5_000_000);
        }
        throw new IllegalStateException("no navigation timing for " + url);
    }

    // ---- tracks ----

    /** JPN's duty officer publishing every track's update, {@code hz} times a second, until stopped. */
    private static final class TrackPublisher {
        private final HotlinePair p;
        private final GeoPoint[] launch;
        private final Velocity[] velocity;
        private final long t0 = System.nanoTime();
        final AtomicLong published = new AtomicLong();
        private volatile boolean running = true;

        TrackPublisher(HotlinePair p, int tracks) {
            this.p = p;
            this.launch = new GeoPoint[tracks];
            this.velocity = new Velocity[tracks];
            java.util.Random r = new java.util.Random(42);
            for (int i = 0; i < tracks; i++) {
                launch[i] = new GeoPoint(38.5 + r.nextDouble() * 2, 124.5 + r.nextDouble() * 4, 0);
                velocity[i] = new Velocity(200 + r.nextDouble() * 400, 1_000 + r.nextDouble() * 1_500,
                        300 + r.nextDouble() * 500);
            }
        }

        private List<TrackUpdate> all() {
            Instant at = Instant.now();
            double s = (System.nanoTime() - t0) / 1e9;
            List<TrackUpdate> out = new ArrayList<>(launch.length);
            for (int i = 0; i < launch.length; i++) {
                GeoPoint pos = launch[i].moved(velocity[i], s % 300);
                GeoPoint impact = launch[i].moved(new Velocity(velocity[i].north(), velocity[i].east(), 0), 400);
                out.add(new TrackUpdate(String.format(Locale.ROOT, "T-%04d", i), at, pos, velocity[i], launch[i],
                        impact, 25_000 - Math.min(20_000, s * 50), "FPS-5 (Sado)", 0.9, "秘"));
            }
            return out;
        }

        private void publish(List<TrackUpdate> batch) {
            for (int i = 0; i < batch.size(); i += 1_000) {
                p.jh.tracks().publish(p.sato, HotlinePair.LINE, batch.subList(i, Math.min(batch.size(), i + 1_000)));
            }
            published.addAndGet(batch.size());
        }

        /** Every track's first update: a new launch each, announced by a FLASH message. */
        void publishAll() {
            publish(all());
        }

        void run(int hz) {
            long tick = 1_000_000_000L / hz;
            long start = System.nanoTime();
            for (long k = 1; running; k++) {
                long wait = start + k * tick - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                publish(all());
            }
        }

        void stop() {
            running = false;
        }
    }
}
