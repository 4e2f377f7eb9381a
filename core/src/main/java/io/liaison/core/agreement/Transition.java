package io.liaison.core.agreement;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A line of an agreement's timeline: a change of state, or a renewal (state unchanged), with its cause.
 *
 * @param renewal true for an automatic renewal on an anniversary, which leaves the state as it was
 */
public record Transition(LocalDate date, AgreementState state, boolean renewal, String cause,
        Optional<AgreementEvent> event) {
    public Transition {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(event, "event");
    }
}
