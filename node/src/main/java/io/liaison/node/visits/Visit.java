package io.liaison.node.visits;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.visit.VisitKind;
import io.liaison.core.visit.VisitTerms;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A visit request (R28) and where it stands: who asked whom under which agreement, the visitor, the visitor's
 * nationality and the clearance the sending party assures (in the sending party's policy), the facility, the days
 * (UTC, both included) and the purpose; then the host's answer: the highest level that may be disclosed (in the
 * host's policy), or the reason it refused. {@code side} says whether this node asked (SENT) or hosts (RECEIVED).
 */
public record Visit(String id, Side side, Party requester, Party host, AgreementId agreement, VisitKind kind,
        String visitor, Party nationality, String assuredClearance, String facility, LocalDate from, LocalDate until,
        Purpose purpose, String requestedBy, Instant requestedAt, Status status, Optional<String> highestLevel,
        Optional<String> answer, Optional<String> answeredBy, Optional<Instant> answeredAt, Optional<String> account) {

    /** Whether this node asked for the visit or hosts it. */
    public enum Side { SENT, RECEIVED }

    /** REQUESTED until the host approves or refuses. */
    public enum Status { REQUESTED, APPROVED, REFUSED }

    public Visit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(nationality, "nationality");
        Objects.requireNonNull(assuredClearance, "assuredClearance");
        Objects.requireNonNull(facility, "facility");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(highestLevel, "highestLevel");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(answeredAt, "answeredAt");
        Objects.requireNonNull(account, "account");
    }

    /** What a visitor account of this approved visit reads under (R28). */
    public Optional<VisitTerms> terms() {
        return status == Status.APPROVED ? highestLevel.map(level -> new VisitTerms(id, level, purpose, from, until))
                : Optional.empty();
    }

    /** A line for people: {@code JPN asks KOR: visit of Sato Kenji (JPN, 機密) to … from … to …}. */
    public String summary() {
        return requester + " asks " + host + ": " + kind.written() + " of " + visitor + " (" + nationality + ", "
                + assuredClearance + ") to " + facility + " from " + from + " to " + until + " for " + purpose;
    }

    /** A visitor's name is personal data: kept out of logs. */
    @Override
    public String toString() {
        return "Visit[" + id + ", " + requester + " > " + host + ", " + status + "]";
    }
}
