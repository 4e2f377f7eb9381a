package io.liaison.federation.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.NodeInit;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.approvals.Approval;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers added, changed and removed on running nodes: asked by one person, made by a second officer's approval, and
 * trusted by the listener and the client from the next connection, with no restart.
 */
@Timeout(120)
class PeerChangesTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private final MutableClock clock = new MutableClock(Instant.now());

    private static byte[] ca(Node node) throws Exception {
        return Files.readAllBytes(node.paths().caCertificate());
    }

    private static Approval approve(Node node, Approval asked) {
        return node.approvals().approve(node.accounts().require(NodeInit.OFFICER), asked.id());
    }

    @Test
    void peersChangeOnRunningNodes_withASecondOfficer_andNoRestart() throws Exception {
        try (TestNodes.Created jd = TestNodes.create(TestNodes.Db.H2, JPN, clock);
                TestNodes.Created kd = TestNodes.create(TestNodes.Db.H2, KOR, clock);
                Node jpn = jd.open(clock); Node kor = kd.open(clock);
                Federation jf = Federation.start(jpn, "127.0.0.1", 0); Federation kf = Federation.start(kor, "127.0.0.1", 0)) {
            String jUrl = jf.endpoint("127.0.0.1").orElseThrow();
            String kUrl = kf.endpoint("127.0.0.1").orElseThrow();
            User jAdmin = TestUsers.admin(jpn);
            User kAdmin = TestUsers.admin(kor);

            // Checked when asked: a bad CA or URL never waits for an approval.
            assertThatThrownBy(() -> jf.peerChanges().add(jAdmin, "KOR", kUrl, ca(jpn)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("names party JPN, not KOR");
            assertThatThrownBy(() -> jf.peerChanges().add(jAdmin, "KOR", "http://127.0.0.1:1", ca(kor)))
                    .hasMessageContaining("must be https");
            Approval asked = jf.peerChanges().add(jAdmin, "KOR", kUrl, ca(kor));
            assertThat(jf.peers().find(KOR)).as("nothing changes before the approval").isEmpty();
            assertThatThrownBy(() -> jpn.approvals().approve(jAdmin, asked.id())).isInstanceOf(ForbiddenException.class);
            approve(jpn, asked);
            approve(kor, kf.peerChanges().add(kAdmin, "JPN", jUrl, ca(jpn)));
            assertThat(jf.peers().find(KOR)).isPresent();

            User sato = TestUsers.add(jpn, new User("sato", new Clearance("jpn", "特定秘密", Map.of(), JPN),
                    Set.of(Role.RELEASING_OFFICER, Role.ANALYST), Set.of(MISSILE), true), "a long enough password");
            SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), "秘", Optional.empty(), List.of(),
                    Optional.of(JPN), clock.instant(), Optional.empty());
            ItemView first = jpn.items().create(sato, new NewItem("first", "one", label, Set.of(MISSILE), false, List.of(),
                    "J2"));
            var released = jf.releases().release(sato, first.id(), KOR, MISSILE, GSOMIA);
            jf.deliverNow();
            assertThat(jf.outbox().receipt(released.envelope().orElseThrow())).as("delivered with no restart")
                    .hasValueSatisfying(r -> assertThat(r).contains("STORED"));

            // KOR removes JPN: its listener trusts JPN's CA no more, and what JPN sends waits in its outbox.
            approve(kor, kf.peerChanges().remove(kAdmin, JPN));
            assertThat(kf.peers().find(JPN)).isEmpty();
            ItemView second = jpn.items().create(sato, new NewItem("second", "two", label, Set.of(MISSILE), false,
                    List.of(), "J2"));
            var waiting = jf.releases().release(sato, second.id(), KOR, MISSILE, GSOMIA);
            jf.deliverNow();
            assertThat(jf.outbox().receipt(waiting.envelope().orElseThrow())).isEmpty();
            assertThat(jf.peers().find(KOR).orElseThrow().status()).isEqualTo("DOWN");

            // Added again, and JPN's entry for KOR changed (the same URL, asked by a security officer): it goes out.
            approve(kor, kf.peerChanges().add(kAdmin, "JPN", jUrl, ca(jpn)));
            User tanaka = TestUsers.add(jpn, new User("tanaka", Clearance.of("jpn", "特定秘密", JPN),
                    Set.of(Role.SECURITY_OFFICER), Set.of(), true), "a long password for tanaka");
            Approval change = jf.peerChanges().update(tanaka, KOR, Optional.of(kUrl), Optional.empty());
            assertThat(change.summary()).contains("change peer KOR: URL " + kUrl);
            approve(jpn, change);
            jf.deliverNow();
            assertThat(jf.outbox().receipt(waiting.envelope().orElseThrow()))
                    .hasValueSatisfying(r -> assertThat(r).contains("STORED"));
            jpn.audit().sequence();
            assertThat(jpn.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 500).stream()
                    .map(e -> e.event()).toList()).contains("peer-change.request", "peer-change.approve", "peer.add",
                    "peer.update");
        }
    }
}
