package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.catalog.binding.BoundObject;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.crypto.Pki;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Items leave the node as bound data objects (ADatP-4778) and come back in only with their binding verified: the
 * export is read and audited as any read, signed by the node's key; an import whose label or text changed, or whose
 * signer this party does not trust, is refused before anything is stored.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundItemsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private ServedApi served;
    private Node node;
    private Http http;
    private String analyst;
    private String uncleared;
    private String itemId;

    @BeforeAll
    void start() {
        served = ServedApi.start(TestNodes.Db.H2, clock);
        node = served.node();
        http = served.http();
        analyst = served.user("analyst", "군사Ⅱ급비밀", List.of("analyst"));
        uncleared = served.user("clerk", "평문", List.of("analyst"));
        Http.Answer item = http.post("/api/items", analyst, Map.of("title", "Launch", "text", "TEL sighted at Sinpo",
                "label", Map.of("classification", "군사Ⅲ급비밀"), "purposes", List.of("DPRK missile threat")));
        assertThat(item.status()).as(item.body()).isEqualTo(201);
        itemId = item.json().path("id").asText();
    }

    @AfterAll
    void stop() {
        served.close();
    }

    private Http.Answer bind(String token) {
        return http.get("/api/items/" + itemId + "/bound?purpose=DPRK%20missile%20threat", token);
    }

    private Http.Answer importBound(String xml) {
        return http.post("/api/items/bound", analyst, Map.of("bound", xml, "purposes", List.of("DPRK missile threat"),
                "source", "exported.xml"));
    }

    @Test
    void anItemGoesOutBoundByTheNodesKey_andComesBackInWithItsBindingVerified() {
        Http.Answer out = bind(analyst);
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(out.contentType()).startsWith("application/xml");
        var signing = Pki.readCertificatePem(node.paths().signingCertificate());
        BoundObject read = BoundObject.verify(out.body().getBytes(StandardCharsets.UTF_8), "out.xml", signing::equals);
        assertThat(read.text()).isEqualTo("TEL sighted at Sinpo");
        assertThat(new String(read.label(), StandardCharsets.UTF_8)).contains("군사Ⅲ급비밀");

        Http.Answer in = importBound(out.body());
        assertThat(in.status()).as(in.body()).isEqualTo(201);
        assertThat(in.json().path("boundBy").asText()).contains("KOR");
        String copy = in.json().path("id").asText();
        Http.Answer again = http.get("/api/items/" + copy + "?purpose=DPRK%20missile%20threat", analyst);
        assertThat(again.json().path("text").asText()).isEqualTo("TEL sighted at Sinpo");
        assertThat(again.json().path("title").asText()).isEqualTo("Launch");
    }

    @Test
    void aChangedBinding_orAnUntrustedSigner_isRefusedAndStoresNothing() throws Exception {
        String bound = bind(analyst).body();
        int before = http.get("/api/search?q=Sinpo", analyst).json().path("total").asInt();
        assertThat(before).isPositive();
        Http.Answer lowered = importBound(bound.replace("군사Ⅲ급비밀", "평문"));
        assertThat(lowered.status()).isEqualTo(400);
        assertThat(lowered.json().path("code").asText()).isEqualTo("BINDING_BROKEN");
        assertThat(lowered.json().path("detail").asText()).contains("the label (metadata binding)");

        var keys = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var self = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(new org.bouncycastle.asn1.x500.X500Name(
                        "CN=mallory"), java.math.BigInteger.TWO, java.util.Date.from(Instant.parse("2019-01-01T00:00:00Z")),
                        java.util.Date.from(Instant.parse("2030-01-01T00:00:00Z")), new org.bouncycastle.asn1.x500.X500Name(
                        "CN=mallory"), keys.getPublic()).build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(
                        "Ed25519").build(keys.getPrivate())));
        BoundObject read = BoundObject.verify(bound.getBytes(StandardCharsets.UTF_8), "b", c -> true);
        byte[] forged = BoundObject.bind(read.label(), "Launch", read.data(), keys.getPrivate(), self);
        Http.Answer untrusted = importBound(new String(forged, StandardCharsets.UTF_8));
        assertThat(untrusted.status()).isEqualTo(400);
        assertThat(untrusted.json().path("code").asText()).isEqualTo("BINDING_UNTRUSTED");
        assertThat(http.get("/api/search?q=Sinpo", analyst).json().path("total").asInt()).isEqualTo(before);
    }

    @Test
    void aReaderWhoMayNotReadTheItem_cannotBindIt_andLearnsNothing() {
        Http.Answer hidden = bind(uncleared);
        Http.Answer missing = http.get("/api/items/no-such-item/bound?purpose=DPRK%20missile%20threat", uncleared);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo(missing.body().replace("no-such-item", itemId));
    }
}
