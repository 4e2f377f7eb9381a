package io.liaison.node.accounts;

import io.liaison.core.access.Clearance;
import io.liaison.core.party.Purpose;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request to give a user more: roles, duties or a clearance ({@link Kind#GRANT}), or to reinstate a
 * suspended facility register entry ({@link Kind#REINSTATE}). It takes effect only when a second security
 * officer approves it: one who neither asked for it nor receives it.
 */
public record GrantRequest(String id, String subject, Kind kind, Set<Role> roles, Set<Purpose> duties,
        Optional<Clearance> clearance, String requestedBy, Instant requestedAt, Status status,
        Optional<String> decidedBy, Optional<Instant> decidedAt, Optional<String> reason) {

    /** What is asked for. */
    public enum Kind { GRANT, REINSTATE }

    /** Where the request stands. */
    public enum Status { PENDING, APPROVED, DENIED }

    public GrantRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        roles = Set.copyOf(roles);
        duties = Set.copyOf(duties);
        Objects.requireNonNull(clearance, "clearance");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean pending() {
        return status == Status.PENDING;
    }
}
