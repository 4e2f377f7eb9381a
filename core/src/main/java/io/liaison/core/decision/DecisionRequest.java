package io.liaison.core.decision;

import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What can be decided: reading an item, releasing it, and releasing a received item onward. */
public sealed interface DecisionRequest {

    /** A reader asks to read an item for a stated purpose (R7, R9). */
    record Read(Reader reader, ItemFacts item, Purpose purpose) implements DecisionRequest {
        public Read {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(purpose, "purpose");
        }
    }

    /** The originator releases its own item to a party under an agreement at a time (R2, R5, R7, R8, R18, R20, R21). */
    record Release(ItemFacts item, Party from, Party to, Purpose purpose, String agreementId, Instant at)
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
    record OnwardRelease(ItemFacts item, Party holder, Party to, Purpose purpose, String agreementId, Instant at,
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
}
