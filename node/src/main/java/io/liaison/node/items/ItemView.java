package io.liaison.node.items;

import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An item as a reader sees it after the decision allowed it: metadata, both labels, the marking, the decrypted
 * content (empty for a destroyed item), and for a received item where it came from (R3, R22).
 */
public record ItemView(String id, String title, Party originator, Set<Party> originators, SecurityLabel originatorLabel,
        SecurityLabel nodeLabel, String marking, Set<Purpose> purposes, boolean privateRights, String kind,
        List<String> sources, String status, String createdBy, Instant createdAt, Optional<String> text,
        List<Attachment> attachments, Optional<Provenance> provenance) {
    public ItemView {
        originators = Set.copyOf(originators);
        purposes = Set.copyOf(purposes);
        sources = List.copyOf(sources);
        attachments = List.copyOf(attachments);
    }
}
