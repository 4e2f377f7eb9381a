package io.liaison.federation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.federation.Federation;
import io.liaison.federation.Peering;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two real nodes cross-check their audit logs: each head is verified against the last with a consistency
 * proof, every receipt carries the receiver's head, and a peer whose log was rewritten raises an alarm.
 */
@org.junit.jupiter.api.Timeout(600)
class AuditExchangeTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private final MutableClock clock = new MutableClock(Instant.now());


    private static void events(Node node, int n) {
        for (int i = 0; i < n; i++) {
            AuditEvent e = AuditEvent.done("tester", "test.event", "s" + i, Map.of());
            node.database().useTransaction(tx -> node.audit().append(tx, e));
        }
        node.audit().sequenceNow();
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void headsThatOnlyGrow_areVerified_andARewrittenLogRaisesAnAlarm(TestNodes.Db db) throws Exception {
        int jp = Peering.freePort();
        int kp = Peering.freePort();
        try (TestNodes.Created jd = TestNodes.create(db, JPN, clock);
                TestNodes.Created kd = TestNodes.create(TestNodes.Db.H2, KOR, clock); Node kor = kd.open(clock)) {
            long verified;
            try (Node jpn = jd.open(clock)) {
                Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
                try (Federation jf = Federation.start(jpn, "127.0.0.1", jp);
                        Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                    jf.checkHealth();
                    jf.deliverNow();
                    assertThat(jf.peers().find(KOR).orElseThrow().status()).as("a health check marks the link").isEqualTo("UP");
                    events(jpn, 5);
                    jf.sendAuditHeads();
                    jf.deliverNow();
                    AuditExchange.PeerHead first = kf.auditExchange().peerHeads().getFirst();
                    assertThat(first.party()).isEqualTo(JPN);
                    assertThat(first.status()).isEqualTo("VERIFIED");
                    long size = first.treeSize();
                    assertThat(size).isPositive();

                    events(jpn, 7);
                    assertThat(jf.sendAuditHeads()).isEqualTo(1);
                    assertThat(jf.sendAuditHeads()).as("nothing new to send").isZero();
                    jf.deliverNow();
                    AuditExchange.PeerHead grown = kf.auditExchange().peerHeads().getFirst();
                    assertThat(grown.status()).isEqualTo("VERIFIED");
                    assertThat(grown.treeSize()).isGreaterThanOrEqualTo(size + 7);
                    verified = grown.treeSize();
                }
                // Someone rewrites an entry KOR has already seen, in JPN's database, while JPN is stopped.
                jpn.database().jdbi().useHandle(h -> h.execute("UPDATE audit_log SET leaf_hash = '" + "00".repeat(32)
                        + "' WHERE seq = 2"));
            }
            try (Node jpn = jd.open(clock); Federation jf = Federation.start(jpn, "127.0.0.1", jp);
                    Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                events(jpn, 3);
                jf.sendAuditHeads();
                jf.deliverNow();
                AuditExchange.PeerHead alarm = kf.auditExchange().peerHeads().getFirst();
                assertThat(alarm.status()).isEqualTo("ALARM");
                assertThat(alarm.problem()).hasValueSatisfying(p -> assertThat(p).contains("consistency proof fails"));
                assertThat(alarm.treeSize()).as("the last verified head stays").isEqualTo(verified);
                assertThat(kor.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 50)).anySatisfy(e -> {
                    assertThat(e.event()).isEqualTo("audit.peer-inconsistent");
                    assertThat(e.outcome()).isEqualTo("ALARM");
                });
            }
        }
    }

    private static AuditExchange.PeerHead headOf(Federation f, Party peer) {
        return f.auditExchange().peerHeads().stream().filter(p -> p.party().equals(peer)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void everyReceiptCarriesTheReceiversHead_andAShrunkLogRaisesAnAlarm(TestNodes.Db db) throws Exception {
        int jp = Peering.freePort();
        int kp = Peering.freePort();
        try (TestNodes.Created jd = TestNodes.create(db, JPN, clock);
                TestNodes.Created kd = TestNodes.create(TestNodes.Db.H2, KOR, clock); Node jpn = jd.open(clock)) {
            long seen;
            try (Node kor = kd.open(clock)) {
                Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
                try (Federation jf = Federation.start(jpn, "127.0.0.1", jp);
                        Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                    events(kor, 12);
                    long size = kor.audit().latestHead().orElseThrow().treeSize();
                    jf.checkHealth();
                    jf.deliverNow();
                    AuditExchange.PeerHead pending = headOf(jf, KOR);
                    assertThat(pending.status()).as("no proof yet, only heads from receipts").isEqualTo("PENDING");
                    AuditExchange.ReceiptHead carried = pending.lastReceipt().orElseThrow();
                    assertThat(carried.treeSize()).isGreaterThanOrEqualTo(size);
                    String signedRoot = kor.database().jdbi().withHandle(h -> h.createQuery(
                            "SELECT root_hash FROM audit_heads WHERE tree_size = :s").bind("s", carried.treeSize())
                            .mapTo(String.class).one());
                    assertThat(carried.root()).as("the head KOR signed for that size").isEqualTo(signedRoot);

                    clock.advance(java.time.Duration.ofSeconds(5));
                    kf.sendAuditHeads();
                    kf.deliverNow();
                    AuditExchange.PeerHead proved = headOf(jf, KOR);
                    assertThat(proved.status()).as("the periodic proof agrees with the receipts' heads").isEqualTo("VERIFIED");
                    assertThat(proved.lastReceipt()).isPresent();
                    seen = proved.lastReceipt().get().treeSize();
                }
                // Someone removes KOR's latest audit entries and heads while KOR is stopped.
                kor.database().jdbi().useHandle(h -> {
                    h.execute("DELETE FROM audit_log WHERE seq >= 4");
                    h.execute("DELETE FROM audit_pending");
                    h.execute("DELETE FROM audit_heads WHERE tree_size > 4");
                });
            }
            clock.advance(java.time.Duration.ofMinutes(1));
            try (Node kor = kd.open(clock); Federation jf = Federation.start(jpn, "127.0.0.1", jp);
                    Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                events(kor, 1);
                assertThat(kor.audit().latestHead().orElseThrow().treeSize()).as("the rewritten log is shorter").isLessThan(seen);
                jf.checkHealth();
                jf.deliverNow();
                AuditExchange.PeerHead alarm = headOf(jf, KOR);
                assertThat(alarm.status()).isEqualTo("ALARM");
                assertThat(alarm.problem()).hasValueSatisfying(p -> assertThat(p).contains("shrank from " + seen));
                assertThat(jpn.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 50)).anySatisfy(e -> {
                    assertThat(e.event()).isEqualTo("audit.peer-inconsistent");
                    assertThat(e.subject()).isEqualTo("KOR");
                });
            }
        }
    }
}
