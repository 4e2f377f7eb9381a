package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.federation.Federation;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
 * The console's pages beyond search and release, over real HTTP against a real node with its federation: facets
 * that count only what the reader may read, an item's attachments and custody, approvals under the two-person rule,
 * agreements with their tables and timelines, and the audit log with an entry's proof checked by the node; each
 * under the same roles and R9/R10 decisions as the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsolePagesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private TestNodes.Created created;
    private Node node;
    private Federation federation;
    private ApiServer server;
    private Http http;
    private ConsoleClient console;
    private String admin;
    private String officer;
    private String withFile;
    private String secretId;

    @BeforeAll
    void start() {
        created = TestNodes.create(TestNodes.Db.H2, Party.of("KOR"), clock);
        node = created.open(clock);
        federation = Federation.start(node, "127.0.0.1", 0);
        server = ApiServer.start(node, Optional.of(federation), Optional.empty(), "127.0.0.1", 0);
        String base = "http://127.0.0.1:" + server.port();
        http = new Http(base);
        console = new ConsoleClient(base);
        admin = http.login("admin", TestNodes.ADMIN_PASSWORD);
        officer = http.login("officer", TestNodes.OFFICER_PASSWORD);
        String senior = http.addUser(admin, officer, Map.of("name", "senior", "password", "a long password senior",
                "nationality", "KOR", "clearance", Map.of("level", "군사Ⅰ급비밀"), "roles", List.of("analyst"),
                "duties", List.of("DPRK missile threat", "DPRK sanctions enforcement")));
        http.addUser(admin, officer, Map.of("name", "kim", "password", "a long password kim", "nationality", "KOR",
                "clearance", Map.of("level", "군사Ⅱ급비밀"), "roles", List.of("analyst"), "duties",
                List.of("DPRK missile threat", "DPRK sanctions enforcement")));
        http.addUser(admin, officer, Map.of("name", "auditor", "password", "a long password auditor", "nationality",
                "KOR", "clearance", Map.of("level", "군사Ⅲ급비밀"), "roles", List.of("security-officer"), "duties",
                List.of("DPRK missile threat")));
        withFile = create(senior, "Launch from Sinpo", "군사Ⅱ급비밀", List.of("DPRK missile threat"),
                List.of(Map.of("name", "track plot.txt", "mediaType", "text/plain", "data", Base64.getEncoder()
                        .encodeToString("t+0 38.0N 128.0E".getBytes(StandardCharsets.UTF_8)))));
        create(senior, "Launch drill schedule", "군사Ⅲ급비밀", List.of("DPRK missile threat"), List.of());
        create(senior, "Tanker alongside at sea, launch boat seen", "군사Ⅲ급비밀", List.of("DPRK sanctions enforcement"),
                List.of());
        secretId = create(senior, "Launch site assessment", "군사Ⅰ급비밀", List.of("DPRK missile threat"), List.of());
    }

    private String create(String token, String title, String level, List<String> purposes, List<Object> files) {
        Http.Answer a = http.post("/api/items", token, Map.of("title", title, "text", "text of " + title, "label",
                Map.of("classification", level), "purposes", purposes, "attachments", files));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().path("id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
        federation.close();
        node.close();
        created.close();
    }

    private static String facet(String html, String name) {
        Matcher m = Pattern.compile("<ul id=\"facet-" + name + "\">(.*?)</ul>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("facet " + name).isTrue();
        return m.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
    }

    @Test
    void facets_countOnlyWhatTheReaderMayRead_andChoosingOneNarrowsTheSearch() throws Exception {
        String kim = console.signIn("kim", "a long password kim");
        HttpResponse<String> all = console.get("/search?q=launch", kim);
        assertThat(all.body()).contains("3 item(s) you may read");
        // The 군사Ⅰ급비밀 item is counted nowhere for kim.
        assertThat(facet(all.body(), "level")).isEqualTo("군사Ⅲ급비밀 2 군사Ⅱ급비밀 1");
        assertThat(facet(all.body(), "purpose")).isEqualTo("DPRK missile threat 2 DPRK sanctions enforcement 1");
        assertThat(facet(all.body(), "originator")).isEqualTo("KOR 3");

        HttpResponse<String> narrowed = console.get("/search?q=launch&purpose=DPRK+sanctions+enforcement", kim);
        assertThat(narrowed.body()).contains("1 item(s) you may read").contains("Tanker alongside")
                .doesNotContain("Launch drill schedule");
        assertThat(facet(narrowed.body(), "purpose")).isEqualTo("DPRK sanctions enforcement 1");
        assertThat(console.get("/search?q=launch&level=%EA%B5%B0%EC%82%AC%E2%85%A1%EA%B8%89%EB%B9%84%EB%B0%80", kim)
                .body()).contains("1 item(s) you may read").contains("Launch from Sinpo");

        HttpResponse<String> bad = console.get("/search?q=launch&level=SECRET", kim);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("level 'SECRET' is not a level of");
        // The API narrows and counts alike.
        String token = http.login("kim", "a long password kim");
        Http.Answer api = http.get("/api/search?q=launch&originator=KOR&purpose=DPRK%20missile%20threat", token);
        assertThat(api.json().path("total").asLong()).isEqualTo(2);
        assertThat(api.json().path("facets").path("purpose").path("DPRK missile threat").asLong()).isEqualTo(2);
    }

    @Test
    void anItemsPage_showsItsAttachmentsAndCustody_andAHiddenItemsFileAnswersLikeAMissingOne() throws Exception {
        String kim = console.signIn("kim", "a long password kim");
        HttpResponse<String> page = console.get("/items/" + withFile, kim);
        assertThat(page.body()).contains("track plot.txt").contains("text/plain, 16 bytes")
                .contains("<table class=\"grid\" id=\"custody\">").contains("senior");
        // kim is an analyst, not a releasing officer: the page offers no release.
        assertThat(page.body()).doesNotContain("id=\"release\"");
        HttpResponse<String> file = console.get("/items/" + withFile + "/attachments/track%20plot.txt", kim);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("t+0 38.0N 128.0E");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("attachment;"));
        assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        HttpResponse<String> hidden = console.get("/items/" + secretId + "/attachments/x.txt", kim);
        HttpResponse<String> missing = console.get("/items/kor-0000000000000000/attachments/x.txt", kim);
        assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(hidden.body().replace(secretId, "ID")).isEqualTo(missing.body().replace("kor-0000000000000000", "ID")
                .replace(ConsoleClient.csrf(missing.body()), ConsoleClient.csrf(hidden.body())));
    }

    @Test
    void approvals_showWhatWaitsForASecondOfficer_andNobodyIsOfferedTheirOwn() throws Exception {
        Http.Answer asked = http.post("/api/users/kim/grant", officer, Map.of("roles", List.of("releasing-officer")));
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        String grant = asked.json().path("id").asText();
        String mine = console.signIn("officer", TestNodes.OFFICER_PASSWORD);
        HttpResponse<String> own = console.get("/approvals", mine);
        assertThat(own.body()).contains("grant kim: roles releasing-officer")
                .contains("You asked for this: another security officer must approve it")
                .doesNotContain("id=\"approve-" + grant + "\"");
        // The service refuses it whatever a page shows.
        HttpResponse<String> forced = console.post("/approvals/grant/" + grant + "/approve", mine, own.body(), Map.of());
        assertThat(forced.statusCode()).isEqualTo(403);

        String auditor = console.signIn("auditor", "a long password auditor");
        HttpResponse<String> theirs = console.get("/approvals", auditor);
        assertThat(theirs.body()).contains("id=\"approve-" + grant + "\"");
        HttpResponse<String> approved = console.post("/approvals/grant/" + grant + "/approve", auditor, theirs.body(),
                Map.of());
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(node.accounts().require("kim").roles()).extracting(Object::toString).contains("RELEASING_OFFICER");

        // An agreement step asked from its page waits there too, for another officer.
        HttpResponse<String> agreement = console.get("/agreements/usa-kor-gsa-1987", auditor);
        assertThat(agreement.body()).contains("id=\"ask-step\"");
        HttpResponse<String> step = console.post("/agreements/usa-kor-gsa-1987/steps", auditor, agreement.body(),
                Map.of("step", "notice", "day", "2020-01-01", "note", "notice of termination"));
        assertThat(step.statusCode()).as(step.body()).isEqualTo(303);
        assertThat(console.get("/approvals", auditor).body()).contains("You asked for this")
                .contains("usa-kor-gsa-1987");
        assertThat(console.get("/approvals", mine).body()).contains("usa-kor-gsa-1987");

        String kim = console.signIn("kim", "a long password kim");
        HttpResponse<String> refused = console.get("/approvals", kim);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("this action needs one of the roles admin, security-officer");
    }

    @Test
    void thePoliciesPage_showsWhatIsInForce_andAnOfficersImportWaitsForASecondOfficer() throws Exception {
        String kim = console.signIn("kim", "a long password kim");
        HttpResponse<String> seen = console.get("/policies", kim);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).contains("id=\"policy-kor\"").contains("ROK MND").contains("data-color=\"#C8102E\"")
                .contains("COSMIC TOP SECRET").doesNotContain("id=\"import\"");
        String shipped = new String(io.liaison.catalog.ShippedCatalog.resource("policies/tlp.xml"), StandardCharsets.UTF_8);
        assertThat(console.get("/policies/tlp/spif?version=0", kim).body()).isEqualTo(shipped);
        assertThat(console.post("/policies", kim, seen.body(), Map.of("spif", shipped)).statusCode()).isEqualTo(403);

        String auditor = console.signIn("auditor", "a long password auditor");
        HttpResponse<String> form = console.get("/policies", auditor);
        assertThat(form.body()).contains("id=\"import\"");
        HttpResponse<String> staged = console.post("/policies", auditor, form.body(), Map.of("spif", shipped, "source",
                "tlp-2026.xml"));
        assertThat(staged.statusCode()).as(staged.body()).isEqualTo(303);
        assertThat(console.get("/policies", auditor).body()).contains("id=\"v-tlp-1\"").contains("STAGED");
        String mine = console.signIn("officer", TestNodes.OFFICER_PASSWORD);
        HttpResponse<String> waiting = console.get("/approvals", mine);
        assertThat(waiting.body()).contains("policy-import").contains("version 1 of policy tlp");
        java.util.regex.Matcher card = java.util.regex.Pattern.compile("id=\"w-([^\"]+)\" class=\"card\">\\s*<p><strong>"
                + "policy-import</strong> tlp: bring version 1 of policy tlp").matcher(waiting.body());
        assertThat(card.find()).as(waiting.body()).isTrue();
        String id = card.group(1);
        HttpResponse<String> approved = console.post("/approvals/request/" + id + "/approve", mine, waiting.body(),
                Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
        assertThat(console.get("/policies", kim).body()).containsPattern("id=\"v-tlp-1\"><td>tlp</td><td>1</td><td "
                + "class=\"state\">ACTIVE");
        assertThat(console.get("/policies/tlp/spif", kim).body()).isEqualTo(shipped);

        HttpResponse<String> broken = console.post("/policies", auditor, form.body(), Map.of("spif", "<SPIF/>"));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("SPIF_INVALID");
    }

    @Test
    void anAgreementsPage_showsItsParties_table_timeline_andStateToday() throws Exception {
        String kim = console.signIn("kim", "a long password kim");
        HttpResponse<String> list = console.get("/agreements", kim);
        assertThat(list.body()).contains("jpn-kor-gsomia-2016").contains("State");
        HttpResponse<String> one = console.get("/agreements/jpn-kor-gsomia-2016", kim);
        assertThat(one.statusCode()).isEqualTo(200);
        // On 2020-01-01 KOR's notice of termination (2019-08-23) stands suspended (2019-11-22).
        assertThat(one.body()).contains("id=\"state\">NOTICE_SUSPENDED</strong>, in force since 2016-11-23")
                .contains("<td>KOR</td><td>군사Ⅱ급비밀</td><td>JPN</td><td>極秘</td>")
                .contains("<time>2016-11-23</time> <strong>IN_FORCE</strong>")
                .contains("<time>2019-08-23</time> <strong>TERMINATION_NOTIFIED</strong>");
        assertThat(console.get("/agreements/no-such-agreement", kim).statusCode()).isEqualTo(404);
    }

    @Test
    void theAuditPage_filters_andAnEntrysProofVerifies_whileAnEntryAboutAHiddenItemAnswersLikeAMissingOne()
            throws Exception {
        String auditor = console.signIn("auditor", "a long password auditor");
        HttpResponse<String> log = console.get("/audit?actor=senior&event=item.create", auditor);
        assertThat(log.statusCode()).isEqualTo(200);
        // The auditor (군사Ⅲ급비밀, missile duty) sees the creation of the one item he may read: not of the two above
        // his clearance, nor of the one for a purpose he has no duty for.
        Matcher rows = Pattern.compile("<tr><td><a href=\"/audit/(\\d+)\">").matcher(log.body());
        List<Long> seqs = new java.util.ArrayList<>();
        while (rows.find()) {
            seqs.add(Long.parseLong(rows.group(1)));
        }
        assertThat(seqs).hasSize(1);
        assertThat(log.body()).doesNotContain(secretId).doesNotContain(withFile);

        HttpResponse<String> entry = console.get("/audit/" + seqs.getFirst(), auditor);
        assertThat(entry.body()).contains("id=\"server-check\">VERIFIED: entry " + seqs.getFirst()
                + " is in the signed tree of").contains("data-key=\"MCowBQYDK2VwAyEA");

        long secret = node.audit().fromStart(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, 1000).stream()
                .filter(e -> e.event().equals("item.create") && e.subject().equals(secretId)).findFirst().orElseThrow()
                .seq();
        HttpResponse<String> hidden = console.get("/audit/" + secret, auditor);
        HttpResponse<String> missing = console.get("/audit/99999999", auditor);
        assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(hidden.body()).contains("There is no audit entry " + secret + " that you may read");
    }
}
