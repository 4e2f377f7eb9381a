package io.liaison.federation.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.access.Clearance;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.Peering;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.NodePaths;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEntry;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two real nodes, JPN and KOR, each with its own database (KOR on H2 or a fresh PostgreSQL), keys and
 * PKI from init, talking mutual TLS on loopback: a release decided at JPN, queued, delivered, verified,
 * translated into KOR's policy and stored with both labels, receipted, and audited at both ends, once.
 */
@org.junit.jupiter.api.Timeout(600)
class ReleaseEndToEndTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private final MutableClock clock = new MutableClock(Instant.now());


    private static byte[] caPem(Node node) throws Exception {
        return Files.readAllBytes(new NodePaths(node.paths().dir()).caCertificate());
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void releaseJpnToKor_arrivesTranslated_once_andBothSidesAudit(TestNodes.Db korDb) throws Exception {
        int jpnPort = Peering.freePort();
        int korPort = Peering.freePort();
        try (TestNodes.Created jpnDir = TestNodes.create(TestNodes.Db.H2, JPN, clock);
                TestNodes.Created korDir = TestNodes.create(korDb, KOR, clock);
                Node jpn = jpnDir.open(clock); Node kor = korDir.open(clock)) {
            try (Federation jf0 = Federation.start(jpn, "127.0.0.1", 0); Federation kf0 = Federation.start(kor, "127.0.0.1", 0)) {
                jf0.peers().add("admin", "KOR", "https://127.0.0.1:" + korPort, caPem(kor));
                kf0.peers().add("admin", "JPN", "https://127.0.0.1:" + jpnPort, caPem(jpn));
                // The listener runs from the start, and trusts each party CA from the moment it is added.
                assertThat(jf0.port()).isPresent();
                assertThat(Files.readString(jpn.paths().federationEndpoint()).strip())
                        .isEqualTo("https://127.0.0.1:" + jf0.port().orElseThrow());
            }
            try (Federation jf = Federation.start(jpn, "127.0.0.1", jpnPort);
                    Federation kf = Federation.start(kor, "127.0.0.1", korPort)) {
                User officer = io.liaison.node.TestUsers.add(jpn, new User("sato", new Clearance("jpn", "特定秘密", Map.of(), JPN),
                        Set.of(Role.RELEASING_OFFICER, Role.ANALYST), Set.of(MISSILE), true), "a long enough password".toCharArray());
                SecurityLabel hi = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), "秘", Optional.empty(), List.of(),
                        Optional.of(JPN), clock.instant(), Optional.empty());
                ItemView item = jpn.items().create(officer, new NewItem("SLBM test 2016-08-24", "Impact point 80 km off Oga",
                        hi, Set.of(MISSILE), false, List.of(), "J2 registry"));

                assertThat(jf.releases().preview(officer, item.id(), KOR, MISSILE, GSOMIA).allowed()).isTrue();
                var otherPurpose = jf.releases().preview(officer, item.id(), KOR, Purpose.of("maritime security"), GSOMIA);
                assertThat(otherPurpose.allowed()).isFalse();

                Releases.Released r = jf.releases().release(officer, item.id(), KOR, MISSILE, GSOMIA);
                assertThat(r.decision().allowed()).as(r.decision().message()).isTrue();
                UUID envelope = r.envelope().orElseThrow();
                assertThat(envelope.version()).as("a release's envelope id is in time order").isEqualTo(7);
                jf.deliverNow();
                String receipt = jf.outbox().receipt(envelope).orElseThrow();
                assertThat(receipt).contains("\"outcome\":\"STORED\"").contains("JPN / 군사Ⅲ급비밀");
                assertThat(jf.peers().find(KOR).orElseThrow().status()).isEqualTo("UP");

                User analyst = io.liaison.node.TestUsers.add(kor, new User("kim", new Clearance("kor", "군사Ⅲ급비밀", Map.of(), KOR),
                        Set.of(Role.ANALYST), Set.of(MISSILE), true), "a long enough password".toCharArray());
                var hits = kor.items().search(analyst, "Oga", 0, 10);
                assertThat(hits.total()).isEqualTo(1);
                ItemView got = kor.items().read(analyst, hits.hits().getFirst().id(), Optional.empty());
                assertThat(got.originator()).isEqualTo(JPN);
                assertThat(got.originatorLabel().classification()).isEqualTo("秘");
                assertThat(got.nodeLabel().classification()).isEqualTo("군사Ⅲ급비밀");
                assertThat(got.marking()).isEqualTo("JPN / 군사Ⅲ급비밀");
                assertThat(got.text()).contains("Impact point 80 km off Oga");
                assertThat(got.kind()).isEqualTo("received");
                // Ids begin with the time they were made, so items made or received together sit side by side in the
                // indexes: the copy's with the time of receipt, the original's with the time it was made, which the
                // label it travelled with already said.
                assertThat(got.id()).matches("kor-[0-9a-f]{24}")
                        .startsWith("kor-" + String.format("%012x", clock.millis()));
                assertThat(item.id()).matches("jpn-[0-9a-f]{24}")
                        .startsWith("jpn-" + String.format("%012x", got.originatorLabel().created().toEpochMilli()));

                // The answer was lost: JPN sends the same message again. KOR answers with the same receipt and
                // stores nothing new.
                jpn.database().jdbi().useHandle(h -> h.execute("UPDATE outbox SET delivered_at = NULL, receipt = NULL"));
                clock.advance(java.time.Duration.ofSeconds(2));
                jf.deliverNow();
                assertThat(jf.outbox().receipt(envelope).orElseThrow()).contains(got.id());
                long received = kor.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM received_items")
                        .mapTo(Long.class).one());
                assertThat(received).isEqualTo(1);

                List<AuditEntry> korTail = kor.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 50);
                assertThat(korTail).anySatisfy(e -> {
                    assertThat(e.event()).isEqualTo("item.receive");
                    assertThat(e.details()).contains(envelope.toString()).contains("JPN > KOR");
                });
                assertThat(jpn.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 50)).anySatisfy(e -> {
                    assertThat(e.event()).isEqualTo("item.release");
                    assertThat(e.outcome()).isEqualTo("ALLOW");
                });
                assertThat(jpn.verifyAudit().ok()).isTrue();
                assertThat(kor.verifyAudit().ok()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestNodes.Db.class, names = "H2")
    void aLevelTheAgreementDoesNotCover_isRefusedAtTheSender_andNothingIsQueued(TestNodes.Db db) throws Exception {
        try (TestNodes.Created korDir = TestNodes.create(db, KOR, clock); Node kor = korDir.open(clock);
                Federation kf = Federation.start(kor, "127.0.0.1", 0)) {
            User officer = io.liaison.node.TestUsers.add(kor, new User("park", new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR),
                    Set.of(Role.RELEASING_OFFICER, Role.ANALYST), Set.of(MISSILE), true), "a long enough password".toCharArray());
            SecurityLabel top = new SecurityLabel(PolicyIdentifier.of("ROK MND"), "군사Ⅰ급비밀", Optional.empty(), List.of(),
                    Optional.of(KOR), clock.instant(), Optional.empty());
            ItemView item = kor.items().create(officer, new NewItem("war plan", "x", top, Set.of(MISSILE), false, List.of(),
                    "vault"));
            Releases.Released r = kf.releases().release(officer, item.id(), JPN, MISSILE, GSOMIA);
            assertThat(r.decision().allowed()).isFalse();
            assertThat(r.decision().code().name()).isEqualTo("LEVEL_NOT_COVERED");
            assertThat(r.envelope()).isEmpty();
            assertThat(kf.outbox().pending(JPN)).isEmpty();
            assertThat(kor.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 1)).singleElement().satisfies(e -> {
                assertThat(e.event()).isEqualTo("item.release");
                assertThat(e.outcome()).isEqualTo("DENY");
                assertThat(e.code()).isEqualTo("LEVEL_NOT_COVERED");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void aRunOfReleasesThatFailsHalfWay_isRecordedUpToTheFailure_andTheRestArrivesOnce(TestNodes.Db korDb)
            throws Exception {
        int jp = Peering.freePort();
        int kp = Peering.freePort();
        // The third receipt recorded fails: the run's single transaction rolls back, and the one-by-one retry
        // fails at the third item again (the sixth call), after two items committed.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
        io.liaison.node.items.FaultInjector faults = point -> {
            if (point.equals("item.receive.recorded") && armed.get()) {
                int n = calls.incrementAndGet();
                if (n == 3 || n == 6) {
                    throw new IllegalStateException("injected failure at receipt " + n);
                }
            }
        };
        try (TestNodes.Created jd = TestNodes.create(TestNodes.Db.H2, JPN, clock);
                TestNodes.Created kd = TestNodes.create(korDb, KOR, clock);
                Node jpn = jd.open(clock); Node kor = kd.open(clock, faults)) {
            Peering.connect(Map.of(KOR, kp, JPN, jp), jpn, kor);
            try (Federation jf = Federation.start(jpn, "127.0.0.1", jp)) {
                User officer = io.liaison.node.TestUsers.add(jpn, new User("sato", new Clearance("jpn", "特定秘密", Map.of(), JPN),
                        Set.of(Role.RELEASING_OFFICER, Role.ANALYST), Set.of(MISSILE), true), "a long enough password".toCharArray());
                SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), "秘", Optional.empty(), List.of(),
                        Optional.of(JPN), clock.instant(), Optional.empty());
                // KOR is not listening yet, so the six releases queue up and then travel as one run.
                for (int i = 0; i < 6; i++) {
                    ItemView item = jpn.items().create(officer, new NewItem("track report " + i, "Track report number " + i,
                            label, Set.of(MISSILE), false, List.of(), "J2"));
                    jf.releases().release(officer, item.id(), KOR, MISSILE, GSOMIA);
                }
                jf.deliverNow();
                assertThat(jf.outbox().pending(KOR)).hasSize(6);
                clock.advance(java.time.Duration.ofSeconds(2));
                try (Federation kf = Federation.start(kor, "127.0.0.1", kp)) {
                    jpn.database().jdbi().useHandle(h -> h.execute("UPDATE outbox SET next_attempt_at = 0"));
                    jf.deliverNow();
                    // Hold the retry back while the state after the failure is checked.
                    jpn.database().jdbi().useHandle(h -> h.execute("UPDATE outbox SET next_attempt_at = " + Long.MAX_VALUE
                            + " WHERE delivered_at IS NULL"));
                    assertThat(calls.get()).as("the run, then one by one up to the third item").isEqualTo(6);
                    assertThat(jf.outbox().pending(KOR)).as("two delivered, the third failed, the rest waits").hasSize(4);
                    assertThat(count(kor, "SELECT COUNT(*) FROM received_items")).isEqualTo(2);
                    assertThat(kor.items().sweepKeys()).as("the keys of the items not recorded were erased").isZero();

                    armed.set(false);
                    clock.advance(java.time.Duration.ofSeconds(2)); // a resend is signed afresh, with a new time
                    jpn.database().jdbi().useHandle(h -> h.execute("UPDATE outbox SET next_attempt_at = 0"));
                    jf.deliverNow();
                    assertThat(jf.outbox().pending(KOR)).isEmpty();
                    // Both runs were answered with one RECEIPTS each (the first cut short by the failure): every message
                    // kept a receipt of its own.
                    List<Map<String, Object>> kept = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT id, receipt "
                            + "FROM outbox WHERE type = 'RELEASE'").mapToMap().list());
                    assertThat(kept).hasSize(6).allSatisfy(r -> assertThat((String) r.get("receipt"))
                            .contains("\"forEnvelope\":\"" + r.get("id") + "\"").contains("\"outcome\":\"STORED\""));
                    assertThat(count(kor, "SELECT COUNT(*) FROM received_items")).as("each release stored once").isEqualTo(6);
                    assertThat(count(kor, "SELECT COUNT(DISTINCT envelope_id) FROM received_items")).isEqualTo(6);
                    assertThat(kor.items().sweepKeys()).as("every key belongs to a stored item").isZero();
                    assertThat(kor.verifyAudit().ok()).isTrue();
                }
            }
        }
    }

    private static long count(Node node, String sql) {
        return node.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
