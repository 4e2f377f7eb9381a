package io.liaison.federation.envelope;

import static io.liaison.federation.envelope.EnvelopeFixture.GSOMIA;
import static io.liaison.federation.envelope.EnvelopeFixture.KOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Envelopes sealed in a batch: one signature for all, each verifying alone and none with another's place. */
@Timeout(120)
class EnvelopeBatchTest {
    private final EnvelopeFixture f = new EnvelopeFixture();

    private List<Envelope> batch(int n) {
        return f.jpn.sealAll(IntStream.range(0, n).mapToObj(i -> new EnvelopeSealer.Draft(EnvelopeIds.next(f.clock.millis()),
                EnvelopeType.RELEASE, KOR, GSOMIA, EnvelopeFixture.body("track report " + i))).toList());
    }

    private static void refused(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EnvelopeRefusedException.class,
                e -> assertThat(e.refusal().code()).isEqualTo(code));
    }

    @Test
    void aBatch_isSignedOnce_andEachEnvelopeVerifiesAlone_inAnyOrder() {
        List<Envelope> sealed = batch(5);
        assertThat(sealed).hasSize(5).allSatisfy(e -> {
            assertThat(e.batch()).isPresent();
            assertThat(e.signature()).isEqualTo(sealed.getFirst().signature());
        });
        assertThat(sealed.stream().map(e -> e.batch().orElseThrow().index())).containsExactly(0, 1, 2, 3, 4);
        List<Envelope> shuffled = new ArrayList<>(sealed);
        java.util.Collections.reverse(shuffled);
        for (Envelope e : shuffled) {
            VerifiedEnvelope v = f.kor.verify(e.toWire());
            assertThat(v.id()).isEqualTo(e.id());
        }
    }

    @Test
    void oneMessage_isSealedAlone_andItsWireFormIsTheEarlierOne() {
        List<Envelope> one = batch(1);
        assertThat(one.getFirst().batch()).isEmpty();
        String wire = new String(one.getFirst().toWire(), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain("batch");
        assertThat(f.kor.verify(one.getFirst().toWire()).id()).isEqualTo(one.getFirst().id());
    }

    @Test
    void theWireForm_carriesThePlace_andReadsBackEqual() {
        Envelope e = batch(3).get(1);
        String wire = new String(e.toWire(), StandardCharsets.UTF_8);
        assertThat(wire).contains("\"batch\":{\"index\":1,\"size\":3,\"root\":");
        assertThat(Envelope.fromWire(e.toWire(), 1 << 20)).isEqualTo(e);
    }

    @Test
    void anEnvelopeChanged_orGivenAnotherPlace_isRefused_andTheRestOfItsBatchStillPasses() {
        List<Envelope> sealed = batch(6);
        Envelope second = sealed.get(1);
        BatchProof p = second.batch().orElseThrow();
        byte[] body = second.body();
        body[3] ^= 1;
        List<Envelope> forged = List.of(
                new Envelope(second.id(), second.type(), second.from(), second.to(), second.agreement(), second.sentAt(), body,
                        second.signer(), second.signature(), second.batch()),
                second.withBatch(sealed.get(2).batch()),
                second.withBatch(Optional.of(new BatchProof(2, p.size(), p.root(), p.path()))),
                second.withBatch(Optional.of(new BatchProof(p.index(), 7, p.root(), p.path()))),
                second.withBatch(Optional.of(new BatchProof(p.index(), p.size(), flipped(p.root()), p.path()))),
                second.withBatch(Optional.of(new BatchProof(p.index(), p.size(), p.root(), p.path().subList(1, p.path().size())))),
                second.withBatch(Optional.of(new BatchProof(p.index(), p.size(), p.root(),
                        p.path().stream().map(EnvelopeBatchTest::flipped).toList()))),
                second.withBatch(Optional.empty()));
        for (Envelope e : forged) {
            refused(() -> f.kor.verify(e.toWire()), "SIGNATURE_INVALID");
        }
        // A proof from another batch, with that batch's signature, does not place this envelope in it either.
        Envelope other = batch(6).get(1);
        refused(() -> f.kor.verify(second.withBatch(other.batch()).withSignature(other.signature()).toWire()),
                "SIGNATURE_INVALID");
        for (Envelope e : sealed) {
            assertThat(f.kor.verify(e.toWire()).id()).isEqualTo(e.id());
        }
    }

    @Test
    void aBatchStatementSignedByAnotherKey_isRefused_evenAfterTheRealOneWasVerified() {
        List<Envelope> sealed = batch(4);
        assertThat(f.kor.verify(sealed.get(0).toWire()).id()).isEqualTo(sealed.get(0).id());
        byte[] wrong = sealed.get(1).signature();
        wrong[10] ^= 1;
        refused(() -> f.kor.verify(sealed.get(1).withSignature(wrong).toWire()), "SIGNATURE_INVALID");
        assertThat(f.kor.verify(sealed.get(1).toWire()).id()).isEqualTo(sealed.get(1).id());
    }

    @Test
    void aMalformedPlace_isRefusedAsMalformed() {
        String wire = new String(batch(3).get(0).toWire(), StandardCharsets.UTF_8);
        for (String bad : List.of(wire.replace("\"size\":3", "\"size\":1"), wire.replace("\"index\":0", "\"index\":3"),
                wire.replace("\"index\":0", "\"index\":-1"), wire.replace("\"size\":3", "\"size\":5000"),
                wire.replace("\"path\":[", "\"path\":[\"AAAA\","), wire.replace("\"root\":\"", "\"root\":\"AAAA"),
                wire.replace("\"path\":[", "\"path\":[" + "\"" + "A".repeat(43) + "=\",".repeat(13)))) {
            refused(() -> f.kor.verify(bad.getBytes(StandardCharsets.UTF_8)), "ENVELOPE_MALFORMED");
        }
    }

    @Test
    void everySizeUpToTheOutboxBatch_andBeyond_placesEveryEnvelope() {
        for (int n : new int[] {2, 3, 5, 7, 8, 9, 31, 64, 65, 100}) {
            List<Envelope> sealed = batch(n);
            for (Envelope e : sealed) {
                assertThat(f.kor.verify(e.toWire()).id()).as("envelope %d of %d", e.batch().orElseThrow().index(), n)
                        .isEqualTo(e.id());
            }
            f.clock.advance(Duration.ofMillis(1));
        }
    }

    private static byte[] flipped(byte[] b) {
        byte[] out = Arrays.copyOf(b, b.length);
        out[out.length - 1] ^= 1;
        return out;
    }
}
