package io.liaison.core.visit;

import io.liaison.core.party.Purpose;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What the host approved for a visitor (R28): the visit, the highest level that may be disclosed (in the host's
 * policy), the visit's one purpose, and its first and last day (UTC, both included). A reader holding these terms
 * reads nothing above the level, for no other purpose, and nothing outside the days, whatever else the account
 * holds.
 */
public record VisitTerms(String visitId, String highestLevel, Purpose purpose, LocalDate from, LocalDate until) {
    public VisitTerms {
        if (visitId == null || visitId.isBlank()) {
            throw new IllegalArgumentException("visit terms without a visit");
        }
        Objects.requireNonNull(highestLevel, "highestLevel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("visit " + visitId + " ends (" + until + ") before it starts (" + from
                    + ")");
        }
    }

    /** Whether {@code at} falls on one of the visit's days (UTC). */
    public boolean covers(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return !day.isBefore(from) && !day.isAfter(until);
    }
}
