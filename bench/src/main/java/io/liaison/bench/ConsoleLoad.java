package io.liaison.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.core.access.Clearance;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.Precedence;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
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
 *       newest 50 messages, its alarms, its health and latency, and the page's live stream) is timed the same way as
 *       search, against {@code /api/health}. Then the line's picture ({@code /hotline/{line}/picture}): from the
 *       navigation's start until every track's view and the fused tracks are drawn on the map (the page's
 *       {@code picture-drawn} mark), and until the land is drawn after them ({@code land-drawn}); and the time to
 *       first byte of {@code picture.json}, which the page fetches every second.
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
        if (!Files.isExecutable(BrowserTiming.CHROMIUM) || !Files.isExecutable(BrowserTiming.CHROMEDRIVER)) {
            throw new IllegalStateException("ConsoleLoad needs Debian's chromium and chromium-driver at " + BrowserTiming.CHROMIUM
                    + " and " + BrowserTiming.CHROMEDRIVER + ": apt-get install chromium chromium-driver");
        }
        List<String> out = new ArrayList<>();
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, TestNodes.Db.H2, Clock.systemUTC(), new Hotline.Options(
                Duration.ZERO, Duration.ZERO), false, OBJECTIVES, 18)) {
            ApiServer api = ApiServer.start(p.kor, Optional.of(p.kf), Optional.of(p.kh), "127.0.0.1", 0);
            WebDriver browser = null;
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                String base = "http://127.0.0.1:" + api.port();
                String[] vocabulary = Words.vocabulary(2_000, new SplittableRandom(1));

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

                String session = ConsoleHttp.signIn(http, base, "kim", KIM_PASSWORD);
                HttpRequest health = ConsoleHttp.get(base + "/api/health", null);
                HttpRequest css = ConsoleHttp.get(base + "/console.css", null);
                SplittableRandom qr = new SplittableRandom(7);
                String[] words = new String[requests + 200];
                for (int i = 0; i < words.length; i++) {
                    words[i] = Words.zipf(qr, vocabulary);
                }
                IntFunction<HttpRequest> search = i -> ConsoleHttp.get(base + "/search?q=" + words[i], session);
                long matches = 0;
                for (int i = 0; i < 50; i++) {
                    matches += total(http.send(search.apply(i), HttpResponse.BodyHandlers.ofString()).body());
                }
                ConsoleHttp.interleaved(http, 200, List.of(search, i -> health, i -> css), List.of("item(s) you may read",
                        "UP", "banner"));
                Stats.Cpu c1 = Stats.Cpu.now();
                ConsoleHttp.Timed[] s = ConsoleHttp.interleaved(http, requests, List.of(i -> search.apply(200 + i), i -> health, i -> css),
                        List.of("item(s) you may read", "UP", "banner"));
                String searchCpu = Stats.Cpu.now().since(c1);
                System.out.printf("  search as kim: %,d matches per query on average (first 50 queries), a page of up to 50"
                        + " (%s)%n", matches / 50, searchCpu);
                Stats.row("GET /search?q=WORD, time to first byte", s[0].ttfb());
                Stats.row("GET /search?q=WORD, whole answer", s[0].total());
                Stats.row("GET /api/health (baseline), time to first byte", s[1].ttfb());
                Stats.row("GET /console.css (baseline), time to first byte", s[2].ttfb());

                browser = BrowserTiming.chromium();
                BrowserTiming.signIn(browser, base, "kim", KIM_PASSWORD);
                BrowserTiming.Loads sb = BrowserTiming.loads(browser, loads, List.of(i -> base + "/search?q=" + words[i % words.length],
                        i -> base + "/api/health"), List.of("/search", "/api/health"));
                Stats.row("chromium, search page: responseStart", sb.response()[0]);
                Stats.row("chromium, search page: domContentLoadedEventEnd", sb.dom()[0]);
                Stats.row("chromium, search page: last resource's responseEnd", sb.resources()[0]);
                Stats.row("chromium, search page: loadEventEnd", sb.load()[0]);
                Stats.row("chromium, /api/health (baseline): responseStart", sb.response()[1]);
                Stats.row("chromium, /api/health (baseline): loadEventEnd", sb.load()[1]);
                out.add(row("search, TTFB (HttpClient)", s[0].ttfb(), s[1].ttfb(), "/api/health TTFB", ""));
                out.add(row("search, full render (chromium loadEventEnd)", sb.load()[0], sb.load()[1], "/api/health "
                        + "loadEventEnd", goal(Stats.percentile(sb.load()[0], 99), 200)));

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
                ConsoleHttp.interleaved(http, 100, List.of(i -> ConsoleHttp.get(desk, session), i -> health), List.of("prec-FLASH", "UP"));
                Stats.Cpu c2 = Stats.Cpu.now();
                long published0 = publisher.published.get();
                long tp0 = System.nanoTime();
                ConsoleHttp.Timed[] d = ConsoleHttp.interleaved(http, requests, List.of(i -> ConsoleHttp.get(desk, session), i -> health),
                        List.of("prec-FLASH", "UP"));
                BrowserTiming.Loads db = BrowserTiming.loads(browser, loads, List.of(i -> desk, i -> base + "/api/health"),
                        List.of("/hotline/", "/api/health"));
                long[][] drawn = BrowserTiming.drawn(browser, Math.max(5, loads / 5), desk + "/picture");
                long[] pictureTtfb = ConsoleHttp.interleaved(http, Math.max(20, requests / 10), List.of(i ->
                        ConsoleHttp.get(desk + "/picture.json", session), i -> health), List.of("\"tracks\"", "UP"))[0]
                        .ttfb();
                double rate = (publisher.published.get() - published0) / ((System.nanoTime() - tp0) / 1e9);
                String deskCpu = Stats.Cpu.now().since(c2);
                publisher.stop();
                publishing.join();
                System.out.printf("  desk: %,d new tracks published at JPN, their %,d FLASH messages at KOR %s s after the "
                        + "start; KOR holds %,d tracks; updates published during the measurement %s/s (target %,d/s) "
                        + "(%s)%n", tracks, inbound.get(), Stats.f(startSeconds), held, Stats.f(rate), tracks * hz,
                        deskCpu);
                Stats.row("GET /hotline/LINE, time to first byte", d[0].ttfb());
                Stats.row("GET /hotline/LINE, whole answer", d[0].total());
                Stats.row("GET /api/health (baseline), time to first byte", d[1].ttfb());
                Stats.row("chromium, desk: responseStart", db.response()[0]);
                Stats.row("chromium, desk: domContentLoadedEventEnd", db.dom()[0]);
                Stats.row("chromium, desk: last resource's responseEnd", db.resources()[0]);
                Stats.row("chromium, desk: loadEventEnd", db.load()[0]);
                Stats.row("chromium, /api/health (baseline): responseStart", db.response()[1]);
                Stats.row("chromium, /api/health (baseline): loadEventEnd", db.load()[1]);
                out.add(row("desk, TTFB (HttpClient)", d[0].ttfb(), d[1].ttfb(), "/api/health TTFB", ""));
                out.add(row("desk, full render (chromium loadEventEnd)", db.load()[0], db.load()[1], "/api/health "
                        + "loadEventEnd", goal(Stats.percentile(db.load()[0], 99), 200)));
                Stats.row("GET /hotline/LINE/picture.json (every track's view and the fused tracks), time to first "
                        + "byte", pictureTtfb);
                Stats.row("chromium, picture: navigation start -> " + held + " tracks and their fusion drawn", drawn[0]);
                Stats.row("chromium, picture: navigation start -> the land drawn after them", drawn[1]);
                out.add(row("picture, " + held + " tracks drawn on the map (chromium)", drawn[0], db.load()[1],
                        "/api/health loadEventEnd", goal(Stats.percentile(drawn[0], 99), 200)));
                out.add(row("picture, the land drawn after the tracks (chromium)", drawn[1], db.load()[1],
                        "/api/health loadEventEnd", ""));

                // 3. A FLASH from KOR's node to the browser, and to the JSON stream.
                String token = ConsoleHttp.apiLogin(http, base, "kim", KIM_PASSWORD);
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

    /** Creates {@code items} items at KOR with {@code threads} threads; every one must be created. */
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
                        text.append(Words.zipf(r, vocabulary)).append(' ');
                    }
                    SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("ROK MND"), LEVELS[r.nextInt(3)],
                            Optional.empty(), List.of(), Optional.of(HotlinePair.KOR), Instant.now(), Optional.empty());
                    try {
                        node.items().create(author, new NewItem(Words.zipf(r, vocabulary) + " " + Words.zipf(r, vocabulary)
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

    private static long total(String page) {
        Matcher m = Pattern.compile("<p id=\"total\">(\\d+) item").matcher(page);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

}
