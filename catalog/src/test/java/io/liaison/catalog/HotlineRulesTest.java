package io.liaison.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.Decision;
import io.liaison.core.decision.Outcome;
import io.liaison.core.decision.ReasonCode;
import io.liaison.core.hotline.HotlineRules;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hotline's decisions (R27, R2, R18, R3, R9) against the shipped catalog and the Japan-ROK GSOMIA. */
@org.junit.jupiter.api.Timeout(120)
class HotlineRulesTest {
    private static final Catalog CATALOG = ShippedCatalog.load();
    private static final HotlineRules RULES = new HotlineRules(CATALOG);
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    /** In force (signed and both notified on 23 Nov 2016; the 2019 notice was withdrawn in 2023). */
    private static final Instant IN_FORCE = day("2024-06-01");

    private static Instant day(String date) {
        return LocalDate.parse(date).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static SecurityLabel label(String policyId, String level, Party originator) {
        SecurityPolicy p = CATALOG.requirePolicy(policyId);
        return SecurityLabel.of(new PolicyIdentifier(p.name(), p.oid().map(o -> "urn:oid:" + o)), level, originator,
                Instant.parse("2024-06-01T00:00:00Z"));
    }

    private static SecurityLabel jpn(String level) {
        return label("jpn", level, JPN);
    }

    private static SecurityLabel kor(String level) {
        return label("kor", level, KOR);
    }

    @Test
    void onlyTheLowestLevel_isUnclassified() {
        assertThat(RULES.unclassified(jpn("注意"))).isTrue();
        assertThat(RULES.unclassified(kor("평문"))).isTrue();
        for (String level : new String[] {"秘", "極秘", "特定秘密"}) {
            assertThat(RULES.unclassified(jpn(level))).as(level).isFalse();
        }
        for (String level : new String[] {"대외비", "군사Ⅲ급비밀", "군사Ⅱ급비밀", "군사Ⅰ급비밀"}) {
            assertThat(RULES.unclassified(kor(level))).as(level).isFalse();
        }
        // A label in a policy the catalog does not know is never taken for unclassified.
        assertThat(RULES.unclassified(SecurityLabel.of(PolicyIdentifier.of("Atlantis MOD"), "注意", JPN, IN_FORCE)))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({"2015-01-01,", "2016-06-05,DECLINED", "2016-11-22,PROPOSED", "2016-11-23,IN_FORCE",
        "2019-09-01,TERMINATION_NOTIFIED", "2024-06-01,IN_FORCE"})
    void theGsomiaLifecycle_isAsShipped(String date, String state) {
        assertThat(CATALOG.lifecycle(GSOMIA).stateOn(LocalDate.parse(date)).map(Enum::name).orElse(null))
                .isEqualTo(state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2015-01-01", "2016-06-05", "2016-11-22", "2016-11-23", "2024-06-01"})
    void unclassifiedTraffic_needsNoAgreement_inForceOrNot(String date) {
        Decision d = RULES.traffic(GSOMIA, JPN, KOR, jpn("注意"), day(date));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(d.code()).isEqualTo(ReasonCode.UNCLASSIFIED_NO_AGREEMENT);
        assertThat(d.rule()).isEqualTo("R27");
        Decision back = RULES.traffic(GSOMIA, KOR, JPN, kor("평문"), day(date));
        assertThat(back.code()).isEqualTo(ReasonCode.UNCLASSIFIED_NO_AGREEMENT);
        // Even under an agreement the catalog does not know.
        assertThat(RULES.traffic(AgreementId.of("jpn-kor-navy-2030"), JPN, KOR, jpn("注意"), day(date)).allowed()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"2015-01-01,NOT_PROPOSED", "2016-06-05,DECLINED", "2016-11-22,PROPOSED"})
    void classifiedTraffic_isRefused_beforeTheAgreementIsInForce(String date, String state) {
        for (String level : new String[] {"秘", "極秘", "特定秘密"}) {
            Decision d = RULES.traffic(GSOMIA, JPN, KOR, jpn(level), day(date));
            assertThat(d.outcome()).as(level).isEqualTo(Outcome.DENY);
            assertThat(d.code()).isEqualTo(ReasonCode.AGREEMENT_NOT_IN_FORCE);
            assertThat(d.rule()).isEqualTo("R18");
            assertThat(d.message()).contains("agreement " + GSOMIA + " is " + state + " on " + date);
        }
        assertThat(RULES.traffic(GSOMIA, KOR, JPN, kor("군사Ⅲ급비밀"), day(date)).code())
                .isEqualTo(ReasonCode.AGREEMENT_NOT_IN_FORCE);
    }

    @ParameterizedTest
    @CsvSource({"2016-11-23,JPN,秘", "2016-11-23,KOR,군사Ⅱ급비밀", "2019-09-01,JPN,極秘", "2024-06-01,JPN,特定秘密",
        "2024-06-01,KOR,군사Ⅲ급비밀"})
    void coveredClassifiedTraffic_isAllowed_whileInForce(String date, String from, String level) {
        boolean fromJpn = from.equals("JPN");
        Decision d = RULES.traffic(GSOMIA, fromJpn ? JPN : KOR, fromJpn ? KOR : JPN, fromJpn ? jpn(level) : kor(level),
                day(date));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(d.code()).isEqualTo(ReasonCode.HOTLINE_ALLOWED);
        assertThat(d.values()).containsEntry("agreement", GSOMIA.value()).containsEntry("classification", level);
    }

    @ParameterizedTest
    @ValueSource(strings = {"군사Ⅰ급비밀", "대외비"})
    void aKoreanLevelOutsideTheAgreement_isRefused(String level) {
        Decision d = RULES.traffic(GSOMIA, KOR, JPN, kor(level), IN_FORCE);
        assertThat(d.outcome()).isEqualTo(Outcome.DENY);
        assertThat(d.code()).isEqualTo(ReasonCode.LEVEL_NOT_COVERED);
        assertThat(d.rule()).startsWith("R2");
        assertThat(d.message()).contains(level).contains("군사Ⅱ급비밀").contains("군사Ⅲ급비밀");
    }

    @Test
    void classifiedTraffic_needsBothEndsToBeParties() {
        assertThat(RULES.traffic(GSOMIA, JPN, Party.of("USA"), jpn("秘"), IN_FORCE).code())
                .isEqualTo(ReasonCode.PARTY_NOT_IN_AGREEMENT);
        assertThat(RULES.traffic(AgreementId.of("jpn-kor-navy-2030"), JPN, KOR, jpn("秘"), IN_FORCE).code())
                .isEqualTo(ReasonCode.AGREEMENT_UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource({"秘,JPN / 군사Ⅲ급비밀,군사Ⅲ급비밀", "極秘,JPN / 군사Ⅱ급비밀,군사Ⅱ급비밀", "特定秘密,JPN / 군사Ⅱ급비밀,군사Ⅱ급비밀",
        "注意,JPN / 평문,평문"})
    void theReceiverMarks_inItsOwnPolicy(String level, String marking, String equivalent) {
        HotlineRules.Marking m = RULES.mark(GSOMIA, JPN, KOR, jpn(level), IN_FORCE);
        assertThat(m.marking()).isEqualTo(marking);
        assertThat(m.label().classification()).isEqualTo(equivalent);
        assertThat(m.label().policy().name()).isEqualTo(CATALOG.requirePolicy("kor").name());
        assertThat(m.label().originator()).contains(JPN);
    }

    @Test
    void unclassifiedTraffic_isMarkedAtTheReceiversLowestLevel_bothWays_evenBeforeTheAgreement() {
        assertThat(RULES.mark(GSOMIA, JPN, KOR, jpn("注意"), day("2015-01-01")).marking()).isEqualTo("JPN / 평문");
        assertThat(RULES.mark(GSOMIA, KOR, JPN, kor("평문"), day("2015-01-01")).marking()).isEqualTo("KOR / 注意");
        assertThat(RULES.mark(GSOMIA, KOR, JPN, kor("군사Ⅱ급비밀"), IN_FORCE).marking()).isEqualTo("KOR / 極秘");
    }

    @Test
    void aLevelOutsideTheAgreement_cannotBeMarked() {
        assertThatThrownBy(() -> RULES.mark(GSOMIA, KOR, JPN, kor("군사Ⅰ급비밀"), IN_FORCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("군사Ⅰ급비밀");
    }

    @ParameterizedTest
    @CsvSource({"군사Ⅲ급비밀,군사Ⅱ급비밀", "평문,군사Ⅲ급비밀", "군사Ⅱ급비밀,군사Ⅰ급비밀", "대외비,군사Ⅲ급비밀"})
    void aClearanceBelowTheLevel_isDenied_onDutyOrNot(String clearance, String level) {
        for (boolean onDuty : new boolean[] {true, false}) {
            Decision d = RULES.mayRead("kim", Clearance.of("kor", clearance, KOR), onDuty, kor(level));
            assertThat(d.outcome()).isEqualTo(Outcome.DENY);
            assertThat(d.code()).isEqualTo(ReasonCode.CLEARANCE_BELOW_LEVEL);
            assertThat(d.rule()).isEqualTo("R9");
            assertThat(d.message()).contains(clearance).contains(level);
        }
    }

    @ParameterizedTest
    @CsvSource({"군사Ⅱ급비밀,군사Ⅱ급비밀", "군사Ⅰ급비밀,군사Ⅲ급비밀", "군사Ⅲ급비밀,평문"})
    void aReaderNotOnDuty_isDenied_evenWithTheClearance(String clearance, String level) {
        Decision d = RULES.mayRead("lee", Clearance.of("kor", clearance, KOR), false, kor(level));
        assertThat(d.outcome()).isEqualTo(Outcome.DENY);
        assertThat(d.code()).isEqualTo(ReasonCode.NO_OFFICIAL_NEED);
        assertThat(d.message()).contains("lee");
        Decision onDuty = RULES.mayRead("kim", Clearance.of("kor", clearance, KOR), true, kor(level));
        assertThat(onDuty.code()).isEqualTo(ReasonCode.READ_ALLOWED);
        assertThat(onDuty.allowed()).isTrue();
    }

    @Test
    void aLabelInAnotherPolicy_isNotReadAgainstTheReadersClearance() {
        Decision d = RULES.mayRead("kim", Clearance.of("kor", "군사Ⅰ급비밀", KOR), true, jpn("秘"));
        assertThat(d.code()).isEqualTo(ReasonCode.NO_LABEL_IN_READER_POLICY);
        assertThat(d.allowed()).isFalse();
        assertThat(RULES.mayRead("sato", Clearance.of("jpn", "特定秘密", JPN), true, jpn("特定秘密")).allowed()).isTrue();
        assertThat(RULES.mayRead("sato", Clearance.of("jpn", "極秘", JPN), true, jpn("特定秘密")).code())
                .isEqualTo(ReasonCode.CLEARANCE_BELOW_LEVEL);
    }

    @Test
    void theLineAgreement_isLookedUp() {
        assertThat(RULES.agreement(GSOMIA)).hasValueSatisfying(a -> assertThat(a.isParty(KOR)).isTrue());
        assertThat(RULES.agreement(AgreementId.of("nothing"))).isEmpty();
        assertThat(CATALOG.lifecycle(GSOMIA).stateOn(LocalDate.of(2016, 11, 23))).contains(AgreementState.IN_FORCE);
    }
}
