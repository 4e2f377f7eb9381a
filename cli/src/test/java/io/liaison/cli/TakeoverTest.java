package io.liaison.cli;

import static io.liaison.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.node.TestNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: JPN served by two replicas ({@code serve --replica a}, {@code --replica b}) on one PostgreSQL
 * database and one node directory, KOR by one process, joined by a hotline line. Releases and hotline messages go in
 * through both replicas; the leader is killed with SIGKILL in the middle, a FLASH is sent as it dies. The other replica
 * leads within 5 seconds; every write a replica acknowledged is there, every release and message arrives exactly once,
 * the ROUTINE messages in order, the FLASH within its objective, and JPN's audit log verifies.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TakeoverTest {
    private static final String LINE = "jpn-kor-navy-staff";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ServedNodes nodes = new ServedNodes();
    private String database;

    @AfterEach
    void stop() throws Exception {
        nodes.close();
        if (database != null) {
            TestNodes.dropDatabase(database);
        }
    }

    /** The role a replica's health route reports, or "DOWN" when it does not answer. */
    private static String role(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body().contains("\"LEADER\"") ? "LEADER" : r.body().contains("\"FOLLOWER\"") ? "FOLLOWER" : r.body();
        } catch (Exception e) {
            return "DOWN";
        }
    }

    private static long awaitRole(String url, String role, Duration within) throws InterruptedException {
        long start = System.nanoTime();
        while (!role(url).equals(role)) {
            assertThat(System.nanoTime() - start).as(url + " is not " + role + " after " + within).isLessThan(within.toNanos());
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Runs a client command until a replica acknowledges it (one may be restarting as the new leader). */
    private static Cli acknowledged(String... args) throws InterruptedException {
        Cli c = Cli.run(args);
        for (int i = 0; i < 100 && c.exit() != 0 && (c.err() + c.out()).contains("connect"); i++) {
            Thread.sleep(100);
            c = Cli.run(args);
        }
        return ok(c);
    }

    /** The data of the next receipt event on {@code stream} that contains {@code text}; fails after 30 s. */
    private static String receiptOn(java.util.concurrent.BlockingQueue<String> stream, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean receipt = false;
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = stream.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            if (line.startsWith("event:")) {
                receipt = line.contains("receipt");
            } else if (receipt && line.startsWith("data:") && line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("no receipt event containing '" + text + "' on the stream: " + seen);
    }

    private static void signal(String name, Process p) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    private static List<String> arrived(String url, String token) {
        Cli c = ok(Cli.run("hotline", "messages", "--line", LINE, "--limit", "1000", "--node", url, "--token", token));
        List<String> texts = new ArrayList<>(c.out().lines().filter(l -> l.contains("(received"))
                .map(l -> l.replaceAll(".*\\]  ", "").replaceAll("  \\(received.*", "")).toList());
        Collections.reverse(texts);
        return texts;
    }

    @Test
    void aReplicaOfANodeOnTheEmbeddedDatabase_isRefusedWithOneLine(@TempDir Path tmp) {
        Path dir = tmp.resolve("kor");
        ok(Cli.run("init", "--party", "KOR", "--dir", dir.toString()));
        Cli refused = Cli.run("serve", "--dir", dir.toString(), "--port", "0", "--federation-port", "0", "--replica", "a");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("replica a: replicas share a PostgreSQL database");
        assertThat(refused.err().lines().count()).isEqualTo(1);
    }

    @Test
    void theLeaderKilledMidTraffic_anotherLeadsWithin5s_andNothingIsLostOrDoubled(@TempDir Path tmp) throws Exception {
        database = TestNodes.createDatabase();
        Path jpnDir = tmp.resolve("jpn");
        Path korDir = tmp.resolve("kor");
        Cli jpnInit = ok(Cli.run("init", "--party", "JPN", "--dir", jpnDir.toString(), "--db", database));
        Cli korInit = ok(Cli.run("init", "--party", "KOR", "--dir", korDir.toString()));
        int apiA = ServedNodes.freePort();
        int apiB = ServedNodes.freePort();
        int jpnFed = ServedNodes.freePort();
        int korApi = ServedNodes.freePort();
        int korFed = ServedNodes.freePort();
        ServedNodes.peerEachOther(jpnDir, "JPN", jpnFed, korDir, "KOR", korFed);
        String a = "http://127.0.0.1:" + apiA;
        String b = "http://127.0.0.1:" + apiB;
        String kor = "http://127.0.0.1:" + korApi;
        Process leader = nodes.serve(jpnDir, apiA, jpnFed, "--replica", "a");
        awaitRole(a, "LEADER", Duration.ofSeconds(30));
        nodes.serve(jpnDir, apiB, jpnFed, "--replica", "b");
        assertThat(role(b)).isEqualTo("FOLLOWER");
        assertThat(status(b + "/api/ready")).as("a follower serves").isEqualTo(200);
        assertThat(status(b + "/api/ready?role=leader")).as("but does not lead").isEqualTo(503);
        assertThat(status(a + "/api/ready?role=leader")).isEqualTo(200);
        Process korProcess = nodes.serve(korDir, korApi, korFed);

        // The line is added through the leader, its duty officers through both ends; the releasing officer through b.
        ServedNodes.Duty duty = ServedNodes.hotlineLine(LINE, a, jpnInit, new String[0], kor, korInit, new String[0]);
        String jpnAdmin = Cli.token(b, "admin", jpnInit.adminPassword());
        ok(Cli.run("user", "add", "ito", "--nationality", "JPN", "--clearance", "特定秘密", "--role", "analyst", "--role",
                "releasing-officer", "--duty", "DPRK missile threat", "--password", "ito password 12", "--node", b,
                "--token", jpnAdmin));
        Cli.approveAll(b, jpnInit.officerPassword());
        String korAdmin = Cli.token(kor, "admin", korInit.adminPassword());
        ok(Cli.run("user", "add", "lee", "--nationality", "KOR", "--clearance", "군사Ⅱ급비밀", "--role", "analyst",
                "--duty", "DPRK missile threat", "--password", "lee password 12", "--node", kor, "--token", korAdmin));
        Cli.approveAll(kor, korInit.officerPassword());
        String ito = Cli.token(b, "ito", "ito password 12");
        String lee = Cli.token(kor, "lee", "lee password 12");
        String sato = duty.sato();

        // A duty officer's live stream on the follower: receipts come from the leader's lanes, on the other replica.
        java.util.concurrent.BlockingQueue<String> stream = new java.util.concurrent.LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> events = HTTP.send(HttpRequest.newBuilder(URI.create(b
                + "/api/hotline/events?line=" + LINE + "&tracks=false")).header("Authorization", "Bearer " + sato)
                .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(events.statusCode()).isEqualTo(200);
        Thread reader = Thread.ofVirtual().start(() -> events.body().forEach(stream::add));

        // Live tracks are the leader's state: the follower names the leader instead of answering with an empty picture.
        HttpResponse<String> tracks = HTTP.send(HttpRequest.newBuilder(URI.create(b + "/api/hotline/lines/" + LINE
                + "/tracks")).header("Authorization", "Bearer " + sato).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tracks.statusCode()).isEqualTo(503);
        assertThat(tracks.body()).contains("NOT_LEADER").contains("replica a");

        int rounds = 40;
        int held = 5;
        List<String> routineOrder = new ArrayList<>();
        List<String> released = new ArrayList<>();
        String flashId = "";
        long tookOver = -1;
        for (int i = 0; i < rounds; i++) {
            String via = i % 2 == 0 || i >= rounds / 2 ? b : a; // a is dead from the middle on
            String title = "takeover release " + i;
            Cli added = acknowledged("item", "add", "--title", title, "--classification", "秘", "--purpose",
                    "DPRK missile threat", "--text", "Track " + i + " off Oga.", "--node", via, "--token", ito);
            acknowledged("item", "release", added.out().split("\\s+")[0], "--to", "KOR", "--purpose",
                    "DPRK missile threat", "--agreement", "jpn-kor-gsomia-2016", "--node", via, "--token", ito);
            released.add(title);
            acknowledged("hotline", "send", "--line", LINE, "--precedence", "ROUTINE", "--classification", "秘",
                    "routine " + i, "--node", via, "--token", sato);
            routineOrder.add("routine " + i);
            if (i == 0) {
                assertThat(receiptOn(stream, "")).as("a receipt from the leader's lanes reaches the follower's stream")
                        .contains("DELIVERED");
            }
            if (i == rounds / 2) {
                // KOR stops answering for a moment, so that ROUTINE messages are queued when the leader dies.
                signal("STOP", korProcess);
                for (int k = 0; k < held; k++) {
                    acknowledged("hotline", "send", "--line", LINE, "--precedence", "ROUTINE", "--classification", "秘",
                            "held " + k, "--node", k % 2 == 0 ? a : b, "--token", sato);
                    routineOrder.add("held " + k);
                }
                leader.destroyForcibly(); // SIGKILL: the leader dies with releases and messages in flight
                long killed = System.nanoTime();
                assertThat(leader.waitFor(10, TimeUnit.SECONDS)).isTrue();
                flashId = acknowledged("hotline", "send", "--line", LINE, "--precedence", "FLASH", "--classification",
                        "極秘", "flash as the leader died", "--node", b, "--token", sato).out().split("\\s+")[0];
                awaitRole(b, "LEADER", Duration.ofSeconds(10));
                tookOver = (System.nanoTime() - killed) / 1_000_000;
                signal("CONT", korProcess);
            }
        }
        System.out.println("takeover: replica b leads " + tookOver + " ms after the leader was killed");
        assertThat(status(b + "/api/ready?role=leader")).isEqualTo(200);
        assertThat(tookOver).as("replica b leads within 5 s of the kill").isBetween(0L, 5_000L);

        // Every message arrives once; the ROUTINE ones in order; the FLASH within its objective.
        List<String> texts = arrived(kor, duty.kim());
        for (int i = 0; i < 600 && texts.size() < rounds + 1; i++) {
            Thread.sleep(100);
            texts = arrived(kor, duty.kim());
        }
        assertThat(texts).hasSize(rounds + held + 1);
        assertThat(new HashSet<>(texts)).as("no message twice").hasSize(rounds + held + 1);
        assertThat(texts.stream().filter(t -> !t.startsWith("flash")).toList()).as("ROUTINE in order")
                .isEqualTo(routineOrder);
        // The new leader's queue drains FLASH first: it overtakes what the dead leader left queued (one batch may
        // have been in flight to KOR when it stopped, and is taken when KOR goes on).
        assertThat(texts.indexOf("flash as the leader died")).as("FLASH before the ROUTINE queued before it: " + texts)
                .isLessThan(texts.indexOf("held " + (held - 1)));
        // The stream opened on b before the takeover goes on after it, with the FLASH's receipt from b's own lanes.
        assertThat(receiptOn(stream, flashId)).contains("DELIVERED");
        reader.interrupt();
        Cli flash = ok(Cli.run("hotline", "messages", "--line", LINE, "--limit", "1000", "--node", b, "--token", sato));
        assertThat(flash.out()).contains("flash as the leader died");
        com.fasterxml.jackson.databind.JsonNode sent = io.liaison.catalog.json.Json.MAPPER.readTree(HTTP.send(
                HttpRequest.newBuilder(URI.create(b + "/api/hotline/messages/" + flashId)).header("Authorization",
                "Bearer " + sato).build(), HttpResponse.BodyHandlers.ofString()).body());
        long flashMs = java.time.Duration.between(java.time.Instant.parse(sent.path("sentAt").asText()),
                java.time.Instant.parse(sent.path("deliveredAt").asText())).toMillis();
        System.out.println("takeover: the FLASH sent as the leader died was delivered " + flashMs + " ms after it was "
                + "sent (KOR stopped meanwhile)");
        // Its objective (R25) is 10 minutes to acknowledgement; delivery through a takeover takes seconds.
        assertThat(flashMs).isLessThan(10_000);
        assertThat(flash.out().lines().filter(l -> l.contains("flash as the leader died")).findFirst().orElseThrow())
                .contains("sent, delivered");

        // Every acknowledged release arrived at KOR once.
        Cli found = Cli.run("search", "takeover", "--limit", "100", "--node", kor, "--token", lee);
        for (int i = 0; i < 600 && !found.out().contains(rounds + " item(s)"); i++) {
            Thread.sleep(100);
            found = Cli.run("search", "takeover", "--limit", "100", "--node", kor, "--token", lee);
        }
        for (String title : released) {
            assertThat(found.out().lines().filter(l -> l.endsWith(title) || l.contains(title + " ")).count())
                    .as(title + " once at KOR:\n" + found.out()).isEqualTo(1);
        }
        // Items stored through a reached b's own search index, by the replicas' signals.
        Cli atB = Cli.run("search", "takeover", "--limit", "100", "--node", b, "--token", ito);
        assertThat(atB.out()).as(atB.err()).contains(rounds + " item(s)");
        // Both replicas wrote to one audit log; it verifies as one.
        Cli verified = Cli.run("audit", "verify", "--dir", jpnDir.toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
    }
}
