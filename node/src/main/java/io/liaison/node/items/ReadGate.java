package io.liaison.node.items;

import io.liaison.core.decision.Decision;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.error.IntegrityException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Purpose;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.Reveals;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door to an item (R9, R10). Every read, and every record elsewhere that reveals an item, passes here.
 *
 * <ul>
 *   <li>The same work whatever the id: one query that returns the item or, when it does not exist, the node's decoy;
 *       the node's signature checked over every field; the decision made; the refusal audited. A hidden item and a
 *       missing one are answered alike, in content and in time.
 *   <li>Nothing is decided on data the node did not sign: a mismatch is an integrity alarm, audited, and answered
 *       with its own problem, never as a read.
 * </ul>
 */
final class ReadGate {
    private static final Logger LOG = LoggerFactory.getLogger(ReadGate.class);
    /** The longest id accepted at all; longer ones are refused as input (400), audited. */
    static final int MAX_ID = 64;
    private final ItemStore store;

    ReadGate(ItemStore store) {
        this.store = store;
    }

    /** The shape of an item id; anything else is bad input, not a missing item. */
    static boolean wellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The item if {@code user} may read it. A refusal is audited at once and answered as "not found" (R10); an
     * allowed read goes to {@code allowed}, which records it, now or in the caller's transaction.
     */
    ItemIntegrity.VerifiedItem readable(User user, String id, Optional<Purpose> statedPurpose, String event,
            Consumer<AuditEvent> allowed) {
        if (!wellFormed(id)) {
            store.auditNow(new AuditEvent(user.name(), event, String.valueOf(id), Reveals.item(String.valueOf(id)), "DENY",
                    "ITEM_ID_INVALID", "R10", Map.of()));
            throw new InvalidInputException("ITEM_ID_INVALID", "item id '" + shorten(id) + "' is not an item id: 1 to "
                    + MAX_ID + " letters, digits and '-'");
        }
        ItemTable.Found found;
        try {
            found = ItemTable.findOrDecoyWithCiphertext(store.database.dataSource(), id, ItemStore.DECOY);
        } catch (IntegrityException e) {
            throw alarm(user, id, event, e);
        }
        StoredItem row = found.item();
        ItemIntegrity.VerifiedItem v = verified(user, row, event).withCiphertext(found.ciphertext());
        boolean exists = row.id().equals(id) && !row.status().equals(StoredItem.DECOY);
        Purpose purpose = statedPurpose.orElseGet(() -> ItemStore.firstCommonPurpose(user, row));
        Decision d = store.engines.get().decide(new DecisionRequest.Read(user.reader(), store.facts(row), purpose,
                store.clock.instant()));
        if (!exists) {
            store.auditNow(new AuditEvent(user.name(), event, id, Reveals.item(id), "DENY", "NOT_FOUND", "R10",
                    Map.of("item", id)));
            throw notFound(id);
        }
        if (!d.allowed()) {
            store.auditNow(AuditEvent.onItem(user.name(), event, id, d));
            throw notFound(id);
        }
        allowed.accept(AuditEvent.onItem(user.name(), event, id, d));
        return v;
    }

    /** Whether {@code user} may read item {@code id}; false for a missing one alike. Decides, records nothing. */
    boolean mayRead(User user, String id) {
        if (!wellFormed(id)) {
            return false;
        }
        StoredItem row;
        try {
            row = ItemTable.findOrDecoy(store.database.dataSource(), id, ItemStore.DECOY);
            store.integrity.verify(row);
        } catch (IntegrityException e) {
            return false;
        }
        boolean exists = row.id().equals(id) && !row.status().equals(StoredItem.DECOY);
        Decision d = store.engines.get().decide(new DecisionRequest.Read(user.reader(), store.facts(row),
                ItemStore.firstCommonPurpose(user, row), store.clock.instant()));
        return exists && d.allowed();
    }

    /** {@link #mayRead} for many ids at once, each decided once. */
    Map<String, Boolean> mayRead(User user, Collection<String> ids) {
        Map<String, Boolean> out = new HashMap<>();
        for (String id : ids) {
            out.computeIfAbsent(id, x -> mayRead(user, x));
        }
        return out;
    }

    /** Checks the node's signature; a mismatch is audited as an alarm and answered with its own problem. */
    private ItemIntegrity.VerifiedItem verified(User user, StoredItem row, String event) {
        try {
            return store.integrity.verify(row);
        } catch (IntegrityException e) {
            throw alarm(user, row.id(), event, e);
        }
    }

    private IntegrityException alarm(User user, String id, String event, IntegrityException e) {
        LOG.error("integrity alarm: {}", e.getMessage());
        store.auditNow(new AuditEvent(user.name(), "item.integrity", id, Reveals.item(id), "ALARM", e.code(), "R11",
                Map.of("during", event)));
        return e;
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("ITEM_NOT_FOUND", "item " + id + " not found");
    }

    private static String shorten(String id) {
        return id == null ? "null" : id.length() <= 64 ? id : id.substring(0, 64) + "…";
    }
}
