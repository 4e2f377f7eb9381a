package io.liaison.node.exercises;

import io.liaison.node.visits.Visit;
import java.util.Objects;
import java.util.Optional;

/** A nominated observer of an exercise: the visit (R28) and, once replaced, the visit that replaced it. */
public record Observer(String exerciseId, Visit visit, Optional<String> replacedBy) {
    public Observer {
        Objects.requireNonNull(exerciseId, "exerciseId");
        Objects.requireNonNull(visit, "visit");
        Objects.requireNonNull(replacedBy, "replacedBy");
    }

    /** NOMINATED, APPROVED or REFUSED by the host as the visit stands, or REPLACED. */
    public String standing() {
        return replacedBy.isPresent() ? "REPLACED" : visit.status() == Visit.Status.REQUESTED ? "NOMINATED"
                : visit.status().name();
    }
}
