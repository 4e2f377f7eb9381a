package io.liaison.node.approvals;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request that waits for a second security officer: what is asked ({@code kind}, {@code subject}, a sentence for
 * people, and the payload its action carries out), who asked and when, and how it was decided.
 */
public record Approval(String id, String kind, String subject, String summary, String payload, String requestedBy,
        Instant requestedAt, Status status, Optional<String> decidedBy, Optional<Instant> decidedAt,
        Optional<String> reason) {
    /** PENDING until a second officer approves it (then APPLIED) or someone denies it. */
    public enum Status { PENDING, APPLIED, DENIED }

    public Approval {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(payload, "payload");
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

    /** The payload is what the action needs, not for logs. */
    @Override
    public String toString() {
        return "Approval[" + id + ", " + kind + " " + subject + ", " + status + "]";
    }
}
