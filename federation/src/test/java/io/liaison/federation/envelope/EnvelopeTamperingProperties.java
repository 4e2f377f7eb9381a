package io.liaison.federation.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.liaison.core.agreement.AgreementId;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever one changes in a sealed envelope, the receiver refuses it; untouched, it passes. */
class EnvelopeTamperingProperties {
    private final EnvelopeFixture f = new EnvelopeFixture();

    enum Part { BODY, SIGNATURE, SIGNER, SENT_AT, TYPE, AGREEMENT, ID }

    @Property(tries = 300)
    void anyChange_isRefused(@ForAll Part part, @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll @IntRange(min = 1, max = 255) int xor, @ForAll("types") EnvelopeType otherType) {
        Envelope e = f.release("impact point 40.1N 139.2E, SLBM test " + where);
        Envelope changed = switch (part) {
            case BODY -> copy(e, e.type(), e.agreement(), e.sentAt().toEpochMilli(), flip(e.body(), where, xor),
                    e.signer(), e.signature(), e.id());
            case SIGNATURE -> e.withSignature(flip(e.signature(), where, xor));
            case SIGNER -> copy(e, e.type(), e.agreement(), e.sentAt().toEpochMilli(), e.body(), flip(e.signer(), where, xor),
                    e.signature(), e.id());
            case SENT_AT -> copy(e, e.type(), e.agreement(), e.sentAt().toEpochMilli() - 1 - where % 1000, e.body(), e.signer(),
                    e.signature(), e.id());
            case TYPE -> copy(e, otherType == e.type() ? EnvelopeType.RECEIPT : otherType, e.agreement(),
                    e.sentAt().toEpochMilli(), e.body(), e.signer(), e.signature(), e.id());
            case AGREEMENT -> copy(e, e.type(), AgreementId.of("tisa-2014"), e.sentAt().toEpochMilli(), e.body(), e.signer(), e.signature(),
                    e.id());
            case ID -> copy(e, e.type(), e.agreement(), e.sentAt().toEpochMilli(), e.body(), e.signer(), e.signature(),
                    java.util.UUID.randomUUID());
        };
        Throwable t = catchThrowable(() -> f.kor.verify(changed.toWire()));
        assertThat(t).isInstanceOf(EnvelopeRefusedException.class);
        // The untouched envelope still passes: the refusal was the change's doing.
        f.clock.advance(Duration.ofMillis(1));
        assertThat(f.kor.verify(e).id()).isEqualTo(e.id());
    }

    enum BatchPart { BODY, INDEX, SIZE, ROOT, PATH, DROPPED }

    @Property(tries = 200)
    void anyChangeToAnEnvelopeSealedInABatch_isRefused(@ForAll @IntRange(min = 2, max = 130) int size,
            @ForAll @IntRange(min = 0, max = 10_000) int which, @ForAll BatchPart part,
            @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll @IntRange(min = 1, max = 255) int xor) {
        java.util.List<Envelope> sealed = f.jpn.sealAll(java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> new EnvelopeSealer.Draft(EnvelopeIds.next(f.clock.millis()), EnvelopeType.RELEASE,
                        EnvelopeFixture.KOR, EnvelopeFixture.GSOMIA, EnvelopeFixture.body("track " + i)))
                .toList());
        Envelope e = sealed.get(which % size);
        BatchProof p = e.batch().orElseThrow();
        java.util.List<byte[]> path = new java.util.ArrayList<>(p.path());
        Envelope changed = switch (part) {
            case BODY -> new Envelope(e.id(), e.type(), e.from(), e.to(), e.agreement(), e.sentAt(), flip(e.body(), where, xor),
                    e.signer(), e.signature(), e.batch());
            case INDEX -> e.withBatch(java.util.Optional.of(new BatchProof((p.index() + 1 + where % (size - 1)) % size, size,
                    p.root(), p.path())));
            case SIZE -> e.withBatch(java.util.Optional.of(new BatchProof(p.index(), size + 1 + where % 100, p.root(),
                    p.path())));
            case ROOT -> e.withBatch(java.util.Optional.of(new BatchProof(p.index(), size, flip(p.root(), where, xor),
                    p.path())));
            case PATH -> {
                int at = where % path.size();
                path.set(at, flip(path.get(at), where, xor));
                yield e.withBatch(java.util.Optional.of(new BatchProof(p.index(), size, p.root(), path)));
            }
            case DROPPED -> e.withBatch(java.util.Optional.empty());
        };
        Throwable t = catchThrowable(() -> f.kor.verify(changed.toWire()));
        assertThat(t).isInstanceOf(EnvelopeRefusedException.class);
        assertThat(((EnvelopeRefusedException) t).refusal().code()).isEqualTo("SIGNATURE_INVALID");
        f.clock.advance(Duration.ofMillis(1));
        assertThat(f.kor.verify(e.toWire()).id()).isEqualTo(e.id());
    }

    @Provide
    Arbitrary<EnvelopeType> types() {
        return Arbitraries.of(EnvelopeType.class);
    }

    private static byte[] flip(byte[] bytes, int where, int xor) {
        byte[] out = bytes.clone();
        out[where % out.length] ^= (byte) xor;
        return out;
    }

    private static Envelope copy(Envelope e, EnvelopeType type, AgreementId agreement, long sentAtMillis, byte[] body,
            byte[] signer, byte[] signature, java.util.UUID id) {
        return new Envelope(id, type, e.from(), e.to(), agreement, java.time.Instant.ofEpochMilli(sentAtMillis), body,
                signer, signature);
    }
}
