package io.liaison.federation.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.agreement.EventType;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Japan–ROK GSOMIA from June 2016 to March 2023, driven by signed messages between a JPN and a KOR
 * node that start knowing nothing of it: after every step both nodes hold the same state (R17), releases
 * follow it (R18), and an illegal step is refused at its source.
 */
@org.junit.jupiter.api.Timeout(600)
class HistoryTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private final MutableClock clock = new MutableClock(Instant.now());

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void gsomiaHistory_bothNodesAgreeOnTheStateAtEveryStep(TestNodes.Db db) throws Exception {
        int jp = Peering.freePort();
        int kp = Peering.freePort();
        try (TestNodes.Created jd = TestNodes.create(TestNodes.Db.H2, JPN, clock);
                TestNodes.Created kd = TestNodes.create(db, KOR, clock);
                Node jpn = jd.openFromMessages(clock, GSOMIA); Node kor = kd.openFromMessages(clock, GSOMIA)) {
            Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
            try (Federation jf = Federation.start(jpn, "127.0.0.1", jp); Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                User sato = io.liaison.node.TestUsers.add(jpn, new User("sato", new Clearance("jpn", "特定秘密", Map.of(), JPN),
                        Set.of(Role.ANALYST, Role.RELEASING_OFFICER), Set.of(MISSILE), true), "a long enough password".toCharArray());
                SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), "秘", Optional.empty(), List.of(),
                        Optional.of(JPN), clock.instant(), Optional.empty());
                ItemView item = jpn.items().create(sato, new NewItem("SLBM test data", "SLBM launched from Sinpo", label,
                        Set.of(MISSILE), false, List.of(), "J2"));
                assertThat(jf.lifecycles().state(GSOMIA, LocalDate.parse("2016-06-01"))).isEmpty();
                assertThat(jf.releases().preview(sato, item.id(), KOR, MISSILE, GSOMIA).allowed()).isFalse();

                record Step(Federation by, Node at, EventType type, String day, AgreementState expected) {}
                List<Step> history = List.of(
                        new Step(jf, jpn, EventType.PROPOSED, "2016-06-04", AgreementState.PROPOSED),
                        new Step(kf, kor, EventType.DECLINED, "2016-06-05", AgreementState.DECLINED),
                        new Step(jf, jpn, EventType.PROPOSED, "2016-10-27", AgreementState.PROPOSED),
                        new Step(jf, jpn, EventType.SIGNED, "2016-11-23", AgreementState.PROPOSED),
                        new Step(kf, kor, EventType.SIGNED, "2016-11-23", AgreementState.SIGNED),
                        new Step(jf, jpn, EventType.NOTIFIED, "2016-11-23", AgreementState.SIGNED),
                        new Step(kf, kor, EventType.NOTIFIED, "2016-11-23", AgreementState.IN_FORCE),
                        new Step(kf, kor, EventType.TERMINATION_NOTICE, "2019-08-23", AgreementState.TERMINATION_NOTIFIED),
                        new Step(kf, kor, EventType.NOTICE_SUSPENDED, "2019-11-22", AgreementState.NOTICE_SUSPENDED),
                        new Step(kf, kor, EventType.NOTICE_WITHDRAWN, "2023-03-21", AgreementState.IN_FORCE));
                for (Step s : history) {
                    LocalDate day = LocalDate.parse(s.day());
                    Steps.take(s.by(), s.at(), GSOMIA, s.type(), day, "as in the record");
                    jf.deliverNow();
                    kf.deliverNow();
                    assertThat(jf.lifecycles().state(GSOMIA, day)).as("JPN after " + s.type() + " on " + day)
                            .contains(s.expected());
                    assertThat(kf.lifecycles().state(GSOMIA, day)).as("KOR after " + s.type() + " on " + day)
                            .contains(s.expected());
                    assertThat(jpn.agreements().events(GSOMIA)).isEqualTo(kor.agreements().events(GSOMIA));
                    if (s.type() == EventType.DECLINED) {
                        assertThat(jf.releases().preview(sato, item.id(), KOR, MISSILE, GSOMIA).allowed()).isFalse();
                    }
                }
                // The notice of 2019 would have taken effect on 2019-11-23; both nodes know it did not.
                assertThat(jf.lifecycles().state(GSOMIA, LocalDate.parse("2020-01-01"))).contains(AgreementState.NOTICE_SUSPENDED);
                assertThat(kf.lifecycles().state(GSOMIA, LocalDate.parse("2020-01-01"))).contains(AgreementState.NOTICE_SUSPENDED);
                // In force today: the release is allowed under the state both nodes recorded.
                assertThat(jf.releases().preview(sato, item.id(), KOR, MISSILE, GSOMIA).allowed()).isTrue();
                // An illegal step is refused where it starts and never sent.
                assertThatThrownBy(() -> Steps.take(jf, jpn, GSOMIA, EventType.NOTICE_SUSPENDED,
                        LocalDate.parse("2023-04-01"), "")).isInstanceOf(ConflictException.class);
                assertThat(jpn.approvals().list(Steps.asker(jpn), false, Optional.empty())).as("nothing waits").isEmpty();
                assertThat(jf.outbox().pending(KOR)).isEmpty();
                assertThat(jpn.verifyAudit().ok()).isTrue();
                assertThat(kor.verifyAudit().ok()).isTrue();
            }
        }
    }

    @Test
    void afterTermination_newReleasesAreRefused_andWhatWasReceivedStaysProtected() throws Exception {
        int jp = Peering.freePort();
        int kp = Peering.freePort();
        try (TestNodes.Created jd = TestNodes.create(TestNodes.Db.H2, JPN, clock);
                TestNodes.Created kd = TestNodes.create(TestNodes.Db.H2, KOR, clock);
                Node jpn = jd.openFromMessages(clock, GSOMIA); Node kor = kd.openFromMessages(clock, GSOMIA)) {
            Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
            try (Federation jf = Federation.start(jpn, "127.0.0.1", jp); Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                User sato = io.liaison.node.TestUsers.add(jpn, new User("sato", new Clearance("jpn", "特定秘密", Map.of(), JPN),
                        Set.of(Role.ANALYST, Role.RELEASING_OFFICER, Role.SECURITY_OFFICER), Set.of(MISSILE), true),
                        "a long enough password".toCharArray());
                User kim = io.liaison.node.TestUsers.add(kor, new User("kim", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR),
                        Set.of(Role.ANALYST), Set.of(MISSILE), true), "a long enough password".toCharArray());
                for (var step : List.of(Map.entry(EventType.PROPOSED, "2016-10-27"), Map.entry(EventType.SIGNED, "2016-11-23"),
                        Map.entry(EventType.NOTIFIED, "2016-11-23"))) {
                    Steps.take(jf, jpn, GSOMIA, step.getKey(), LocalDate.parse(step.getValue()), "");
                    jf.deliverNow();
                    if (step.getKey() != EventType.PROPOSED) {
                        Steps.take(kf, kor, GSOMIA, step.getKey(), LocalDate.parse(step.getValue()), "");
                        kf.deliverNow();
                    }
                }
                SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), "秘", Optional.empty(), List.of(),
                        Optional.of(JPN), clock.instant(), Optional.empty());
                ItemView before = jpn.items().create(sato, new NewItem("imagery", "Punggye-ri portal 3", label,
                        Set.of(MISSILE), false, List.of(), "J2"));
                assertThat(jf.releases().release(sato, before.id(), KOR, MISSILE, GSOMIA).decision().allowed()).isTrue();
                jf.deliverNow();

                // KOR's notice of 2019-08-23 was never suspended: it took effect on 2019-11-23.
                Steps.take(kf, kor, GSOMIA, EventType.TERMINATION_NOTICE, LocalDate.parse("2019-08-23"), "");
                kf.deliverNow();
                assertThat(jf.lifecycles().state(GSOMIA, LocalDate.parse("2019-11-23"))).contains(AgreementState.TERMINATED);
                assertThat(kf.lifecycles().state(GSOMIA, LocalDate.parse("2019-11-23"))).contains(AgreementState.TERMINATED);

                ItemView after = jpn.items().create(sato, new NewItem("imagery 2", "Sohae gantry", label, Set.of(MISSILE),
                        false, List.of(), "J2"));
                var refused = jf.releases().release(sato, after.id(), KOR, MISSILE, GSOMIA).decision();
                assertThat(refused.allowed()).isFalse();
                assertThat(refused.code().name()).isEqualTo("AGREEMENT_NOT_IN_FORCE");
                // What KOR received before stays protected and readable under the agreement's rules (R19), and
                // protection messages still travel: a reclassification reaches it.
                var held = kor.items().search(kim, "Punggye", 0, 10);
                assertThat(held.total()).isEqualTo(1);
                jf.propagation().reclassify(sato, before.id(), "極秘", "after termination, still protected");
                jf.deliverNow();
                assertThat(kor.items().read(kim, held.hits().getFirst().id(), Optional.empty()).marking())
                        .isEqualTo("JPN / 군사Ⅱ급비밀");
            }
        }
    }
}
