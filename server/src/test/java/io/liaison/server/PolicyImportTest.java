package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.ShippedCatalog;
import io.liaison.node.MutableClock;
import io.liaison.node.TestNodes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Policies as data on a node on PostgreSQL, over HTTP: a security officer imports a SPIF 2.1 file, a second one
 * approves it, and from then on the node's decisions and markings use it; what would break labels already given is
 * refused, a broken file leaves nothing behind, and every shipped policy comes back out as it went in.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyImportTest {
    private static final String KOR = new String(ShippedCatalog.resource("policies/kor.xml"), StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private ServedApi served;
    private Http http;
    private String officer;
    private String second;
    private String analyst;

    @BeforeAll
    void start() {
        served = ServedApi.start(TestNodes.Db.POSTGRESQL, clock);
        http = served.http();
        officer = served.officer();
        second = served.user("second", "군사Ⅱ급비밀", List.of("security-officer"));
        analyst = served.user("analyst", "군사Ⅱ급비밀", List.of("analyst"));
    }

    @AfterAll
    void stop() {
        served.close();
    }

    private Http.Answer stage(String token, String spif, String owner) {
        return http.post("/api/policies", token, owner == null ? Map.of("spif", spif, "source", "test.xml")
                : Map.of("spif", spif, "source", "test.xml", "owner", owner));
    }

    private String approve(Http.Answer staged) {
        assertThat(staged.status()).as(staged.body()).isEqualTo(202);
        Http.Answer approved = http.post("/api/approvals/" + staged.json().path("id").asText() + "/approve", second,
                Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return staged.json().path("id").asText();
    }

    private Http.Answer create(String releasableTo) {
        return http.post("/api/items", analyst, Map.of("title", "Launch", "text", "TEL sighted", "label",
                Map.of("classification", "군사Ⅲ급비밀", "categories", List.of(Map.of("tag", "Releasable To", "values",
                        List.of("KOR", releasableTo)))), "purposes", List.of("DPRK missile threat")));
    }

    @Test
    @Order(1)
    void aNewVersion_isInForceOnlyOnceASecondOfficerApprovesIt_andThenDecidesAndMarks() {
        String next = KOR.replace("<spif:tagCategory name=\"USA\" lacv=\"7\">",
                        "<spif:tagCategory name=\"PHL\" lacv=\"8\">\n          <spif:markingData phrase=\"PHL\" xml:lang=\"en\">\n"
                        + "            <spif:code>pageTopBottom</spif:code>\n          </spif:markingData>\n"
                        + "        </spif:tagCategory>\n        <spif:tagCategory name=\"USA\" lacv=\"7\">")
                .replace("phrase=\"MILITARY CLASS III SECRET\"", "phrase=\"MILITARY SECRET CLASS III\"");
        assertThat(next).isNotEqualTo(KOR);
        assertThat(create("PHL").status()).isEqualTo(400);

        Http.Answer staged = stage(officer, next, null);
        assertThat(staged.status()).as(staged.body()).isEqualTo(202);
        assertThat(create("PHL").status()).as("staged is not in force").isEqualTo(400);
        Http.Answer own = http.post("/api/approvals/" + staged.json().path("id").asText() + "/approve", officer, Map.of());
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        approve(staged);

        Http.Answer item = create("PHL");
        assertThat(item.status()).as(item.body()).isEqualTo(201);
        JsonNode kor = http.get("/api/policies/kor", analyst).json();
        assertThat(kor.path("version").asInt()).isEqualTo(1);
        assertThat(kor.path("levels").get(2).path("banner").path("en").asText()).isEqualTo("MILITARY SECRET CLASS III");
        Http.Answer spif = http.get("/api/policies/kor/spif", analyst);
        assertThat(spif.contentType()).startsWith("application/xml");
        assertThat(spif.body()).contains("name=\"PHL\"").contains("MILITARY SECRET CLASS III");
        assertThat(http.get("/api/policies/kor/spif?version=0", analyst).body()).isEqualTo(KOR);
        assertThat(http.get("/api/policies/kor/spif?version=one", analyst).json().path("code").asText())
                .isEqualTo("VERSION_INVALID");
        assertThat(http.get("/api/policies/kor/spif?version=7", analyst).status()).isEqualTo(404);
        JsonNode versions = http.get("/api/policies", analyst).json().path("versions");
        assertThat(versions.findValues("policy").stream().filter(p -> p.asText().equals("kor")).count()).isEqualTo(2);
        JsonNode audit = http.get("/api/audit?event=policy.in-force", second).json();
        assertThat(audit.toString()).contains("policy.in-force").contains("kor");
    }

    @Test
    @Order(2)
    void aVersionThatWouldBreakWhatIsLabelled_orABrokenFile_isRefusedAndLeavesNothing() {
        int before = http.get("/api/policies", analyst).json().path("versions").size();
        Http.Answer dropped = stage(officer, KOR.replace("name=\"대외비\"", "name=\"대외비밀\""), null);
        assertThat(dropped.status()).as(dropped.body()).isEqualTo(409);
        assertThat(dropped.json().path("code").asText()).isEqualTo("POLICY_INCOMPATIBLE");
        assertThat(dropped.json().path("detail").asText()).contains("the levels change").contains("대외비밀");
        Http.Answer noPhl = stage(officer, KOR, null);
        assertThat(noPhl.status()).as("version 1 added PHL; the shipped file drops it").isEqualTo(409);
        assertThat(noPhl.json().path("detail").asText()).contains("value PHL of Releasable To (PERMISSIVE) is dropped");
        Http.Answer broken = stage(officer, KOR.replace("</spif:securityClassifications>", ""), null);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("code").asText()).isIn("XML_INVALID", "SPIF_INVALID");
        Http.Answer notOfficer = stage(analyst, KOR, null);
        assertThat(notOfficer.status()).isEqualTo(403);
        assertThat(http.get("/api/policies", analyst).json().path("versions").size()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void everyShippedPolicy_goesInAndComesOutUnchanged() {
        for (String id : List.of("jpn", "usa", "nato", "tlp")) {
            String shipped = new String(ShippedCatalog.resource("policies/" + id + ".xml"), StandardCharsets.UTF_8);
            approve(stage(officer, shipped, null));
            JsonNode inForce = http.get("/api/policies/" + id, analyst).json();
            assertThat(inForce.path("version").asInt()).as(id).isEqualTo(1);
            assertThat(http.get("/api/policies/" + id + "/spif?version=1", analyst).body()).as(id).isEqualTo(shipped);
        }
        String phl = http.get("/api/policies/kor/spif", analyst).body();
        approve(stage(officer, phl, null));
        assertThat(http.get("/api/policies/kor/spif?version=2", analyst).body()).isEqualTo(phl);
    }

    @Test
    @Order(4)
    void aForeignSpif_needsAnOwner_andCannotTakeTheNameOfAPolicyInForce() throws Exception {
        java.nio.file.Path data = java.nio.file.Path.of(System.getProperty("liaison.conformance", java.nio.file.Path.of("")
                .toAbsolutePath().getParent().resolve("../shared/conformance/spiffing/test-data").normalize().toString()));
        String tlp = java.nio.file.Files.readString(data.resolve("tlp-plus.xml"));
        Http.Answer noOwner = stage(officer, tlp, null);
        assertThat(noOwner.status()).isEqualTo(400);
        assertThat(noOwner.json().path("detail").asText()).contains("names no owner");
        approve(stage(officer, tlp, "FIRST"));
        JsonNode all = http.get("/api/policies", analyst).json().path("inForce");
        assertThat(all.findValues("name").stream().map(JsonNode::asText).toList()).contains("TLPX");
        String renamed = KOR.replace("liaison:short=\"kor\"", "liaison:short=\"kor-copy\"");
        Http.Answer duplicate = stage(officer, renamed, null);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("code").asText()).isEqualTo("POLICY_DUPLICATE");
    }
}
