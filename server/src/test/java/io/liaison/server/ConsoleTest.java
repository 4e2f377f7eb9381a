package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.server.console.Console;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The console's pages over real HTTP against a real node: sessions and their cookies, form tokens, the
 * Content-Security-Policy, banners set by the highest label on the page, portion markings, escaping, and a hidden
 * item's page answering exactly like a missing one's (R9).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private TestNodes.Created created;
    private Node node;
    private ApiServer server;
    private Http http;
    private ConsoleClient console;
    private String base;
    private String secretId;
    private String launchId;
    private String scriptId;

    @BeforeAll
    void start() {
        created = TestNodes.create(TestNodes.Db.H2, Party.of("KOR"), clock);
        node = created.open(clock);
        server = ApiServer.start(node, Optional.empty(), Optional.empty(), "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        http = new Http(base);
        console = new ConsoleClient(base);
        String admin = http.login("admin", TestNodes.ADMIN_PASSWORD);
        String officer = http.login("officer", TestNodes.OFFICER_PASSWORD);
        String senior = http.addUser(admin, officer, Map.of("name", "senior", "password", "a long password senior",
                "nationality", "KOR", "clearance", Map.of("level", "군사Ⅰ급비밀"), "roles", List.of("analyst"),
                "duties", List.of("DPRK missile threat")));
        http.addUser(admin, officer, Map.of("name", "kim", "password", "a long password kim", "nationality", "KOR",
                "clearance", Map.of("level", "군사Ⅱ급비밀"), "roles", List.of("analyst"), "duties",
                List.of("DPRK missile threat")));
        launchId = create(senior, "Launch from Sinpo", "군사Ⅱ급비밀");
        create(senior, "Launch drill schedule", "군사Ⅲ급비밀");
        secretId = create(senior, "Launch site assessment", "군사Ⅰ급비밀");
        scriptId = create(senior, "<script>alert(1)</script> launch", "군사Ⅲ급비밀");
    }

    private String create(String token, String title, String level) {
        Http.Answer a = http.post("/api/items", token, Map.of("title", title, "text", "text of " + title, "label",
                Map.of("classification", level), "purposes", List.of("DPRK missile threat")));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().path("id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
        node.close();
        created.close();
    }

    private HttpResponse<String> send(String method, String path, String cookie, String form) throws Exception {
        return console.send(method, path, cookie, form);
    }

    private static String form(Map<String, String> fields) {
        return ConsoleClient.form(fields);
    }

    private static String cookieValue(HttpResponse<?> r, String name) {
        return ConsoleClient.cookieValue(r, name);
    }

    private static String csrf(String html) {
        return ConsoleClient.csrf(html);
    }

    private String signIn(String user, String password) throws Exception {
        return console.signIn(user, password);
    }

    @Test
    void everyPage_sendsAnAnonymousOrForgedVisitorToSignIn_andNeverAcceptsABearerToken() throws Exception {
        String token = http.login("kim", "a long password kim");
        for (String page : Console.PAGES) {
            String method = page.split(" ")[0];
            String path = page.split(" ")[1].replace("{id}", launchId).replace("{line}", "jpn-kor-policy-dg")
                    .replace("{name}", "a.txt").replace("{seq}", "1");
            HttpResponse<String> anonymous = send(method, path, null, method.equals("POST") ? "" : null);
            assertThat(anonymous.statusCode()).as(page).isEqualTo(303);
            assertThat(anonymous.headers().firstValue("Location")).as(page).contains("/login");
            HttpResponse<String> forged = send(method, path, Console.SESSION + "=lsn_forged", method.equals("POST") ? ""
                    : null);
            assertThat(forged.headers().firstValue("Location")).as(page).contains("/login?expired");
            HttpRequest bearer = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            assertThat(CLIENT.send(bearer, HttpResponse.BodyHandlers.ofString()).statusCode()).as(page).isEqualTo(303);
        }
        for (String page : Console.OPEN) {
            if (page.startsWith("GET")) {
                assertThat(send("GET", page.split(" ")[1], null, null).statusCode()).as(page).isEqualTo(200);
            }
        }
    }

    @Test
    void signingIn_setsAStrictHttpOnlySession_andAWrongPasswordOrAFormWithoutItsTokenIsRefused() throws Exception {
        HttpResponse<String> page = send("GET", "/login", null, null);
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(
                "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.body()).doesNotContain("<script").doesNotContain("style=");
        String pre = Console.PRESESSION + "=" + cookieValue(page, Console.PRESESSION);

        HttpResponse<String> noToken = send("POST", "/login", pre, form(Map.of("user", "kim", "password",
                "a long password kim")));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Console.SESSION + "=lsn"));

        HttpResponse<String> wrong = send("POST", "/login", pre, form(Map.of("csrf", csrf(page.body()), "user", "kim",
                "password", "not the password")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("id=\"message\"");

        HttpResponse<String> ok = send("POST", "/login", pre, form(Map.of("csrf", csrf(page.body()), "user", "kim",
                "password", "a long password kim")));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).contains("/search");
        assertThat(ok.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith(Console.SESSION + "="))
                .singleElement().asString().contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/")
                .doesNotContain("Secure");
    }

    @Test
    void search_showsPortionMarkings_andBannersOfTheHighestLabelOnThePage_andNothingHidden() throws Exception {
        String kim = signIn("kim", "a long password kim");
        HttpResponse<String> r = send("GET", "/search?q=launch", kim, null);
        assertThat(r.statusCode()).isEqualTo(200);
        String html = r.body();
        // kim (군사Ⅱ급비밀) sees three of the four; the 군사Ⅰ급비밀 one does not exist for him.
        assertThat(html).contains("3 item(s) you may read").contains("Launch from Sinpo").contains("Launch drill schedule")
                .doesNotContain("Launch site assessment").doesNotContain(secretId);
        assertThat(html).contains("<span class=\"portion level-4\">Ⅱ급</span>")
                .contains("<span class=\"portion level-3\">Ⅲ급</span>");
        Matcher banners = Pattern.compile("<div class=\"banner (level-\\d)\" id=\"banner-(top|bottom)\" role=\"note\">"
                + "([^<]*)</div>").matcher(html);
        int found = 0;
        while (banners.find()) {
            found++;
            assertThat(banners.group(1)).isEqualTo("level-4");
            assertThat(banners.group(3)).isEqualTo("군사Ⅱ급비밀");
        }
        assertThat(found).isEqualTo(2);
        assertThat(html).contains("kim · KOR · cleared 군사Ⅱ급비밀 · duties: DPRK missile threat");
        // A title is text, never markup.
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; launch").doesNotContain("<script>");
        HttpResponse<String> css = send("GET", "/console.css", null, null);
        assertThat(css.body()).contains(".level-4 { background: #C8102E; color: #FFFFFF; }");
        // The style sheet and the scripts hold nothing labelled: the browser may keep them for an hour.
        for (String asset : List.of("/console.css", "/assets/htmx.min.js", "/assets/leaflet.css")) {
            HttpResponse<String> a = send("GET", asset, null, null);
            assertThat(a.headers().allValues("Cache-Control")).as(asset).containsExactly("max-age=3600");
            assertThat(a.headers().firstValue("Pragma")).as(asset).isEmpty();
        }
    }

    @Test
    void anItemsPage_carriesItsMarking_andAHiddenItemsPageIsAMissingOnesPage() throws Exception {
        String kim = signIn("kim", "a long password kim");
        HttpResponse<String> item = send("GET", "/items/" + launchId, kim, null);
        assertThat(item.statusCode()).isEqualTo(200);
        assertThat(item.body()).contains("id=\"banner-top\" role=\"note\">군사Ⅱ급비밀</div>")
                .contains("text of Launch from Sinpo");
        HttpResponse<String> hidden = send("GET", "/items/" + secretId, kim, null);
        String missingId = "kor-" + "0".repeat(secretId.length() - 4);
        HttpResponse<String> missing = send("GET", "/items/" + missingId, kim, null);
        assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(hidden.body().replace(secretId, "ID")).isEqualTo(missing.body().replace(missingId, "ID"));
        assertThat(hidden.body()).doesNotContain("assessment").contains("There is no item " + secretId
                + " that you may read.").contains("id=\"banner-top\"");
        assertThat(hidden.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "text/html"));
        HttpResponse<String> script = send("GET", "/items/" + scriptId, kim, null);
        assertThat(script.body()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void signingOut_needsTheFormsToken_andEndsTheSession() throws Exception {
        String kim = signIn("kim", "a long password kim");
        HttpResponse<String> page = send("GET", "/search", kim, null);
        HttpResponse<String> forged = send("POST", "/logout", kim, form(Map.of("csrf", "0".repeat(64))));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("the form's token does not belong to this session")
                .contains("FORM_TOKEN_INVALID").contains("id=\"banner-top\"");
        assertThat(send("GET", "/search", kim, null).statusCode()).isEqualTo(200);
        HttpResponse<String> out = send("POST", "/logout", kim, form(Map.of("csrf", csrf(page.body()))));
        assertThat(out.statusCode()).isEqualTo(303);
        HttpResponse<String> after = send("GET", "/search", kim, null);
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).contains("/login?expired");
        assertThat(send("GET", "/login?expired", null, null).body()).contains("Your session has ended");
    }

    @Test
    void anItemMadeThroughTheForm_isLabelled_andABadLevelOrOneAboveTheClearanceIsRefusedLeavingNothing() throws Exception {
        String kim = signIn("kim", "a long password kim");
        HttpResponse<String> page = send("GET", "/items/new", kim, null);
        assertThat(page.body()).contains("<option value=\"군사Ⅱ급비밀\">");
        String csrf = csrf(page.body());
        long before = node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items")
                .mapTo(Long.class).one());
        HttpResponse<String> unknown = send("POST", "/items", kim, form(Map.of("csrf", csrf, "title", "Bad",
                "classification", "TOP SECRET", "purposes", "DPRK missile threat")));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("classification 'TOP SECRET' is not a level of kor");
        HttpResponse<String> above = send("POST", "/items", kim, form(Map.of("csrf", csrf, "title", "Too high",
                "classification", "군사Ⅰ급비밀", "purposes", "DPRK missile threat")));
        assertThat(above.statusCode()).isEqualTo(403);
        long after = node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items")
                .mapTo(Long.class).one());
        assertThat(after).isEqualTo(before);
        HttpResponse<String> made = send("POST", "/items", kim, form(Map.of("csrf", csrf, "title", "Made in the console",
                "classification", "군사Ⅲ급비밀", "purposes", "DPRK missile threat", "text", "from a form")));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
        String location = made.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> shown = send("GET", location, kim, null);
        assertThat(shown.body()).contains("Made in the console").contains("from a form")
                .contains("id=\"banner-top\" role=\"note\">군사Ⅲ급비밀</div>");
        assertThat(send("POST", "/items", kim, form(Map.of("title", "No token", "classification", "군사Ⅲ급비밀",
                "purposes", "DPRK missile threat"))).statusCode()).isEqualTo(403);
    }
}
