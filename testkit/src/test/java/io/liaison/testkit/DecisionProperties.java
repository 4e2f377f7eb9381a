package io.liaison.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.Consent;
import io.liaison.core.decision.Decision;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.decision.ItemFacts;
import io.liaison.core.decision.Reader;
import io.liaison.core.decision.ReasonCode;
import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.CategoryType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any failing rule makes the decision deny: start from a request that is allowed, break any subset of its
 * conditions, and the decision is allowed exactly when the subset is empty, with the reason of one of
 * the broken conditions otherwise.
 */
class DecisionProperties {
    private static final Catalog CATALOG = Fixtures.catalog();
    private static final DecisionEngine ENGINE = new DecisionEngine(CATALOG);
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final Party USA = Party.of("USA");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private static final Purpose OTHER = Purpose.of("trade negotiation");

    enum ReleaseBreak { LEVEL, NOT_IN_FORCE, PURPOSE, REL_TO, NOT_ORIGINATOR, NO_PURPOSES }

    enum ReadBreak { LEVEL, FACILITY, DUTY, PURPOSE, REL_TO }

    enum VisitBreak { BEFORE, AFTER, LEVEL, PURPOSE, NO_TIME }

    enum ContractorBreak { NOT_ASSESSED, ASSESSED_BELOW, NOT_BRIEFED, CLEARANCE_BELOW }

    enum OnwardBreak { NO_CONSENT, OUT_OF_SCOPE, LEVEL, PRIVATE, NOT_IN_FORCE }

    @Provide
    Arbitrary<Set<ReleaseBreak>> releaseBreaks() {
        return Arbitraries.of(ReleaseBreak.class).set();
    }

    @Provide
    Arbitrary<Set<ReadBreak>> readBreaks() {
        return Arbitraries.of(ReadBreak.class).set();
    }

    @Provide
    Arbitrary<Set<VisitBreak>> visitBreaks() {
        return Arbitraries.of(VisitBreak.class).set();
    }

    @Provide
    Arbitrary<Set<ContractorBreak>> contractorBreaks() {
        return Arbitraries.of(ContractorBreak.class).set();
    }

    @Provide
    Arbitrary<Set<OnwardBreak>> onwardBreaks() {
        return Arbitraries.of(OnwardBreak.class).set();
    }

    @Property(tries = 300)
    void release_isAllowedOnlyWhenNoConditionIsBroken(@ForAll("releaseBreaks") Set<ReleaseBreak> breaks) {
        String level = breaks.contains(ReleaseBreak.LEVEL) ? "注意" : "極秘";
        List<Category> cats = breaks.contains(ReleaseBreak.REL_TO)
                ? List.of(new Category("Releasable To", CategoryType.PERMISSIVE, List.of("JPN", "USA"))) : List.of();
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), level, Optional.empty(), cats,
                Optional.of(JPN), Instant.EPOCH, Optional.empty());
        Set<Purpose> purposes = breaks.contains(ReleaseBreak.NO_PURPOSES) ? Set.of() : Set.of(MISSILE);
        ItemFacts item = ItemFacts.original("i-1", JPN, label, purposes);
        Party from = breaks.contains(ReleaseBreak.NOT_ORIGINATOR) ? KOR : JPN;
        Party to = from.equals(KOR) ? JPN : KOR;
        Instant at = Instant.parse(breaks.contains(ReleaseBreak.NOT_IN_FORCE) ? "2016-09-01T00:00:00Z" : "2018-01-01T00:00:00Z");
        Purpose purpose = breaks.contains(ReleaseBreak.PURPOSE) ? OTHER : MISSILE;
        Decision d = ENGINE.decide(new DecisionRequest.Release(item, from, to, purpose, AgreementId.of("jpn-kor-gsomia-2016"), at));
        assertThat(d.allowed()).as(d.message()).isEqualTo(breaks.isEmpty());
        if (!breaks.isEmpty()) {
            Set<ReasonCode> possible = EnumSet.noneOf(ReasonCode.class);
            for (ReleaseBreak b : breaks) {
                possible.add(switch (b) {
                    case LEVEL -> ReasonCode.LEVEL_NOT_COVERED;
                    case NOT_IN_FORCE -> ReasonCode.AGREEMENT_NOT_IN_FORCE;
                    case PURPOSE -> ReasonCode.PURPOSE_NOT_PROVIDED;
                    case REL_TO -> ReasonCode.NOT_RELEASABLE_TO_PARTY;
                    case NOT_ORIGINATOR -> ReasonCode.NOT_ORIGINATOR;
                    case NO_PURPOSES -> ReasonCode.MARKING_INCOMPLETE;
                });
            }
            assertThat(possible).as(d.message()).contains(d.code());
        }
    }

    @Property(tries = 200)
    void read_isAllowedOnlyWhenNoConditionIsBroken(@ForAll("readBreaks") Set<ReadBreak> breaks) {
        List<Category> cats = breaks.contains(ReadBreak.REL_TO)
                ? List.of(new Category("Releasable To", CategoryType.PERMISSIVE, List.of("JPN", "USA"))) : List.of();
        SecurityLabel held = new SecurityLabel(PolicyIdentifier.of("ROK MND"), "군사Ⅱ급비밀", Optional.empty(), cats,
                Optional.of(JPN), Instant.EPOCH, Optional.empty());
        SecurityLabel original = SecurityLabel.of(PolicyIdentifier.of("Japan MOD"), "極秘", JPN, Instant.EPOCH);
        ItemFacts item = new ItemFacts("i-1", JPN, original, Optional.of(held), Set.of(MISSILE), Set.of(), false,
                List.of(JPN, KOR));
        Reader reader = new Reader("r", new Clearance("kor", breaks.contains(ReadBreak.LEVEL) ? "군사Ⅲ급비밀" : "군사Ⅰ급비밀",
                Map.of(), KOR), breaks.contains(ReadBreak.DUTY) ? Set.of(OTHER) : Set.of(MISSILE),
                !breaks.contains(ReadBreak.FACILITY));
        Decision d = ENGINE.decide(new DecisionRequest.Read(reader, item, breaks.contains(ReadBreak.PURPOSE) ? OTHER : MISSILE));
        assertThat(d.allowed()).as(d.message()).isEqualTo(breaks.isEmpty());
    }

    @Property(tries = 200)
    void onwardRelease_isAllowedOnlyWhenNoConditionIsBroken(@ForAll("onwardBreaks") Set<OnwardBreak> breaks) {
        SecurityLabel original = SecurityLabel.of(PolicyIdentifier.of("Japan MOD"), "極秘", JPN, Instant.EPOCH);
        SecurityLabel atHub = SecurityLabel.of(PolicyIdentifier.of("US DoD"),
                breaks.contains(OnwardBreak.LEVEL) ? "UNCLASSIFIED" : "SECRET", JPN, Instant.EPOCH);
        Set<Purpose> purposes = breaks.contains(OnwardBreak.OUT_OF_SCOPE) ? Set.of(MISSILE, OTHER) : Set.of(MISSILE);
        ItemFacts item = new ItemFacts("i-1", JPN, original, Optional.of(atHub), purposes, Set.of(),
                breaks.contains(OnwardBreak.PRIVATE), List.of(JPN, USA));
        Instant at = Instant.parse(breaks.contains(OnwardBreak.NOT_IN_FORCE) ? "2014-01-01T00:00:00Z" : "2016-09-02T00:00:00Z");
        List<Consent> consents = breaks.contains(OnwardBreak.NO_CONSENT) ? List.of()
                : List.of(new Consent("i-1", JPN, KOR, MISSILE, Instant.parse("2013-01-01T00:00:00Z"), Optional.empty(),
                        Optional.empty(), "ref"));
        Decision d = ENGINE.decide(new DecisionRequest.OnwardRelease(item, USA, KOR, MISSILE, AgreementId.of("tisa-2014"), at, consents));
        assertThat(d.allowed()).as(d.message()).isEqualTo(breaks.isEmpty());
    }

    /**
     * A visitor's read (R28): whatever the account's clearance and duties, it is allowed only on the visit's days, at
     * or below the approved level and for the visit's purpose; a broken term is refused citing R28.
     */
    @Property(tries = 300)
    void visitorRead_isAllowedOnlyWithinTheVisitsLevelPurposeAndDays(@ForAll("visitBreaks") Set<VisitBreak> breaks) {
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("ROK MND"), breaks.contains(VisitBreak.LEVEL)
                ? "군사Ⅱ급비밀" : "군사Ⅲ급비밀", Optional.empty(), List.of(), Optional.of(KOR), Instant.EPOCH, Optional.empty());
        Purpose provided = breaks.contains(VisitBreak.PURPOSE) ? OTHER : MISSILE;
        ItemFacts item = ItemFacts.original("i-1", KOR, label, Set.of(provided));
        io.liaison.core.visit.VisitTerms terms = new io.liaison.core.visit.VisitTerms("visit-1", "군사Ⅲ급비밀", MISSILE,
                java.time.LocalDate.parse("2026-12-01"), java.time.LocalDate.parse("2026-12-03"));
        // The account itself may hold more than the visit: the visit still caps it.
        Reader visitor = new Reader("v", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), JPN), Set.of(MISSILE, OTHER), true,
                Optional.of(terms));
        Optional<Instant> at = breaks.contains(VisitBreak.NO_TIME) ? Optional.empty() : Optional.of(Instant.parse(
                breaks.contains(VisitBreak.BEFORE) ? "2026-11-30T23:59:59Z" : breaks.contains(VisitBreak.AFTER)
                        ? "2026-12-04T00:00:00Z" : "2026-12-03T23:59:59Z"));
        Decision d = ENGINE.decide(new DecisionRequest.Read(visitor, item, provided, at));
        assertThat(d.allowed()).as(d.message()).isEqualTo(breaks.isEmpty());
        if (!breaks.isEmpty()) {
            assertThat(d.code().rule()).isEqualTo("R28");
        }
        Decision labelled = ENGINE.decide(new DecisionRequest.ReadLabelled(visitor, label, true, "a hotline message"));
        assertThat(labelled.allowed()).isFalse();
        assertThat(labelled.code()).isEqualTo(ReasonCode.VISITOR_ITEMS_ONLY);
    }

    /**
     * A contractor's person's read (R29): allowed only with the facility's assessment covering the level, the
     * person's briefing and a clearance that dominates the label, whatever else; a broken condition cites R29.
     */
    @Property(tries = 200)
    void contractorRead_needsTheAssessmentItsLevelTheBriefingAndTheClearance(
            @ForAll("contractorBreaks") Set<ContractorBreak> breaks) {
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("ROK MND"), "군사Ⅱ급비밀", Optional.empty(), List.of(),
                Optional.of(KOR), Instant.EPOCH, Optional.empty());
        ItemFacts item = ItemFacts.original("i-1", KOR, label, Set.of(MISSILE));
        Optional<String> assessed = breaks.contains(ContractorBreak.NOT_ASSESSED) ? Optional.empty()
                : Optional.of(breaks.contains(ContractorBreak.ASSESSED_BELOW) ? "군사Ⅲ급비밀" : "군사Ⅰ급비밀");
        Optional<java.time.LocalDate> briefed = breaks.contains(ContractorBreak.NOT_BRIEFED) ? Optional.empty()
                : Optional.of(java.time.LocalDate.parse("2018-01-02"));
        Reader person = new Reader("lee", new Clearance("kor", breaks.contains(ContractorBreak.CLEARANCE_BELOW)
                ? "군사Ⅲ급비밀" : "군사Ⅰ급비밀", Map.of(), KOR), Set.of(MISSILE), true, Optional.empty(),
                Optional.of(new io.liaison.core.contractor.ContractorTerms("Hanwha Systems", assessed, briefed)));
        Decision d = ENGINE.decide(new DecisionRequest.Read(person, item, MISSILE));
        assertThat(d.allowed()).as(d.message()).isEqualTo(breaks.isEmpty());
        if (!breaks.isEmpty()) {
            assertThat(d.code().rule()).isEqualTo("R29");
        }
    }
}
