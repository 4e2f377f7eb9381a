package io.liaison.core.agreement;

import io.liaison.core.party.Party;
import java.time.LocalDate;
import java.util.Objects;

/** A dated lifecycle event, by a party, with a note for the record. */
public record AgreementEvent(LocalDate date, EventType type, Party by, String note) {
    public AgreementEvent {
        Objects.requireNonNull(date, "event date");
        Objects.requireNonNull(type, "event type");
        Objects.requireNonNull(by, "event party");
        note = note == null ? "" : note;
    }
}
