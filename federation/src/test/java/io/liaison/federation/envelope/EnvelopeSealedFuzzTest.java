package io.liaison.federation.envelope;

import static io.liaison.federation.envelope.EnvelopeFixture.GSOMIA;
import static io.liaison.federation.envelope.EnvelopeFixture.KOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.catalog.json.Json;
import io.liaison.core.agreement.AgreementId;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the receiver's gate with envelopes that JPN really sealed ({@link EnvelopeFixture}: fresh PKI, KOR's
 * verifier), changed by the fuzzer on their way: the wire form left alone, bytes flipped in it, one JSON field
 * set to a fuzzed string, the signing certificate's DER mutated or replaced (which feeds the X.509 parser behind
 * {@link EnvelopeVerifier}), or the signature mutated.
 *
 * <p>Invariants: {@link EnvelopeVerifier#prepare(byte[])} never throws and
 * {@link EnvelopeVerifier#verify(EnvelopeVerifier.Prepared)} answers with a {@link VerifiedEnvelope} or an
 * {@link EnvelopeRefusedException} of a documented code (see {@link EnvelopeFuzzTest}); an untouched envelope is
 * refused only for its agreement ({@code AGREEMENT_UNKNOWN}, {@code AGREEMENT_STATE}); and whatever the change,
 * an envelope that verifies is exactly the one JPN signed (R14).
 *
 * <p>The input drives a {@link FuzzedDataProvider}, so the seed corpus is only the empty input; the fuzzer's own
 * corpus lives under {@code target/}. One fuzz test per class, as Jazzer fuzzes one per JVM.
 */
@Timeout(120)
class EnvelopeSealedFuzzTest {
    private static final EnvelopeFixture F = new EnvelopeFixture();
    private static final List<AgreementId> AGREEMENTS = List.of(GSOMIA, AgreementId.of("usa-kor-gsa-1987"),
            AgreementId.of("usa-jpn-gsomia-2007"), AgreementId.of("tisa-2014"), AgreementId.of("no-such-agreement"));
    private static final List<String> FIELDS =
            List.of("v", "id", "type", "from", "to", "agreement", "sentAt", "body", "signer", "signature");

    @FuzzTest(maxDuration = "60s")
    void sealed(FuzzedDataProvider data) throws IOException {
        EnvelopeType type = data.pickValue(EnvelopeType.values());
        AgreementId agreement = data.pickValue(AGREEMENTS);
        int change = data.consumeInt(0, 5);
        byte[] body = data.consumeBytes(data.consumeInt(0, 512));
        Envelope sealed = F.jpn.seal(type, KOR, agreement, body);
        byte[] wire = sealed.toWire();
        switch (change) {
            case 0 -> { }
            case 1 -> wire = mutate(wire, data);
            case 2 -> {
                ObjectNode node = (ObjectNode) Json.MAPPER.readTree(wire);
                node.put(data.pickValue(FIELDS), data.consumeString(200));
                wire = Json.compactBytes(node);
            }
            case 3 -> wire = withField(wire, "signer", mutate(sealed.signer(), data));
            case 4 -> wire = withField(wire, "signer", data.consumeRemainingAsBytes());
            default -> wire = withField(wire, "signature", mutate(sealed.signature(), data));
        }
        EnvelopeRefusedException refusal = EnvelopeFuzzTest.gate(F, wire, sealed);
        if (change == 0 && refusal != null) {
            assertThat(refusal.refusal().code()).isIn("AGREEMENT_UNKNOWN", "AGREEMENT_STATE");
        }
    }

    /** Flips up to four bytes of {@code bytes}, then maybe cuts it short. */
    private static byte[] mutate(byte[] bytes, FuzzedDataProvider data) {
        byte[] out = bytes.clone();
        int flips = data.consumeInt(1, 4);
        for (int i = 0; i < flips && out.length > 0; i++) {
            out[data.consumeInt(0, out.length - 1)] ^= (byte) data.consumeInt(1, 255);
        }
        return data.consumeBoolean() ? Arrays.copyOf(out, data.consumeInt(0, out.length)) : out;
    }

    private static byte[] withField(byte[] wire, String field, byte[] value) throws IOException {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(wire);
        node.put(field, Base64.getEncoder().encodeToString(value));
        return Json.compactBytes(node);
    }
}
