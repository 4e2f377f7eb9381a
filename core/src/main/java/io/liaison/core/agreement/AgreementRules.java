package io.liaison.core.agreement;

import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The handling rules of an agreement.
 *
 * @param originatorConsent third-party release needs the originator's prior written consent (R6)
 * @param purposeLimitation items are used only for the purposes provided (R7)
 * @param scope when not empty, only items whose purposes all lie in it are admitted (R20)
 * @param hub for a relay arrangement, the party all traffic goes through (R21, R22)
 */
public record AgreementRules(boolean originatorConsent, boolean purposeLimitation, Set<Purpose> scope,
        Optional<Party> hub) {
    public AgreementRules {
        scope = Set.copyOf(scope);
        Objects.requireNonNull(hub, "hub");
    }
}
