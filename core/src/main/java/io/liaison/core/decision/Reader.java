package io.liaison.core.decision;

import io.liaison.core.access.Clearance;
import io.liaison.core.party.Purpose;
import io.liaison.core.visit.VisitTerms;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A person asking to read: the clearance (in the reader's own policy), the purposes of the duties
 * assigned, whether the facility register entry is active, and for a visitor the terms the host approved (R28).
 * Rank and role are deliberately absent: they never grant access (R9).
 */
public record Reader(String id, Clearance clearance, Set<Purpose> duties, boolean facilityActive,
        Optional<VisitTerms> visit) {
    public Reader {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("reader has no id");
        }
        Objects.requireNonNull(clearance, "reader " + id + " has no clearance");
        duties = Set.copyOf(duties);
        Objects.requireNonNull(visit, "visit");
    }

    /** A reader of the party's own staff, not a visitor. */
    public Reader(String id, Clearance clearance, Set<Purpose> duties, boolean facilityActive) {
        this(id, clearance, duties, facilityActive, Optional.empty());
    }
}
