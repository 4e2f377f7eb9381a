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

    /** A version number as a caller types it ({@code ?version=}): none when blank, else 0 to 9999. */
    public static Optional<Integer> number(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (!text.matches("[0-9]{1,4}")) {
            throw new io.liaison.core.error.InvalidInputException("VERSION_INVALID", "version " + (text.length() > 16
                    ? text.substring(0, 16) + "…" : text) + " is not a whole number from 0 to 9999");
        }
        return Optional.of(Integer.parseInt(text));
    }
}
