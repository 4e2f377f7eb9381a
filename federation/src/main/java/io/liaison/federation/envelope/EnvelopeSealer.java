package io.liaison.federation.envelope;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.node.crypto.NodeSigner;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Seals envelopes with this node's signing key, attaching the party CA's certificate of that key. */
public final class EnvelopeSealer {
    private final Party self;
    private final NodeSigner signer;
    private final byte[] certificate;
    private final Clock clock;

    public EnvelopeSealer(Party self, NodeSigner signer, X509Certificate signingCertificate, Clock clock) {
        this.self = self;
        this.signer = signer;
        this.clock = clock;
        try {
            this.certificate = signingCertificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the signing certificate cannot be encoded", e);
        }
        if (!java.util.Arrays.equals(signingCertificate.getPublicKey().getEncoded(), signer.publicKey().getEncoded())) {
            throw new IllegalArgumentException("the signing certificate is not for this node's signing key "
                    + signer.keyId());
        }
    }

    /** A new message: a fresh id, stamped now. */
    public Envelope seal(EnvelopeType type, Party to, AgreementId agreement, byte[] body) {
        return seal(UUID.randomUUID(), type, to, agreement, body);
    }

    /** Another attempt at delivering message {@code id}: same id, stamped and signed now. */
    public Envelope seal(UUID id, EnvelopeType type, Party to, AgreementId agreement, byte[] body) {
        Envelope unsigned = new Envelope(id, type, self, to, agreement, clock.instant(), body, certificate, new byte[0]);
        return unsigned.withSignature(signer.sign(unsigned.toBeSigned()));
    }

    /** A message to seal in a batch: what {@link #seal(UUID, EnvelopeType, Party, AgreementId, byte[])} takes. */
    public record Draft(UUID id, EnvelopeType type, Party to, AgreementId agreement, byte[] body) {}

    /**
     * Several messages stamped now and signed once: each envelope carries its {@link BatchProof} and the signature of
     * the batch's root, and verifies alone. One message is sealed as {@link #seal(UUID, EnvelopeType, Party,
     * AgreementId, byte[])} seals it, without a batch.
     */
    public List<Envelope> sealAll(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        if (drafts.size() == 1) {
            Draft d = drafts.getFirst();
            return List.of(seal(d.id(), d.type(), d.to(), d.agreement(), d.body()));
        }
        Instant now = clock.instant();
        List<Envelope> unsigned = drafts.stream().map(d -> new Envelope(d.id(), d.type(), self, d.to(), d.agreement(), now,
                d.body(), certificate, new byte[0])).toList();
        List<BatchProof> proofs = BatchProof.of(unsigned.stream().map(Envelope::toBeSigned).toList());
        byte[] signature = signer.sign(proofs.getFirst().statement());
        List<Envelope> sealed = new ArrayList<>(unsigned.size());
        for (int i = 0; i < unsigned.size(); i++) {
            sealed.add(unsigned.get(i).withBatch(Optional.of(proofs.get(i))).withSignature(signature));
        }
        return List.copyOf(sealed);
    }

    public Party self() {
        return self;
    }
}
