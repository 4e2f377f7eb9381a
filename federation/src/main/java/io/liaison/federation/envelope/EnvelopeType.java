package io.liaison.federation.envelope;

import io.liaison.core.agreement.AgreementState;
import java.util.Optional;

/**
 * What an envelope carries, and in which states of its agreement a node accepts it.
 *
 * <ul>
 *   <li>{@link Admission#PROVISION}: new provision, only while the agreement allows it (R18);
 *   <li>{@link Admission#PROTECTION}: keeping what was provided protected (reclassification,
 *       recall, destruction, loss, consent), once the agreement has been in force, and forever after
 *       termination (R19);
 *   <li>{@link Admission#LIFECYCLE}: moving the agreement itself through R17, in any state; the handler
 *       checks the transition;
 *   <li>{@link Admission#LINK}: the link between two nodes (receipts, audit heads, health), under any
 *       agreement the two share: a receipt answers whatever was accepted, a proposal included. Hotline
 *       traffic is admitted as LINK too: unclassified traffic needs no agreement in force (R27), so the
 *       hotline decides classified traffic itself, with the same rules as items (R2, R18).
 * </ul>
 */
public enum EnvelopeType {
    RELEASE(Admission.PROVISION),
    RECEIPT(Admission.LINK),
    /** The receipts of several envelopes of a batch, in their order, under one signature: one answer line for a run. */
    RECEIPTS(Admission.LINK),
    CONSENT_REQUEST(Admission.PROTECTION),
    CONSENT_GRANT(Admission.PROTECTION),
    CONSENT_DENIAL(Admission.PROTECTION),
    CONSENT_REVOCATION(Admission.PROTECTION),
    RECLASSIFICATION(Admission.PROTECTION),
    RECALL(Admission.PROTECTION),
    DESTRUCTION_CERTIFICATE(Admission.PROTECTION),
    RETURN(Admission.PROTECTION),
    LOSS_REPORT(Admission.PROTECTION),
    INCIDENT_FINDINGS(Admission.PROTECTION),
    VISIT_REQUEST(Admission.PROVISION),
    VISIT_ANSWER(Admission.PROVISION),
    EXERCISE_INVITATION(Admission.PROVISION),
    AIRCRAFT_REQUEST(Admission.PROVISION),
    AIRCRAFT_ANSWER(Admission.PROVISION),
    AGREEMENT_PROPOSAL(Admission.LIFECYCLE),
    AGREEMENT_ACCEPTANCE(Admission.LIFECYCLE),
    AGREEMENT_DECLINE(Admission.LIFECYCLE),
    AGREEMENT_INITIALS(Admission.LIFECYCLE),
    AGREEMENT_SIGNATURE(Admission.LIFECYCLE),
    ENTRY_NOTIFICATION(Admission.LIFECYCLE),
    RENEWAL_CONFIRMATION(Admission.LIFECYCLE),
    TERMINATION_NOTICE(Admission.LIFECYCLE),
    NOTICE_SUSPENSION(Admission.LIFECYCLE),
    NOTICE_WITHDRAWAL(Admission.LIFECYCLE),
    NOTICE_ACTED_ON(Admission.LIFECYCLE),
    AUDIT_HEAD(Admission.LINK),
    HEALTH(Admission.LINK),
    HOTLINE_MESSAGE(Admission.LINK),
    HOTLINE_ACK(Admission.LINK),
    HOTLINE_CHECK(Admission.LINK),
    TRACK_UPDATES(Admission.LINK),
    /** Surface contacts of a maritime picture shared on a line under its agreement for a purpose (R33). */
    MARITIME_CONTACTS(Admission.LINK);

    /** The classes of message, by what they need of the agreement. */
    public enum Admission { PROVISION, PROTECTION, LIFECYCLE, LINK }

    private final Admission admission;

    EnvelopeType(Admission admission) {
        this.admission = admission;
    }

    public Admission admission() {
        return admission;
    }

    /** Hotline and track traffic, which the hotline handles rather than the inbox. */
    public boolean hotline() {
        return this == HOTLINE_MESSAGE || this == HOTLINE_ACK || this == HOTLINE_CHECK || this == TRACK_UPDATES
                || this == MARITIME_CONTACTS;
    }

    /** Whether a message of this type is accepted while its agreement is in {@code state} (empty: not yet proposed). */
    public boolean admittedIn(Optional<AgreementState> state) {
        return switch (admission) {
            case PROVISION -> state.map(AgreementState::allowsProvision).orElse(false);
            case PROTECTION -> state.map(s -> s.allowsProvision() || s == AgreementState.TERMINATED).orElse(false);
            case LIFECYCLE, LINK -> true;
        };
    }

    /** Parses a wire name, naming the accepted ones when it is not one. */
    public static Optional<EnvelopeType> parse(String name) {
        for (EnvelopeType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
