package io.liaison.federation.envelope;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.crypto.Pki;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Two parties' PKI made afresh (JPN sends, KOR receives), a shared clock, and KOR's verifier. */
final class EnvelopeFixture {
    static final Party JPN = Party.of("JPN");
    static final Party KOR = Party.of("KOR");
    static final Party USA = Party.of("USA");
    static final AgreementId GSOMIA = AgreementId.of("jpn-kor-gsomia-2016");
    static final int MAX_BYTES = 1 << 20;

    final SecureRandom random = new SecureRandom();
    /** The PKI is made in June 2016, so that it is valid for the whole story; the tests start in March 2017. */
    final MutableClock clock = new MutableClock(Instant.parse("2016-06-01T00:00:00Z"));
    final Pki.Issued jpnCa = Pki.createPartyCa("JPN", random, clock);
    final Pki.Issued usaCa = Pki.createPartyCa("USA", random, clock);
    final NodeSigner jpnKey = NodeSigner.generate(random);
    final X509Certificate jpnCert = Pki.issueSigningCertificate(jpnCa, "JPN", "jpn-node", jpnKey.publicKey(), random, clock);
    final EnvelopeSealer jpn = new EnvelopeSealer(JPN, jpnKey, jpnCert, clock);
    final Map<Party, X509Certificate> pinned = new java.util.HashMap<>(Map.of(JPN, jpnCa.certificate()));
    final EnvelopeVerifier kor = new EnvelopeVerifier(KOR, p -> Optional.ofNullable(pinned.get(p)),
            AgreementStates.of(ShippedCatalog.load()), new ReplayGuard(Duration.ofMinutes(10), 100_000), clock,
            Duration.ofMinutes(10), Duration.ofMinutes(1), MAX_BYTES);

    {
        clock.set(Instant.parse("2017-03-01T09:00:00Z"));
    }

    Envelope release(String text) {
        return jpn.seal(EnvelopeType.RELEASE, KOR, GSOMIA, body(text));
    }

    static byte[] body(String text) {
        return ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A sealer of party {@code party} whose key is certified by {@code ca}. */
    EnvelopeSealer sealer(Party party, Pki.Issued ca) {
        NodeSigner key = NodeSigner.generate(random);
        return new EnvelopeSealer(party, key, Pki.issueSigningCertificate(ca, party.code(), "other-node", key.publicKey(),
                random, clock), clock);
    }
}
