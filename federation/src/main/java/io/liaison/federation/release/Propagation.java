package io.liaison.federation.release;

import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.Items;
import io.liaison.node.items.Reclassification;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Changes that must reach every holder (R12): a reclassification by the originator is applied here and, in the same
 * transaction, queued for every party this node passed the item (or a copy of it) to; each holder applies it to its
 * copies and passes it on to the parties it passed the item to, so holders of relayed copies hear of it too. Each
 * holder confirms with its signed receipt. The released_items table is this class's own record of who holds what.
 */
public final class Propagation {
    private final Database database;
    private final Items items;
    private final Outbox outbox;

    public Propagation(Database database, Items items, Outbox outbox) {
        this.database = database;
        this.items = items;
        this.outbox = outbox;
    }

    /** The originator's reclassification of its item and copies, with the notices to every holder. */
    public List<String> reclassify(User officer, String itemId, String newLevel, String reason) {
        return items.reclassification().reclassify(officer, itemId, newLevel, reason, (tx, changed) -> notifyHolders(tx,
                changed, reason, officer.name()));
    }

    /**
     * The originator recalls its item (R12): every holder destroys its copy, passes the recall on to the parties it
     * passed the item to, and sends its destruction certificate back (R13).
     */
    public int recall(User officer, String itemId, String reason) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        ItemView item = items.read(officer, itemId, Optional.empty());
        if (item.provenance().isPresent() || item.kind().equals("received")) {
            throw new ForbiddenException("NOT_ORIGINATOR", "item " + itemId + " was received; only its originator "
                    + item.originator() + " recalls it (R12)");
        }
        int[] sent = {0};
        database.useTransaction(tx -> {
            sent[0] = forwardRecall(tx, itemId, reason, officer.name());
            items.exchange().custody(tx, itemId, "recalled from " + sent[0] + " holder(s): " + reason, officer.name(),
                    "registry");
        });
        return sent[0];
    }

    /** Queues a RECALL of {@code itemId} to every party it was released to, in the caller's transaction. */
    int forwardRecall(Tx tx, String itemId, String reason, String by) {
        List<Map<String, Object>> holders = holders(tx, itemId);
        for (Map<String, Object> holder : holders) {
            outbox.enqueue(tx, Party.of((String) holder.get("to_party")), EnvelopeType.RECALL,
                    AgreementId.of((String) holder.get("agreement")), Optional.of(itemId), new ChangeMessage(itemId, null, null, reason,
                            by).toJson());
        }
        return holders.size();
    }

    /** Queues a RECLASSIFICATION to every party each changed item was released to, in the caller's transaction. */
    void notifyHolders(Tx tx, List<Reclassification.Relabelled> changed, String reason, String by) {
        for (Reclassification.Relabelled c : changed) {
            for (Map<String, Object> holder : holders(tx, c.id())) {
                outbox.enqueue(tx, Party.of((String) holder.get("to_party")), EnvelopeType.RECLASSIFICATION,
                        AgreementId.of((String) holder.get("agreement")), Optional.of(c.id()), new ChangeMessage(c.id(),
                                LabelXml.write(c.originatorLabel(), LabelRole.ORIGINATOR),
                                LabelXml.write(c.nodeLabel(), LabelRole.ALTERNATIVE), reason, by).toJson());
            }
        }
    }

    private static List<Map<String, Object>> holders(Tx tx, String itemId) {
        return tx.sql().createQuery("SELECT DISTINCT to_party, agreement FROM released_items WHERE item_id = :i")
                .bind("i", itemId).mapToMap().list();
    }

    /** Records, in the caller's transaction, that an item went to a party, so that changes follow it. */
    /** The insert that records a release, for a caller that sends it together with the release's other rows. */
    io.liaison.node.store.Jdbc.Insert releasedRow(String itemId, Party to, AgreementId agreement, String envelope, long now) {
        return io.liaison.node.store.Jdbc.Insert.of("INSERT INTO released_items (item_id, to_party, agreement, envelope_id, "
                + "released_at) VALUES (?, ?, ?, ?, ?)", itemId, to.code(), agreement.value(), envelope, now);
    }
}
