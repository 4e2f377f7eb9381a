package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import io.liaison.core.party.Party;
import io.liaison.federation.Federation;
import io.liaison.federation.Peering;
import io.liaison.hotline.Hotline;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hotline over real HTTP: two nodes with their APIs on port 0, a FLASH sent with REST arrives on the other
 * duty officer's Server-Sent Events stream, and the acknowledgement comes back on the sender's; bad requests get
 * problem+json.
 */
@org.junit.jupiter.api.Timeout(600)
class HotlineApiTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final String LINE = "jpn-kor-policy-dg";
    private final MutableClock clock = new MutableClock(Instant.now());

    private static String login(Http http, String user, String password) {
        return http.post("/api/login", null, Map.of("user", user, "password", password)).json().path("token").asText();
    }

    private static String dutyOfficer(Http http, String admin, String name, String nationality, String level) {
        return http.addUser(admin, http.login("officer", io.liaison.node.TestNodes.OFFICER_PASSWORD), Map.of("name", name,
                "password", "a long password for " + name, "nationality", nationality, "clearance", Map.of("level", level),
                "roles", List.of("duty-officer"), "duties", List.of("DPRK missile threat")));
    }

    /** Reads an SSE stream on a thread, queueing (event, data) pairs. */
    private static BlockingQueue<String[]> listen(String url, String token, List<InputStream> open) throws Exception {
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        open.add(r.body());
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String event = null;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        events.add(new String[] {event, line.substring(5).strip()});
                    }
                }
            } catch (Exception e) {
                // closed
            }
        });
        return events;
    }

    /** The first waiting event of that name (others stay queued), waiting up to 20 s for one. */
    private static JsonNode next(BlockingQueue<String[]> events, String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            for (String[] e : events) {
                if (name.equals(e[0]) && events.remove(e)) {
                    return Json.MAPPER.readTree(e[1]);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + name + " event within 20 s");
    }

    @Test
    void aFlashSentWithRest_arrivesOnTheOtherDutyOfficersStream_andItsAcknowledgementComesBack() throws Exception {
        int jp = Peering.freePort();
        int kp = Peering.freePort();
        List<InputStream> streams = new java.util.ArrayList<>();
        try (TestNodes.Created jd = TestNodes.create(TestNodes.Db.H2, JPN, clock);
                TestNodes.Created kd = TestNodes.create(TestNodes.Db.H2, KOR, clock);
                Node jpn = jd.open(clock); Node kor = kd.open(clock)) {
            Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
            try (Federation jf = Federation.start(jpn, "127.0.0.1", jp); Federation kf = Federation.start(kor, "127.0.0.1", kp);
                    Hotline jh = Hotline.start(jpn, jf, new Hotline.Options(Duration.ZERO, Duration.ZERO));
                    Hotline kh = Hotline.start(kor, kf, new Hotline.Options(Duration.ZERO, Duration.ZERO));
                    ApiServer ja = ApiServer.start(jpn, Optional.of(jf), Optional.of(jh), "127.0.0.1", 0);
                    ApiServer ka = ApiServer.start(kor, Optional.of(kf), Optional.of(kh), "127.0.0.1", 0)) {
                Http jhttp = new Http("http://127.0.0.1:" + ja.port());
                Http khttp = new Http("http://127.0.0.1:" + ka.port());
                String jadmin = login(jhttp, "admin", TestNodes.ADMIN_PASSWORD);
                String kadmin = login(khttp, "admin", TestNodes.ADMIN_PASSWORD);
                String sato = dutyOfficer(jhttp, jadmin, "sato", "JPN", "特定秘密");
                String kim = dutyOfficer(khttp, kadmin, "kim", "KOR", "군사Ⅱ급비밀");
                assertThat(jhttp.post("/api/hotline/lines", jadmin, Map.of("id", LINE, "desk", "policy-dg", "peer", "KOR",
                        "agreement", "jpn-kor-gsomia-2016", "dutyOfficers", List.of("sato"), "peerDutyOfficers",
                        List.of("kim"), "escalationContact", "JS J3", "objectives", "FLASH=5m")).status()).isEqualTo(201);
                assertThat(khttp.post("/api/hotline/lines", kadmin, Map.of("id", LINE, "desk", "policy-dg", "peer", "JPN",
                        "agreement", "jpn-kor-gsomia-2016", "dutyOfficers", List.of("kim"), "peerDutyOfficers",
                        List.of("sato"), "escalationContact", "JCS J3")).status()).isEqualTo(201);

                BlockingQueue<String[]> atKor = listen("http://127.0.0.1:" + ka.port() + "/api/hotline/events?line=" + LINE,
                        kim, streams);
                BlockingQueue<String[]> atJpn = listen("http://127.0.0.1:" + ja.port() + "/api/hotline/events", sato,
                        streams);
                next(atKor, "ready");
                next(atJpn, "ready");
                Http.Answer sent = jhttp.post("/api/hotline/lines/" + LINE + "/messages", sato, Map.of("precedence", "FLASH",
                        "classification", "極秘", "text", "Launch from Sohae"));
                assertThat(sent.status()).as(sent.body()).isEqualTo(202);
                String id = sent.json().path("id").asText();

                JsonNode arrived = next(atKor, "message");
                assertThat(arrived.path("id").asText()).isEqualTo(id);
                assertThat(arrived.path("marking").asText()).isEqualTo("JPN / 군사Ⅱ급비밀");
                assertThat(arrived.path("precedence").asText()).isEqualTo("FLASH");
                JsonNode delivered = next(atJpn, "receipt");
                assertThat(delivered.path("kind").asText()).isEqualTo("DELIVERED");

                assertThat(khttp.post("/api/hotline/messages/" + id + "/ack", kim, Map.of()).status()).isEqualTo(200);
                JsonNode acked = next(atJpn, "receipt");
                assertThat(acked.path("kind").asText()).isEqualTo("ACKNOWLEDGED");
                assertThat(acked.path("by").asText()).isEqualTo("KOR/kim");

                Http.Answer track = jhttp.post("/api/hotline/lines/" + LINE + "/tracks", sato, Map.of("updates", List.of(
                        Map.of("trackId", "JP-1", "time", Instant.now().toString(), "position", Map.of("latitude", 39.2,
                                "longitude", 126.2, "altitude", 150000), "velocity", Map.of("north", 700, "east", 2400,
                                "up", 900), "launchPoint", Map.of("latitude", 39.03, "longitude", 125.75, "altitude", 0),
                                "impactPoint", Map.of("latitude", 41.9, "longitude", 144.6, "altitude", 0),
                                "impactUncertainty", 25000, "sensor", "Aegis", "quality", 0.9, "classification", "秘"))));
                assertThat(track.status()).as(track.body()).isEqualTo(202);
                JsonNode seen = next(atKor, "track");
                assertThat(seen.path("party").asText()).isEqualTo("JPN");
                assertThat(seen.path("marking").asText()).isEqualTo("JPN / 군사Ⅲ급비밀");
                assertThat(seen.path("update").path("trackId").asText()).isEqualTo("JP-1");
                JsonNode launch = next(atKor, "message");
                assertThat(launch.path("text").asText()).startsWith("LAUNCH track JP-1");
                JsonNode picture = khttp.get("/api/hotline/lines/" + LINE + "/tracks", kim).json();
                assertThat(picture.path("fused").get(0).path("contributions").get(0).path("sensor").asText())
                        .isEqualTo("Aegis");

                JsonNode status = jhttp.get("/api/hotline/status", sato).json().get(0);
                assertThat(status.path("latencyMs").path("FLASH").path("acknowledgement").path("samples").asInt())
                        .isEqualTo(1);
                assertThat(status.path("line").path("objectives").asText()).startsWith("FLASH=5m");

                // The duty officer's metrics count the line's traffic; the admin, with no duty on it, sees no line.
                Http.Answer metrics = jhttp.get("/api/metrics", sato);
                assertThat(metrics.status()).isEqualTo(200);
                assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
                assertThat(metrics.body()).contains("liaison_hotline_queued{line=\"" + LINE + "\",precedence=\"FLASH\"} ")
                        .contains("liaison_hotline_delivery_p99_ms{line=\"" + LINE + "\",precedence=\"FLASH\"} ")
                        .contains("liaison_http_requests_seconds_count{method=\"POST\",route=\"/api/hotline/lines/{line}/"
                                + "messages\",status=\"202\"}");
                assertThat(jhttp.get("/api/metrics", jadmin).body()).doesNotContain("liaison_hotline_queued{")
                        .contains("liaison_audit_entries");

                Http.Answer badPrecedence = jhttp.post("/api/hotline/lines/" + LINE + "/messages", sato, Map.of(
                        "precedence", "URGENT", "classification", "秘", "text", "x"));
                assertThat(badPrecedence.status()).isEqualTo(400);
                assertThat(badPrecedence.contentType()).startsWith("application/problem+json");
                assertThat(badPrecedence.body()).contains("PRECEDENCE_UNKNOWN");
                Http.Answer unknownLine = jhttp.post("/api/hotline/lines/nope/messages", sato, Map.of("precedence",
                        "FLASH", "classification", "秘", "text", "x"));
                assertThat(unknownLine.status()).isEqualTo(404);
                Http.Answer notCovered = khttp.post("/api/hotline/lines/" + LINE + "/messages", kim, Map.of("precedence",
                        "FLASH", "classification", "군사Ⅰ급비밀", "text", "x"));
                assertThat(notCovered.status()).isEqualTo(403);
                Http.Answer tooBig = jhttp.post("/api/hotline/lines/" + LINE + "/messages", sato, Map.of("precedence",
                        "ROUTINE", "classification", "秘", "text", "x".repeat(io.liaison.hotline.Messages.MAX_TEXT_BYTES + 1)));
                assertThat(tooBig.status()).isEqualTo(413);
                assertThat(tooBig.body()).contains("MESSAGE_TOO_LARGE");
                assertThat(jhttp.post("/api/hotline/messages/" + id + "/ack", sato, Map.of()).status())
                        .as("the sender cannot acknowledge its own message").isEqualTo(409);
            } finally {
                for (InputStream s : streams) {
                    s.close();
                }
            }
        }
    }
}
