package io.liaison.core.contractor;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A reader who is a person of a contractor facility (R29): the facility, the highest level its recorded assessment
 * says it can protect (empty: no assessment), and the day the person was briefed on their responsibilities (empty:
 * not briefed). Without the assessment, within its level, and the briefing, nothing classified is readable, whatever
 * the person's rank or role.
 */
public record ContractorTerms(String facility, Optional<String> assessedLevel, Optional<LocalDate> briefedOn) {
    public ContractorTerms {
        if (facility == null || facility.isBlank()) {
            throw new IllegalArgumentException("contractor terms without a facility");
        }
        Objects.requireNonNull(assessedLevel, "assessedLevel");
        Objects.requireNonNull(briefedOn, "briefedOn");
    }
}
