package io.liaison.node.items;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step a released item took: from one party to the next, under an agreement, when; an onward step names the
 * originator's prior written consent that allowed it (R6, R22) and when that consent was recorded.
 */
public record Hop(Party from, Party to, AgreementId agreement, Instant at, Optional<String> consent,
        Optional<Instant> consentRecordedAt) {
    public Hop {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(consentRecordedAt, "consentRecordedAt");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a step from " + from + " to itself");
        }
        if (consent.filter(c -> c.isBlank() || c.length() > 200).isPresent()) {
            throw new IllegalArgumentException("a consent reference is 1 to 200 characters");
        }
    }

    /** As people read it: {@code USA → KOR under tisa-2014 on 2016-12-02, with consent c-… (recorded 2016-12-01)}. */
    public String written() {
        return from + " → " + to + " under " + agreement + " on " + at.toString().substring(0, 10)
                + consent.map(c -> ", with the originator's consent " + c + consentRecordedAt.map(t -> " (recorded "
                + t.toString().substring(0, 10) + ")").orElse("")).orElse("");
    }
}
