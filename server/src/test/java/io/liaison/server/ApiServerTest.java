package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The real server on port 0 with a real node: every route, every role, problems, and R10. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.Timeout(600)
class ApiServerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private TestNodes.Created created;
    private Node node;
    private io.liaison.federation.Federation federation;
    private ApiServer server;
    private Http http;
    private String admin;
    private String officer;
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private String itemId;
    private io.liaison.hotline.Hotline hotline;

    @BeforeAll
    void start() {
        created = TestNodes.create(TestNodes.Db.H2, Party.of("KOR"), clock);
        node = created.open(clock);
        federation = io.liaison.federation.Federation.start(node, "127.0.0.1", 0);
        hotline = io.liaison.hotline.Hotline.start(node, federation, new io.liaison.hotline.Hotline.Options(
                java.time.Duration.ZERO, java.time.Duration.ZERO));
        server = ApiServer.start(node, java.util.Optional.of(federation), java.util.Optional.of(hotline), "127.0.0.1", 0);
        http = new Http("http://127.0.0.1:" + server.port());
        admin = http.login("admin", TestNodes.ADMIN_PASSWORD);
        officer = http.login("officer", TestNodes.OFFICER_PASSWORD);
        for (Role role : Role.values()) {
            String name = "u-" + role.written();
            tokens.put(role, http.addUser(admin, officer, Map.of("name", name, "password", "a long password for " + name,
                    "nationality", "KOR", "clearance", Map.of("level", role == Role.ADMIN ? "평문" : "군사Ⅱ급비밀"),
                    "roles", List.of(role.written()), "duties", role == Role.ADMIN ? List.of()
                            : List.of("DPRK missile threat"))));
        }
        var item = http.post("/api/items", tokens.get(Role.ANALYST), Map.of("title", "Launch", "text", "TEL sighted",
                "label", Map.of("classification", "군사Ⅱ급비밀", "categories", List.of(Map.of("tag", "Releasable To",
                        "values", List.of("KOR", "USA")))), "purposes", List.of("DPRK missile threat")));
        assertThat(item.status()).as(item.body()).isEqualTo(201);
        itemId = item.json().path("id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
        hotline.close();
        federation.close();
        node.close();
        created.close();
    }

    private String concrete(String path) {
        return path.replace("{id}", itemId).replace("{name}", "analyst").replace("{line}", "jpn-kor-policy-dg")
                .replace("{party}", "USA");
    }

    @Test
    void everyRoute_refusesAnonymousCallersExceptThePublicOnes() {
        assertThat(server.routes()).hasSizeGreaterThan(20);
        assertThat(server.routes()).filteredOn(Route::open).extracting(r -> r.method() + " " + r.path())
                .containsExactlyInAnyOrder("GET /api/health", "HEAD /api/health", "GET /api/ready", "HEAD /api/ready",
                        "POST /api/login");
        for (Route r : server.routes()) {
            Http.Answer a = http.send(r.method().name(), concrete(r.path()), null, "application/json", "{}");
            if (r.open()) {
                assertThat(a.status()).as(r.toString()).isNotEqualTo(401);
            } else {
                assertThat(a.status()).as(r.toString()).isEqualTo(401);
                assertThat(a.contentType()).startsWith("application/problem+json");
            }
            Http.Answer forged = http.send(r.method().name(), concrete(r.path()), "lsn_forged", "application/json", "{}");
            if (!r.open()) {
                assertThat(forged.status()).as(r.toString()).isEqualTo(401);
            }
        }
    }

    @Test
    void everyRouteAndMethod_refusesARevokedToken_andEveryTokenOfASuspendedUser() {
        // Finding 1: a suspended user's API token still answered, made new tokens and reinstated him; finding 13: HEAD
        // answered anonymously. Every route and method, HEAD included, is checked here.
        String revoked = http.addUser(admin, officer, Map.of("name", "revoked", "password", "a long password revoked",
                "nationality", "KOR", "clearance", Map.of("level", "군사Ⅲ급비밀"), "roles", List.of("analyst",
                        "security-officer"), "duties", List.of("DPRK missile threat")));
        assertThat(http.post("/api/logout", revoked, Map.of()).status()).isEqualTo(204);
        String session = http.addUser(admin, officer, Map.of("name", "sox", "password", "a long password sox",
                "nationality", "KOR", "clearance", Map.of("level", "군사Ⅲ급비밀"), "roles", List.of("analyst",
                        "security-officer"), "duties", List.of("DPRK missile threat")));
        String api = http.post("/api/tokens", session, Map.of("label", "script")).json().path("token").asText();
        assertThat(http.post("/api/users/sox/suspend", admin, Map.of()).status()).isEqualTo(200);
        assertThat(http.post("/api/login", null, Map.of("user", "sox", "password", "a long password sox")).status())
                .isEqualTo(403);
        assertThat(server.routes()).anyMatch(r -> r.method().name().equals("HEAD") && !r.open());
        for (Route r : server.routes()) {
            if (r.open()) {
                continue;
            }
            for (String token : new String[] {revoked, session, api}) {
                Http.Answer a = http.send(r.method().name(), concrete(r.path()), token, "application/json", "{}");
                assertThat(a.status()).as(r + " with a revoked or suspended token").isEqualTo(401);
                if (!r.method().name().equals("HEAD")) {
                    assertThat(a.contentType()).startsWith("application/problem+json");
                }
            }
        }
        assertThat(http.post("/api/users/sox/reinstate", api, Map.of()).status()).isEqualTo(401);
        assertThat(http.post("/api/tokens", api, Map.of("label", "another")).status()).isEqualTo(401);
    }

    @Test
    void everyRoute_answersEachRoleByItsMetadata() {
        for (Route r : server.routes()) {
            if (r.open() || r.path().endsWith("/destroy") || r.path().equals("/api/logout")
                    || r.path().endsWith("/suspend") || r.path().equals("/api/hotline/events")) {
                continue; // destructive ones are exercised in their own tests, and the event stream stays open
            }
            for (Role role : Role.values()) {
                Http.Answer a = http.send(r.method().name(), concrete(r.path()), tokens.get(role), "application/json", "{}");
                boolean allowed = r.roles().isEmpty() || r.roles().contains(role);
                if (allowed) {
                    assertThat(a.status()).as(r + " as " + role + ": " + a.body()).isNotIn(401, 403, 500);
                } else {
                    assertThat(a.status()).as(r + " as " + role).isEqualTo(403);
                    if (!r.method().name().equals("HEAD")) {
                        assertThat(a.json().path("code").asText()).isEqualTo("ROLE_REQUIRED");
                    }
                }
            }
        }
    }

    @Test
    void releasePreview_answersTheDecision_andARefusedReleaseIsProblemJsonWithItsReason() {
        String officer = tokens.get(Role.RELEASING_OFFICER);
        Http.Answer preview = http.get("/api/items/" + itemId + "/release-preview?to=JPN&purpose=DPRK%20missile%20threat"
                + "&agreement=no-such-agreement", officer);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("outcome").asText()).isEqualTo("DENY");
        assertThat(preview.json().path("code").asText()).isEqualTo("AGREEMENT_UNKNOWN");
        Http.Answer release = http.post("/api/items/" + itemId + "/release", officer, Map.of("to", "JPN",
                "purpose", "DPRK missile threat", "agreement", "no-such-agreement"));
        assertThat(release.status()).isEqualTo(403);
        assertThat(release.contentType()).startsWith("application/problem+json");
        assertThat(release.json().path("code").asText()).isEqualTo("AGREEMENT_UNKNOWN");
        Http.Answer bad = http.post("/api/items/" + itemId + "/release", officer, Map.of("to", "jp",
                "purpose", "DPRK missile threat", "agreement", "jpn-kor-gsomia-2016"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asText()).isEqualTo("PARTY_INVALID");
        // An agreement id that cannot be one is bad input, named, before any decision or queue is reached.
        long queued = http.get("/api/outbox?limit=100", officer).json().size();
        for (String malformed : new String[] {"JPN-KOR", "gsomia 2016", "1-two", "x".repeat(65)}) {
            Http.Answer wrong = http.post("/api/items/" + itemId + "/release", officer, Map.of("to", "JPN",
                    "purpose", "DPRK missile threat", "agreement", malformed));
            assertThat(wrong.status()).as(malformed).isEqualTo(400);
            assertThat(wrong.contentType()).startsWith("application/problem+json");
            assertThat(wrong.json().path("code").asText()).isEqualTo("AGREEMENT_ID_INVALID");
            assertThat(wrong.json().path("detail").asText()).contains("agreement id '" + malformed.substring(0,
                    Math.min(malformed.length(), 60)));
            Http.Answer previewed = http.get("/api/items/" + itemId + "/release-preview?to=JPN&purpose=DPRK%20missile"
                    + "%20threat&agreement=" + java.net.URLEncoder.encode(malformed, java.nio.charset.StandardCharsets.UTF_8),
                    officer);
            assertThat(previewed.status()).as(malformed).isEqualTo(400);
            assertThat(previewed.json().path("code").asText()).isEqualTo("AGREEMENT_ID_INVALID");
        }
        assertThat(http.get("/api/outbox?limit=100", officer).json().size()).isEqualTo(queued);
        assertThat(http.get("/api/peers", admin).status()).isEqualTo(200);
    }

    @Test
    void unreadableItem_answersExactlyLikeAMissingOne() {
        String junior = http.addUser(admin, officer, Map.of("name", "junior", "password", "a long password junior",
                "nationality", "KOR", "clearance", Map.of("level", "군사Ⅲ급비밀"), "roles", List.of("analyst"),
                "duties", List.of("DPRK missile threat")));
        Http.Answer hidden = http.get("/api/items/" + itemId, junior);
        Http.Answer missing = http.get("/api/items/kor-ffffffffffffffff", junior);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(hidden.body().replace(itemId, "X")).isEqualTo(missing.body().replace("kor-ffffffffffffffff", "X"));
        assertThat(http.get("/api/search?q=TEL", junior).json().path("total").asLong()).isZero();
        var visible = http.get("/api/search?q=TEL", tokens.get(Role.ANALYST)).json();
        assertThat(visible.path("total").asLong()).isPositive();
        assertThat(visible.path("items").findValuesAsText("id")).contains(itemId);
        Http.Answer read = http.get("/api/items/" + itemId, tokens.get(Role.ANALYST));
        assertThat(read.json().path("text").asText()).isEqualTo("TEL sighted");
        assertThat(read.json().path("marking").asText()).isEqualTo("군사Ⅱ급비밀//REL TO KOR, USA");
    }

    @Test
    void badInput_getsProblemJsonNamingTheProblem() {
        String t = tokens.get(Role.ANALYST);
        long before = itemCount();
        Http.Answer malformed = http.send("POST", "/api/items", t, "application/json", "{\"title\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        Http.Answer unknownField = http.post("/api/items", t, Map.of("title", "x", "colour", "red"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("detail").asText()).contains("colour");
        Http.Answer badLabel = http.post("/api/items", t, Map.of("title", "x", "label", Map.of("classification", "SECRET"),
                "purposes", List.of("DPRK missile threat")));
        assertThat(badLabel.status()).isEqualTo(400);
        assertThat(badLabel.json().path("detail").asText()).contains("classification SECRET is not a level of policy kor");
        Http.Answer wrongType = http.send("POST", "/api/items", t, "text/plain", "hello");
        assertThat(wrongType.status()).isEqualTo(415);
        Http.Answer tooBig = http.post("/api/items", t, Map.of("title", "x", "text", "y".repeat(17 << 20)));
        assertThat(tooBig.status()).isEqualTo(413);
        Http.Answer bigAttachment = http.post("/api/items", t, Map.of("title", "x", "label", Map.of("classification",
                "군사Ⅲ급비밀"), "purposes", List.of("DPRK missile threat"), "attachments", List.of(Map.of("name", "a.bin",
                "mediaType", "application/octet-stream", "data", java.util.Base64.getEncoder()
                        .encodeToString(new byte[(4 << 20) + 1])))));
        assertThat(bigAttachment.status()).as(bigAttachment.body()).isEqualTo(413);
        assertThat(bigAttachment.json().path("detail").asText()).contains("the limit is 4194304");
        Http.Answer unknownRoute = http.get("/api/nothing-here", t);
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.contentType()).startsWith("application/problem+json");
        assertThat(itemCount()).isEqualTo(before);
    }

    private long itemCount() {
        return node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items").mapTo(Long.class).one());
    }

    @Test
    void openApi_listsEveryRoute() {
        var doc = http.get("/api/openapi.json", tokens.get(Role.ANALYST)).json();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        for (Route r : server.routes()) {
            assertThat(doc.path("paths").path(r.path()).has(r.method().name().toLowerCase(java.util.Locale.ROOT)))
                    .as(r.toString()).isTrue();
        }
    }
}
