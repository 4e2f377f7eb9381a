package io.liaison.node.aircraft;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.aircraft.AircraftRequest;
import io.liaison.core.party.Party;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A diplomatic clearance for a cross-border visit of a military aircraft (R31) and where it stands: who asked whom,
 * the request, and the host's answer. A GRANTED or AMENDED clearance holds for the times it states (the amended ones
 * when amended) until it expires; {@code alarmAt} is when the missing answer was raised as an alarm.
 */
public record Clearance(String id, Side side, Party requester, Party host, AgreementId agreement,
        AircraftRequest request, String requestedBy, Instant requestedAt, Status status, Optional<String> conditions,
        Optional<Instant> expiresAt, Optional<String> answer, Optional<String> answeredBy, Optional<Instant> answeredAt,
        Optional<Instant> alarmAt) {

    /** Whether this node asked for the clearance or is the host. */
    public enum Side { SENT, RECEIVED }

    /** REQUESTED until the host grants, grants with amended times, or refuses. */
    public enum Status { REQUESTED, GRANTED, AMENDED, REFUSED }

    public Clearance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(answeredAt, "answeredAt");
        Objects.requireNonNull(alarmAt, "alarmAt");
    }

    /** Whether a flight entering at {@code point} at {@code at} is covered by this clearance. */
    public boolean covers(String callSign, String point, Instant at) {
        return (status == Status.GRANTED || status == Status.AMENDED) && request.callSign().equals(callSign)
                && request.entryPoint().equals(point) && !at.isBefore(request.entryAt())
                && !at.isAfter(request.exitAt()) && expiresAt.map(at::isBefore).orElse(true);
    }
}
