package io.liaison.federation.aircraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.aircraft.AircraftRequest;
import io.liaison.core.error.DomainException;
import io.liaison.core.party.Party;
import io.liaison.federation.Federation;
import io.liaison.federation.JpnKor;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.aircraft.AircraftClearances;
import io.liaison.node.audit.AuditEntry;
import io.liaison.node.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Diplomatic clearances for military aircraft between a JPN and a KOR node (R31): asked before the flight in the
 * field's conventions, granted with conditions and an expiry, amended or refused by the host and answered back
 * signed; a request unanswered by its deadline raises an alarm at both ends; a flight without a valid clearance is
 * flagged.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AircraftClearancesTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private AircraftRequest c130(String callSign, Duration answerIn) {
        Instant entry = clock.instant().plus(Duration.ofDays(2));
        return new AircraftRequest("C130", "75-1075", callSign, "RKRR", "RJJJ", "RJFF Y711 RKRR W66 RKPK",
                entry, entry.plus(Duration.ofHours(30)), "Relief supplies to Busan", 6, 4, "medical supplies, 3 t",
                clock.instant().plus(answerIn));
    }

    private static void refused(Runnable r, String code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code())
                .as(e.getMessage()).isEqualTo(code));
    }

    private static List<AuditEntry> alarms(Node node, String code) {
        return node.audit().before(AuditLog.Viewer.SYSTEM, Long.MAX_VALUE, 300).stream()
                .filter(e -> e.outcome().equals("ALARM") && e.code().equals(code)).toList();
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void askedGrantedAmendedRefusedLateAndFlown_eachAtBothEnds(TestNodes.Db db) throws Exception {
        try (JpnKor nodes = new JpnKor(TestNodes.Db.H2, db, clock)) {
            Node jpn = nodes.jpn;
            Node kor = nodes.kor;
            Federation jf = nodes.jf;
            Federation kf = nodes.kf;
            User jo = TestUsers.officer(jpn);
            User duty = TestUsers.add(kor, new User("choi", new Clearance("kor", "군사Ⅱ급비밀", Map.of(), KOR),
                    Set.of(Role.DUTY_OFFICER), Set.of(), true), "choi long password");

            // Granted with conditions and an expiry; the answer reaches JPN.
            var asked = jf.aircraft().request(jo, KOR, GSOMIA, c130("JAF101", Duration.ofHours(12)));
            jf.deliverNow();
            assertThat(kor.aircraft().require(duty, asked.id()).request().callSign()).isEqualTo("JAF101");
            refused(() -> jf.aircraft().grant(jo, asked.id(), Optional.empty(), Optional.empty(), Optional.empty()),
                    "AIRCRAFT_NOT_HOSTED");
            Instant expires = asked.request().exitAt().plus(Duration.ofHours(6));
            kf.aircraft().grant(duty, asked.id(), Optional.of("no overflight of Dokdo; squawk 4501"),
                    Optional.of(expires), Optional.empty());
            kf.deliverNow();
            var atJpn = jpn.aircraft().require(jo, asked.id());
            assertThat(atJpn.status()).isEqualTo(io.liaison.node.aircraft.Clearance.Status.GRANTED);
            assertThat(atJpn.conditions()).contains("no overflight of Dokdo; squawk 4501");
            assertThat(atJpn.expiresAt()).contains(expires);

            // Amended: the host clears other times; both ends hold the amended ones.
            var amend = jf.aircraft().request(jo, KOR, GSOMIA, c130("JAF102", Duration.ofHours(12)));
            jf.deliverNow();
            Instant later = amend.request().entryAt().plus(Duration.ofHours(3));
            kf.aircraft().grant(duty, amend.id(), Optional.empty(), Optional.empty(), Optional.of(
                    new AircraftClearances.Amendment("RKRR", "RJJJ", later, later.plus(Duration.ofHours(20)))));
            kf.deliverNow();
            assertThat(jpn.aircraft().require(jo, amend.id()).request().entryAt()).isEqualTo(later);
            assertThat(jpn.aircraft().require(jo, amend.id()).status())
                    .isEqualTo(io.liaison.node.aircraft.Clearance.Status.AMENDED);

            // Refused, with the reason.
            var refusedOne = jf.aircraft().request(jo, KOR, GSOMIA, c130("JAF103", Duration.ofHours(12)));
            jf.deliverNow();
            kf.aircraft().refuse(duty, refusedOne.id(), "the airfield is closed that week");
            kf.deliverNow();
            assertThat(jpn.aircraft().require(jo, refusedOne.id()).answer())
                    .contains("the airfield is closed that week");

            // Unanswered past its deadline: an alarm at both ends, once.
            var late = jf.aircraft().request(jo, KOR, GSOMIA, c130("JAF104", Duration.ofHours(1)));
            jf.deliverNow();
            assertThat(jpn.aircraft().raiseOverdue()).isEmpty();
            clock.advance(Duration.ofHours(2));
            // (each federation's delivery loop also looks every 15 s; whichever raises it, it is raised once)
            jpn.aircraft().raiseOverdue();
            kor.aircraft().raiseOverdue();
            assertThat(jpn.aircraft().raiseOverdue()).isEmpty();
            assertThat(kor.aircraft().raiseOverdue()).isEmpty();
            assertThat(alarms(jpn, "AIRCRAFT_ANSWER_OVERDUE")).hasSize(1);
            assertThat(alarms(kor, "AIRCRAFT_ANSWER_OVERDUE")).singleElement()
                    .satisfies(e -> assertThat(e.rule()).isEqualTo("R31"));
            assertThat(jpn.aircraft().require(jo, late.id()).alarmAt()).isPresent();
            assertThat(kor.aircraft().require(duty, late.id()).alarmAt()).isPresent();

            // Flights as the host observes them: cleared, or flagged with the reason.
            Instant inside = asked.request().entryAt().plus(Duration.ofHours(1));
            assertThat(kor.aircraft().flight(duty, "JAF101", "RKRR", inside).cleared()).isTrue();
            assertThat(kor.aircraft().flight(duty, "JAF101", "RKTU", inside).reason()).contains("is for entry at RKRR");
            assertThat(kor.aircraft().flight(duty, "JAF103", "RKRR", inside).reason())
                    .contains("no clearance was granted");
            assertThat(kor.aircraft().flight(duty, "JAF999", "RKRR", inside).reason())
                    .contains("no clearance was asked");
            assertThat(kor.aircraft().flight(duty, "JAF101", "RKRR", expires.plusSeconds(1)).cleared()).isFalse();
            assertThat(alarms(kor, "FLIGHT_NOT_CLEARED")).hasSize(4);
        }
    }

    @Test
    void requestsAreCheckedInTheFieldsConventions() {
        Instant now = Instant.parse("2026-12-03T00:00:00Z");
        Instant entry = now.plus(Duration.ofDays(2));
        refused(() -> new AircraftRequest("C-130", "75-1075", "JAF101", "RKRR", "RJJJ", "direct", entry,
                entry.plusSeconds(3600), "relief", 6, 0, "", now), "AIRCRAFT_FIELD_INVALID");
        refused(() -> new AircraftRequest("C130", "75-1075", "JAF101", "Incheon", "RJJJ", "direct", entry,
                entry.plusSeconds(3600), "relief", 6, 0, "", now), "AIRCRAFT_FIELD_INVALID");
        refused(() -> new AircraftRequest("C130", "75-1075", "jaf101", "RKRR", "RJJJ", "direct", entry,
                entry.plusSeconds(3600), "relief", 6, 0, "", now), "AIRCRAFT_FIELD_INVALID");
        refused(() -> new AircraftRequest("C130", "75-1075", "JAF101", "RKRR", "RJJJ", "direct", entry,
                entry.minusSeconds(1), "relief", 6, 0, "", now), "AIRCRAFT_TIMES_INVALID");
        refused(() -> new AircraftRequest("C130", "75-1075", "JAF101", "RKRR", "RJJJ", "direct", entry,
                entry.plusSeconds(3600), "relief", 6, 0, "", entry), "AIRCRAFT_DEADLINE_INVALID");
        refused(() -> new AircraftRequest("C130", "75-1075", "JAF101", "RKRR", "RJJJ", "direct", entry,
                entry.plusSeconds(3600), "relief", 0, 0, "", now), "AIRCRAFT_ON_BOARD_INVALID");
        refused(() -> AircraftRequest.utc("entryAt", "2026-12-05T10:00:00+09:00"), "AIRCRAFT_TIME_INVALID");
        assertThat(AircraftRequest.utc("entryAt", "2026-12-05T01:00:00Z")).isEqualTo(Instant.parse("2026-12-05T01:00:00Z"));
    }
}
