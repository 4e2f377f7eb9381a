package io.liaison.core.decision;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What can be decided: reading an item, releasing it, releasing a received item onward, sending traffic that is
 * not an item, and reading a labelled record that is not an item.
 */
public sealed interface DecisionRequest {

    /**
     * A reader asks to read an item for a stated purpose (R7, R9), at a time: a visitor's read is allowed only on the
     * days of the visit (R28), so a visitor's read at no known time is refused.
     */
    record Read(Reader reader, ItemFacts item, Purpose purpose, Optional<Instant> at) implements DecisionRequest {
        public Read {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(at, "at");
        }

        /** A read at a time the decision does not need (no visitor). */
        public Read(Reader reader, ItemFacts item, Purpose purpose) {
            this(reader, item, purpose, Optional.empty());
        }

        public Read(Reader reader, ItemFacts item, Purpose purpose, Instant at) {
            this(reader, item, purpose, Optional.of(at));
        }
    }

    /** The originator releases its own item to a party under an agreement at a time (R2, R5, R7, R8, R18, R20, R21). */
    record Release(ItemFacts item, Party from, Party to, Purpose purpose, AgreementId agreementId, Instant at)
            implements DecisionRequest {
        public Release {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(agreementId, "agreement");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A holder passes a received item on to a third party, which needs the originator's consent (R6, R22). */
    record OnwardRelease(ItemFacts item, Party holder, Party to, Purpose purpose, AgreementId agreementId, Instant at,
            List<Consent> consents) implements DecisionRequest {
        public OnwardRelease {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(agreementId, "agreement");
            Objects.requireNonNull(at, "at");
            consents = List.copyOf(consents);
        }
    }

    /** Traffic that is not an item (a hotline message, a track update) from one party to another (R2, R18, R27). */
    record Traffic(AgreementId agreementId, Party from, Party to, io.liaison.core.label.SecurityLabel label, Instant at)
            implements DecisionRequest {
        public Traffic {
            Objects.requireNonNull(agreementId, "agreement");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A maritime picture (surface contacts) shared with another party under an agreement for a purpose, such as
     * anti-piracy or sanctions enforcement (R33): the agreement's channel as for traffic, and the purpose within its
     * scope (R20).
     */
    record MaritimeShare(AgreementId agreementId, Party from, Party to, io.liaison.core.label.SecurityLabel label,
            io.liaison.core.party.Purpose purpose, Instant at) implements DecisionRequest {
        public MaritimeShare {
            Objects.requireNonNull(agreementId, "agreement");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A reader asks to read a labelled record that is not an item, such as a hotline message (R9);
     * {@code officialNeed}: the module that owns the record found a duty that needs it (the line's duty officer).
     * {@code what} names the record in the decision's sentence.
     */
    record ReadLabelled(Reader reader, io.liaison.core.label.SecurityLabel label, boolean officialNeed, String what)
            implements DecisionRequest {
        public ReadLabelled {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(what, "what");
        }
    }
}
