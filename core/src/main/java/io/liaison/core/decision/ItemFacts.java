package io.liaison.core.decision;

import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a decision needs to know of an item (R1): its id, originator and originator label, the label the
 * current holder marked it with on receipt, the purposes it was provided for, written approvals for
 * other purposes (R7), whether it carries private rights (R8), and the chain of holders so far.
 * Completeness is judged by the decision, which refuses an incomplete item with reason R1.
 */
public record ItemFacts(
        String id,
        Party originator,
        SecurityLabel originatorLabel,
        Optional<SecurityLabel> heldLabel,
        Set<Purpose> purposes,
        Set<Purpose> approvedPurposes,
        boolean privateRights,
        List<Party> chain) {
    public ItemFacts {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("item has no id");
        }
        Objects.requireNonNull(originator, "item " + id + " has no originator");
        Objects.requireNonNull(originatorLabel, "item " + id + " has no originator label");
        Objects.requireNonNull(heldLabel, "heldLabel");
        purposes = Set.copyOf(purposes);
        approvedPurposes = Set.copyOf(approvedPurposes);
        chain = List.copyOf(chain);
    }

    /** An item at its originator. */
    public static ItemFacts original(String id, Party originator, SecurityLabel label, Set<Purpose> purposes) {
        return new ItemFacts(id, originator, label, Optional.empty(), purposes, Set.of(), false, List.of(originator));
    }
}
