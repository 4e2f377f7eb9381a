package io.liaison.federation.release;

import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.User;
import io.liaison.node.items.Items;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Changes that must reach every holder (R12): a reclassification by the originator is applied here and,
 * in the same transaction, queued for every party this node passed the item (or a copy of it) to; each
 * holder applies it to its copies and passes it on to the parties it passed the item to, so holders of
 * relayed copies hear of it too. Each holder confirms with its signed receipt.
 */
public final class Propagation {
    private final Jdbi jdbi;
    private final Items items;
    private final Outbox outbox;

    public Propagation(Jdbi jdbi, Items items, Outbox outbox) {
        this.jdbi = jdbi;
        this.items = items;
        this.outbox = outbox;
    }

    /** The originator's reclassification of its item and copies, with the notices to every holder. */
    public List<String> reclassify(User officer, String itemId, String newLevel, String reason) {
        return items.reclassify(officer, itemId, newLevel, reason, (h, changed) -> notifyHolders(h, changed, reason,
                officer.name()));
    }

    /**
     * The originator recalls its item (R12): every holder destroys its copy, passes the recall on to the
     * parties it passed the item to, and sends its destruction certificate back (R13).
     */
    public int recall(User officer, String itemId, String reason) {
        io.liaison.node.accounts.Accounts.requireRole(officer, java.util.Set.of(io.liaison.node.accounts.Role.SECURITY_OFFICER));
        var item = items.read(officer, itemId, java.util.Optional.empty());
        if (!items.originItem(itemId).equals(itemId) || item.kind().equals("received")) {
            throw new io.liaison.core.error.ForbiddenException("NOT_ORIGINATOR", "item " + itemId + " was received; only "
                    + "its originator " + item.originator() + " recalls it (R12)");
        }
        int[] sent = {0};
        jdbi.useTransaction(h -> {
            sent[0] = forwardRecall(h, itemId, reason, officer.name());
            items.custodyInTransaction(h, itemId, "recalled from " + sent[0] + " holder(s): " + reason, officer.name(),
                    "registry");
        });
        return sent[0];
    }

    /** Queues a RECALL of {@code itemId} to every party it was released to, in the caller's transaction. */
    int forwardRecall(Handle h, String itemId, String reason, String by) {
        List<Map<String, Object>> holders = h.createQuery("SELECT DISTINCT to_party, agreement FROM released_items "
                + "WHERE item_id = :i").bind("i", itemId).mapToMap().list();
        for (Map<String, Object> holder : holders) {
            outbox.enqueue(h, Party.of((String) holder.get("to_party")), EnvelopeType.RECALL,
                    (String) holder.get("agreement"), new ChangeMessage(itemId, null, null, reason, by).toJson());
        }
        return holders.size();
    }

    /** Queues a RECLASSIFICATION to every party each changed item was released to, in the caller's transaction. */
    void notifyHolders(Handle h, List<Items.Relabelled> changed, String reason, String by) {
        for (Items.Relabelled c : changed) {
            List<Map<String, Object>> holders = h.createQuery("SELECT DISTINCT to_party, agreement FROM released_items "
                    + "WHERE item_id = :i").bind("i", c.id()).mapToMap().list();
            for (Map<String, Object> holder : holders) {
                outbox.enqueue(h, Party.of((String) holder.get("to_party")), EnvelopeType.RECLASSIFICATION,
                        (String) holder.get("agreement"), new ChangeMessage(c.id(),
                                LabelXml.write(c.originatorLabel(), LabelRole.ORIGINATOR),
                                LabelXml.write(c.nodeLabel(), LabelRole.ALTERNATIVE), reason, by).toJson());
            }
        }
    }

    /** Records, in the caller's transaction, that an item went to a party, so that changes follow it. */
    static void released(Handle h, String itemId, Party to, String agreement, String envelope, long now) {
        h.createUpdate("INSERT INTO released_items (item_id, to_party, agreement, envelope_id, released_at) "
                        + "VALUES (:i, :t, :a, :e, :at)").bind("i", itemId).bind("t", to.code()).bind("a", agreement)
                .bind("e", envelope).bind("at", now).execute();
    }
}
