package io.liaison.federation.envelope;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.party.Party;
import java.time.LocalDate;
import java.util.Optional;

/** What the verifier needs to know of agreements: who is party to one, and its state on a day. */
public interface AgreementStates {
    /** Whether {@code agreement} exists and both parties are members. */
    boolean joins(AgreementId agreement, Party a, Party b);

    /** The agreement's state on {@code day}; empty before it was proposed. */
    Optional<AgreementState> stateOn(AgreementId agreement, LocalDate day);

    /** The agreements of the catalog, with the states their dated events give. */
    static AgreementStates of(Catalog catalog) {
        return of(() -> catalog);
    }

    /** The agreements of whatever catalog {@code catalogs} gives at the time of each check. */
    static AgreementStates of(java.util.function.Supplier<Catalog> catalogs) {
        return new AgreementStates() {
            @Override
            public boolean joins(AgreementId agreement, Party a, Party b) {
                return catalogs.get().agreement(agreement).map(x -> x.isParty(a) && x.isParty(b)).orElse(false);
            }

            @Override
            public Optional<AgreementState> stateOn(AgreementId agreement, LocalDate day) {
                Catalog c = catalogs.get();
                return c.agreement(agreement).isEmpty() ? Optional.empty() : c.lifecycle(agreement).stateOn(day);
            }
        };
    }
}
