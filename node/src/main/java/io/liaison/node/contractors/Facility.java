package io.liaison.node.contractors;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** A contractor facility and, once approved, its assessment: up to which level, by whom, on which day (R29). */
public record Facility(String id, String name, String addedBy, Optional<String> assessedLevel,
        Optional<String> assessedBy, Optional<LocalDate> assessedOn, Optional<String> approvedBy) {
    public Facility {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(addedBy, "addedBy");
        Objects.requireNonNull(assessedLevel, "assessedLevel");
        Objects.requireNonNull(assessedBy, "assessedBy");
        Objects.requireNonNull(assessedOn, "assessedOn");
        Objects.requireNonNull(approvedBy, "approvedBy");
    }
}
