package io.liaison.federation.release;

import io.liaison.catalog.json.Json;
import io.liaison.node.audit.SignedHead;
import java.util.List;

/**
 * The body of a RECEIPTS envelope: the receipts of consecutive envelopes of one batch, in their order, each as a
 * RECEIPT's body without its head, and the receiver's last signed audit tree head once for all of them ({@code head},
 * absent while its log has none). The sender reads each receipt as if it had come alone, with that head.
 */
public record Receipts(List<Receipt> receipts, SignedHead head) {
    public Receipts {
        if (receipts == null || receipts.size() < 2) {
            throw new IllegalArgumentException("a RECEIPTS holds at least two receipts; one goes alone as a RECEIPT");
        }
        receipts = List.copyOf(receipts);
    }

    public byte[] toJson() {
        return Json.compactBytes(this);
    }
}
