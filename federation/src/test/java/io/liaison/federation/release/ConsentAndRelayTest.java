package io.liaison.federation.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.decision.Decision;
import io.liaison.core.error.ConflictException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.Peering;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three real nodes (JPN and USA on H2, KOR on PostgreSQL) with mutual TLS on loopback: onward release needs the
 * originator's prior written consent (R6), which is asked, granted, recorded, used once and then cannot
 * be revoked; and the TISA relay JPN → USA → KOR with consent, marked by the hub, with the whole chain at
 * the end (R20–R22).
 */
@org.junit.jupiter.api.Timeout(600)
class ConsentAndRelayTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party USA = Party.of("USA");
    private static final Party KOR = Party.of("KOR");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<AutoCloseable> open = new ArrayList<>();
    private Node jpn;
    private Node usa;
    private Node kor;
    private Federation jf;
    private Federation uf;
    private Federation kf;

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @BeforeEach
    void threeNodes() throws Exception {
        TestNodes.Created jd = keep(TestNodes.create(TestNodes.Db.H2, JPN, clock));
        TestNodes.Created ud = keep(TestNodes.create(TestNodes.Db.H2, USA, clock));
        // KOR on a fresh PostgreSQL database: the consent, relay, reclassification and recall tables for real.
        TestNodes.Created kd = keep(TestNodes.create(TestNodes.Db.POSTGRESQL, KOR, clock));
        jpn = keep(jd.open(clock));
        usa = keep(ud.open(clock));
        kor = keep(kd.open(clock));
        Map<Party, Integer> ports = Peering.ports(jpn, usa, kor);
        Peering.connect(ports, jpn, usa, kor);
        jf = keep(Federation.start(jpn, "127.0.0.1", ports.get(JPN)));
        uf = keep(Federation.start(usa, "127.0.0.1", ports.get(USA)));
        kf = keep(Federation.start(kor, "127.0.0.1", ports.get(KOR)));
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static User user(Node node, String name, String policy, String level, Party nationality, Role... roles) {
        return io.liaison.node.TestUsers.add(node, new User(name, new Clearance(policy, level, Map.of(), nationality),
                Set.of(roles), Set.of(MISSILE), true), "a long enough password".toCharArray());
    }

    private ItemView jpnItem(User author) {
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), "秘", Optional.empty(), List.of(),
                Optional.of(JPN), clock.instant(), Optional.empty());
        return jpn.items().create(author, new NewItem("Musudan launch", "Launch from Wonsan at 05:58", label,
                Set.of(MISSILE), false, List.of(), "J2"));
    }

    private void deliverAll() throws Exception {
        for (int round = 0; round < 3; round++) {
            jf.deliverNow();
            uf.deliverNow();
            kf.deliverNow();
        }
    }

    private static ItemView only(Node node, User reader) {
        var page = node.items().search(reader, "Wonsan", 0, 10);
        assertThat(page.total()).isEqualTo(1);
        return node.items().read(reader, page.hits().getFirst().id(), Optional.empty());
    }

    @Test
    void onwardReleaseToAThirdParty_needsTheOriginatorsConsent_whichCannotBeRevokedOnceUsed() throws Exception {
        User sato = user(jpn, "sato", "jpn", "特定秘密", JPN, Role.ANALYST, Role.RELEASING_OFFICER);
        User tanaka = user(jpn, "tanaka", "jpn", "特定秘密", JPN, Role.SECURITY_OFFICER, Role.ANALYST);
        User kim = user(kor, "kim", "kor", "군사Ⅰ급비밀", KOR, Role.ANALYST, Role.RELEASING_OFFICER);
        User smith = user(usa, "smith", "usa", "TOP SECRET", USA, Role.ANALYST);
        ItemView item = jpnItem(sato);
        assertThat(jf.releases().release(sato, item.id(), KOR, MISSILE, AgreementId.of("jpn-kor-gsomia-2016")).decision().allowed()).isTrue();
        deliverAll();
        ItemView atKor = only(kor, kim);

        Decision without = kf.releases().preview(kim, atKor.id(), USA, MISSILE, AgreementId.of("usa-kor-gsa-1987"));
        assertThat(without.allowed()).isFalse();
        assertThat(without.code().name()).isEqualTo("CONSENT_MISSING");
        assertThat(kf.releases().release(kim, atKor.id(), USA, MISSILE, AgreementId.of("usa-kor-gsa-1987")).envelope()).isEmpty();

        Consents.Request asked = kf.consents().request(kim, atKor.id(), USA, MISSILE, "share with USFK J2");
        assertThat(asked.status()).isEqualTo(Consents.Status.PENDING);
        deliverAll();
        Consents.Request atJpn = jf.consents().requests(tanaka, Consents.Side.ORIGINATOR).getFirst();
        assertThat(atJpn.id()).isEqualTo(asked.id());
        assertThat(atJpn.itemId()).isEqualTo(item.id());
        assertThat(atJpn.thirdParty()).isEqualTo(USA);
        String consent = jf.consents().grant(tanaka, asked.id(), Optional.empty());
        deliverAll();
        assertThat(kf.consents().find(kim, asked.id()).orElseThrow().status()).isEqualTo(Consents.Status.GRANTED);

        Decision with = kf.releases().preview(kim, atKor.id(), USA, MISSILE, AgreementId.of("usa-kor-gsa-1987"));
        assertThat(with.allowed()).as(with.message()).isTrue();
        assertThat(with.values()).containsEntry("consent", consent);
        assertThat(kf.releases().release(kim, atKor.id(), USA, MISSILE, AgreementId.of("usa-kor-gsa-1987")).envelope()).isPresent();
        deliverAll();
        ItemView atUsa = only(usa, smith);
        assertThat(atUsa.originator()).isEqualTo(JPN);
        assertThat(atUsa.originatorLabel().classification()).isEqualTo("秘");
        assertThat(atUsa.marking()).startsWith("JPN / ");

        // Used: the originator's revocation is refused by the holder, and says so in the receipt.
        jf.consents().revoke(tanaka, consent);
        deliverAll();
        String receipt = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT receipt FROM outbox WHERE type = "
                + "'CONSENT_REVOCATION'").mapTo(String.class).one());
        assertThat(receipt).contains("CONSENT_USED");
        assertThatThrownBy(() -> jf.consents().grant(tanaka, asked.id(), Optional.empty()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already GRANTED");
        assertThat(jpn.verifyAudit().ok()).isTrue();
        assertThat(kor.verifyAudit().ok()).isTrue();
        assertThat(usa.verifyAudit().ok()).isTrue();
    }

    @Test
    void tisaRelay_goesThroughTheHubWithConsent_andTheLastHolderSeesTheChain() throws Exception {
        User sato = user(jpn, "sato", "jpn", "特定秘密", JPN, Role.ANALYST, Role.RELEASING_OFFICER);
        User tanaka = user(jpn, "tanaka", "jpn", "特定秘密", JPN, Role.SECURITY_OFFICER, Role.ANALYST);
        User smith = user(usa, "smith", "usa", "TOP SECRET", USA, Role.ANALYST, Role.RELEASING_OFFICER);
        User kim = user(kor, "kim", "kor", "군사Ⅰ급비밀", KOR, Role.ANALYST);
        ItemView item = jpnItem(sato);

        Decision direct = jf.releases().preview(sato, item.id(), KOR, MISSILE, AgreementId.of("tisa-2014"));
        assertThat(direct.allowed()).isFalse();
        assertThat(direct.code().name()).isEqualTo("RELAY_BYPASSES_HUB");

        assertThat(jf.releases().release(sato, item.id(), USA, MISSILE, AgreementId.of("tisa-2014")).decision().allowed()).isTrue();
        deliverAll();
        ItemView atHub = only(usa, smith);
        Decision noConsent = uf.releases().preview(smith, atHub.id(), KOR, MISSILE, AgreementId.of("tisa-2014"));
        assertThat(noConsent.allowed()).isFalse();
        assertThat(noConsent.rule()).isEqualTo("R22");

        Consents.Request asked = uf.consents().request(smith, atHub.id(), KOR, MISSILE, "TISA relay to ROK");
        deliverAll();
        jf.consents().grant(tanaka, asked.id(), Optional.of(clock.instant().plusSeconds(3600)));
        deliverAll();
        assertThat(uf.releases().release(smith, atHub.id(), KOR, MISSILE, AgreementId.of("tisa-2014")).decision().allowed()).isTrue();
        deliverAll();
        ItemView atKor = only(kor, kim);
        assertThat(atKor.originator()).isEqualTo(JPN);
        assertThat(atKor.marking()).startsWith("JPN / 군사");
        String chain = kor.database().jdbi().withHandle(h -> h.createQuery("SELECT chain FROM received_items")
                .mapTo(String.class).one());
        assertThat(chain).isEqualTo("[\"JPN\",\"USA\",\"KOR\"]");
        // The holder sees every step and the originator's consent that allowed the onward one (R22).
        var hops = atKor.provenance().orElseThrow().hops();
        assertThat(hops).hasSize(2);
        assertThat(hops.get(0).from()).isEqualTo(JPN);
        assertThat(hops.get(0).to()).isEqualTo(USA);
        assertThat(hops.get(0).consent()).isEmpty();
        assertThat(hops.get(1).from()).isEqualTo(USA);
        assertThat(hops.get(1).to()).isEqualTo(KOR);
        assertThat(hops.get(1).agreement()).isEqualTo(AgreementId.of("tisa-2014"));
        assertThat(hops.get(1).consent()).isPresent();
        assertThat(hops.get(1).consentRecordedAt()).isPresent();
        assertThat(hops.get(1).written()).startsWith("USA → KOR under tisa-2014 on ")
                .contains("with the originator's consent " + hops.get(1).consent().get());
        assertThat(atKor.provenance().orElseThrow().chainWritten()).isEqualTo("JPN > USA > KOR");

        // The originator reclassifies: the hub and, through it, the holder of the relayed copy re-mark theirs (R12).
        String before = atKor.nodeLabel().classification();
        assertThat(jf.propagation().reclassify(tanaka, item.id(), "極秘", "new source")).containsExactly(item.id());
        deliverAll();
        ItemView hubAfter = only(usa, smith);
        assertThat(hubAfter.originatorLabel().classification()).isEqualTo("極秘");
        assertThat(hubAfter.nodeLabel().classification()).isNotEqualTo(atHub.nodeLabel().classification());
        ItemView korAfter = only(kor, kim);
        assertThat(korAfter.originatorLabel().classification()).isEqualTo("極秘");
        assertThat(korAfter.nodeLabel().classification()).isEqualTo("군사Ⅱ급비밀").isNotEqualTo(before);
        assertThat(kor.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 100)).anySatisfy(e -> {
            assertThat(e.event()).isEqualTo("item.reclassify");
            assertThat(e.actor()).isEqualTo("peer:USA");
        });
        String confirmed = usa.database().jdbi().withHandle(h -> h.createQuery("SELECT receipt FROM outbox WHERE type = "
                + "'RECLASSIFICATION'").mapTo(String.class).one());
        assertThat(confirmed).contains("RECLASSIFIED").contains("군사Ⅱ급비밀");

        // The originator recalls it: the hub and the holder of the relayed copy destroy theirs, and both
        // certificates come back to JPN (R12, R13).
        assertThat(jf.propagation().recall(tanaka, item.id(), "superseded")).isEqualTo(1);
        deliverAll();
        assertThat(usa.items().search(smith, "Wonsan", 0, 10).total()).isZero();
        assertThat(kor.items().search(kim, "Wonsan", 0, 10).total()).isZero();
        List<String> holders = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT holder FROM remote_destructions "
                + "ORDER BY holder").mapTo(String.class).list());
        assertThat(holders).containsExactly("KOR", "USA");
        assertThat(jpn.verifyAudit().ok()).isTrue();
        assertThat(kor.verifyAudit().ok()).isTrue();
    }
}
