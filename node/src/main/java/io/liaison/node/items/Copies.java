package io.liaison.node.items;

import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.LabelAlgebra;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies, extracts and translations (R4): each is an item of its own, with the combined label of its sources (the
 * highest level, the union of restrictive values, the intersection of permissive ones) and their originators, the
 * purposes they share, and links to them so that a later change of a source reaches it (R12).
 */
public final class Copies {
    private static final Set<String> KINDS = Set.of("copy", "extract", "translation");
    private final ItemStore store;
    private final ReadGate gate;

    Copies(ItemStore store, ReadGate gate) {
        this.store = store;
        this.gate = gate;
    }

    public ItemView derive(User user, List<String> sourceIds, String kind, String title, Optional<String> text,
            String location) {
        Accounts.requireRole(user, Items.AUTHORS);
        if (!KINDS.contains(kind)) {
            throw new InvalidInputException("KIND_UNKNOWN", "kind '" + kind + "' is not one of copy, extract, translation");
        }
        if (sourceIds.isEmpty() || sourceIds.size() > 100) {
            throw new InvalidInputException("SOURCES", "give 1 to 100 source items");
        }
        if (location == null || location.isBlank() || location.length() > 400) {
            throw new InvalidInputException("LOCATION_INVALID", "a location has 1 to 400 characters");
        }
        NewItem.requireTitle(title);
        List<ItemIntegrity.VerifiedItem> sources = new ArrayList<>();
        for (String sid : new LinkedHashSet<>(sourceIds)) {
            sources.add(gate.readable(user, sid, Optional.empty(), "item.read-for-" + kind, store::auditNow));
        }
        if (sources.stream().anyMatch(s -> s.item().destroyed())) {
            throw new ConflictException("SOURCE_DESTROYED", "a destroyed item cannot be copied");
        }
        LabelAlgebra.Combined combined = LabelAlgebra.combine(store.policy(), sources.stream().map(s -> s.item().nodeLabel())
                .toList(), store.clock.instant());
        Set<Party> originators = new TreeSet<>();
        sources.forEach(s -> originators.addAll(s.item().originators()));
        Set<Purpose> purposes = new LinkedHashSet<>(sources.getFirst().item().purposes());
        sources.forEach(s -> purposes.retainAll(s.item().purposes()));
        if (purposes.isEmpty()) {
            throw new InvalidInputException("PURPOSES_DISJOINT", "the sources serve no common purpose, so a combination"
                    + " could be used for none (R7)");
        }
        if (text.isEmpty() && !kind.equals("copy")) {
            throw new InvalidInputException("TEXT_MISSING", "an " + kind + " needs its own text");
        }
        List<Content> opened = text.isPresent() ? List.of() : sources.stream().map(store::open).toList();
        String body = text.orElseGet(() -> String.join("\n\n", opened.stream().map(Content::text).toList()));
        List<Attachment> attachments = opened.stream().flatMap(c -> c.attachments().stream()).toList();
        store.checkContent(body, attachments);
        Party originator = originators.size() == 1 ? originators.iterator().next() : store.party;
        SecurityLabel label = combined.label();
        String id = store.newId();
        Content content = new Content(body, attachments);
        ItemStore.Sealing sealing = store.seal(id, title, originator, originators, label, label, purposes,
                sources.stream().anyMatch(s -> s.item().privateRights()), kind, content, user.name(),
                sources.stream().map(ItemIntegrity.VerifiedItem::id).toList(), Optional.empty());
        StoredItem draft = sealing.item();
        store.storeWithKey(sealing, tx -> {
            ItemTable.insert(tx.sql(), draft, sealing.ciphertext());
            store.faults.at("item.derive.inserted");
            ItemTable.custody(tx.sql(), id, kind + " of " + String.join(", ", draft.sources()), user.name(), location,
                    store.clock.millis());
            store.audit.append(tx, AuditEvent.doneOnItem(user.name(), "item." + kind, id, Map.of("sources",
                    String.join(",", draft.sources()), "classification", label.classification(),
                    "originators", ItemStore.names(originators))));
        });
        store.afterCreate(store.indexed(draft, content));
        return store.view(draft, Optional.of(content));
    }
}
