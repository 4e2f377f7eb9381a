package io.liaison.federation.envelope;

import static io.liaison.federation.envelope.EnvelopeFixture.GSOMIA;
import static io.liaison.federation.envelope.EnvelopeFixture.JPN;
import static io.liaison.federation.envelope.EnvelopeFixture.KOR;
import static io.liaison.federation.envelope.EnvelopeFixture.USA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.node.crypto.Pki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The receiver's gate, one refusal at a time, on freshly generated keys and CAs. */
@org.junit.jupiter.api.Timeout(600)
class EnvelopeVerifierTest {
    private final EnvelopeFixture f = new EnvelopeFixture();

    private static void refused(ThrowingCallable call, String code, String rule, String... phrases) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EnvelopeRefusedException.class, e -> {
            assertThat(e.refusal().code()).isEqualTo(code);
            assertThat(e.refusal().rule()).isEqualTo(rule);
            if (phrases.length > 0) {
                assertThat(e.refusal().message()).contains(phrases);
            }
        });
    }

    @Test
    void sealedRelease_verifies_overTheWire() {
        Envelope sent = f.release("SLBM test data");
        VerifiedEnvelope v = f.kor.verify(sent.toWire());
        assertThat(v.id()).isEqualTo(sent.id());
        assertThat(v.from()).isEqualTo(JPN);
        assertThat(v.type()).isEqualTo(EnvelopeType.RELEASE);
        assertThat(new String(v.body(), StandardCharsets.UTF_8)).contains("SLBM test data");
        assertThat(v.signerSubject()).contains("O=JPN").contains("jpn-node signing");
        assertThat(v.agreementState()).contains(AgreementState.IN_FORCE);
        assertThat(Envelope.fromWire(sent.toWire(), 1 << 20)).isEqualTo(sent);
    }

    @Test
    void toString_neverShowsTheBody() {
        Envelope sent = f.release("SECRET-PAYLOAD-TEXT");
        assertThat(sent.toString()).doesNotContain("SECRET-PAYLOAD-TEXT").contains("RELEASE").contains("bytes");
        assertThat(f.kor.verify(sent).toString()).doesNotContain("SECRET-PAYLOAD-TEXT");
    }

    @Test
    void alteredBody_isRefusedAsForged() {
        Envelope sent = f.release("launch point 39.0N");
        Envelope altered = new Envelope(sent.id(), sent.type(), sent.from(), sent.to(), sent.agreement(), sent.sentAt(),
                EnvelopeFixture.body("launch point 38.0N"), sent.signer(), sent.signature());
        refused(() -> f.kor.verify(altered), "SIGNATURE_INVALID", "R14", "altered or forged");
    }

    @Test
    void keyCertifiedByAnImpostorCaOfTheSameName_isRefused() {
        Pki.Issued impostor = Pki.createPartyCa("JPN", f.random, f.clock);
        Envelope forged = f.sealer(JPN, impostor).seal(EnvelopeType.RELEASE, KOR, GSOMIA, EnvelopeFixture.body("x"));
        refused(() -> f.kor.verify(forged.toWire()), "SIGNER_UNTRUSTED", "R14", "signature on it does not verify");
    }

    @Test
    void aPeerSigningAsAnotherParty_isRefused() {
        // USA's node, pinned, signs an envelope that claims to come from JPN.
        f.pinned.put(USA, f.usaCa.certificate());
        EnvelopeSealer usa = f.sealer(USA, f.usaCa);
        Envelope claim = usa.seal(EnvelopeType.RELEASE, KOR, GSOMIA, EnvelopeFixture.body("x"));
        Envelope asJpn = new Envelope(claim.id(), claim.type(), JPN, KOR, GSOMIA, claim.sentAt(), claim.body(),
                claim.signer(), claim.signature());
        refused(() -> f.kor.verify(asJpn), "SIGNER_UNTRUSTED", "R14", "issued by");
    }

    @Test
    void unknownParty_isRefused() {
        Envelope fromUsa = f.sealer(USA, f.usaCa).seal(EnvelopeType.RELEASE, KOR, AgreementId.of("usa-kor-gsa-1987"),
                EnvelopeFixture.body("x"));
        refused(() -> f.kor.verify(fromUsa), "PARTY_UNKNOWN", "R14", "party USA is not a peer");
    }

    @Test
    void misaddressed_isRefused() {
        Envelope toUsa = f.jpn.seal(EnvelopeType.RELEASE, USA, AgreementId.of("usa-jpn-gsomia-2007"), EnvelopeFixture.body("x"));
        refused(() -> f.kor.verify(toUsa), "ENVELOPE_MISADDRESSED", "R14", "is for USA");
    }

    @Test
    void replayedAttempt_isRefused_butANewAttemptOfTheSameMessagePasses() {
        Envelope sent = f.release("x");
        f.kor.verify(sent.toWire());
        refused(() -> f.kor.verify(sent.toWire()), "ENVELOPE_REPLAYED", "R14", "already received");
        f.clock.advance(Duration.ofSeconds(5));
        Envelope retry = f.jpn.seal(sent.id(), sent.type(), KOR, GSOMIA, sent.body());
        assertThat(f.kor.verify(retry).id()).isEqualTo(sent.id());
    }

    @Test
    void staleAndFutureAttempts_areRefused() {
        Envelope old = f.release("x");
        f.clock.advance(Duration.ofMinutes(11));
        refused(() -> f.kor.verify(old), "ENVELOPE_STALE", "R14", "more than PT10M");
        f.clock.advance(Duration.ofMinutes(-13));
        Envelope early = f.release("y");
        f.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertThat(f.kor.verify(early).id()).isEqualTo(early.id());
        Envelope ahead = f.jpn.seal(EnvelopeType.RELEASE, KOR, GSOMIA, EnvelopeFixture.body("z"));
        f.clock.advance(Duration.ofMinutes(-2));
        refused(() -> f.kor.verify(ahead), "ENVELOPE_FROM_FUTURE", "R14", "more than PT1M");
    }

    @Test
    void releaseBeforeEntryIntoForce_isRefused_butAProposalTravels() {
        f.clock.set(Instant.parse("2016-07-01T00:00:00Z"));
        refused(() -> f.kor.verify(f.release("x")), "AGREEMENT_STATE", "R18", "while it is DECLINED");
        Envelope proposal = f.jpn.seal(EnvelopeType.AGREEMENT_PROPOSAL, KOR, GSOMIA, EnvelopeFixture.body("p"));
        assertThat(f.kor.verify(proposal).type()).isEqualTo(EnvelopeType.AGREEMENT_PROPOSAL);
        Envelope receipt = f.jpn.seal(EnvelopeType.RECEIPT, KOR, GSOMIA, EnvelopeFixture.body("r"));
        assertThat(f.kor.verify(receipt).type()).isEqualTo(EnvelopeType.RECEIPT);
        Envelope recall = f.jpn.seal(EnvelopeType.RECALL, KOR, GSOMIA, EnvelopeFixture.body("r"));
        refused(() -> f.kor.verify(recall), "AGREEMENT_STATE", "R19", "while it is DECLINED");
    }

    @Test
    void agreementThatDoesNotJoinTheParties_isRefused() {
        Envelope underUsJapan = f.jpn.seal(EnvelopeType.RELEASE, KOR, AgreementId.of("usa-jpn-gsomia-2007"), EnvelopeFixture.body("x"));
        refused(() -> f.kor.verify(underUsJapan), "AGREEMENT_UNKNOWN", "R14", "does not join JPN and KOR");
    }

    @Test
    void expiredSigningCertificate_isRefused_evenOnceCheckedBefore() {
        assertThat(f.kor.verify(f.release("while valid")).from()).isEqualTo(JPN);
        f.clock.advance(Duration.ofDays(3 * 365));
        Envelope late = f.release("x");
        refused(() -> f.kor.verify(late), "SIGNER_UNTRUSTED", "R14", "not valid at");
    }

    @Test
    void oversizedAndMalformedBytes_areRefused() {
        refused(() -> f.kor.verify(new byte[EnvelopeFixture.MAX_BYTES + 1]), "ENVELOPE_TOO_LARGE", "R14", "over the limit");
        refused(() -> f.kor.verify("{\"v\":1}".getBytes(StandardCharsets.UTF_8)), "ENVELOPE_MALFORMED", "R14", "missing");
        refused(() -> f.kor.verify("not json".getBytes(StandardCharsets.UTF_8)), "ENVELOPE_MALFORMED", "R14");
        String wire = new String(f.release("x").toWire(), StandardCharsets.UTF_8).replace("\"RELEASE\"", "\"GOSSIP\"");
        refused(() -> f.kor.verify(wire.getBytes(StandardCharsets.UTF_8)), "ENVELOPE_MALFORMED", "R14", "GOSSIP");
    }
}
