package io.liaison.federation.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.AgreementStates;
import io.liaison.federation.envelope.Envelope;
import io.liaison.federation.envelope.EnvelopeSealer;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.EnvelopeVerifier;
import io.liaison.federation.envelope.ReplayGuard;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.crypto.Pki;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTPS with mutual TLS 1.3 on loopback between a JPN client and a KOR listener, with fresh PKIs. */
@org.junit.jupiter.api.Timeout(600)
class FederationTransportTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = Party.of("KOR");
    private static final Party USA = Party.of("USA");
    private static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");

    private final Pki.Issued korCa = Pki.createPartyCa("KOR", RANDOM, CLOCK);
    private final Pki.Issued jpnCa = Pki.createPartyCa("JPN", RANDOM, CLOCK);
    private final Pki.Issued usaCa = Pki.createPartyCa("USA", RANDOM, CLOCK);
    private final Pki.Issued korTls = tls(korCa, "KOR", CLOCK);
    private final Pki.Issued jpnTls = tls(jpnCa, "JPN", CLOCK);
    private final NodeSigner jpnKey = NodeSigner.generate(RANDOM);
    private final EnvelopeSealer jpn = new EnvelopeSealer(JPN, jpnKey,
            Pki.issueSigningCertificate(jpnCa, "JPN", "jpn-node", jpnKey.publicKey(), RANDOM, CLOCK), CLOCK);
    private final List<VerifiedEnvelope> inbox = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private FederationListener kor;
    private URI korUrl;

    private static Pki.Issued tls(Pki.Issued ca, String party, Clock clock) {
        return Pki.issueNodeCertificate(ca, party, party.toLowerCase() + "-node", List.of("localhost"),
                List.of("127.0.0.1"), RANDOM, clock);
    }

    @BeforeEach
    void startKor() {
        Map<Party, X509Certificate> pinned = Map.of(JPN, jpnCa.certificate(), USA, usaCa.certificate());
        EnvelopeVerifier verifier = new EnvelopeVerifier(KOR, p -> Optional.ofNullable(pinned.get(p)),
                AgreementStates.of(ShippedCatalog.load()), new ReplayGuard(Duration.ofMinutes(10), 10_000), CLOCK,
                Duration.ofMinutes(10), Duration.ofMinutes(1), 1 << 20);
        SSLContext tls = TlsContexts.mutual(korTls, korCa.certificate(), pinned.values());
        kor = FederationListener.start("127.0.0.1", 0, tls, verifier, 1 << 20, v -> {
            inbox.add(v);
            return io.liaison.catalog.json.Json.compact(Map.of("receipt", v.id().toString()))
                    .getBytes(StandardCharsets.UTF_8);
        }, (party, r) -> refusals.add(party.orElse("-") + " " + r.code()));
        korUrl = URI.create("https://127.0.0.1:" + kor.port());
    }

    @AfterEach
    void stop() {
        kor.close();
    }

    private FederationClient client(Pki.Issued identity, Pki.Issued identityCa, Pki.Issued trusted) {
        return new FederationClient(korUrl, TlsContexts.mutual(identity, identityCa.certificate(),
                List.of(trusted.certificate())), Duration.ofSeconds(10));
    }

    private Envelope release(String text) {
        return jpn.seal(EnvelopeType.RELEASE, KOR, GSOMIA, ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void envelope_travelsOverMutualTls_andTheInboxAnswers() throws Exception {
        Envelope e = release("missile launch 06:42");
        try (FederationClient c = client(jpnTls, jpnCa, korCa)) {
            FederationClient.Answer a = c.send(e);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).contains(e.id().toString());
        }
        assertThat(inbox).singleElement().satisfies(v -> {
            assertThat(v.from()).isEqualTo(JPN);
            assertThat(new String(v.body(), StandardCharsets.UTF_8)).contains("missile launch 06:42");
        });
        assertThat(refusals).isEmpty();
    }

    @Test
    void clientFromAnUnpinnedCa_isRefusedAtTheTlsLayer() {
        Pki.Issued gbrCa = Pki.createPartyCa("GBR", RANDOM, CLOCK);
        try (FederationClient c = client(tls(gbrCa, "GBR", CLOCK), gbrCa, korCa)) {
            assertThatThrownBy(() -> c.send(release("x"))).isInstanceOf(IOException.class);
        }
        assertThat(inbox).isEmpty();
    }

    @Test
    void serverNotFromThePinnedCa_isRefusedByTheClient() {
        try (FederationClient c = client(jpnTls, jpnCa, usaCa)) {
            assertThatThrownBy(() -> c.send(release("x"))).isInstanceOf(IOException.class);
        }
        assertThat(inbox).isEmpty();
    }

    @Test
    void expiredClientCertificate_isRefusedAtTheTlsLayer() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(3 * 365)), ZoneOffset.UTC);
        Pki.Issued oldCa = Pki.createPartyCa("JPN", RANDOM, past);
        Pki.Issued expired = tls(oldCa, "JPN", past);
        assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(Instant.now());
        Map<Party, X509Certificate> pinned = Map.of(JPN, oldCa.certificate());
        EnvelopeVerifier verifier = new EnvelopeVerifier(KOR, p -> Optional.ofNullable(pinned.get(p)),
                AgreementStates.of(ShippedCatalog.load()), new ReplayGuard(Duration.ofMinutes(10), 10_000), CLOCK,
                Duration.ofMinutes(10), Duration.ofMinutes(1), 1 << 20);
        try (FederationListener listener = FederationListener.start("127.0.0.1", 0,
                TlsContexts.mutual(korTls, korCa.certificate(), pinned.values()), verifier, 1 << 20, v -> {
                    inbox.add(v);
                    return new byte[0];
                }, (p, r) -> { });
                FederationClient c = new FederationClient(URI.create("https://127.0.0.1:" + listener.port()),
                        TlsContexts.mutual(expired, oldCa.certificate(), List.of(korCa.certificate())),
                        Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> c.send(release("x"))).isInstanceOf(IOException.class);
        }
        assertThat(inbox).isEmpty();
    }

    @Test
    void aBatchOverTheListenersLimit_isRefusedWithProblemJson_andNothingIsTaken() throws Exception {
        String big = "x".repeat(400_000);
        try (FederationClient c = client(jpnTls, jpnCa, korCa)) {
            List<FederationClient.Answer> answers = c.sendBatch(List.of(release(big), release(big), release(big)));
            assertThat(answers).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(413);
                assertThat(a.body()).contains("\"code\":\"REQUEST_TOO_LARGE\"").contains(Integer.toString(1 << 20));
            });
        }
        assertThat(inbox).isEmpty();
    }

    @Test
    void forgedEnvelopeOverGoodTls_isRefusedWithProblemJson_andReported() throws Exception {
        Envelope e = release("x");
        Envelope forged = e.withSignature(new byte[64]);
        try (FederationClient c = client(jpnTls, jpnCa, korCa)) {
            FederationClient.Answer a = c.send(forged);
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body()).contains("\"code\":\"SIGNATURE_INVALID\"").doesNotContain("\"text\"");
        }
        assertThat(inbox).isEmpty();
        assertThat(refusals).containsExactly("JPN SIGNATURE_INVALID");
    }

    @Test
    void replayedAttempt_isRefusedWith409() throws Exception {
        Envelope e = release("x");
        try (FederationClient c = client(jpnTls, jpnCa, korCa)) {
            assertThat(c.send(e).status()).isEqualTo(200);
            FederationClient.Answer again = c.send(e);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body()).contains("ENVELOPE_REPLAYED");
        }
        assertThat(inbox).hasSize(1);
    }

    @Test
    void envelopeFromAnotherPartyThanTheTlsPeer_isRefused() throws Exception {
        // USA's node, pinned and authenticated, passes on an envelope JPN signed: the link must be the sender.
        Pki.Issued usaTls = tls(usaCa, "USA", CLOCK);
        try (FederationClient c = client(usaTls, usaCa, korCa)) {
            FederationClient.Answer a = c.send(release("x"));
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.body()).contains("PEER_MISMATCH");
        }
        assertThat(inbox).isEmpty();
        assertThat(refusals).containsExactly("USA PEER_MISMATCH");
    }

    @Test
    void batch_isProcessedInOrder_andStopsAtTheFirstRefusal_soNothingOvertakesIt() throws Exception {
        Envelope first = release("one");
        Envelope forged = release("two").withSignature(new byte[64]);
        Envelope third = release("three");
        try (FederationClient c = client(jpnTls, jpnCa, korCa)) {
            List<FederationClient.Answer> answers = c.sendBatch(List.of(first, forged, third));
            assertThat(answers).hasSize(2);
            assertThat(answers.get(0).status()).isEqualTo(200);
            assertThat(answers.get(0).body()).contains(first.id().toString());
            assertThat(answers.get(1).status()).isEqualTo(403);
            assertThat(answers.get(1).body()).contains("SIGNATURE_INVALID");
            assertThat(inbox).extracting(VerifiedEnvelope::id).containsExactly(first.id());

            Envelope fourth = release("four");
            List<FederationClient.Answer> rest = c.sendBatch(List.of(third, fourth));
            assertThat(rest).extracting(FederationClient.Answer::status).containsExactly(200, 200);
            assertThat(inbox).extracting(VerifiedEnvelope::id).containsExactly(first.id(), third.id(), fourth.id());
        }
    }
}
