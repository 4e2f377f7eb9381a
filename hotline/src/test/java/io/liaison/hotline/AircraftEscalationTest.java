package io.liaison.hotline;

import static io.liaison.hotline.HotlinePair.GSOMIA;
import static io.liaison.hotline.HotlinePair.KOR;
import static io.liaison.hotline.HotlinePair.LINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.aircraft.AircraftRequest;
import io.liaison.node.MutableClock;
import io.liaison.node.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A diplomatic clearance unanswered by its deadline escalates on the hotline at both ends, like a late message (R31). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AircraftEscalationTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void aLateAnswer_raisesAnAlarmOnTheLine_toItsDutyOfficersAndEscalationContact_atBothEnds() throws Exception {
        try (HotlinePair p = new HotlinePair(TestNodes.Db.H2, clock, Hotline.Options.defaults())) {
            Instant now = clock.instant();
            var asked = p.jf.aircraft().request(p.sato, KOR, GSOMIA, new AircraftRequest("C130", "75-1075", "JAF101",
                    "RKRR", "RJJJ", "RJFF Y711 RKRR W66 RKPK", now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(3)),
                    "Relief supplies to Busan", 6, 0, "", now.plus(Duration.ofHours(1))));
            p.jf.deliverNow();
            HotlinePair.await(15, () -> !p.kor.aircraft().list(p.kim).isEmpty());
            assertThat(p.jpn.aircraft().raiseOverdue()).isEmpty();
            assertThat(p.jh.alarms(p.sato, false)).isEmpty();

            clock.advance(Duration.ofHours(2));
            assertThat(p.jpn.aircraft().raiseOverdue()).hasSize(1);
            assertThat(p.kor.aircraft().raiseOverdue()).hasSize(1);
            assertThat(p.jh.alarms(p.sato, false)).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(AlarmKind.AIRCRAFT_ANSWER_LATE);
                assertThat(a.line()).isEqualTo(LINE);
                assertThat(a.recipients()).contains("escalation contact JS J3 watch", "duty officers sato");
                assertThat(a.detail()).isEqualTo("diplomatic clearance " + asked.id() + " for JAF101 (C130 75-1075) "
                        + "asked by JPN of KOR was not answered by " + now.plus(Duration.ofHours(1)) + " (R31)");
            });
            assertThat(p.kh.alarms(p.kim, false)).singleElement().satisfies(a ->
                    assertThat(a.recipients()).contains("escalation contact JCS J3 watch"));
            // Raised once: the next check finds nothing new.
            assertThat(p.jpn.aircraft().raiseOverdue()).isEmpty();
            assertThat(p.jh.alarms(p.sato, false)).hasSize(1);
            // A user on no line sees no alarm of the line.
            assertThat(p.kh.alarms(p.lee, false)).isEmpty();
        }
    }
}
