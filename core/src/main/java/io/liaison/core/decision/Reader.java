package io.liaison.core.decision;

import io.liaison.core.access.Clearance;
import io.liaison.core.party.Purpose;
import io.liaison.core.visit.VisitTerms;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A person asking to read: the clearance (in the reader's own policy), the purposes of the duties
 * assigned, whether the facility register entry is active, for a visitor the terms the host approved (R28), and
 * for a contractor's person the facility's assessment and the person's briefing (R29).
 * Rank and role are deliberately absent: they never grant access (R9).
 */
public record Reader(String id, Clearance clearance, Set<Purpose> duties, boolean facilityActive,
        Optional<VisitTerms> visit, Optional<io.liaison.core.contractor.ContractorTerms> contractor) {
    public Reader {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("reader has no id");
        }
        Objects.requireNonNull(clearance, "reader " + id + " has no clearance");
        duties = Set.copyOf(duties);
        Objects.requireNonNull(visit, "visit");
        Objects.requireNonNull(contractor, "contractor");
    }

    /** A reader who may be a visitor, not a contractor's person. */
    public Reader(String id, Clearance clearance, Set<Purpose> duties, boolean facilityActive,
            Optional<VisitTerms> visit) {
        this(id, clearance, duties, facilityActive, visit, Optional.empty());
    }

    /** A reader of the party's own staff, not a visitor. */
    public Reader(String id, Clearance clearance, Set<Purpose> duties, boolean facilityActive) {
        this(id, clearance, duties, facilityActive, Optional.empty());
    }
}
