package io.liaison.node.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two-person rule for agreement steps and peer changes, with an action that records what it was asked. */
@Timeout(60)
class ApprovalsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private TestNodes.Created created;
    private Node node;
    private final List<String> carriedOut = new ArrayList<>();
    private final boolean[] refuse = {false};
    private User park;
    private User officer;

    @BeforeEach
    void open() {
        created = TestNodes.create(TestNodes.Db.H2, Party.of("KOR"), clock);
        node = created.open(clock);
        node.approvals().register(new Approvals.Action("test-step", Set.of(Role.SECURITY_OFFICER),
                (tx, request, approver) -> {
                    if (refuse[0]) {
                        throw new ConflictException("LIFECYCLE_REFUSED", "no longer allowed");
                    }
                    carriedOut.add(request.payload() + " by " + approver.name());
                }, request -> { }));
        park = TestUsers.add(node, new User("park", Clearance.of("kor", "군사Ⅰ급비밀", Party.of("KOR")),
                Set.of(Role.SECURITY_OFFICER), Set.of(), true), "a long password for park");
        officer = TestUsers.officer(node);
    }

    @AfterEach
    void close() {
        node.close();
        created.close();
    }

    private Approval ask(User who, String payload) {
        return node.database().inTransaction(tx -> node.approvals().request(tx, who, "test-step", "jpn-kor-gsomia-2016",
                "KOR gives notice", payload, Map.of()));
    }

    @Test
    void aRequest_isCarriedOutOnlyByASecondOfficer_once_andAudited() {
        Approval a = ask(park, "notice");
        assertThat(carriedOut).isEmpty();
        assertThatThrownBy(() -> node.approvals().approve(park, a.id())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("needs a second security officer");
        assertThatThrownBy(() -> node.approvals().approve(TestUsers.admin(node), a.id()))
                .isInstanceOf(ForbiddenException.class);
        Approval done = node.approvals().approve(officer, a.id());
        assertThat(done.status()).isEqualTo(Approval.Status.APPLIED);
        assertThat(done.decidedBy()).contains("officer");
        assertThat(carriedOut).containsExactly("notice by officer");
        assertThatThrownBy(() -> node.approvals().approve(officer, a.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already APPLIED");
        assertThat(carriedOut).hasSize(1);
        node.audit().sequence();
        assertThat(node.audit().tail(AuditLog.Viewer.SYSTEM, -1, 100).stream().map(e -> e.event()).toList())
                .contains("test-step.request", "test-step.approve");
    }

    @Test
    void anActionNoLongerAllowed_leavesTheRequestPending_forADenial() {
        Approval a = ask(park, "suspend");
        refuse[0] = true;
        assertThatThrownBy(() -> node.approvals().approve(officer, a.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no longer allowed");
        assertThat(node.approvals().find(officer, a.id()).orElseThrow().status()).isEqualTo(Approval.Status.PENDING);
        Approval denied = node.approvals().deny(park, a.id(), "overtaken by events");
        assertThat(denied.status()).isEqualTo(Approval.Status.DENIED);
        assertThat(denied.reason()).contains("overtaken by events");
        assertThat(node.approvals().list(officer, false, Optional.empty())).isEmpty();
        assertThat(node.approvals().list(officer, true, Optional.of("test-step"))).hasSize(1);
    }

    @Test
    void onlyTheKindsRequesters_mayAsk_andOnlyAdminsAndOfficers_mayLook() {
        User analyst = TestUsers.add(node, new User("kim", Clearance.of("kor", "군사Ⅱ급비밀", Party.of("KOR")),
                Set.of(Role.ANALYST), Set.of(), true), "a long password for kim");
        assertThatThrownBy(() -> ask(analyst, "notice")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> ask(TestUsers.admin(node), "notice")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> node.approvals().list(analyst, true, Optional.empty()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(node.approvals().list(TestUsers.admin(node), true, Optional.empty())).isEmpty();
        assertThatThrownBy(() -> node.database().inTransaction(tx -> node.approvals().request(tx, park, "no-such-kind",
                "x", "x", "x", Map.of()))).isInstanceOf(ConflictException.class).hasMessageContaining("no-such-kind");
    }
}
