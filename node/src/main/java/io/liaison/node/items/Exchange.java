package io.liaison.node.items;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.decision.Consent;
import io.liaison.core.decision.Decision;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.decision.ItemFacts;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.store.Jdbc;
import io.liaison.node.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Items between nodes, on this node's side (R1-R8, R11, R13): deciding a release and handing over what travels only
 * with the engine's permit, storing what arrives from a peer with both labels and its provenance, and answering
 * the federation's questions about provenance. The federation owns the envelopes; this class owns the items.
 */
public final class Exchange {
    private final ItemStore store;
    private final ReadGate gate;
    private final List<Received.Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    Exchange(ItemStore store, ReadGate gate) {
        this.store = store;
        this.gate = gate;
    }

    /**
     * Decides whether {@code officer} may release item {@code id} to {@code to} for {@code purpose} under
     * {@code agreement}: the officer must be able to read it (R9, audited; an allowed read goes to {@code readAudit},
     * for the caller to record in the release's transaction); an item this node originated is decided as a release
     * (R2, R5, R7, R8, R18, R20, R21), a received one as an onward release, which needs the originator's consent on
     * record ({@code consents}, looked up only then; R6, R22). Only an allowing decision comes with the payload.
     */
    public Outgoing prepareRelease(User officer, String id, Party to, Purpose purpose, AgreementId agreement,
            Supplier<List<Consent>> consents, Consumer<AuditEvent> readAudit) {
        Accounts.requireRole(officer, Set.of(Role.RELEASING_OFFICER));
        ItemIntegrity.VerifiedItem v = gate.readable(officer, id, Optional.empty(), "item.read-for-release", readAudit);
        StoredItem s = v.item();
        if (s.destroyed()) {
            throw new ConflictException("ITEM_DESTROYED", "item " + id + " was destroyed and cannot be released");
        }
        List<Party> chain = s.provenance().map(Provenance::chain).orElse(List.of(store.party));
        ItemFacts facts = new ItemFacts(s.id(), s.originator(), s.originatorLabel(),
                s.originator().equals(store.party) ? Optional.empty() : Optional.of(s.nodeLabel()), s.purposes(), Set.of(),
                s.privateRights(), chain);
        boolean own = s.originator().equals(store.party);
        List<Consent> onRecord = own ? List.of() : consents.get();
        java.time.Instant now = store.clock.instant();
        Decision d = own
                ? store.engines.get().decide(new DecisionRequest.Release(facts, store.party, to, purpose, agreement, now))
                : store.engines.get().decide(new DecisionRequest.OnwardRelease(facts, store.party, to, purpose, agreement,
                        now, onRecord));
        if (!d.allowed()) {
            return Outgoing.refused(d);
        }
        Content c = store.open(v);
        String origin = s.provenance().map(Provenance::originItem).orElse(s.id());
        return Outgoing.permitted(d, new Outgoing.Payload(s.id(), origin, s.title(), c.text(), c.attachments(),
                s.originator(), s.originators(), s.originatorLabel(), s.nodeLabel(), s.purposes(), s.privateRights(),
                chain, steps(s, to, agreement, now, d, onRecord)), to, purpose, agreement);
    }

    /**
     * The steps the item will have taken once released to {@code to}: its steps so far and this one, naming the
     * consent the decision relied on. Empty for a received item whose earlier steps were not kept.
     */
    private List<Hop> steps(StoredItem s, Party to, AgreementId agreement, java.time.Instant now, Decision d,
            List<Consent> onRecord) {
        List<Hop> before = s.provenance().map(Provenance::hops).orElse(List.of());
        if (s.provenance().isPresent() && before.isEmpty()) {
            return List.of();
        }
        Optional<Consent> consent = Optional.ofNullable(d.values().get("consent")).flatMap(ref -> onRecord.stream()
                .filter(x -> x.reference().equals(ref) && x.grantedTo().equals(to)).findFirst());
        List<Hop> out = new ArrayList<>(before);
        out.add(new Hop(store.party, to, agreement, now, consent.map(Consent::reference),
                consent.map(Consent::recordedAt)));
        return out;
    }

    /** Where a received item came from; empty for an item this node made, or one that does not exist. */
    public Optional<Provenance> provenance(String id) {
        if (!ReadGate.wellFormed(id)) {
            return Optional.empty();
        }
        return store.jdbi.withHandle(h -> ItemTable.find(h, id)).filter(s -> !s.status().equals(StoredItem.DECOY))
                .map(store.integrity::verify).flatMap(v -> v.item().provenance());
    }

    /** The originator's own id of item {@code id}: its own id if this node made it. */
    public String originItem(String id) {
        return provenance(id).map(Provenance::originItem).orElse(id);
    }

    /** Who made an item and, when it was received, where it came from. */
    public record Origin(Party originator, Optional<Provenance> provenance) {}

    /**
     * The origin of item {@code id}, for listing it to someone already allowed to read it (a search hit); empty for a
     * missing item. It says nothing about who may read it: decide that first.
     */
    public Optional<Origin> origin(String id) {
        if (!ReadGate.wellFormed(id)) {
            return Optional.empty();
        }
        return store.jdbi.withHandle(h -> ItemTable.find(h, id)).filter(s -> !s.status().equals(StoredItem.DECOY))
                .map(store.integrity::verify).map(v -> new Origin(v.item().originator(), v.item().provenance()));
    }

    /** The originator of item {@code id}, if this node holds it. */
    public Optional<Party> originatorOf(String id) {
        if (!ReadGate.wellFormed(id)) {
            return Optional.empty();
        }
        return store.jdbi.withHandle(h -> ItemTable.find(h, id)).filter(s -> !s.status().equals(StoredItem.DECOY))
                .map(store.integrity::verify).map(v -> v.item().originator());
    }

    /** The local items received from {@code from} as its item {@code sourceItem}; only active ones if asked. */
    public List<String> receivedAs(Party from, String sourceItem, boolean activeOnly) {
        return sourceItem == null ? List.of()
                : store.jdbi.withHandle(h -> ItemTable.receivedAs(h, from, sourceItem, activeOnly));
    }

    /** Whether {@code id} is an item this node originated (and holds). */
    public boolean originated(String id) {
        return ReadGate.wellFormed(id) && store.jdbi.withHandle(h -> ItemTable.originated(h, id, store.party));
    }

    /** Records a custody event in the caller's transaction, e.g. a release to a peer (R11). */
    public void custody(Tx tx, String id, String action, String custodian, String location) {
        ItemTable.custody(tx.sql(), id, action, custodian, location, store.clock.millis());
    }

    /** The insert that notes a custody change, for a caller that sends it together with the change's other rows. */
    public io.liaison.node.store.Jdbc.Insert custodyRow(String id, String action, String custodian, String location) {
        return ItemTable.custodyRow(id, action, custodian, location, store.clock.millis());
    }

    /** Whether {@code text} and {@code attachments} are exactly the content of item {@code id} (its signed digest). */
    public boolean hasContent(String id, String text, List<Attachment> attachments) {
        String digest = Content.sha384(new Content(text, attachments).bytes());
        return ReadGate.wellFormed(id) && store.jdbi.withHandle(h -> ItemTable.contentDigest(h, id))
                .map(digest::equals).orElse(false);
    }

    /** What a received item became on this node. */
    public record Stored(String id, String marking) {}

    /**
     * Stores an item received from a peer as a new item of this node: content encrypted under its own key, the
     * originator label kept and this node's equivalent label bound to the content with its provenance (R1, R3),
     * custody recorded, the receipt audited, all in one transaction with {@code alsoInTransaction}, which gets the
     * new item's id (the inbox records the envelope there, so it is processed exactly once).
     */
    public Stored receive(Incoming in, BiConsumer<Tx, String> alsoInTransaction) {
        Received r = prepareReceive(in);
        ready(List.of(r));
        return commitReceive(r, alsoInTransaction);
    }

    /**
     * Calls {@code listener} after each received item is committed, with its new id and its attachments: a module
     * that keeps an index of what certain items are about (the maritime picture's reports) learns of received ones
     * here. The listener owns what it records; showing it goes through the item's own decision. Running the returned
     * action removes the listener (a hotline that stops while the node stays open).
     */
    public Runnable onReceived(Received.Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void received(Received r) {
        for (Received.Listener l : listeners) {
            try {
                l.received(r.sealing.item().id(), r.in.from(), r.content.attachments());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Exchange.class).warn("a listener of received item {} failed: {}",
                        r.sealing.item().id(), e.toString());
            }
        }
    }

    /**
     * A received item checked and encrypted, its key written but not yet synced; signed by {@link #ready} (with the
     * items received with it) or, alone, when it is committed; not committed.
     */
    public static final class Received {
        /** See {@link Exchange#onReceived}. */
        @FunctionalInterface
        public interface Listener {
            void received(String id, Party from, List<Attachment> attachments);
        }

        private final Incoming in;
        private ItemStore.Sealing sealing;
        private final Content content;
        private final long keyPosition;

        private Received(Incoming in, ItemStore.Sealing sealing, Content content, long keyPosition) {
            this.in = in;
            this.sealing = sealing;
            this.content = content;
            this.keyPosition = keyPosition;
        }
    }

    /**
     * The first step of {@link #receive}, which touches no table: safe to run for several items at once. Prepared
     * items are then made {@link #ready} together and each {@link #commitReceive committed}, or all
     * {@link #commitReceiveAll committed together}, or {@link #abandon abandoned}.
     */
    public Received prepareReceive(Incoming in) {
        LabelValidator.requireValid(in.nodeLabel(), store.policy());
        if (in.purposes().isEmpty()) {
            throw new InvalidInputException("PURPOSES_MISSING", "a received item needs its purposes (R1)");
        }
        if (in.purposes().size() > NewItem.MAX_PURPOSES) {
            throw new InvalidInputException("PURPOSES_TOO_MANY", "an item serves at most " + NewItem.MAX_PURPOSES
                    + " purposes, not " + in.purposes().size());
        }
        NewItem.requireTitle(in.title());
        store.checkContent(in.text(), in.attachments());
        String id = store.newId();
        Content content = new Content(in.text(), in.attachments());
        requireSteps(in);
        List<Party> chain = new ArrayList<>(in.chain());
        chain.add(store.party);
        Provenance provenance = new Provenance(in.from(), in.agreement(), in.sourceItem(), in.originItem(), chain,
                in.marking(), in.envelopeId(), store.clock.instant(), in.hops());
        ItemStore.Sealing sealing = store.sealUnsigned(id, in.title(), in.originator(), in.originators(), in.originatorLabel(),
                in.nodeLabel(), in.purposes(), in.privateRights(), "received", content, "peer:" + in.from().code(),
                List.of(), Optional.of(provenance));
        return new Received(in, sealing, content, store.keys.putUnsynced(id, sealing.wrappedKey()));
    }

    /**
     * The steps a release carries must be the chain's: one step from each holder to the next, the last from the
     * sender to this node under the agreement it came under (R22).
     */
    private void requireSteps(Incoming in) {
        List<Hop> hops = in.hops();
        if (hops.isEmpty()) {
            return;
        }
        List<Party> chain = in.chain();
        boolean ok = hops.size() == chain.size();
        for (int i = 0; ok && i < hops.size(); i++) {
            Party next = i + 1 < chain.size() ? chain.get(i + 1) : store.party;
            ok = hops.get(i).from().equals(chain.get(i)) && hops.get(i).to().equals(next);
        }
        ok = ok && hops.getLast().from().equals(in.from()) && hops.getLast().agreement().equals(in.agreement());
        if (!ok) {
            throw new InvalidInputException("HOPS_INVALID", "the steps " + hops.stream().map(Hop::written).toList()
                    + " are not those of the chain " + chain + " to " + store.party + " under " + in.agreement());
        }
    }

    /**
     * Signs the prepared items not yet signed with one signature ({@link ItemIntegrity#signAll}: each keeps its place
     * in the batch and verifies alone, whether they are then committed together, one by one, or some abandoned), and
     * makes their keys durable with one sync.
     */
    public void ready(List<Received> prepared) {
        List<Received> unsigned = prepared.stream().filter(r -> r.sealing.item().signature().isEmpty()).toList();
        if (!unsigned.isEmpty()) {
            List<StoredItem> signed = store.integrity.signAll(unsigned.stream().map(r -> r.sealing.item()).toList());
            for (int i = 0; i < unsigned.size(); i++) {
                unsigned.get(i).sealing = unsigned.get(i).sealing.withItem(signed.get(i));
            }
        }
        prepared.stream().mapToLong(r -> r.keyPosition).max().ifPresent(store.keys::syncThrough);
    }

    /** Drops a prepared item that will not be committed: its key is erased. */
    public void abandon(Received prepared) {
        store.keys.delete(prepared.sealing.item().id());
    }

    /** Commits a prepared item; see {@link #receive}. If it cannot be committed, its key is erased. */
    public Stored commitReceive(Received r, BiConsumer<Tx, String> alsoInTransaction) {
        ready(List.of(r));
        try {
            store.database.useTransaction(tx -> insertReceived(tx, r, alsoInTransaction));
        } catch (RuntimeException e) {
            store.keys.delete(r.sealing.item().id());
            throw e;
        }
        store.afterCreate(store.indexed(r.sealing.item(), r.content));
        received(r);
        return new Stored(r.sealing.item().id(), r.in.marking());
    }

    /**
     * Commits prepared items in one transaction, each with the rows {@code alsoInTransaction} makes of its new id (same
     * order). Each item's rows travel as one statement on PostgreSQL, and the run's as one batch. If the transaction
     * fails, nothing is committed and the keys stay: the caller may commit the items one by one ({@link #commitReceive})
     * or abandon them.
     */
    public List<Stored> commitReceiveAll(List<Received> received,
            List<java.util.function.Function<String, List<Jdbc.Insert>>> alsoInTransaction) {
        if (received.size() != alsoInTransaction.size()) {
            throw new IllegalArgumentException(received.size() + " items but " + alsoInTransaction.size() + " callbacks");
        }
        ready(received);
        Jdbc.inTransaction(store.database.dataSource(), c -> {
            List<List<Jdbc.Insert>> rows = new ArrayList<>();
            for (int i = 0; i < received.size(); i++) {
                List<Jdbc.Insert> item = new ArrayList<>(receivedRows(received.get(i)));
                store.faults.at("item.receive.recorded");
                item.addAll(alsoInTransaction.get(i).apply(received.get(i).sealing.item().id()));
                rows.add(item);
            }
            Jdbc.insertAllBatch(c, store.database.kind(), rows);
            return null;
        });
        List<Stored> stored = new ArrayList<>();
        for (Received r : received) {
            store.afterCreate(store.indexed(r.sealing.item(), r.content));
            received(r);
            stored.add(new Stored(r.sealing.item().id(), r.in.marking()));
        }
        return stored;
    }

    private void insertReceived(Tx tx, Received r, BiConsumer<Tx, String> alsoInTransaction) {
        receivedRows(r).forEach(row -> Jdbc.insert(tx.sql().getConnection(), row));
        store.faults.at("item.receive.recorded");
        alsoInTransaction.accept(tx, r.sealing.item().id());
    }

    /** A received item's rows: the item with its provenance, its custody entry and its audit record. */
    private List<Jdbc.Insert> receivedRows(Received r) {
        Incoming in = r.in;
        StoredItem item = r.sealing.item();
        String id = item.id();
        List<Jdbc.Insert> rows = new ArrayList<>(ItemTable.rows(item, r.sealing.ciphertext()));
        rows.add(ItemTable.custodyRow(id, "received from " + in.from() + " under " + in.agreement() + " (envelope "
                + in.envelopeId() + ")", "registry", "registry", store.clock.millis()));
        rows.add(store.audit.pending(AuditEvent.doneOnItem("peer:" + in.from().code(), "item.receive", id, Map.of(
                "originator", in.originator().code(), "originatorClassification", in.originatorLabel().classification(),
                "marking", in.marking(), "agreement", in.agreement().value(), "envelope", in.envelopeId(),
                "chain", item.provenance().map(Provenance::chainWritten).orElse("")))));
        return rows;
    }
}
