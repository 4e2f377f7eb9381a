package io.liaison.node.policies;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A version of a policy on this node: 0 is the shipped catalog's file; each import is the next number. STAGED until a
 * second security officer approves it, then ACTIVE; the ACTIVE version with the highest number is in force.
 */
public record PolicyVersion(String policy, int version, String name, String owner, String digest, State state,
        Optional<String> approval, Optional<String> stagedBy, Optional<Instant> stagedAt, Optional<String> approvedBy,
        Optional<Instant> activeFrom) {
    /** Where a version stands. */
    public enum State { SHIPPED, STAGED, ACTIVE }

    public PolicyVersion {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(stagedBy, "stagedBy");
        Objects.requireNonNull(stagedAt, "stagedAt");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(activeFrom, "activeFrom");
    }
}
