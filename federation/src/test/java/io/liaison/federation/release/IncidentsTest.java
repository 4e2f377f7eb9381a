package io.liaison.federation.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Loss reports, destruction certificates and returns reach the originator, between two real nodes (R13, R15). */
@org.junit.jupiter.api.Timeout(600)
class IncidentsTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private final MutableClock clock = new MutableClock(Instant.now());


    /** A JPN label at 秘, which the GSOMIA maps to 군사Ⅲ급비밀 at KOR. */
    private SecurityLabel japaneseSecret() {
        return new SecurityLabel(PolicyIdentifier.of("Japan MOD"), "秘", Optional.empty(), List.of(), Optional.of(JPN),
                clock.instant(), Optional.empty());
    }

    private static User user(Node node, String name, String policy, String level, Party nationality, Role... roles) {
        return io.liaison.node.TestUsers.add(node, new User(name, new Clearance(policy, level, Map.of(), nationality),
                Set.of(roles), Set.of(MISSILE), true), "a long enough password".toCharArray());
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void lossReport_opensACaseAtTheOriginator_untilFindingsAndMeasures_andDestructionSendsTheCertificate(TestNodes.Db db)
            throws Exception {
        int jp = Peering.freePort();
        int kp = Peering.freePort();
        try (TestNodes.Created jd = TestNodes.create(db, JPN, clock);
                TestNodes.Created kd = TestNodes.create(TestNodes.Db.H2, KOR, clock);
                Node jpn = jd.open(clock); Node kor = kd.open(clock)) {
            Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
            try (Federation jf = Federation.start(jpn, "127.0.0.1", jp); Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                User sato = user(jpn, "sato", "jpn", "特定秘密", JPN, Role.ANALYST, Role.RELEASING_OFFICER);
                User park = user(kor, "park", "kor", "군사Ⅰ급비밀", KOR, Role.ANALYST, Role.SECURITY_OFFICER);
                SecurityLabel label = japaneseSecret();
                List<ItemView> made = List.of(
                        jpn.items().create(sato, new NewItem("imagery 1", "Yongbyon imagery one", label, Set.of(MISSILE),
                                false, List.of(), "J2")),
                        jpn.items().create(sato, new NewItem("imagery 2", "Yongbyon imagery two", label, Set.of(MISSILE),
                                false, List.of(), "J2")));
                for (ItemView i : made) {
                    jf.releases().release(sato, i.id(), KOR, MISSILE, AgreementId.of("jpn-kor-gsomia-2016"));
                }
                jf.deliverNow();
                var page = kor.items().search(park, "Yongbyon", 0, 10);
                assertThat(page.total()).isEqualTo(2);
                String lost = page.hits().get(0).id();
                String destroyed = page.hits().get(1).id();

                Incidents.Incident opened = kf.incidents().report(park, lost, IncidentKind.LOSS, "courier bag missing since 0900");
                assertThat(opened.status()).isEqualTo(Incidents.Status.OPEN);
                kf.deliverNow();
                Incidents.Incident atJpn = jf.incidents().find(sato, opened.id()).orElseThrow();
                assertThat(atJpn.side()).isEqualTo(Consents.Side.ORIGINATOR);
                assertThat(atJpn.status()).isEqualTo(Incidents.Status.OPEN);
                assertThat(made.stream().map(ItemView::id)).contains(atJpn.itemId());
                assertThat(jpn.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 100)).anySatisfy(e -> {
                    assertThat(e.event()).isEqualTo("incident.reported");
                    assertThat(e.outcome()).isEqualTo("ALARM");
                    assertThat(e.rule()).isEqualTo("R15");
                });

                assertThatThrownBy(() -> kf.incidents().close(park, opened.id(), "bag found", " "))
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("preventive measures");
                kf.incidents().close(park, opened.id(), "bag found unopened", "two-person courier rule");
                kf.deliverNow();
                Incidents.Incident closed = jf.incidents().find(sato, opened.id()).orElseThrow();
                assertThat(closed.status()).isEqualTo(Incidents.Status.CLOSED);
                assertThat(closed.measures()).contains("two-person courier rule");
                // Every kind fits both ends' tables, the longest (SUSPECTED_COMPROMISE) too.
                for (IncidentKind kind : IncidentKind.values()) {
                    Incidents.Incident another = kf.incidents().report(park, lost, kind, "a case of " + kind);
                    kf.deliverNow();
                    assertThat(jf.incidents().find(sato, another.id()).orElseThrow().kind()).isEqualTo(kind);
                }

                kf.incidents().destroy(park, destroyed, "purpose ended");
                kf.deliverNow();
                long certificates = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM "
                        + "remote_destructions WHERE holder = 'KOR'").mapTo(Long.class).one());
                assertThat(certificates).isEqualTo(1);
                String original = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT item_id FROM "
                        + "remote_destructions").mapTo(String.class).one());
                assertThat(jpn.items().inventory(sato, original)).anySatisfy(c ->
                        assertThat(c.action()).contains("destroyed by holder KOR"));
                assertThat(jpn.verifyAudit().ok()).isTrue();
                assertThat(kor.verifyAudit().ok()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void aReturnedItem_goesBackWithItsContent_leavesNoCopy_andIsRecordedAtTheOriginator(TestNodes.Db db) throws Exception {
        int jp = Peering.freePort();
        int kp = Peering.freePort();
        try (TestNodes.Created jd = TestNodes.create(TestNodes.Db.H2, JPN, clock);
                TestNodes.Created kd = TestNodes.create(db, KOR, clock);
                Node jpn = jd.open(clock); Node kor = kd.open(clock)) {
            Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
            try (Federation jf = Federation.start(jpn, "127.0.0.1", jp); Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                User sato = user(jpn, "sato", "jpn", "特定秘密", JPN, Role.ANALYST, Role.RELEASING_OFFICER);
                User park = user(kor, "park", "kor", "군사Ⅰ급비밀", KOR, Role.ANALYST, Role.SECURITY_OFFICER);
                SecurityLabel label = japaneseSecret();
                ItemView original = jpn.items().create(sato, new NewItem("sortie plan", "Sortie plan for exercise", label,
                        Set.of(MISSILE), false, List.of(), "J3"));
                jf.releases().release(sato, original.id(), KOR, MISSILE, AgreementId.of("jpn-kor-gsomia-2016"));
                jf.deliverNow();
                String copy = kor.items().search(park, "Sortie", 0, 10).hits().getFirst().id();
                User korAuthor = user(kor, "kim", "kor", "군사Ⅱ급비밀", KOR, Role.ANALYST, Role.SECURITY_OFFICER);
                ItemView own = kor.items().create(korAuthor, new NewItem("own note", "a note of KOR's own", new SecurityLabel(
                        PolicyIdentifier.of("ROK MND"), "군사Ⅲ급비밀", Optional.empty(), List.of(), Optional.of(KOR),
                        clock.instant(), Optional.empty()), Set.of(MISSILE), false, List.of(), "J2"));

                assertThatThrownBy(() -> kf.incidents().returnItem(park, own.id(), "done"))
                        .hasMessageContaining("only a received item is returned");
                assertThatThrownBy(() -> kf.incidents().returnItem(park, copy, " "))
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs a reason");

                var returned = kf.incidents().returnItem(park, copy, "exercise over");
                assertThat(returned.certificate().certificate()).contains("liaison-return-certificate-v1", "returned to JPN");
                assertThat(returned.text()).isEqualTo("Sortie plan for exercise");
                assertThat(kor.items().read(park, copy, Optional.empty()).status()).isEqualTo("RETURNED");
                assertThat(kor.items().read(park, copy, Optional.empty()).text()).as("no readable copy stays").isEmpty();
                assertThat(kor.items().search(park, "Sortie", 0, 10).total()).isZero();
                assertThatThrownBy(() -> kf.incidents().returnItem(park, copy, "again"))
                        .hasMessageContaining("no longer held here");
                kf.deliverNow();

                assertThat(jpn.items().inventory(sato, original.id())).anySatisfy(c ->
                        assertThat(c.action()).contains("returned by holder KOR (content matches the original"));
                String disposition = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT disposition FROM "
                        + "remote_destructions WHERE item_id = :i").bind("i", original.id()).mapTo(String.class).one());
                assertThat(disposition).isEqualTo("RETURNED");

                // A return whose content is not the original's is refused, and the originator records nothing.
                kor.database().useTransaction(tx -> kf.outbox().enqueue(tx, JPN, io.liaison.federation.envelope
                        .EnvelopeType.RETURN, AgreementId.of("jpn-kor-gsomia-2016"), java.util.Optional.empty(), new ReturnMessage(original.id(), "{}", "00", "park",
                        "exercise over", "a different text", List.of()).toJson()));
                kf.deliverNow();
                assertThat(kf.outbox().recent(park, kor.disclosure(), 5)).anySatisfy(e -> assertThat(e.code()).hasValue("RETURN_CONTENT_MISMATCH"));
                long certificates = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM "
                        + "remote_destructions").mapTo(Long.class).one());
                assertThat(certificates).isEqualTo(1);
                assertThat(jpn.verifyAudit().ok()).isTrue();
                assertThat(kor.verifyAudit().ok()).isTrue();
            }
        }
    }
}
