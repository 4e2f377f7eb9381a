package io.liaison.node.items;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.util.List;
import java.util.Set;

/**
 * An item received from a peer, verified and translated by federation: the originator label unchanged
 * and this node's equivalent label (R3), where it came from and under which agreement, and the chain of
 * holders before this node, and the steps it took to get here ({@code hops}, the last one to this node; empty from a
 * sender that does not keep them). {@code toString} never shows the content.
 */
public record Incoming(String title, String text, List<Attachment> attachments, Party originator,
        Set<Party> originators, SecurityLabel originatorLabel, SecurityLabel nodeLabel, String marking,
        Set<Purpose> purposes, boolean privateRights, Party from, AgreementId agreement, String envelopeId,
        String sourceItem, String originItem, List<Party> chain, List<Hop> hops) {
    public Incoming {
        hops = List.copyOf(hops);
        attachments = List.copyOf(attachments);
        originators = Set.copyOf(originators);
        purposes = Set.copyOf(purposes);
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        return "Incoming[from=" + from + ", envelope=" + envelopeId + ", marking=" + marking + "]";
    }
}
