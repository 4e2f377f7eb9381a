package io.liaison.node.items;

import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A row of the items table with its provenance, labels parsed; not yet checked against the node's signature (see
 * {@link ItemIntegrity}). The content stays sealed in the table and its key in {@link ItemKeys}.
 */
record StoredItem(String id, String title, Party originator, Set<Party> originators, SecurityLabel originatorLabel,
        SecurityLabel nodeLabel, Set<Purpose> purposes, boolean privateRights, String kind, String contentDigest,
        String signature, String status, String createdBy, long createdAt, List<String> sources,
        Optional<Provenance> provenance) {
    static final String ACTIVE = "ACTIVE";
    static final String DECOY = "DECOY";

    StoredItem {
        originators = Set.copyOf(originators);
        purposes = Set.copyOf(purposes);
        sources = List.copyOf(sources);
    }

    /** No readable copy is left here: destroyed, or returned to its originator (R13). */
    boolean destroyed() {
        return !status.equals(ACTIVE);
    }

    StoredItem signed(String newSignature) {
        return new StoredItem(id, title, originator, originators, originatorLabel, nodeLabel, purposes, privateRights, kind,
                contentDigest, newSignature, status, createdBy, createdAt, sources, provenance);
    }

    StoredItem relabelled(SecurityLabel newOriginatorLabel, SecurityLabel newNodeLabel) {
        return new StoredItem(id, title, originator, originators, newOriginatorLabel, newNodeLabel, purposes,
                privateRights, kind, contentDigest, "", status, createdBy, createdAt, sources, provenance);
    }

    StoredItem withStatus(String newStatus) {
        return new StoredItem(id, title, originator, originators, originatorLabel, nodeLabel, purposes, privateRights, kind,
                contentDigest, "", newStatus, createdBy, createdAt, sources, provenance);
    }
}
