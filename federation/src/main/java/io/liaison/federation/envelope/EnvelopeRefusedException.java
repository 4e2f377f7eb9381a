package io.liaison.federation.envelope;

/** An envelope the verifier refused, with the reason to audit and to answer with. */
public final class EnvelopeRefusedException extends RuntimeException {
    private final transient Refusal refusal;

    public EnvelopeRefusedException(Refusal refusal) {
        super(refusal.code() + " (" + refusal.rule() + "): " + refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
