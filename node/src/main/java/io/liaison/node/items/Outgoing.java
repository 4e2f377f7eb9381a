package io.liaison.node.items;

import io.liaison.core.decision.Decision;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decision on releasing an item to a party, and, when it allows the release, what travels: the
 * originator label unchanged (R1), this node's own marking, the content, and the chain of holders so
 * far. {@code toString} never shows the content.
 */
public record Outgoing(Decision decision, Optional<Payload> payload) {
    /** What a release carries. */
    public record Payload(String itemId, String originItem, String title, String text, List<Attachment> attachments, Party originator,
            Set<Party> originators, SecurityLabel originatorLabel, SecurityLabel senderLabel, Set<Purpose> purposes,
            boolean privateRights, List<Party> chain) {
        public Payload {
            attachments = List.copyOf(attachments);
            originators = Set.copyOf(originators);
            purposes = Set.copyOf(purposes);
            chain = List.copyOf(chain);
        }

        @Override
        public String toString() {
            return "Payload[item=" + itemId + ", originator=" + originator + ", classification="
                    + originatorLabel.classification() + ", text=" + text.length() + " chars]";
        }
    }
}
