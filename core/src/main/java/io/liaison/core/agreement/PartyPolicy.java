package io.liaison.core.agreement;

import io.liaison.core.party.Party;
import java.util.Objects;

/** A party to an agreement and the id of the policy its levels are written in. */
public record PartyPolicy(Party party, String policyId) {
    public PartyPolicy {
        Objects.requireNonNull(party, "party");
        if (policyId == null || policyId.isBlank()) {
            throw new IllegalArgumentException("party " + party + " has no policy");
        }
    }
}
