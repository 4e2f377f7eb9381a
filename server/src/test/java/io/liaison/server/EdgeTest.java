package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.audit.AuditLog;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The edge of the API, as the findings of an adversarial review left it: unchecked lengths answered 500, problems
 * lost their UTF-8, Jetty's own errors came back as HTML, lenient JSON, missing security headers. Each is a test here
 * against the real server on port 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class EdgeTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private ServedApi served;
    private Node node;
    private ApiServer server;
    private Http http;
    private String analyst;
    private String itemId;

    @BeforeAll
    void start() {
        served = ServedApi.start(TestNodes.Db.H2, clock);
        node = served.node();
        server = served.server();
        http = served.http();
        analyst = http.addUser(served.admin(), served.officer(), Map.of("name", "kim", "password", "a long password kim",
                "nationality", "KOR", "clearance", Map.of("level", "군사Ⅱ급비밀"), "roles", List.of("analyst",
                "releasing-officer"), "duties", List.of("DPRK missile threat")));
        var item = http.post("/api/items", analyst, Map.of("title", "Launch", "text", "TEL sighted", "label",
                Map.of("classification", "군사Ⅱ급비밀"), "purposes", List.of("DPRK missile threat")));
        assertThat(item.status()).as(item.body()).isEqualTo(201);
        itemId = item.json().path("id").asText();
    }

    @AfterAll
    void stop() {
        served.close();
    }

    private long audited(String event, String code) {
        return node.audit().tail(AuditLog.Viewer.SYSTEM, -1, 2000).stream().filter(e -> e.event().equals(event)
                && e.code().equals(code)).count();
    }

    private static void problem(Http.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).isEqualTo("application/problem+json; charset=utf-8");
        assertThat(a.json().path("status").asInt()).isEqualTo(status);
    }

    @Test
    void overLongValues_areBadInput_andTheRefusalsAreAudited() {
        // Finding 6: an item id over 200 characters, a user name over 200 at login, purposes over 4,000 characters
        // and a copy location over 400 all answered 500, and the refused read and failed login went unaudited.
        long reads = audited("item.read", "ITEM_ID_INVALID");
        problem(http.get("/api/items/" + "k".repeat(250), analyst), 400);
        assertThat(audited("item.read", "ITEM_ID_INVALID")).isEqualTo(reads + 1);
        long logins = audited("login.failed", "LOGIN_FAILED");
        problem(http.post("/api/login", null, Map.of("user", "u".repeat(300), "password", "whatever password")), 400);
        assertThat(audited("login.failed", "LOGIN_FAILED")).isEqualTo(logins + 1);
        List<String> purposes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            purposes.add(i + "p".repeat(190));
        }
        problem(http.post("/api/items", analyst, Map.of("title", "x", "label", Map.of("classification", "군사Ⅲ급비밀"),
                "purposes", purposes)), 400);
        problem(http.post("/api/items/" + itemId + "/copy", analyst, Map.of("location", "l".repeat(500))), 400);
        problem(http.post("/api/items", analyst, Map.of("title", "t".repeat(1001), "label", Map.of("classification",
                "군사Ⅲ급비밀"), "purposes", List.of("DPRK missile threat"))), 400);
        problem(http.post("/api/items/" + itemId + "/transfer", analyst, Map.of("custodian", "kim", "location",
                "x".repeat(401))), 400);
        problem(http.get("/api/search?q=" + "q".repeat(3000), analyst), 400);
        problem(http.get("/api/search?limit=100000", analyst), 400);
    }

    @Test
    void theAuditLog_pagesFromItsStart_andBackward_sayingWhereToGoOn() {
        String officer = http.login("officer", TestNodes.OFFICER_PASSWORD);
        var first = http.get("/api/audit?from=start&limit=3", officer);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        var entries = first.json().path("entries");
        assertThat(entries.size()).isEqualTo(3);
        assertThat(entries.get(0).path("event").asText()).isEqualTo("user.add");
        long next = first.json().path("next").asLong();
        var second = http.get("/api/audit?after=" + next + "&limit=3", officer);
        assertThat(second.json().path("entries").get(0).path("seq").asLong()).isGreaterThan(next);
        var back = http.get("/api/audit?before=" + second.json().path("previous").asLong() + "&limit=3", officer);
        assertThat(back.json().path("entries")).isEqualTo(entries);
        problem(http.get("/api/audit?after=1&before=5", officer), 400);
    }

    @Test
    void theApi_refusesToListenBeyondLoopbackWithoutTls() {
        // Finding 11: plain HTTP on any --host.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiServer.start(node, "0.0.0.0", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only over HTTPS");
        assertThat(ApiServer.loopback("127.0.0.1")).isTrue();
        assertThat(ApiServer.loopback("::1")).isTrue();
        assertThat(ApiServer.loopback("0.0.0.0")).isFalse();
    }

    @Test
    void everyAnswer_isUtf8_soKoreanAndJapaneseValuesArriveIntact() {
        // Finding 12: refusals naming 군사Ⅰ급비밀 arrived as ??????.
        var refused = http.post("/api/items", analyst, Map.of("title", "x", "label", Map.of("classification", "군사Ⅰ급비밀"),
                "purposes", List.of("DPRK missile threat")));
        problem(refused, 403);
        assertThat(refused.json().path("detail").asText()).contains("군사Ⅰ급비밀").doesNotContain("?");
        Http.Answer ok = http.get("/api/items/" + itemId, analyst);
        assertThat(ok.contentType().replace(" ", "")).isEqualToIgnoringCase("application/json;charset=utf-8");
        assertThat(ok.json().path("marking").asText()).isEqualTo("군사Ⅱ급비밀");
    }

    @Test
    void jettysOwnErrors_areProblemJsonToo() throws Exception {
        // Finding 14: 414, 431, 413 (chunked) and a bad path came back as Jetty's HTML or text.
        Http.Answer longUri = http.get("/api/items/" + "x".repeat(20_000), analyst);
        problem(longUri, 414);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> bigHeader = client.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/health"))
                .header("X-Padding", "p".repeat(40_000)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bigHeader.statusCode()).isEqualTo(431);
        assertThat(bigHeader.headers().firstValue("Content-Type")).hasValue("application/problem+json; charset=utf-8");
        byte[] chunk = new byte[1 << 20];
        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/items"))
                .header("Authorization", "Bearer " + analyst).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private int left = 20;
                    private int at = chunk.length;

                    @Override
                    public int read() {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0];
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (at == chunk.length) {
                            if (left-- == 0) {
                                return -1;
                            }
                            at = 0;
                        }
                        int n = Math.min(len, chunk.length - at);
                        java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                        at += n;
                        return n;
                    }
                })).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValue("application/problem+json; charset=utf-8");
        String raw = rawRequest("GET /api/items/%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + analyst
                + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400").contains("application/problem+json; charset=utf-8")
                .contains("\"status\":400").doesNotContain("<html");
    }

    @Test
    void aBodyOverTheLimit_sentWhole_stillGetsItsRefusal() throws Exception {
        // A client that writes its whole body before it reads met a reset in place of the 413: Jetty closes at once
        // when an exchange ends with its body unread. The rest is now read and dropped first, chunked or declared.
        long over = node.config().bodyLimit() + (4 << 20);
        byte[] spaces = new byte[1 << 16];
        java.util.Arrays.fill(spaces, (byte) ' ');
        String head = "POST /api/items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + analyst
                + "\r\nContent-Type: application/json\r\n";
        for (boolean chunked : List.of(true, false)) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write((head + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + over) + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                for (long sent = 0; sent < over; sent += spaces.length) {
                    int n = (int) Math.min(spaces.length, over - sent);
                    if (chunked) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write(spaces, 0, n);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                out.write((chunked ? "0\r\n\r\n" : "").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                byte[] answer = new byte[4096];
                int n = s.getInputStream().read(answer);
                assertThat(n).as(chunked ? "chunked" : "declared").isPositive();
                assertThat(new String(answer, 0, n, StandardCharsets.UTF_8)).as(chunked ? "chunked" : "declared")
                        .startsWith("HTTP/1.1 413").contains("application/problem+json; charset=utf-8")
                        .contains("BODY_TOO_LARGE");
            }
        }
    }

    private String rawRequest(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void jsonIsStrict_andTitlesHoldOnlyTextPeopleRead() {
        // Finding 15: duplicate keys accepted (last wins), application/jsonp taken as JSON, a lone surrogate silently
        // became '?', NUL, bidi overrides, zero-width and CRLF kept in titles, a bad media type reported as "not base64".
        String label = "\"label\":{\"classification\":\"군사Ⅲ급비밀\"},\"purposes\":[\"DPRK missile threat\"]";
        problem(http.send("POST", "/api/items", analyst, "application/json", "{\"title\":\"a\",\"title\":\"b\"," + label
                + "}"), 400);
        problem(http.send("POST", "/api/items", analyst, "application/jsonp", "{\"title\":\"a\"," + label + "}"), 415);
        problem(http.send("POST", "/api/items", analyst, "application/json; charset=iso-8859-1", "{\"title\":\"a\"," + label
                + "}"), 415);
        problem(http.send("POST", "/api/items", analyst, "application/json", "{\"title\":\"a\\ud800b\"," + label + "}"),
                400);
        for (String bad : List.of("a\\u0000b", "a\\u202Eb", "a\\u200Bb", "a\\r\\nb", "a\\u2066b", "a\\uFEFFb")) {
            Http.Answer a = http.send("POST", "/api/items", analyst, "application/json", "{\"title\":\"" + bad + "\","
                    + label + "}");
            problem(a, 400);
        }
        Http.Answer media = http.post("/api/items", analyst, Map.of("title", "x", "label", Map.of("classification",
                "군사Ⅲ급비밀"), "purposes", List.of("DPRK missile threat"), "attachments", List.of(Map.of("name", "a.bin",
                "mediaType", "not a type", "data", Base64.getEncoder().encodeToString(new byte[] {1})))));
        problem(media, 400);
        assertThat(media.json().path("detail").asText()).contains("media type").doesNotContain("base64");
        long items = node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items WHERE status = "
                + "'ACTIVE'").mapTo(Long.class).one());
        assertThat(items).as("nothing was left behind").isEqualTo(1);
    }

    @Test
    void everyAnswer_carriesTheSecurityHeaders() throws Exception {
        // Finding 16: no Cache-Control: no-store on tokens and items, no X-Content-Type-Options.
        for (String path : List.of("/api/items/" + itemId, "/api/items/kor-0000000000000000", "/api/nothing",
                "/api/items/" + "x".repeat(20_000))) {
            // A client of its own each time: an error answer closes its connection, which a shared pool might reuse.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                    .header("Authorization", "Bearer " + analyst).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        HttpResponse<String> login = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(http.base() + "/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"user\":\"kim\",\"password\":\"a long password kim\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void parallelWrongPasswords_checkNoMoreThanTheLimit_andA429SaysWhenToRetry() throws Exception {
        // Finding 16: 40 parallel wrong passwords got 6 checks against a limit of 5; no Retry-After on 429.
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Callable<Http.Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(() -> http.post("/api/login", null, Map.of("user", "kim", "password", "not the password!")));
        }
        List<Http.Answer> answers = new ArrayList<>();
        for (Future<Http.Answer> f : pool.invokeAll(calls)) {
            answers.add(f.get());
        }
        pool.shutdown();
        assertThat(answers.stream().filter(a -> a.status() == 401).count()).isEqualTo(5);
        assertThat(answers.stream().filter(a -> a.status() == 429).count()).isEqualTo(35);
        HttpResponse<String> throttled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.base()
                + "/api/login")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"user\":\"kim\",\"password\":\"a long password kim\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(s ->
                assertThat(s).isBetween(1L, Duration.ofMinutes(15).toSeconds()));
    }
}
