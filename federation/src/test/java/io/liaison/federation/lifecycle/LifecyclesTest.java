package io.liaison.federation.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.DomainException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.federation.Federation;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.NodeInit;
import io.liaison.node.TestNodes;
import io.liaison.node.agreements.AgreementLedger;
import io.liaison.node.approvals.Approval;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A party's steps on one node: checked when asked, checked again when approved, recorded with their origin. */
@Timeout(60)
class LifecyclesTest {
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));

    @Test
    void stepsAreCheckedWhenAsked_andAgainWhenApproved() throws Exception {
        try (TestNodes.Created kd = TestNodes.create(TestNodes.Db.H2, Party.of("KOR"), clock); Node kor = kd.open(clock);
                Federation kf = Federation.start(kor, "127.0.0.1", 0)) {
            var officer = kor.accounts().require(NodeInit.OFFICER);
            var asker = Steps.asker(kor);
            Lifecycles l = kf.lifecycles();
            assertThatThrownBy(() -> l.request(asker, GSOMIA, Lifecycles.Step.SUSPEND, Optional.empty(), ""))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("NOTICE_SUSPENDED")
                    .hasMessageContaining("allowed from TERMINATION_NOTIFIED");
            assertThatThrownBy(() -> l.request(asker, GSOMIA, Lifecycles.Step.NOTICE, Optional.of(LocalDate.parse(
                    "2026-12-04")), "")).isInstanceOf(InvalidInputException.class).hasMessageContaining("after today");
            assertThatThrownBy(() -> l.request(asker, GSOMIA, Lifecycles.Step.NOTICE, Optional.of(LocalDate.parse(
                    "2020-01-01")), "")).hasMessageContaining("comes before the last recorded event");
            assertThatThrownBy(() -> l.request(asker, GSOMIA, Lifecycles.Step.NOTICE, Optional.empty(), "x".repeat(501)))
                    .hasMessageContaining("up to 500 characters");
            assertThatThrownBy(() -> l.request(asker, AgreementId.of("usa-jpn-gsomia-2007"), Lifecycles.Step.NOTICE,
                    Optional.empty(), "")).hasMessageContaining("KOR is not a party");
            assertThatThrownBy(() -> Lifecycles.Step.parse("cancel")).isInstanceOf(DomainException.class)
                    .hasMessageContaining("is not one of propose, decline, initial, sign, notify, renew, notice, suspend, "
                            + "withdraw, terminate");

            Lifecycles.Requested first = l.request(asker, GSOMIA, Lifecycles.Step.NOTICE, Optional.empty(), "instructed");
            assertThat(first.stateAfter()).contains(AgreementState.TERMINATION_NOTIFIED);
            assertThat(first.effect()).contains("takes effect 2027-11-23");
            Lifecycles.Requested twice = l.request(asker, GSOMIA, Lifecycles.Step.NOTICE, Optional.empty(), "again");
            assertThat(l.state(GSOMIA, LocalDate.parse("2026-12-03"))).contains(AgreementState.IN_FORCE);
            kor.approvals().approve(officer, first.approval().id());
            assertThat(l.state(GSOMIA, LocalDate.parse("2026-12-03"))).contains(AgreementState.TERMINATION_NOTIFIED);
            assertThat(l.state(GSOMIA, LocalDate.parse("2027-11-23"))).contains(AgreementState.TERMINATED);
            // The second notice was valid when asked; approved after the first, R17 refuses it and it stays pending.
            assertThatThrownBy(() -> kor.approvals().approve(officer, twice.approval().id()))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("allowed from IN_FORCE");
            assertThat(kor.approvals().find(officer, twice.approval().id()).orElseThrow().status())
                    .isEqualTo(Approval.Status.PENDING);
            assertThat(kf.outbox().pending(Party.of("JPN"))).hasSize(1);
            var last = l.history(GSOMIA, LocalDate.parse("2026-12-31")).getLast();
            assertThat(last.transition().state()).isEqualTo(AgreementState.TERMINATION_NOTIFIED);
            assertThat(last.origin()).contains("step " + first.approval().id() + " asked by asker, approved by officer");
            assertThat(l.history(GSOMIA, LocalDate.parse("2016-12-31")).getFirst().origin())
                    .contains(AgreementLedger.CATALOG);
        }
    }
}
