package io.liaison.federation.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.DomainException;
import io.liaison.core.party.Party;
import io.liaison.federation.Federation;
import io.liaison.federation.JpnKor;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.exercises.Exercise;
import io.liaison.node.exercises.Exercises;
import io.liaison.node.exercises.Observer;
import io.liaison.node.visits.Visit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exercise observation between a JPN and a KOR node (R32): JPN invites KOR to observe an exercise, KOR nominates its
 * observer, a visit asked of JPN under R28; the observer places are kept, JPN approves no observer above the
 * exercise's level, KOR replaces an observer before the start and nothing after it, and both ends track each
 * nomination as it stands.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExercisesTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private final MutableClock clock = new MutableClock(Instant.now());

    private static void refused(Runnable r, String code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code())
                .as(e.getMessage()).isEqualTo(code));
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void anInvitationItsObserversTheirAnswersAndAReplacement_trackedAtBothEndsUntilTheStart(TestNodes.Db db)
            throws Exception {
        try (JpnKor nodes = new JpnKor(db, TestNodes.Db.H2, clock)) {
            Node jpn = nodes.jpn;
            Node kor = nodes.kor;
            Federation jf = nodes.jf;
            Federation kf = nodes.kf;
            User jo = TestUsers.officer(jpn);
            User ko = TestUsers.officer(kor);
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            LocalDate start = today.plusDays(10);

            refused(() -> jf.visits().invite(jo, new Exercises.Invitation(KOR, GSOMIA, "Keen Sword 27", "Okinawa",
                    today, start, 1, "秘")), "EXERCISE_DATES_INVALID");
            Exercise sent = jf.visits().invite(jo, new Exercises.Invitation(KOR, GSOMIA, "Keen Sword 27",
                    "Okinawa", start, start.plusDays(4), 1, "秘"));
            jf.deliverNow();
            Exercise invited = kor.exercises().require(ko, sent.id());
            assertThat(invited.side()).isEqualTo(Exercise.Side.RECEIVED);
            assertThat(invited.highestLevel()).isEqualTo("秘");
            assertThat(invited.observerPlaces()).isEqualTo(1);

            // KOR nominates its one observer: a visit to the exercise's place for its days, asked of JPN.
            refused(() -> jf.visits().nominate(jo, sent.id(), "Col. Tanaka", JPN, "秘", Optional.empty()),
                    "EXERCISE_NOT_INVITED");
            Visit kim = kf.visits().nominate(ko, sent.id(), "Lt. Col. Kim", KOR, "군사Ⅱ급비밀", Optional.empty());
            assertThat(kim.host()).isEqualTo(JPN);
            assertThat(kim.facility()).isEqualTo("Okinawa");
            assertThat(kim.from()).isEqualTo(start);
            assertThat(kim.purpose().name()).isEqualTo("observation of Keen Sword 27");
            refused(() -> kf.visits().nominate(ko, sent.id(), "Maj. Lee", KOR, "군사Ⅱ급비밀", Optional.empty()),
                    "OBSERVER_PLACES_FULL");
            kf.deliverNow();
            assertThat(jpn.exercises().observers(jo, sent.id())).singleElement()
                    .satisfies(o -> assertThat(o.standing()).isEqualTo("NOMINATED"));

            // JPN approves no observer above the exercise's level (極秘 is the equivalent of KOR's 군사Ⅱ급비밀).
            refused(() -> jf.visits().approve(jo, kim.id(), "極秘"), "VISIT_LEVEL_ABOVE_EXERCISE");

            // KOR replaces its observer before the start; the replaced nomination can no longer be approved.
            Visit lee = kf.visits().nominate(ko, sent.id(), "Maj. Lee", KOR, "군사Ⅲ급비밀", Optional.of(kim.id()));
            kf.deliverNow();
            refused(() -> jf.visits().approve(jo, kim.id(), "秘"), "OBSERVER_REPLACED");
            jf.visits().approve(jo, lee.id(), "秘");
            jf.deliverNow();
            for (Node at : new Node[] {jpn, kor}) {
                User officer = TestUsers.officer(at);
                assertThat(at.exercises().observers(officer, sent.id()).stream().collect(java.util.stream.Collectors
                        .toMap(o -> o.visit().id(), Observer::standing)))
                        .isEqualTo(Map.of(kim.id(), "REPLACED", lee.id(), "APPROVED"));
            }
            assertThat(jpn.audit().before(AuditLog.Viewer.SYSTEM, Long.MAX_VALUE, 200)).extracting(e -> e.event())
                    .contains("exercise.invite", "exercise.nominated", "exercise.replaced", "visit.approve");
            assertThat(kor.audit().before(AuditLog.Viewer.SYSTEM, Long.MAX_VALUE, 200)).extracting(e -> e.event())
                    .contains("exercise.invited", "exercise.nominate", "exercise.replace", "visit.approved");

            // From the start, nominations and replacements end.
            clock.advance(Duration.ofDays(10));
            refused(() -> kf.visits().nominate(ko, sent.id(), "Capt. Choi", KOR, "군사Ⅲ급비밀", Optional.of(lee.id())),
                    "EXERCISE_STARTED");
        }
    }
}
