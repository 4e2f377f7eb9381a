package io.liaison.node.search;

import io.liaison.core.access.Clearance;
import io.liaison.core.party.Purpose;
import java.util.Objects;
import java.util.Set;

/**
 * Who is searching (R9): the user's clearance in the node's policy, the purposes of his duty assignments
 * (official need), and whether his entry in the facility register is active.
 */
public record SearchFilter(Clearance clearance, Set<Purpose> duties, boolean facilityActive) {
    public SearchFilter {
        Objects.requireNonNull(clearance, "search filter has no clearance");
        duties = Set.copyOf(duties);
    }
}
