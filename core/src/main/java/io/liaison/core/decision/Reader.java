package io.liaison.core.decision;

import io.liaison.core.access.Clearance;
import io.liaison.core.party.Purpose;
import java.util.Objects;
import java.util.Set;

/**
 * A person asking to read: the clearance (in the reader's own policy), the purposes of the duties
 * assigned, and whether the facility register entry is active. Rank and role are deliberately absent:
 * they never grant access (R9).
 */
public record Reader(String id, Clearance clearance, Set<Purpose> duties, boolean facilityActive) {
    public Reader {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("reader has no id");
        }
        Objects.requireNonNull(clearance, "reader " + id + " has no clearance");
        duties = Set.copyOf(duties);
    }
}
