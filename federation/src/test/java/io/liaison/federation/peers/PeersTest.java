package io.liaison.federation.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.audit.AuditEntry;
import io.liaison.node.crypto.Pki;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Peers on a real node database, H2 and a fresh PostgreSQL. */
@org.junit.jupiter.api.Timeout(600)
class PeersTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T00:00:00Z"));
    private final Pki.Issued jpnCa = Pki.createPartyCa("JPN", RANDOM, clock);

    private static byte[] pem(java.security.cert.X509Certificate c) {
        return Pki.certificatePem(c).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void addedPeer_isListed_pinned_andAudited(TestNodes.Db db) {
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock); Node node = created.open(clock)) {
            Peers peers = Peers.ofStopped(node, clock);
            Peer p = peers.add("admin", "JPN", "https://127.0.0.1:9443", pem(jpnCa.certificate()));
            assertThat(p.party()).isEqualTo(Party.of("JPN"));
            assertThat(p.status()).isEqualTo("NEW");
            assertThat(p.lastContact()).isEmpty();
            assertThat(p.caFingerprint()).isEqualTo(Peers.fingerprint(jpnCa.certificate())).hasSize(64);
            assertThat(peers.list()).extracting(Peer::party).containsExactly(Party.of("JPN"));
            assertThat(peers.partyCa(Party.of("JPN"))).contains(jpnCa.certificate());
            assertThat(peers.partyCa(Party.of("USA"))).isEmpty();
            List<AuditEntry> tail = node.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 1);
            assertThat(tail).singleElement().satisfies(e -> {
                assertThat(e.event()).isEqualTo("peer.add");
                assertThat(e.subject()).isEqualTo("JPN");
                assertThat(e.details()).contains(p.caFingerprint());
            });

            peers.contacted(Party.of("JPN"), false, Optional.of("connection refused"));
            Peer down = peers.find(Party.of("JPN")).orElseThrow();
            assertThat(down.status()).isEqualTo("DOWN");
            assertThat(down.lastContact()).contains(clock.instant());
            assertThat(down.lastError()).contains("connection refused");

            assertThatThrownBy(() -> peers.add("admin", "JPN", "https://127.0.0.1:9444", pem(jpnCa.certificate())))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("already a peer");
        }
    }

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void badPeers_areRefused_andNothingIsStored(TestNodes.Db db) {
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock); Node node = created.open(clock)) {
            Peers peers = Peers.ofStopped(node, clock);
            long audited = node.audit().sequenceNow();
            refused(() -> peers.add("admin", "KOR", "https://a", pem(jpnCa.certificate())), "PEER_IS_SELF");
            refused(() -> peers.add("admin", "jpn", "https://a", pem(jpnCa.certificate())), "PARTY_INVALID");
            refused(() -> peers.add("admin", "JPN", "http://127.0.0.1:9443", pem(jpnCa.certificate())), "PEER_URL");
            refused(() -> peers.add("admin", "USA", "https://a", pem(jpnCa.certificate())), "CA_PARTY");
            Pki.Issued tls = Pki.issueNodeCertificate(jpnCa, "JPN", "jpn-node", List.of("localhost"), List.of(), RANDOM,
                    clock);
            refused(() -> peers.add("admin", "JPN", "https://a", pem(tls.certificate())), "CA_INVALID");
            refused(() -> peers.add("admin", "JPN", "https://a", "garbage".getBytes(StandardCharsets.US_ASCII)),
                    "CA_INVALID");
            refused(() -> peers.add("admin", "JPN", "https://a", new byte[20_000]), "CA_TOO_LARGE");
            clock.set(Instant.parse("2040-01-01T00:00:00Z"));
            refused(() -> peers.add("admin", "JPN", "https://a", pem(jpnCa.certificate())), "CA_INVALID");
            assertThat(peers.list()).isEmpty();
            assertThat(node.audit().sequenceNow()).isEqualTo(audited);
        }
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
