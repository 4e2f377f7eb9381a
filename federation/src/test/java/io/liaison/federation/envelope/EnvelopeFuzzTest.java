package io.liaison.federation.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.liaison.core.error.InvalidInputException;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes envelopes from the wire, as any client of the federation listener may send them: {@link Envelope#fromWire}
 * and the receiver's gate, {@link EnvelopeVerifier#prepare(byte[])} then
 * {@link EnvelopeVerifier#verify(EnvelopeVerifier.Prepared)}, with the PKI, clock and verifier of
 * {@link EnvelopeFixture} (JPN sends, KOR receives, 1 MiB limit).
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code fromWire} reads an envelope or throws {@link InvalidInputException} (its javadoc: "every problem
 *       is an InvalidInputException"); an envelope it reads is written back by {@link Envelope#toWire} into
 *       bytes that read as the same envelope.
 *   <li>{@code prepare} never throws ("the refusal that reading it met" is kept in the Prepared), and
 *       {@code verify} answers with a {@link VerifiedEnvelope} or an {@link EnvelopeRefusedException} whose code
 *       is one the verifier's javadoc lists; bytes that {@code fromWire} refuses are refused as
 *       {@code ENVELOPE_MALFORMED} or {@code ENVELOPE_TOO_LARGE}.
 * </ul>
 *
 * <p>Seeds: {@code EnvelopeFuzzTestInputs/fromWire/} (wire bytes) under {@code src/test/resources}. The real
 * envelopes there were sealed with a JPN key of an earlier fixture, so today's verifier refuses them as
 * SIGNER_UNTRUSTED; {@link EnvelopeSealedFuzzTest} seals afresh on every input to reach the accepting path.
 */
@Timeout(120)
class EnvelopeFuzzTest {
    private static final EnvelopeFixture F = new EnvelopeFixture();
    static final Set<String> REFUSAL_CODES = Set.of("ENVELOPE_TOO_LARGE", "ENVELOPE_MALFORMED",
            "ENVELOPE_MISADDRESSED", "PARTY_UNKNOWN", "SIGNER_UNTRUSTED", "SIGNATURE_INVALID", "ENVELOPE_STALE",
            "ENVELOPE_FROM_FUTURE", "AGREEMENT_UNKNOWN", "AGREEMENT_STATE", "ENVELOPE_REPLAYED");

    @DictionaryEntries({"\"v\":1", "\"id\":\"", "\"type\":\"RELEASE\"", "\"from\":\"JPN\"", "\"to\":\"KOR\"",
        "\"agreement\":\"jpn-kor-gsomia-2016\"", "\"sentAt\":\"", "\"body\":\"", "\"signer\":\"", "\"signature\":\"",
        "2017-03-01T09:00:00Z", "+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", ".123456789",
        "+09:00", "00000000-0000-0000-0000-000000000000", "1-1-1-1-1", "\\ud800", "\\u0000", "==", "null"})
    @FuzzTest(maxDuration = "60s")
    void fromWire(byte[] wire) {
        Envelope read = null;
        try {
            read = Envelope.fromWire(wire, EnvelopeFixture.MAX_BYTES);
        } catch (InvalidInputException e) {
            // ENVELOPE_MALFORMED, ENVELOPE_VERSION, or a code of Json.read (JSON_INVALID, JSON_TOO_LARGE, ...).
            assertThat(e.code()).isNotBlank();
            assertThat(e.getMessage()).startsWith("envelope");
        }
        if (read != null) {
            byte[] again = read.toWire();
            assertThat(Envelope.fromWire(again, Integer.MAX_VALUE)).isEqualTo(read);
            assertThat(read.toBeSigned()).isNotEmpty();
        }
        EnvelopeRefusedException refusal = gate(F, wire, null);
        if (read == null) {
            assertThat(refusal).isNotNull();
            assertThat(refusal.refusal().code()).isIn("ENVELOPE_MALFORMED", "ENVELOPE_TOO_LARGE");
        }
    }

    /** Runs KOR's gate on {@code wire}: the refusal, or null when it verified (as {@code sealed}, when given). */
    static EnvelopeRefusedException gate(EnvelopeFixture f, byte[] wire, Envelope sealed) {
        EnvelopeVerifier.Prepared prepared = f.kor.prepare(wire);
        try {
            VerifiedEnvelope v = f.kor.verify(prepared);
            if (sealed != null) {
                assertThat(v.envelope()).isEqualTo(sealed);
            }
            return null;
        } catch (EnvelopeRefusedException e) {
            assertThat(e.refusal().code()).isIn(REFUSAL_CODES);
            assertThat(e.refusal().message()).isNotBlank();
            return e;
        }
    }
}
