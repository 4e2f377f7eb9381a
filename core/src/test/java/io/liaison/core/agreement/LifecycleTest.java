package io.liaison.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.party.Party;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(120)
class LifecycleTest {
    private static final Party A = Party.of("AAA");
    private static final Party B = Party.of("BBB");

    static Agreement agreement(List<AgreementEvent> events) {
        return new Agreement(AgreementId.of("test-agreement"), "test", AgreementKind.BILATERAL,
                List.of(new PartyPolicy(A, "a"), new PartyPolicy(B, "b")),
                List.of(new Equivalence(A, "HIGH", B, "TOP", "Art. 4")),
                Map.of(A, List.of("HIGH"), B, List.of("TOP")),
                new AgreementRules(true, true, Set.of(), Optional.empty()), Optional.of(Period.ofYears(1)),
                Period.ofDays(90), events);
    }

    static AgreementEvent ev(String date, EventType type, Party by) {
        return new AgreementEvent(LocalDate.parse(date), type, by, "");
    }

    static List<AgreementEvent> inForce() {
        return List.of(ev("2020-01-01", EventType.PROPOSED, A), ev("2020-01-02", EventType.SIGNED, A),
                ev("2020-01-05", EventType.NOTIFIED, B), ev("2020-01-10", EventType.NOTIFIED, A));
    }

    @Test
    void timeline_listsRenewalsOnEachAnniversaryUntilTermination() {
        List<AgreementEvent> events = new java.util.ArrayList<>(inForce());
        events.add(ev("2022-09-01", EventType.TERMINATION_NOTICE, A));
        Lifecycle lc = Lifecycle.of(agreement(events));
        List<Transition> t = lc.timeline(LocalDate.of(2030, 1, 1));
        assertThat(t.stream().filter(Transition::renewal).map(Transition::date))
                .containsExactly(LocalDate.of(2021, 1, 10), LocalDate.of(2022, 1, 10));
        assertThat(t.getLast().state()).isEqualTo(AgreementState.TERMINATED);
        assertThat(t.getLast().date()).isEqualTo(LocalDate.of(2023, 1, 10));
        assertThat(lc.entryIntoForce()).contains(LocalDate.of(2020, 1, 10));
    }

    @Test
    void illegalEvent_isRefusedNamingTheEventTheStateAndTheRule() {
        assertThatThrownBy(() -> Lifecycle.of(agreement(List.of(ev("2020-01-01", EventType.SIGNED, A)))))
                .hasMessage("agreement test-agreement: event SIGNED on 2020-01-01 by AAA is refused (R17): it is not allowed"
                        + " in state (no state yet); allowed from PROPOSED");
    }

    @Test
    void initialsAndRenewalConfirmations_areRecorded_withoutChangingTheState() {
        List<AgreementEvent> events = List.of(ev("2020-01-01", EventType.PROPOSED, A),
                ev("2020-01-02", EventType.INITIALLED, A), ev("2020-01-03", EventType.INITIALLED, B),
                ev("2020-01-04", EventType.SIGNED, A), ev("2020-01-05", EventType.NOTIFIED, B),
                ev("2020-01-10", EventType.NOTIFIED, A), ev("2020-11-01", EventType.RENEWED, B));
        Lifecycle lc = Lifecycle.of(agreement(events));
        assertThat(lc.stateOn(LocalDate.of(2020, 1, 3))).contains(AgreementState.PROPOSED);
        assertThat(lc.stateOn(LocalDate.of(2020, 11, 1))).contains(AgreementState.IN_FORCE);
        List<String> causes = lc.timeline(LocalDate.of(2020, 12, 31)).stream().map(Transition::cause).toList();
        assertThat(causes).contains("initialled by AAA", "initialled by BBB; every party has initialled the text",
                "renewal on 2021-01-10 confirmed by BBB (R17)");
        // Initials twice by one party, initials after signing, and a renewal before entry into force are refused.
        assertThatThrownBy(() -> Lifecycle.of(agreement(List.of(ev("2020-01-01", EventType.PROPOSED, A),
                ev("2020-01-02", EventType.INITIALLED, A), ev("2020-01-03", EventType.INITIALLED, A)))))
                .hasMessageContaining("AAA has already initialled on 2020-01-02");
        assertThatThrownBy(() -> Lifecycle.of(agreement(List.of(ev("2020-01-01", EventType.PROPOSED, A),
                ev("2020-01-02", EventType.SIGNED, A), ev("2020-01-03", EventType.INITIALLED, B)))))
                .hasMessageContaining("not allowed in state SIGNED; allowed from PROPOSED");
        assertThatThrownBy(() -> Lifecycle.of(agreement(List.of(ev("2020-01-01", EventType.PROPOSED, A),
                ev("2020-01-02", EventType.RENEWED, B))))).hasMessageContaining("allowed from IN_FORCE");
    }

    @Test
    void stateBeforeTheFirstEvent_isEmpty() {
        assertThat(Lifecycle.of(agreement(inForce())).stateOn(LocalDate.of(2019, 12, 31))).isEmpty();
    }

    @Test
    void agreementRecord_refusesInconsistentTables() {
        assertThatThrownBy(() -> new Agreement(AgreementId.of("bad-agreement"), "t", AgreementKind.BILATERAL,
                List.of(new PartyPolicy(A, "a"), new PartyPolicy(B, "b")),
                List.of(new Equivalence(A, "LOW", B, "TOP", "")), Map.of(A, List.of("HIGH"), B, List.of("TOP")),
                new AgreementRules(true, true, Set.of(), Optional.empty()), Optional.empty(), Period.ZERO, List.of()))
                .hasMessageContaining("starts from a level not in the covered levels of AAA");
        assertThatThrownBy(() -> new Agreement(AgreementId.of("bad-relay"), "t", AgreementKind.RELAY,
                List.of(new PartyPolicy(A, "a"), new PartyPolicy(B, "b")), List.of(), Map.of(),
                new AgreementRules(true, true, Set.of(), Optional.of(Party.of("CCC"))), Optional.empty(), Period.ZERO,
                List.of())).hasMessageContaining("needs a hub among its parties");
        assertThatThrownBy(() -> new Agreement(AgreementId.of("bad-event"), "t", AgreementKind.BILATERAL,
                List.of(new PartyPolicy(A, "a"), new PartyPolicy(B, "b")), List.of(), Map.of(),
                new AgreementRules(true, true, Set.of(), Optional.empty()), Optional.empty(), Period.ZERO,
                List.of(ev("2020-01-01", EventType.PROPOSED, Party.of("CCC"))))).hasMessageContaining("not a party");
    }
}
