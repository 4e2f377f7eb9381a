package io.liaison.core.translation;

import io.liaison.core.agreement.Equivalence;
import io.liaison.core.decision.Decision;
import io.liaison.core.label.SecurityLabel;
import java.util.Objects;

/** The outcome of translating a label for a receiving party: a marking, or a refusal with its reason. */
public sealed interface Translation {

    /**
     * The receiver's marking (R3). {@code equivalent} is the alternative label in the receiver's policy;
     * {@code marking} reads like {@code JPN / 군사Ⅱ급비밀}; the originator label is kept unchanged. {@code row} is the
     * agreement's row for the level (for a translation through equivalent policies, the row that translation made);
     * {@code basis} says which applied, for the auditor: the agreement's table, or the equivalence the originator's
     * SPIF declares with the receiver's policy.
     */
    record Marked(SecurityLabel originatorLabel, SecurityLabel equivalent, String marking, Equivalence row,
            String basis) implements Translation {
        public Marked {
            Objects.requireNonNull(originatorLabel, "originatorLabel");
            Objects.requireNonNull(equivalent, "equivalent");
            Objects.requireNonNull(marking, "marking");
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(basis, "basis");
        }
    }

    /** The translation is refused; the decision says why. */
    record Refused(Decision decision) implements Translation {
        public Refused {
            Objects.requireNonNull(decision, "decision");
        }
    }
}
