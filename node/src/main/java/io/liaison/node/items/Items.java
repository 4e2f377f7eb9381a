package io.liaison.node.items;

import io.liaison.core.decision.Decision;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.Markings;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.Reveals;
import io.liaison.node.crypto.ItemCipher;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.search.IndexedItem;
import io.liaison.node.search.SearchFilter;
import io.liaison.node.search.SearchIndex;
import io.liaison.node.search.SearchPage;
import io.liaison.node.store.Database;
import io.liaison.node.store.Jdbc;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Items on one node, at the door: creation, reading through the decision engine (R9, R10), inventory and transfer
 * (R11), and label-filtered search. Content is encrypted with a per-item key; the node signs every field of the
 * item. Every write and its audit record share one transaction; the search index follows after commit and can be
 * rebuilt from the database. Copies, exchange with other nodes, reclassification and destruction are capabilities of
 * their own ({@link #copies()}, {@link #exchange()}, {@link #reclassification()}, {@link #destruction()}).
 */
public final class Items {
    static final Set<Role> AUTHORS = Set.of(Role.ANALYST, Role.RELEASING_OFFICER, Role.SECURITY_OFFICER,
            Role.DUTY_OFFICER);

    private final ItemStore store;
    private final ReadGate gate;
    private final Copies copies;
    private final Exchange exchange;
    private final Reclassification reclassification;
    private final Destruction destruction;

    public Items(Database database, AuditLog audit, ItemCipher cipher, NodeSigner signer, Supplier<DecisionEngine> engines,
            java.util.function.Supplier<SecurityPolicy> policy, Party party, SearchIndex index, Clock clock, SecureRandom random, long attachmentLimit,
            FaultInjector faults, ItemKeys keys, io.liaison.node.cluster.Signals signals) {
        this.store = new ItemStore(database, audit, cipher, new ItemIntegrity(signer), engines, policy, party, index, clock,
                random, attachmentLimit, faults, keys, signals);
        if (signals != io.liaison.node.cluster.Signals.NONE) {
            // Items another replica stored or changed enter this one's index, one change after another.
            java.util.concurrent.ExecutorService reindexing = java.util.concurrent.Executors.newSingleThreadExecutor(
                    Thread.ofVirtual().name("liaison-reindex").factory());
            signals.on(ItemStore.CHANGED, ids -> reindexing.execute(() -> store.reindex(List.of(ids.split(",")))));
        }
        this.gate = new ReadGate(store);
        this.copies = new Copies(store, gate);
        this.exchange = new Exchange(store, gate);
        this.reclassification = new Reclassification(store, gate);
        this.destruction = new Destruction(store, gate);
        store.ensureDecoy();
    }

    public Copies copies() {
        return copies;
    }

    public Exchange exchange() {
        return exchange;
    }

    public Reclassification reclassification() {
        return reclassification;
    }

    public Destruction destruction() {
        return destruction;
    }

    /** Creates an item in the node's policy; the author must be able to read what it marks (R9). */
    public ItemView create(User user, NewItem item) {
        Accounts.requireRole(user, AUTHORS);
        SecurityLabel label = store.ownLabel(item.label());
        if (item.purposes().isEmpty()) {
            throw new InvalidInputException("PURPOSES_MISSING", "an item needs at least one purpose (R1)");
        }
        store.checkContent(item.text(), item.attachments());
        String id = store.newId();
        Content content = new Content(item.text(), item.attachments());
        ItemStore.Sealing sealing = store.seal(id, item.title(), store.party, Set.of(store.party), label, label,
                item.purposes(), item.privateRights(), "original", content, user.name(), List.of(), Optional.empty());
        StoredItem draft = sealing.item();
        Decision own = store.engines.get().decide(new DecisionRequest.Read(user.reader(), store.facts(draft),
                ItemStore.firstCommonPurpose(user, draft), store.clock.instant()));
        if (!own.allowed()) {
            throw new ForbiddenException("LABEL_ABOVE_AUTHOR", "you could not read an item marked "
                    + Markings.banner(label, store.policy()) + " yourself (" + own.code() + ", " + own.rule() + ": "
                    + own.message() + "); mark it within your clearance and duties");
        }
        String marking = Markings.banner(label, store.policy());
        // The item, its custody entry and its audit record, committed with the items created at the same moment.
        store.create(new ItemStore.Creation(sealing, List.of(ItemTable.itemRow(draft, sealing.ciphertext()),
                ItemTable.custodyRow(id, "created", user.name(), item.location(), store.clock.millis()),
                store.audit.pending(AuditEvent.doneOnItem(user.name(), "item.create", id, Map.of("classification",
                        label.classification(), "marking", marking, "purposes", ItemStore.names(item.purposes())))))));
        store.afterCreate(store.indexed(draft, content));
        return store.view(draft, Optional.of(content), marking);
    }

    /** Reads an item; an item the user may not read answers exactly like a missing one (R10). */
    public ItemView read(User user, String id, Optional<Purpose> statedPurpose) {
        ItemIntegrity.VerifiedItem v = gate.readable(user, id, statedPurpose, "item.read", store::auditNow);
        return store.view(v.item(), v.item().destroyed() ? Optional.empty() : Optional.of(store.open(v)));
    }

    /**
     * Whether {@code user} may read item {@code id}, decided as a read would be and recorded nowhere: for records
     * elsewhere that reveal an item (cases, consent requests, audit entries). A missing item is not readable.
     */
    public boolean mayRead(User user, String id) {
        return gate.mayRead(user, id);
    }

    /** {@link #mayRead} for many ids at once. */
    public Map<String, Boolean> mayRead(User user, Collection<String> ids) {
        return gate.mayRead(user, ids);
    }

    /** The custody history of an item the user may read (R11). */
    public List<CustodyEvent> inventory(User user, String id) {
        gate.readable(user, id, Optional.empty(), "item.inventory", store::auditNow);
        return store.jdbi.withHandle(h -> ItemTable.custodyOf(h, id));
    }

    /** Hands an item the user may read to another custodian at a location (R11). */
    public void transfer(User user, String id, String custodian, String location) {
        Accounts.requireRole(user, AUTHORS);
        if (custodian == null || !User.validName(custodian) || location == null || location.isBlank()
                || location.length() > 400) {
            throw new InvalidInputException("CUSTODY_INVALID", "a transfer needs a custodian user name and a location of"
                    + " 1 to 400 characters");
        }
        gate.readable(user, id, Optional.empty(), "item.read-for-transfer", store::auditNow);
        store.database.useTransaction(tx -> {
            ItemTable.custody(tx.sql(), id, "transferred", custodian, location, store.clock.millis());
            store.audit.append(tx, AuditEvent.doneOnItem(user.name(), "item.transfer", id, Map.of("custodian", custodian,
                    "location", location)));
        });
        store.audit.sequenceSoon();
    }

    /**
     * Full-text search over the items the user may read (R10): the filter is inside the query. The search is
     * audited with its text, which only those who know as much as the searcher may see.
     */
    public SearchPage search(User user, String query, int offset, int limit) {
        return search(user, query, io.liaison.node.search.Refinement.NONE, offset, limit);
    }

    /** A search narrowed to chosen facets (a level, a purpose, an originator); audited with them. */
    public SearchPage search(User user, String query, io.liaison.node.search.Refinement refinement, int offset,
            int limit) {
        store.flushIndex();
        String q = query == null ? "" : query;
        SearchPage page = store.index.search(filter(user), q, refinement, offset, limit);
        Map<String, String> details = new java.util.LinkedHashMap<>(Map.of("query", q, "offset",
                Integer.toString(offset), "results", Long.toString(page.total())));
        details.putAll(refinement.details());
        store.auditNow(AuditEvent.done(user.name(), "search", "items", new Reveals.Knowledge(user.clearance().level(),
                user.clearance().categories(), user.duties()), details));
        return page;
    }

    /**
     * What a user's search may find, as their reads would be decided: a visitor's by the visit's level and purpose,
     * and nothing outside its days (R28); a contractor's person's by the facility's assessed level, and nothing
     * classified without the assessment and the briefing (R29).
     */
    private SearchFilter filter(User user) {
        var c = user.clearance();
        String level = c.level();
        Set<Purpose> duties = user.duties();
        boolean active = user.facilityActive();
        if (user.visit().isPresent()) {
            var v = user.visit().get();
            level = lower(level, v.highestLevel());
            duties = Set.of(v.purpose());
            active = active && v.covers(store.clock.instant());
        }
        if (user.contractor().isPresent()) {
            var k = user.contractor().get();
            level = k.assessedLevel().isEmpty() || k.briefedOn().isEmpty() ? store.policy().lowest().name()
                    : lower(level, k.assessedLevel().get());
        }
        return new SearchFilter(new io.liaison.core.access.Clearance(c.policyId(), level, c.categories(),
                c.nationality()), duties, active);
    }

    private String lower(String a, String b) {
        return store.policy().classification(b).isPresent() && store.policy().rank(b) < store.policy().rank(a) ? b : a;
    }

    /** Makes every committed write visible to search. */
    public void flushIndex() {
        store.flushIndex();
    }

    /** Rebuilds the search index from the database; returns the number of items indexed. */
    public long rebuildIndex() {
        List<IndexedItem> all = new ArrayList<>();
        store.jdbi.useHandle(h -> ItemTable.each(h, s -> all.add(store.indexed(s, store.open(store.integrity.verify(s))))));
        store.index.rebuild(all);
        return all.size();
    }

    /** True when the index holds as many documents as there are live items. */
    public boolean indexConsistent() {
        return store.index.current() && store.jdbi.withHandle(ItemTable::countActive) == store.index.size();
    }

    /**
     * Deletes the key of every item that is destroyed or was never committed (a crash between writing a key and
     * committing its item, or between committing a destruction and deleting the key).
     */
    public int sweepKeys() {
        int removed = 0;
        List<String> ids = new ArrayList<>();
        store.keys.forEachId(ids::add);
        for (String id : ids) {
            Optional<String> status = store.jdbi.withHandle(h -> ItemTable.status(h, id));
            if (status.isEmpty() || !status.get().equals(StoredItem.ACTIVE)) {
                store.keys.delete(id);
                removed++;
            }
        }
        return removed;
    }

    /** The ids of every item whose key is held (package-private, for tests). */
    List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        store.keys.forEachId(ids::add);
        return ids;
    }
}
