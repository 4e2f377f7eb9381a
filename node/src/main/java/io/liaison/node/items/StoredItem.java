package io.liaison.node.items;

import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.util.List;
import java.util.Set;

/** A row of the items table, labels parsed; the content stays sealed and its key stays in {@link ItemKeys}. */
record StoredItem(String id, String title, Party originator, Set<Party> originators, SecurityLabel originatorLabel,
        SecurityLabel nodeLabel, Set<Purpose> purposes, boolean privateRights, String kind, byte[] ciphertext,
        String contentDigest, String signature, String status, String createdBy, long createdAt, List<String> sources) {

    /** No readable copy is left here: destroyed, or returned to its originator (R13). */
    boolean destroyed() {
        return !status.equals("ACTIVE");
    }
}
