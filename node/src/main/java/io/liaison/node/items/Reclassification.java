package io.liaison.node.items;

import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.LabelAlgebra;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.SecurityLabel;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.store.Tx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Changing an item's level (R12): only the originating party changes it; every copy, extract and translation made
 * from it here is re-marked with its sources' combined label, transitively, and recorded. A change arriving from the
 * originator is applied the same way to a received item and its copies.
 */
public final class Reclassification {
    private final ItemStore store;
    private final ReadGate gate;

    Reclassification(ItemStore store, ReadGate gate) {
        this.store = store;
        this.gate = gate;
    }

    /** A relabelled item: its id and its labels after the change. */
    public record Relabelled(String id, SecurityLabel originatorLabel, SecurityLabel nodeLabel) {}

    /** The originating party changes an item's level; every copy made from it is re-marked and recorded. */
    public List<String> reclassify(User user, String id, String newLevel, String reason) {
        return reclassify(user, id, newLevel, reason, (tx, changed) -> { });
    }

    /**
     * As above; {@code alsoInTransaction} runs in the same transaction with every item changed (the item and its
     * copies), so that federation queues the notices to the holders with the change itself (R12).
     */
    public List<String> reclassify(User user, String id, String newLevel, String reason,
            BiConsumer<Tx, List<Relabelled>> alsoInTransaction) {
        Accounts.requireRole(user, Set.of(Role.SECURITY_OFFICER));
        StoredItem s = gate.readable(user, id, Optional.empty(), "item.read-for-reclassify", store::auditNow).item();
        if (!s.originator().equals(store.party)) {
            throw new ForbiddenException("NOT_ORIGINATOR", "item " + id + " was originated by " + s.originator()
                    + "; only the originator changes its level, and " + store.party + " applies it when it arrives (R12)");
        }
        String level = store.policy().classification(newLevel).orElseThrow(() -> new InvalidInputException("LEVEL_UNKNOWN",
                "classification " + newLevel + " is not a level of policy " + store.policy().id() + " (levels: "
                        + store.policy().levelNames() + ")")).name();
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("REASON_MISSING", "a reclassification needs a reason of 1 to 1000 characters");
        }
        return relabelWithCopies(s, s.originatorLabel().withClassification(level),
                s.nodeLabel().withClassification(level), user.name(), reason, alsoInTransaction);
    }

    /**
     * Applies the originator's reclassification to a received item and every copy made from it here (R12): the new
     * originator label and this node's new equivalent, both already checked by federation.
     */
    public List<String> applyReclassification(String id, SecurityLabel originatorLabel, SecurityLabel nodeLabel,
            String actor, String reason, BiConsumer<Tx, List<Relabelled>> alsoInTransaction) {
        StoredItem s = store.jdbi.withHandle(h -> ItemTable.find(h, id)).filter(x -> !x.status().equals(StoredItem.DECOY))
                .map(store.integrity::verify).orElseThrow(() -> ReadGate.notFound(id)).item();
        if (s.originator().equals(store.party)) {
            throw new ForbiddenException("NOT_RECEIVED", "item " + id + " was originated here; " + store.party
                    + " changes its level itself");
        }
        return relabelWithCopies(s, originatorLabel, nodeLabel, actor, reason, alsoInTransaction);
    }

    private List<String> relabelWithCopies(StoredItem s, SecurityLabel originatorLabel, SecurityLabel nodeLabel,
            String actor, String reason, BiConsumer<Tx, List<Relabelled>> alsoInTransaction) {
        String id = s.id();
        List<StoredItem> changed = new ArrayList<>();
        store.database.useTransaction(tx -> {
            long now = store.clock.millis();
            relabel(tx, s, originatorLabel, nodeLabel, id, actor, reason, now, changed);
            Deque<String> queue = new ArrayDeque<>(ItemTable.derivedFrom(tx.sql(), id));
            Set<String> seen = new LinkedHashSet<>();
            while (!queue.isEmpty()) {
                String next = queue.poll();
                if (!seen.add(next)) {
                    continue;
                }
                StoredItem copy = verified(tx, next);
                List<SecurityLabel> sourceLabels = copy.sources().stream().map(src -> verified(tx, src).nodeLabel())
                        .toList();
                SecurityLabel recombined = LabelAlgebra.combine(store.policy(), sourceLabels, store.clock.instant()).label();
                if (!recombined.classification().equals(copy.nodeLabel().classification())
                        || !recombined.categories().equals(copy.nodeLabel().categories())) {
                    relabel(tx, copy, recombined, recombined, id, actor, reason, now, changed);
                }
                queue.addAll(ItemTable.derivedFrom(tx.sql(), next));
            }
            store.faults.at("item.reclassify.done");
            alsoInTransaction.accept(tx, changed.stream().map(c -> new Relabelled(c.id(), c.originatorLabel(),
                    c.nodeLabel())).toList());
        });
        store.afterWrite(changed.stream().map(c -> store.indexed(c, store.open(store.integrity.verify(c)))).toList(),
                List.of());
        return changed.stream().map(StoredItem::id).toList();
    }

    private StoredItem verified(Tx tx, String id) {
        return store.integrity.verify(ItemTable.find(tx.sql(), id).orElseThrow(() -> ReadGate.notFound(id))).item();
    }

    private void relabel(Tx tx, StoredItem s, SecurityLabel originatorLabel, SecurityLabel nodeLabel, String cause,
            String actor, String reason, long now, List<StoredItem> changed) {
        LabelValidator.requireValid(nodeLabel, store.policy());
        StoredItem next = store.integrity.sign(s.relabelled(originatorLabel, nodeLabel));
        ItemTable.relabel(tx.sql(), next, now);
        ItemTable.reclassification(tx.sql(), s.id(), s.nodeLabel().classification(), nodeLabel.classification(), cause,
                actor, reason, now);
        ItemTable.custody(tx.sql(), s.id(), "re-marked " + nodeLabel.classification(), actor, "unchanged", now);
        store.audit.append(tx, AuditEvent.doneOnItem(actor, "item.reclassify", s.id(), Map.of("from",
                s.nodeLabel().classification(), "to", nodeLabel.classification(), "cause", cause, "reason", reason)));
        changed.add(next);
    }
}
