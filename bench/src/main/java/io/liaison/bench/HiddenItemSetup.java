package io.liaison.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.core.party.Party;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.server.ApiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Every set-up step of {@link HiddenVsMissingLoad}, and nothing else: one real KOR node (policy {@code kor}) in a
 * fresh directory on embedded H2 or a fresh PostgreSQL database, the real JSON HTTP API on 127.0.0.1 on a free port,
 * and, made over that API as a client would: an analyst cleared {@value #ITEM_LEVEL} who creates an item at that
 * level (the hidden item), and a reader cleared only {@value #READER_LEVEL}, logged in, for whom the item must
 * answer exactly like a missing one (R10).
 *
 * <p>Accounts as the node makes them: the admin adds each user and asks for the grant ({@code POST /api/users}),
 * and the node's first security officer ({@code officer}) approves it ({@code POST /api/grants/{id}/approve}); only
 * then does the clearance take effect. The load driver uses the fields of this class alone.
 */
final class HiddenItemSetup implements AutoCloseable {
    static final String ITEM_LEVEL = "군사Ⅱ급비밀";
    static final String READER_LEVEL = "군사Ⅲ급비밀";
    static final String DUTY = "DPRK missile threat";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code http://127.0.0.1:port} of the API. */
    final String baseUrl;
    /** Bearer token of the reader cleared {@value #READER_LEVEL}: the one whose refused reads are measured. */
    final String readerToken;
    /** Bearer token of the analyst cleared {@value #ITEM_LEVEL}, who may read the hidden item. */
    final String analystToken;
    /** The item the reader may not read. */
    final String hiddenId;
    /** The node, for {@link #settle()} between measurements. */
    final Node node;

    private final TestNodes.Created created;
    private final ApiServer server;
    private final HttpClient http;

    private HiddenItemSetup(TestNodes.Created created, Node node, ApiServer server, HttpClient http, String baseUrl,
            String readerToken, String analystToken, String hiddenId) {
        this.created = created;
        this.node = node;
        this.server = server;
        this.http = http;
        this.baseUrl = baseUrl;
        this.readerToken = readerToken;
        this.analystToken = analystToken;
        this.hiddenId = hiddenId;
    }

    /** Creates and opens the node, starts the API, adds and logs in the users, creates the hidden item. */
    static HiddenItemSetup open(TestNodes.Db db) {
        Clock clock = Clock.systemUTC();
        TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock);
        Node node = null;
        ApiServer server = null;
        HttpClient http = null;
        try {
            node = created.open(clock);
            server = ApiServer.start(node, "127.0.0.1", 0);
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + server.port();
            String admin = login(http, base, "admin", TestNodes.ADMIN_PASSWORD);
            String officer = login(http, base, "officer", TestNodes.OFFICER_PASSWORD);
            addUser(http, base, admin, officer, "analyst", "a long password for the analyst", ITEM_LEVEL, "analyst");
            addUser(http, base, admin, officer, "reader", "a long password for the reader", READER_LEVEL, "analyst");
            String analyst = login(http, base, "analyst", "a long password for the analyst");
            String reader = login(http, base, "reader", "a long password for the reader");
            String hidden = createItem(http, base, analyst, "Launch", "TEL sighted near Sinpo at 0412", ITEM_LEVEL);
            return new HiddenItemSetup(created, node, server, http, base, reader, analyst, hidden);
        } catch (RuntimeException e) {
            closeAll(http, server, node, created);
            throw e;
        }
    }

    /**
     * Adds a KOR user with one role, the duty {@value #DUTY} and the given clearance level: the admin adds the account
     * and asks for the grant, the first security officer approves it.
     */
    private static void addUser(HttpClient http, String base, String adminToken, String officerToken, String name,
            String password, String level, String role) {
        Answer a = post(http, base, "/api/users", adminToken, Map.of("name", name, "password", password,
                "nationality", "KOR", "clearance", Map.of("level", level), "roles", List.of(role),
                "duties", List.of(DUTY)));
        String grant = a.expect(201, "add user " + name).path("grant").path("id").asText();
        post(http, base, "/api/grants/" + grant + "/approve", officerToken, Map.of()).expect(200, "approve " + name);
    }

    private static String login(HttpClient http, String base, String user, String password) {
        Answer a = post(http, base, "/api/login", null, Map.of("user", user, "password", password));
        return a.expect(200, "log in " + user).path("token").asText();
    }

    private static String createItem(HttpClient http, String base, String token, String title, String text,
            String level) {
        Answer a = post(http, base, "/api/items", token, Map.of("title", title, "text", text, "label",
                Map.of("classification", level), "purposes", List.of(DUTY)));
        return a.expect(201, "create item").path("id").asText();
    }

    /** Lets the node finish what the last measurement left behind (the audit sequencer's backlog). */
    void settle() throws InterruptedException {
        node.audit().sequenceNow();
        Thread.sleep(500);
    }

    @Override
    public void close() {
        closeAll(http, server, node, created);
    }

    private static void closeAll(HttpClient http, ApiServer server, Node node, TestNodes.Created created) {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
        if (node != null) {
            node.close();
        }
        created.close();
    }

    private record Answer(int status, String body) {
        JsonNode expect(int wanted, String what) {
            if (status != wanted) {
                throw new IllegalStateException("set-up step '" + what + "' answered " + status + " (expected " + wanted
                        + "): " + body);
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("set-up step '" + what + "' answered no JSON: " + body, e);
            }
        }
    }

    private static Answer post(HttpClient http, String base, String path, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
