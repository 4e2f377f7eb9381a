package io.liaison.federation.envelope;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.party.Party;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An envelope that passed every check of {@link EnvelopeVerifier}: only the verifier constructs one, and
 * handlers accept nothing else. It records the agreement state it was admitted in.
 */
public final class VerifiedEnvelope {
    private final Envelope envelope;
    private final String signerSubject;
    private final Optional<AgreementState> agreementState;
    private final Instant verifiedAt;

    VerifiedEnvelope(Envelope envelope, String signerSubject, Optional<AgreementState> agreementState,
            Instant verifiedAt) {
        this.envelope = envelope;
        this.signerSubject = signerSubject;
        this.agreementState = agreementState;
        this.verifiedAt = verifiedAt;
    }

    public UUID id() {
        return envelope.id();
    }

    public EnvelopeType type() {
        return envelope.type();
    }

    public Party from() {
        return envelope.from();
    }

    public AgreementId agreement() {
        return envelope.agreement();
    }

    public byte[] body() {
        return envelope.body();
    }

    public Envelope envelope() {
        return envelope;
    }

    /** The subject of the certificate that signed it, e.g. {@code CN=jpn-node signing,O=JPN}. */
    public String signerSubject() {
        return signerSubject;
    }

    public Optional<AgreementState> agreementState() {
        return agreementState;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }

    @Override
    public String toString() {
        return "Verified" + envelope;
    }
}
