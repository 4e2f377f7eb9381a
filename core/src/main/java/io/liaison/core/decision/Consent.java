package io.liaison.core.decision;

import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The originator's prior written consent to pass one item to one third party for one purpose (R6, R22),
 * as recorded: when, until when, whether revoked, and the reference of the writing.
 */
public record Consent(String itemId, Party originator, Party grantedTo, Purpose purpose, Instant recordedAt,
        Optional<Instant> expiresAt, Optional<Instant> revokedAt, String reference) {
    public Consent {
        if (itemId == null || itemId.isBlank()) {
            throw new IllegalArgumentException("consent names no item");
        }
        Objects.requireNonNull(originator, "originator");
        Objects.requireNonNull(grantedTo, "grantedTo");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("consent for item " + itemId + " has no written reference");
        }
    }
}
