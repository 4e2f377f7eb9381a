package io.liaison.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementEvent;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementKind;
import io.liaison.core.agreement.AgreementRules;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.agreement.EventType;
import io.liaison.core.agreement.Lifecycle;
import io.liaison.core.agreement.PartyPolicy;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@org.junit.jupiter.api.Timeout(120)
class LifecycleVectorsTest {

    static List<Vectors.Vector> vectors() {
        return Vectors.load(Vectors.LIFECYCLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void lifecycle_matchesTheVector(Vectors.Vector v) {
        JsonNode b = v.body();
        if (b.has("error")) {
            assertThatThrownBy(() -> Lifecycle.of(synthetic(b)))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.code()).isEqualTo(b.get("error").asText()))
                    .hasMessageContaining("(R17)");
            return;
        }
        Lifecycle lc = b.has("agreement") ? Fixtures.catalog().lifecycle(AgreementId.of(b.get("agreement").asText()))
                : Lifecycle.of(synthetic(b));
        for (Map.Entry<String, JsonNode> e : b.get("states").properties()) {
            Optional<AgreementState> state = lc.stateOn(LocalDate.parse(e.getKey()));
            String expected = e.getValue().isNull() ? null : e.getValue().asText();
            assertThat(state.map(Enum::name).orElse(null)).as("state on %s", e.getKey()).isEqualTo(expected);
        }
    }

    @Test
    void vectors_exerciseEveryEventTypeAndEveryState() {
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        Set<AgreementState> states = EnumSet.noneOf(AgreementState.class);
        for (Vectors.Vector v : vectors()) {
            JsonNode b = v.body();
            b.path("events").forEach(e -> events.add(EventType.valueOf(e.get("type").asText())));
            b.path("states").forEach(s -> {
                if (!s.isNull()) {
                    states.add(AgreementState.valueOf(s.asText()));
                }
            });
        }
        assertThat(events).containsExactlyInAnyOrder(EventType.values());
        assertThat(states).containsExactlyInAnyOrder(AgreementState.values());
    }

    @Test
    void gsomiaTerminationNotice_takesEffectOnTheComputedAnniversary() {
        LocalDate effective = Lifecycle.effectiveTermination(LocalDate.of(2016, 11, 23), Optional.of(Period.ofYears(1)),
                Period.ofDays(90), LocalDate.of(2019, 8, 23));
        assertThat(effective).isEqualTo(LocalDate.of(2019, 11, 23));
        LocalDate late = Lifecycle.effectiveTermination(LocalDate.of(2016, 11, 23), Optional.of(Period.ofYears(1)),
                Period.ofDays(90), LocalDate.of(2019, 8, 26));
        assertThat(late).isEqualTo(LocalDate.of(2020, 11, 23));
    }

    static Agreement synthetic(JsonNode b) {
        List<AgreementEvent> events = new ArrayList<>();
        for (JsonNode e : b.get("events")) {
            events.add(new AgreementEvent(LocalDate.parse(e.get("date").asText()), EventType.valueOf(e.get("type").asText()),
                    Party.of(e.get("by").asText()), ""));
        }
        Optional<Period> term = b.get("term").isNull() ? Optional.empty() : Optional.of(Period.parse(b.get("term").asText()));
        return new Agreement(AgreementId.of("synthetic-aaa-bbb"), "synthetic agreement", AgreementKind.BILATERAL,
                List.of(new PartyPolicy(Party.of("AAA"), "usa"), new PartyPolicy(Party.of("BBB"), "usa")),
                List.of(), Map.of(), new AgreementRules(true, true, Set.of(), Optional.empty()), term,
                Period.parse(b.get("noticePeriod").asText()), events);
    }
}
