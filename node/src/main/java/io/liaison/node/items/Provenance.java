package io.liaison.node.items;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a received item came from (R1, R3, R22): the party that sent it, the agreement it came under, the
 * sender's id for it and the originator's own id, the chain of parties it passed (the originator first, this node
 * last), the marking it was given here, the envelope that carried it and when it arrived, and each step it took with
 * the consent that allowed an onward one ({@code hops}; empty for an item received before steps were kept).
 */
public record Provenance(Party from, AgreementId agreement, String sourceItem, String originItem, List<Party> chain,
        String marking, String envelopeId, Instant receivedAt, List<Hop> hops) {
    public Provenance {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(sourceItem, "sourceItem");
        Objects.requireNonNull(originItem, "originItem");
        chain = List.copyOf(chain);
        Objects.requireNonNull(marking, "marking");
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        hops = List.copyOf(hops);
    }

    /** The chain as people read it, e.g. {@code JPN > USA > KOR}. */
    public String chainWritten() {
        return String.join(" > ", chain.stream().map(Party::code).toList());
    }
}
