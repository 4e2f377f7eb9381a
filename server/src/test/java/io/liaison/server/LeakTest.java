package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.Precedence;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.Peering;
import io.liaison.federation.release.IncidentKind;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.Line;
import io.liaison.hotline.Messages;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The differential leak suite (R10): two worlds built the same way, except that in one, things happen that the
 * caller may not read (an item received at a level above the caller's clearance, a case and a consent request about
 * it, a hotline FLASH at that level and its escalation, an item made here at that level, a search by a cleared
 * colleague). Every route and console page that lists, counts, streams, searches or draws must answer the caller
 * identically in both worlds:
 * status and body (ids, times and positions normalized, since they are drawn afresh in each world) and the headers
 * that matter. The signed head and the verification of the audit log are integrity metadata that every auditor sees
 * (the log's size), and so is what a peer's log size is as this node last verified it ({@code /api/audit/peers}); they
 * are left out.
 */
@Timeout(300)
class LeakTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final Party USA = Party.of("USA");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private static final String LINE = "jpn-kor-watch";
    private static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    private static final List<String> ROUTES = List.of("/api/items", "/api/items?limit=100", "/api/search?q=Sinpo",
            "/api/search?q=launch", "/api/search?q=", "/api/audit?limit=1000", "/api/incidents",
            "/api/consent-requests?role=HOLDER", "/api/consent-requests?role=ORIGINATOR", "/api/outbox?limit=1000",
            "/api/hotline/status", "/api/hotline/lines/" + LINE + "/messages?limit=1000",
            "/api/hotline/lines/" + LINE + "/messages?unacknowledged=true", "/api/hotline/alarms?all=true",
            "/api/hotline/alarms", "/api/hotline/lines/" + LINE + "/tracks", "/api/hotline/lines", "/api/grants?all=true",
            "/api/peers", "/api/me", "/api/maritime/picture", "/api/maritime/reports", "/api/maritime/shares");
    /** The console's pages that list, count, search or draw, read by the same caller signed in to the console. */
    private static final List<String> PAGES = List.of("/search?q=Sinpo", "/search?q=", "/search?q=launch&level=%EA%B5%B0"
            + "%EC%82%AC%E2%85%A2%EA%B8%89%EB%B9%84%EB%B0%80", "/incidents", "/consents", "/outbox", "/audit", "/approvals",
            "/hotline", "/hotline/" + LINE, "/hotline/" + LINE + "/picture.json", "/hotline/" + LINE + "/picture");

    /** One world: JPN and KOR nodes, federated, with a hotline line, and the caller's answers. */
    private static final class World implements AutoCloseable {
        // Both worlds start at the same instant, today, so that the node certificates init makes are valid.
        final MutableClock clock = new MutableClock(START);
        final TestNodes.Created jd;
        final TestNodes.Created kd;
        final Node jpn;
        final Node kor;
        final Federation jf;
        final Federation kf;
        final Hotline jh;
        final Hotline kh;
        final ApiServer api;
        final Http http;
        final User sato;
        final User park;
        final User watch;
        final String watchToken;
        final List<String[]> events = new ArrayList<>();

        World(boolean hidden) throws Exception {
            jd = TestNodes.create(TestNodes.Db.H2, JPN, clock);
            kd = TestNodes.create(TestNodes.Db.H2, KOR, clock);
            jpn = jd.open(clock);
            kor = kd.open(clock);
            Map<Party, Integer> ports = Peering.ports(jpn, kor);
            Peering.connect(ports, jpn, kor);
            jf = Federation.start(jpn, "127.0.0.1", ports.get(JPN));
            kf = Federation.start(kor, "127.0.0.1", ports.get(KOR));
            Hotline.Options manual = new Hotline.Options(Duration.ZERO, Duration.ZERO);
            jh = Hotline.start(jpn, jf, manual);
            kh = Hotline.start(kor, kf, manual);
            api = ApiServer.start(kor, Optional.of(kf), Optional.of(kh), "127.0.0.1", 0);
            http = new Http("http://127.0.0.1:" + api.port());
            sato = user(jpn, "sato", "jpn", "特定秘密", Role.ANALYST, Role.RELEASING_OFFICER, Role.SECURITY_OFFICER,
                    Role.DUTY_OFFICER);
            park = user(kor, "park", "kor", "군사Ⅰ급비밀", Role.ANALYST, Role.RELEASING_OFFICER, Role.SECURITY_OFFICER);
            // The caller: every role that lists something, cleared below what the hidden things are marked.
            watch = user(kor, "watch", "kor", "군사Ⅲ급비밀", Role.ANALYST, Role.RELEASING_OFFICER, Role.SECURITY_OFFICER,
                    Role.DUTY_OFFICER);
            jh.addLine(TestUsers.admin(jpn), new Line(LINE, "watch-desk", KOR, GSOMIA, Set.of("sato"), Set.of("watch"),
                    "JS J3 watch", Objectives.defaults()));
            kh.addLine(TestUsers.admin(kor), new Line(LINE, "watch-desk", JPN, GSOMIA, Set.of("watch"), Set.of("sato"),
                    "JCS J3 watch", Objectives.defaults()));
            watchToken = http.login("watch", "a long password for watch");
            BlockingQueue<String[]> stream = listen();

            // What the caller may see, in both worlds.
            ItemView visible = item(jpn, sato, "jpn", "秘", "Launch site imagery", "launch at Sohae");
            jf.releases().release(sato, visible.id(), KOR, MISSILE, GSOMIA);
            deliver();
            String atKor = kor.items().search(park, "Sohae", 0, 10).hits().getFirst().id();
            kf.incidents().report(watch, atKor, IncidentKind.SUSPECTED_LOSS, "courier late");
            kf.consents().request(watch, atKor, USA, MISSILE, "share with USFK");
            // A second apart, so that lists ordered by time do not fall back on the ids each world draws.
            clock.advance(Duration.ofSeconds(1));
            item(kor, park, "kor", "군사Ⅲ급비밀", "Coastal radar log", "launch seen by radar");
            clock.advance(Duration.ofSeconds(1));
            jh.send(sato, new Messages.Outgoing(LINE, Precedence.FLASH, "秘", "launch detected", List.of(),
                    Optional.empty()));
            deliver();
            await(() -> kor.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM hotline_messages WHERE "
                    + "direction = 'IN'").mapTo(Long.class).one()) == 1);
            kor.items().search(watch, "launch", 0, 10);

            if (hidden) {
                ItemView secret = item(jpn, sato, "jpn", "極秘", "Sinpo SLBM", "Sinpo submarine sortie");
                jf.releases().release(sato, secret.id(), KOR, MISSILE, GSOMIA);
                deliver();
                String heldAtKor = kor.items().search(park, "Sinpo", 0, 10).hits().getFirst().id();
                kf.incidents().report(park, heldAtKor, IncidentKind.LOSS, "the Sinpo file is missing");
                kf.consents().request(park, heldAtKor, USA, MISSILE, "Sinpo for USFK");
                item(kor, park, "kor", "군사Ⅱ급비밀", "Sinpo follow-up", "Sinpo launch preparations");
                jh.send(sato, new Messages.Outgoing(LINE, Precedence.FLASH, "極秘", "Sinpo SLBM launch", List.of(),
                        Optional.empty()));
                kor.items().search(park, "Sinpo submarine", 0, 10);
                deliver();
                await(() -> kor.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM hotline_messages "
                        + "WHERE direction = 'IN'").mapTo(Long.class).one()) == 2);
            }

            clock.advance(Duration.ofMinutes(11));
            kh.checkEscalations();
            jh.send(sato, new Messages.Outgoing(LINE, Precedence.ROUTINE, "注意", "marker", List.of(), Optional.empty()));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) {
                String[] e = stream.poll(100, TimeUnit.MILLISECONDS);
                if (e == null) {
                    continue;
                }
                events.add(e);
                if (e[0].equals("message") && e[1].contains("\"text\":\"marker\"")) {
                    break;
                }
            }
            assertThat(events).as("the marker arrived on the stream").anyMatch(e -> e[1].contains("marker"));
        }

        private User user(Node node, String name, String policy, String level, Role... roles) {
            clock.advance(Duration.ofSeconds(1));
            return TestUsers.add(node, new User(name, new Clearance(policy, level, Map.of(), node.party()), Set.of(roles),
                    Set.of(MISSILE), true), "a long password for " + name);
        }

        private ItemView item(Node node, User author, String policyId, String level, String title, String text) {
            var policy = node.catalog().requirePolicy(policyId);
            SecurityLabel label = new SecurityLabel(new PolicyIdentifier(policy.name(), policy.oid().map(o -> "urn:oid:"
                    + o)), level, Optional.empty(), List.of(), Optional.of(node.party()), clock.instant(), Optional.empty());
            return node.items().create(author, new NewItem(title, text, label, Set.of(MISSILE), false, List.of(), "desk"));
        }

        private void deliver() throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                jf.deliverNow();
                kf.deliverNow();
            }
        }

        private BlockingQueue<String[]> listen() throws Exception {
            BlockingQueue<String[]> queue = new LinkedBlockingQueue<>();
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.base()
                    + "/api/hotline/events")).header("Authorization", "Bearer " + watchToken).header("Accept",
                    "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String event = "message";
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            queue.add(new String[] {event, line.substring(5).strip()});
                        }
                    }
                } catch (Exception e) {
                    // the world closed
                }
            });
            String[] ready = queue.poll(10, TimeUnit.SECONDS);
            assertThat(ready).isNotNull();
            return queue;
        }

        Map<String, String> answers() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String route : ROUTES) {
                Http.Answer a = http.get(route, watchToken);
                out.put(route, a.status() + " " + a.contentType() + "\n" + normalized(a.body()));
            }
            // The metrics' counts of what the caller may see; latencies and ages are times, so only their presence.
            Http.Answer metrics = http.get("/api/metrics", watchToken);
            out.put("/api/metrics", metrics.status() + "\n" + metrics.body().lines().filter(l -> l.startsWith(
                    "liaison_hotline_") || l.startsWith("liaison_outbox_")).map(l -> l.startsWith(
                    "liaison_hotline_delivery_p99_ms") || l.startsWith("liaison_outbox_oldest") ? l.replaceAll(" \\d+$",
                    " <time>") : l).collect(java.util.stream.Collectors.joining("\n")));
            StringBuilder stream = new StringBuilder();
            for (String[] e : events) {
                stream.append(e[0]).append(' ').append(normalized(e[1])).append('\n');
            }
            out.put("/api/hotline/events", stream.toString());
            try {
                ConsoleClient console = new ConsoleClient("http://127.0.0.1:" + api.port());
                String session = console.signIn("watch", "a long password for watch");
                for (String page : PAGES) {
                    var r = console.get(page, session);
                    // Positions and the signed head's size are the whole log's, as in the API (see above).
                    out.put(page, r.statusCode() + "\n" + normalized(r.body().replaceAll("/audit/\\d+\">\\d+<",
                            "/audit/<position>\"><position><").replaceAll("Signed head: \\d+ entries",
                            "Signed head: <size> entries").replaceAll("before=\\d+", "before=<position>")));
                }
            } catch (Exception e) {
                throw new AssertionError("the console did not answer", e);
            }
            return out;
        }

        @Override
        public void close() {
            api.close();
            kh.close();
            jh.close();
            kf.close();
            jf.close();
            kor.close();
            jpn.close();
            kd.close();
            jd.close();
        }
    }

    private static final Pattern DRAWN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
            + "|\\b(?:kor|jpn|usa|g)-(?:[0-9a-f]{24}|[0-9a-f]{16})\\b|\\b[0-9a-f]{64,}\\b"
            + "|\"lastContact\" ?: ?\"[^\"]*\"|\\b[0-9a-f]{16}\\b|127\\.0\\.0\\.1:\\d+");
    /** Positions in the audit log are the whole log's: they are compared as positions, not by value. */
    private static final Pattern POSITION = Pattern.compile("\"(seq|previous|next)\" ?: ?\\d+");

    /**
     * Times are when each world's work happened: which of them coincide (two messages delivered in one batch or in two)
     * is the scheduler's, not what the caller may see, so each is replaced by {@code <time>} alike.
     */
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");

    /**
     * Replaces what each world draws afresh (ids, hashes) by its order of first appearance, positions by
     * {@code <position>} and times by {@code <time>}.
     */
    static String normalized(String body) {
        Map<String, String> seen = new LinkedHashMap<>();
        Matcher m = DRAWN.matcher(TIME.matcher(POSITION.matcher(body).replaceAll("\"$1\": <position>"))
                .replaceAll("<time>"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = seen.computeIfAbsent(m.group(), k -> "<" + seen.size() + ">");
            m.appendReplacement(out, Matcher.quoteReplacement(token));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the worlds did not settle within 20 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void everyRouteThatListsCountsStreamsOrSearches_answersAlikeWithAndWithoutWhatTheCallerMayNotRead() throws Exception {
        Map<String, String> without;
        try (World b = new World(false)) {
            without = b.answers();
        }
        try (World a = new World(true)) {
            Map<String, String> with = a.answers();
            assertThat(with.get("/api/metrics")).as("the caller's metrics count its line").contains(
                    "liaison_hotline_unacknowledged{line=\"" + LINE + "\"");
            for (String route : with.keySet()) {
                assertThat(with.get(route)).as(route).isEqualTo(without.get(route));
            }
            // The worlds differ for someone cleared: the hidden things exist.
            String park = a.http.login("park", "a long password for park");
            assertThat(a.http.get("/api/search?q=Sinpo", park).json().path("total").asLong()).isEqualTo(2);
            assertThat(a.http.get("/api/incidents", park).json().size()).isEqualTo(2);
            assertThat(a.http.get("/api/hotline/alarms?all=true", park).json().size()).isEqualTo(2);
            assertThat(a.http.get("/api/audit?limit=1000", park).body()).contains("Sinpo submarine");
            // Finding 4: the audit log showed which hidden items exist, their levels, and other users' search text.
            assertThat(a.http.get("/api/audit?limit=1000", a.watchToken).body()).doesNotContain("Sinpo submarine",
                    "Sinpo SLBM", "Sinpo follow-up", "군사Ⅱ급비밀", "極秘");

            // Acting on what the caller may not see answers as for something missing (finding 3 and 7).
            // The ids the watch officer sees, raw (the compared answers have their ids normalized away).
            String seenByWatch = a.http.get("/api/incidents", a.watchToken).body()
                    + a.http.get("/api/hotline/alarms?all=true", a.watchToken).body();
            String caseId = a.http.get("/api/incidents", park).json().findValuesAsText("id").stream()
                    .filter(id -> !seenByWatch.contains(id)).findFirst().orElseThrow();
            Http.Answer close = a.http.post("/api/incidents/" + caseId + "/close", a.watchToken, Map.of("findings", "f",
                    "measures", "m"));
            Http.Answer closeMissing = a.http.post("/api/incidents/00000000-0000-0000-0000-000000000000/close",
                    a.watchToken, Map.of("findings", "f", "measures", "m"));
            assertThat(close.status()).isEqualTo(404);
            assertThat(normalized(close.body())).isEqualTo(normalized(closeMissing.body()));
            String alarmId = a.http.get("/api/hotline/alarms?all=true", park).json().findValuesAsText("id").stream()
                    .filter(id -> !seenByWatch.contains(id)).findFirst().orElseThrow();
            Http.Answer clear = a.http.post("/api/hotline/alarms/" + alarmId + "/clear", a.watchToken, Map.of("note", "x"));
            Http.Answer clearMissing = a.http.post("/api/hotline/alarms/00000000-0000-0000-0000-000000000000/clear",
                    a.watchToken, Map.of("note", "x"));
            assertThat(clear.status()).isEqualTo(404);
            assertThat(normalized(clear.body())).isEqualTo(normalized(clearMissing.body()));
            assertThat(a.http.get("/api/hotline/alarms", park).json().size()).as("the alarm was not silenced")
                    .isEqualTo(2);
        }
    }
}
