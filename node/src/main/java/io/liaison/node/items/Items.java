package io.liaison.node.items;

import io.liaison.catalog.json.Json;
import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.decision.Decision;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.decision.DecisionRequest;
import io.liaison.core.decision.ItemFacts;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.label.LabelAlgebra;
import io.liaison.core.label.LabelValidator;
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
import io.liaison.node.crypto.ItemCipher;
import io.liaison.node.crypto.NodeSigner;
import io.liaison.node.search.IndexedItem;
import io.liaison.node.store.Database;
import io.liaison.node.store.Jdbc;
import io.liaison.node.search.SearchFilter;
import io.liaison.node.search.SearchIndex;
import io.liaison.node.search.SearchPage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Items on one node: creation, reading through the decision engine (R9, R10), copies and extracts (R4),
 * inventory (R11), reclassification that reaches every copy (R12), destruction by crypto-shredding with a
 * signed certificate (R13), and label-filtered search. Content is encrypted with a per-item key; label
 * and content digest are signed together. Every write and its audit record share one transaction; the
 * search index follows after commit and can be rebuilt from the database.
 */
public final class Items {
    private static final Set<Role> AUTHORS = Set.of(Role.ANALYST, Role.RELEASING_OFFICER, Role.SECURITY_OFFICER,
            Role.DUTY_OFFICER);
    private static final int MAX_TEXT = 4 << 20;

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ItemCipher cipher;
    private final NodeSigner signer;
    private final java.util.function.Supplier<DecisionEngine> engines;
    private final SecurityPolicy policy;
    private final Party party;
    private final SearchIndex index;
    private final Clock clock;
    private final SecureRandom random;
    private final long attachmentLimit;
    private final FaultInjector faults;
    private final ItemKeys keys;
    private final Database database;
    private final AtomicBoolean indexDirty = new AtomicBoolean();

    /** An item ready to store, and its wrapped key, which goes to {@link ItemKeys}, never to the database. */
    private record Sealing(StoredItem item, byte[] wrappedKey) {}

    public Items(Database database, AuditLog audit, ItemCipher cipher, NodeSigner signer,
            java.util.function.Supplier<DecisionEngine> engines,
            SecurityPolicy policy, Party party, SearchIndex index, Clock clock, SecureRandom random, long attachmentLimit,
            FaultInjector faults, ItemKeys keys) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.audit = audit;
        this.cipher = cipher;
        this.signer = signer;
        this.engines = engines;
        this.policy = policy;
        this.party = party;
        this.index = index;
        this.clock = clock;
        this.random = random;
        this.attachmentLimit = attachmentLimit;
        this.faults = faults;
        this.keys = keys;
    }

    // ---- create ----

    public ItemView create(User user, NewItem item) {
        Accounts.requireRole(user, AUTHORS);
        SecurityLabel label = ownLabel(item.label());
        if (item.purposes().isEmpty()) {
            throw new InvalidInputException("PURPOSES_MISSING", "an item needs at least one purpose (R1)");
        }
        checkContent(item.text(), item.attachments());
        String id = newId();
        Sealing sealing = seal(id, item.title(), party, Set.of(party), label, label, item.purposes(),
                item.privateRights(), "original", new Content(item.text(), item.attachments()), user.name(), List.of());
        StoredItem draft = sealing.item();
        Decision own = engines.get().decide(new DecisionRequest.Read(user.reader(), facts(draft), firstCommonPurpose(user, draft)));
        if (!own.allowed()) {
            throw new ForbiddenException("LABEL_ABOVE_AUTHOR", "you could not read an item marked "
                    + Markings.banner(label, policy) + " yourself (" + own.code() + ", " + own.rule() + ": " + own.message()
                    + "); mark it within your clearance and duties");
        }
        String marking = Markings.banner(label, policy);
        storeWithKey(sealing, c -> {
            // The item, its custody entry and its audit record: one round trip on PostgreSQL.
            Jdbc.insertAll(c, database.kind(), List.of(ItemTable.itemRow(draft),
                    ItemTable.custodyRow(id, "created", user.name(), item.location(), clock.millis()),
                    audit.pending(AuditEvent.done(user.name(), "item.create", id, Map.of("classification",
                            label.classification(), "marking", marking, "purposes", names(item.purposes()))))));
            faults.at("item.create.inserted");
            faults.at("item.create.audited");
            return null;
        });
        Content content = new Content(item.text(), item.attachments());
        afterCreate(indexed(draft, content));
        return view(draft, Optional.of(content), marking);
    }

    // ---- release and receipt between nodes (R1-R7, R11) ----

    /**
     * Decides whether {@code officer} may release item {@code id} to {@code to} for {@code purpose} under
     * {@code agreement}, without writing anything but the read it takes: the officer must be able to read
     * it (R9, audited); an item this node originated is decided as a release (R2, R5, R7, R8, R18, R20,
     * R21), a received one as an onward release, which needs the originator's consent (R6). The caller
     * records the decision and, when allowed, sends the payload.
     */
    public Outgoing prepareRelease(User officer, String id, Party to, Purpose purpose, String agreement) {
        return prepareRelease(officer, id, to, purpose, agreement, List::of);
    }

    /**
     * As above, with the originator's consents on record for this item (R6, R22), looked up only when the release
     * is an onward one.
     */
    public Outgoing prepareRelease(User officer, String id, Party to, Purpose purpose, String agreement,
            java.util.function.Supplier<List<io.liaison.core.decision.Consent>> consents) {
        return prepareRelease(officer, id, to, purpose, agreement, consents, this::auditNow);
    }

    /**
     * As above, the officer's allowed read of the item handed to {@code readAudit}, for the caller to record in
     * the transaction that records the release (one commit instead of two). A refused read is audited at once.
     */
    public Outgoing prepareRelease(User officer, String id, Party to, Purpose purpose, String agreement,
            java.util.function.Supplier<List<io.liaison.core.decision.Consent>> consents,
            java.util.function.Consumer<AuditEvent> readAudit) {
        Accounts.requireRole(officer, Set.of(Role.RELEASING_OFFICER));
        StoredItem s = readable(officer, id, Optional.empty(), "item.read-for-release", readAudit);
        if (s.destroyed()) {
            throw new ConflictException("ITEM_DESTROYED", "item " + id + " was destroyed and cannot be released");
        }
        Optional<ItemTable.Provenance> provenance = jdbi.withHandle(h -> ItemTable.provenance(h, id));
        List<Party> chain = provenance.map(ItemTable.Provenance::chain).orElse(List.of(party));
        ItemFacts facts = new ItemFacts(s.id(), s.originator(), s.originatorLabel(),
                s.originator().equals(party) ? Optional.empty() : Optional.of(s.nodeLabel()), s.purposes(), Set.of(),
                s.privateRights(), chain);
        Decision d = s.originator().equals(party)
                ? engines.get().decide(new DecisionRequest.Release(facts, party, to, purpose, agreement, clock.instant()))
                : engines.get().decide(new DecisionRequest.OnwardRelease(facts, party, to, purpose, agreement, clock.instant(),
                        consents.get()));
        if (!d.allowed()) {
            return new Outgoing(d, Optional.empty());
        }
        Content c = open(s);
        String origin = provenance.map(ItemTable.Provenance::origin).orElse(s.id());
        return new Outgoing(d, Optional.of(new Outgoing.Payload(s.id(), origin, s.title(), c.text(), c.attachments(),
                s.originator(), s.originators(), s.originatorLabel(), s.nodeLabel(), s.purposes(), s.privateRights(),
                chain)));
    }

    /** The originator's own id of item {@code id}: its own id if this node made it. */
    public String originItem(String id) {
        return jdbi.withHandle(h -> ItemTable.originOf(h, id)).orElse(id);
    }

    /** Records a custody event in the caller's transaction, e.g. a release to a peer (R11). */
    public void custodyInTransaction(Handle h, String id, String action, String custodian, String location) {
        ItemTable.custody(h, id, action, custodian, location, clock.millis());
    }

    /** What a received item became on this node. */
    public record Stored(String id, String marking) {}

    /**
     * Stores an item received from a peer as a new item of this node: content encrypted under its own key,
     * the originator label kept and this node's equivalent label bound to the content (R1, R3), custody
     * and provenance recorded, the receipt audited, all in one transaction with {@code alsoInTransaction}, which
     * gets the new item's id (the inbox records the envelope there, so it is processed exactly once).
     */
    public Stored receive(Incoming in, java.util.function.BiConsumer<Handle, String> alsoInTransaction) {
        Received r = prepareReceive(in);
        syncKeys(List.of(r));
        return commitReceive(r, alsoInTransaction);
    }

    /** A received item checked, encrypted and signed, its key written but not yet synced; not committed. */
    public static final class Received {
        private final Incoming in;
        private final Sealing sealing;
        private final Content content;
        private final long keyPosition;

        private Received(Incoming in, Sealing sealing, Content content, long keyPosition) {
            this.in = in;
            this.sealing = sealing;
            this.content = content;
            this.keyPosition = keyPosition;
        }
    }

    /**
     * The first step of {@link #receive}, which touches no table: safe to run for several items at once. Each
     * prepared item is then {@link #commitReceive committed} after {@link #syncKeys}, or {@link #abandon
     * abandoned}.
     */
    public Received prepareReceive(Incoming in) {
        LabelValidator.requireValid(in.nodeLabel(), policy);
        if (in.purposes().isEmpty()) {
            throw new InvalidInputException("PURPOSES_MISSING", "a received item needs its purposes (R1)");
        }
        checkContent(in.text(), in.attachments());
        String id = newId();
        Content content = new Content(in.text(), in.attachments());
        Sealing sealing = seal(id, in.title(), in.originator(), in.originators(), in.originatorLabel(), in.nodeLabel(),
                in.purposes(), in.privateRights(), "received", content, "peer:" + in.from().code(), List.of());
        return new Received(in, sealing, content, keys.putUnsynced(id, sealing.wrappedKey()));
    }

    /** Makes the keys of prepared items durable, with one sync for all of them. */
    public void syncKeys(List<Received> prepared) {
        prepared.stream().mapToLong(r -> r.keyPosition).max().ifPresent(keys::syncThrough);
    }

    /** Drops a prepared item that will not be committed: its key is erased. */
    public void abandon(Received prepared) {
        keys.delete(prepared.sealing.item().id());
    }

    /** Commits a prepared item; see {@link #receive}. If it cannot be committed, its key is erased. */
    public Stored commitReceive(Received r, java.util.function.BiConsumer<Handle, String> alsoInTransaction) {
        keys.syncThrough(r.keyPosition);
        try {
            jdbi.useTransaction(h -> insertReceived(h, r, alsoInTransaction));
        } catch (RuntimeException e) {
            keys.delete(r.sealing.item().id());
            throw e;
        }
        afterCreate(indexed(r.sealing.item(), r.content));
        return new Stored(r.sealing.item().id(), r.in.marking());
    }

    /**
     * Commits prepared items in one transaction, each with its own {@code alsoInTransaction} (same order). If the
     * transaction fails, nothing is committed and the keys stay: the caller may commit the items one by one
     * ({@link #commitReceive}) or abandon them.
     */
    public List<Stored> commitReceiveAll(List<Received> received,
            List<java.util.function.BiConsumer<Handle, String>> alsoInTransaction) {
        if (received.size() != alsoInTransaction.size()) {
            throw new IllegalArgumentException(received.size() + " items but " + alsoInTransaction.size() + " callbacks");
        }
        syncKeys(received);
        jdbi.useTransaction(h -> {
            for (int i = 0; i < received.size(); i++) {
                insertReceived(h, received.get(i), alsoInTransaction.get(i));
            }
        });
        List<Stored> stored = new ArrayList<>();
        for (Received r : received) {
            afterCreate(indexed(r.sealing.item(), r.content));
            stored.add(new Stored(r.sealing.item().id(), r.in.marking()));
        }
        return stored;
    }

    private void insertReceived(Handle h, Received r, java.util.function.BiConsumer<Handle, String> alsoInTransaction) {
        Incoming in = r.in;
        StoredItem item = r.sealing.item();
        String id = item.id();
        List<Party> chain = new ArrayList<>(in.chain());
        chain.add(party);
        ItemTable.insert(h, item);
        long now = clock.millis();
        ItemTable.received(h, id, in.envelopeId(), in.from(), in.agreement(), in.sourceItem(), in.originItem(), chain,
                in.marking(), now);
        ItemTable.custody(h, id, "received from " + in.from() + " under " + in.agreement() + " (envelope "
                + in.envelopeId() + ")", "registry", "registry", now);
        audit.append(h, AuditEvent.done("peer:" + in.from().code(), "item.receive", id, Map.of("originator",
                in.originator().code(), "originatorClassification", in.originatorLabel().classification(),
                "marking", in.marking(), "agreement", in.agreement(), "envelope", in.envelopeId(),
                "chain", String.join(" > ", chain.stream().map(Party::code).toList()))));
        faults.at("item.receive.recorded");
        alsoInTransaction.accept(h, id);
    }

    // ---- read ----

    /** Reads an item; an item the user may not read answers exactly like a missing one (R10). */
    public ItemView read(User user, String id, Optional<Purpose> statedPurpose) {
        StoredItem s = readable(user, id, statedPurpose, "item.read");
        return view(s, s.destroyed() ? Optional.empty() : Optional.of(open(s)));
    }

    private StoredItem readable(User user, String id, Optional<Purpose> statedPurpose, String event) {
        return readable(user, id, statedPurpose, event, this::auditNow);
    }

    /**
     * The item if {@code user} may read it. A refusal is audited at once (and answered as "not found", R10); an
     * allowed read goes to {@code allowed}, which records it, now or in the caller's transaction.
     */
    private StoredItem readable(User user, String id, Optional<Purpose> statedPurpose, String event,
            java.util.function.Consumer<AuditEvent> allowed) {
        Optional<StoredItem> found = validId(id) ? jdbi.withHandle(h -> ItemTable.find(h, id)) : Optional.empty();
        if (found.isEmpty()) {
            auditNow(new AuditEvent(user.name(), event, id, "DENY", "NOT_FOUND", "R10", Map.of("item", id)));
            throw notFound(id);
        }
        StoredItem s = found.get();
        Purpose purpose = statedPurpose.orElseGet(() -> firstCommonPurpose(user, s));
        Decision d = engines.get().decide(new DecisionRequest.Read(user.reader(), facts(s), purpose));
        if (!d.allowed()) {
            auditNow(AuditEvent.of(user.name(), event, id, d));
            throw notFound(id);
        }
        allowed.accept(AuditEvent.of(user.name(), event, id, d));
        return s;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("ITEM_NOT_FOUND", "item " + id + " not found");
    }

    private static boolean validId(String id) {
        return id != null && id.length() <= 64 && id.matches("[A-Za-z0-9-]+");
    }

    // ---- copies, extracts, translations (R4) ----

    public ItemView derive(User user, List<String> sourceIds, String kind, String title, Optional<String> text,
            String location) {
        Accounts.requireRole(user, AUTHORS);
        if (!Set.of("copy", "extract", "translation").contains(kind)) {
            throw new InvalidInputException("KIND_UNKNOWN", "kind '" + kind + "' is not one of copy, extract, translation");
        }
        if (sourceIds.isEmpty() || sourceIds.size() > 100) {
            throw new InvalidInputException("SOURCES", "give 1 to 100 source items");
        }
        List<StoredItem> sources = new ArrayList<>();
        for (String sid : new LinkedHashSet<>(sourceIds)) {
            sources.add(readable(user, sid, Optional.empty(), "item.read-for-" + kind));
        }
        if (sources.stream().anyMatch(StoredItem::destroyed)) {
            throw new ConflictException("SOURCE_DESTROYED", "a destroyed item cannot be copied");
        }
        LabelAlgebra.Combined combined = LabelAlgebra.combine(policy, sources.stream().map(StoredItem::nodeLabel).toList(),
                clock.instant());
        Set<Party> originators = new TreeSet<>();
        sources.forEach(s -> originators.addAll(s.originators()));
        Set<Purpose> purposes = new LinkedHashSet<>(sources.getFirst().purposes());
        sources.forEach(s -> purposes.retainAll(s.purposes()));
        if (purposes.isEmpty()) {
            throw new InvalidInputException("PURPOSES_DISJOINT", "the sources serve no common purpose, so a combination"
                    + " could be used for none (R7)");
        }
        if (text.isEmpty() && !kind.equals("copy")) {
            throw new InvalidInputException("TEXT_MISSING", "an " + kind + " needs its own text");
        }
        List<Content> opened = text.isPresent() ? List.of() : sources.stream().map(this::open).toList();
        String body = text.orElseGet(() -> String.join("\n\n", opened.stream().map(Content::text).toList()));
        List<Attachment> attachments = opened.stream().flatMap(c -> c.attachments().stream()).toList();
        checkContent(body, attachments);
        Party originator = originators.size() == 1 ? originators.iterator().next() : party;
        SecurityLabel label = combined.label();
        String id = newId();
        Sealing sealing = seal(id, title, originator, originators, label, label, purposes,
                sources.stream().anyMatch(StoredItem::privateRights), kind, new Content(body, attachments), user.name(),
                sources.stream().map(StoredItem::id).toList());
        StoredItem draft = sealing.item();
        storeWithKey(sealing, h -> {
            ItemTable.insert(h, draft);
            faults.at("item.derive.inserted");
            ItemTable.custody(h, id, kind + " of " + String.join(", ", draft.sources()), user.name(), location,
                    clock.millis());
            audit.append(h, AuditEvent.done(user.name(), "item." + kind, id, Map.of("sources",
                    String.join(",", draft.sources()), "classification", label.classification(),
                    "originators", names(originators))));
        });
        Content content = new Content(body, attachments);
        afterCreate(indexed(draft, content));
        return view(draft, Optional.of(content));
    }

    // ---- reclassification (R12) ----

    /** The originating party changes an item's level; every copy made from it is re-marked and recorded. */
    public List<String> reclassify(User user, String id, String newLevel, String reason) {
        return reclassify(user, id, newLevel, reason, (h, changed) -> { });
    }

    /** A relabelled item: its id and its labels after the change. */
    public record Relabelled(String id, SecurityLabel originatorLabel, SecurityLabel nodeLabel) {}

    /**
     * As above; {@code alsoInTransaction} runs in the same transaction with every item changed (the item and
     * its copies), so that federation queues the notices to the holders with the change itself (R12).
     */
    public List<String> reclassify(User user, String id, String newLevel, String reason,
            java.util.function.BiConsumer<Handle, List<Relabelled>> alsoInTransaction) {
        Accounts.requireRole(user, Set.of(Role.SECURITY_OFFICER));
        StoredItem s = readable(user, id, Optional.empty(), "item.read-for-reclassify");
        if (!s.originator().equals(party)) {
            throw new ForbiddenException("NOT_ORIGINATOR", "item " + id + " was originated by " + s.originator()
                    + "; only the originator changes its level, and " + party + " applies it when it arrives (R12)");
        }
        policy.classification(newLevel).orElseThrow(() -> new InvalidInputException("LEVEL_UNKNOWN",
                "classification " + newLevel + " is not a level of policy " + policy.id() + " (levels: "
                        + policy.levelNames() + ")"));
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("REASON_MISSING", "a reclassification needs a reason of 1 to 1000 characters");
        }
        return relabelWithCopies(s, s.originatorLabel().withClassification(newLevel),
                s.nodeLabel().withClassification(newLevel), user.name(), reason, alsoInTransaction);
    }

    /**
     * Applies the originator's reclassification to a received item and every copy made from it here (R12):
     * the new originator label and this node's new equivalent, both already checked by federation.
     */
    public List<String> applyReclassification(String id, SecurityLabel originatorLabel, SecurityLabel nodeLabel,
            String actor, String reason, java.util.function.BiConsumer<Handle, List<Relabelled>> alsoInTransaction) {
        StoredItem s = jdbi.withHandle(h -> ItemTable.find(h, id)).orElseThrow(() -> notFound(id));
        if (s.originator().equals(party)) {
            throw new ForbiddenException("NOT_RECEIVED", "item " + id + " was originated here; " + party
                    + " changes its level itself");
        }
        return relabelWithCopies(s, originatorLabel, nodeLabel, actor, reason, alsoInTransaction);
    }

    private List<String> relabelWithCopies(StoredItem s, SecurityLabel originatorLabel, SecurityLabel nodeLabel,
            String actor, String reason, java.util.function.BiConsumer<Handle, List<Relabelled>> alsoInTransaction) {
        String id = s.id();
        List<StoredItem> changed = new ArrayList<>();
        jdbi.useTransaction(h -> {
            long now = clock.millis();
            relabel(h, s, originatorLabel, nodeLabel, id, actor, reason, now, changed);
            Deque<String> queue = new ArrayDeque<>(ItemTable.derivedFrom(h, id));
            Set<String> seen = new LinkedHashSet<>();
            while (!queue.isEmpty()) {
                String next = queue.poll();
                if (!seen.add(next)) {
                    continue;
                }
                StoredItem copy = ItemTable.find(h, next).orElseThrow();
                List<SecurityLabel> sourceLabels = copy.sources().stream()
                        .map(src -> ItemTable.find(h, src).orElseThrow().nodeLabel()).toList();
                SecurityLabel recombined = LabelAlgebra.combine(policy, sourceLabels, clock.instant()).label();
                if (!recombined.classification().equals(copy.nodeLabel().classification())
                        || !recombined.categories().equals(copy.nodeLabel().categories())) {
                    relabel(h, copy, recombined, recombined, id, actor, reason, now, changed);
                }
                queue.addAll(ItemTable.derivedFrom(h, next));
            }
            faults.at("item.reclassify.done");
            alsoInTransaction.accept(h, changed.stream().map(c -> new Relabelled(c.id(), c.originatorLabel(),
                    c.nodeLabel())).toList());
        });
        afterWrite(changed.stream().map(c -> indexed(c, open(c))).toList(), List.of());
        return changed.stream().map(StoredItem::id).toList();
    }

    private void relabel(Handle h, StoredItem s, SecurityLabel originatorLabel, SecurityLabel nodeLabel, String cause,
            String actor, String reason, long now, List<StoredItem> changed) {
        LabelValidator.requireValid(nodeLabel, policy);
        String signature = bind(s.id(), nodeLabel, s.contentDigest());
        ItemTable.relabel(h, s.id(), originatorLabel, nodeLabel, signature, now);
        ItemTable.reclassification(h, s.id(), s.nodeLabel().classification(), nodeLabel.classification(), cause,
                actor, reason, now);
        ItemTable.custody(h, s.id(), "re-marked " + nodeLabel.classification(), actor, "unchanged", now);
        audit.append(h, AuditEvent.done(actor, "item.reclassify", s.id(), Map.of("from",
                s.nodeLabel().classification(), "to", nodeLabel.classification(), "cause", cause, "reason", reason)));
        changed.add(new StoredItem(s.id(), s.title(), s.originator(), s.originators(), originatorLabel, nodeLabel,
                s.purposes(), s.privateRights(), s.kind(), s.ciphertext(), s.contentDigest(), signature,
                s.status(), s.createdBy(), s.createdAt(), s.sources()));
    }

    // ---- destruction (R13) ----

    /** Deletes the item key, so no readable copy survives, and issues a signed certificate for the originator. */
    public DestructionCertificate destroy(User user, String id, String reason) {
        return destroy(user, id, reason, (h, c) -> { });
    }

    /**
     * As above; {@code alsoInTransaction} gets the certificate in the destruction's transaction, so that
     * federation queues it for the originator with the destruction itself (R13).
     */
    public DestructionCertificate destroy(User user, String id, String reason,
            java.util.function.BiConsumer<Handle, DestructionCertificate> alsoInTransaction) {
        Accounts.requireRole(user, Set.of(Role.SECURITY_OFFICER));
        StoredItem s = readable(user, id, Optional.empty(), "item.read-for-destroy");
        if (s.destroyed()) {
            throw new ConflictException("ALREADY_DESTROYED", "item " + id + " is already destroyed");
        }
        return shred(s, user.name(), reason, Optional.empty(), alsoInTransaction);
    }

    /** A received item handed back to its originator (R13): the signed certificate and the content returned. */
    public record Returned(DestructionCertificate certificate, String text, List<Attachment> attachments) {}

    /**
     * Returns a received item to its originator when its purpose ends (R13): the content goes into
     * {@code alsoInTransaction} (federation sends it back), and this node's copy is crypto-shredded in the same
     * transaction, with a signed return certificate. Status RETURNED; the item stays in the inventory.
     */
    public Returned returnToOriginator(User user, String id, String reason,
            java.util.function.BiConsumer<Handle, Returned> alsoInTransaction) {
        Accounts.requireRole(user, Set.of(Role.SECURITY_OFFICER));
        StoredItem s = readable(user, id, Optional.empty(), "item.read-for-return");
        if (s.originator().equals(party)) {
            throw new ConflictException("NOT_RECEIVED", "item " + id + " was originated by " + party + "; only a received "
                    + "item is returned to its originator (R13)");
        }
        if (s.destroyed()) {
            throw new ConflictException("ALREADY_DESTROYED", "item " + id + " is no longer held here (" + s.status() + ")");
        }
        Content c = open(s);
        Returned[] made = {null};
        shred(s, user.name(), reason, Optional.of(s.originator()), (h, cert) -> {
            made[0] = new Returned(cert, c.text(), c.attachments());
            alsoInTransaction.accept(h, made[0]);
        });
        return made[0];
    }

    /** Whether {@code text} and {@code attachments} are exactly the content of item {@code id} (its signed digest). */
    public boolean hasContent(String id, String text, List<Attachment> attachments) {
        String digest = Content.sha384(new Content(text, attachments).bytes());
        return jdbi.withHandle(h -> h.createQuery("SELECT content_digest FROM items WHERE id = :id").bind("id", id)
                .mapTo(String.class).findFirst()).map(digest::equals).orElse(false);
    }

    /**
     * Destroys a received item because its originator recalled it (R12): no user acts here; the actor is the
     * peer, and federation passes the certificate back to the originator in the same transaction.
     */
    public Optional<DestructionCertificate> destroyOnRecall(String id, String actor, String reason,
            java.util.function.BiConsumer<Handle, DestructionCertificate> alsoInTransaction) {
        StoredItem s = jdbi.withHandle(h -> ItemTable.find(h, id)).orElseThrow(() -> notFound(id));
        if (s.originator().equals(party)) {
            throw new ForbiddenException("NOT_RECEIVED", "item " + id + " was originated here; only its originator "
                    + "recalls it");
        }
        return s.destroyed() ? Optional.empty() : Optional.of(shred(s, actor, reason, Optional.empty(), alsoInTransaction));
    }

    /** Crypto-shreds this node's copy: destroyed, or returned to {@code returnedTo} (R13). */
    private DestructionCertificate shred(StoredItem s, String actor, String reason, Optional<Party> returnedTo,
            java.util.function.BiConsumer<Handle, DestructionCertificate> alsoInTransaction) {
        String id = s.id();
        Instant now = clock.instant();
        Map<String, Object> cert = new LinkedHashMap<>();
        cert.put("type", returnedTo.isPresent() ? "liaison-return-certificate-v1" : "liaison-destruction-certificate-v1");
        cert.put("item", id);
        cert.put("originator", s.originator().code());
        cert.put("originators", s.originators().stream().map(Party::code).sorted().toList());
        cert.put("marking", Markings.banner(s.nodeLabel(), policy));
        cert.put("contentDigest", s.contentDigest());
        cert.put("holder", party.code());
        cert.put("destroyedBy", actor);
        cert.put("destroyedAt", now.toString());
        cert.put("reason", reason == null ? "" : reason);
        cert.put("method", returnedTo.map(p -> "returned to " + p + " in a signed message; then crypto-shredding: the "
                + "wrapped item key and the ciphertext were deleted").orElse("crypto-shredding: the wrapped item key and the "
                + "ciphertext were deleted"));
        cert.put("signingKey", signer.keyId());
        String text = Json.compact(cert);
        String signature = HexFormat.of().formatHex(signer.sign(text.getBytes(StandardCharsets.UTF_8)));
        jdbi.useTransaction(h -> {
            ItemTable.shred(h, id, returnedTo.isPresent() ? "RETURNED" : "DESTROYED", now.toEpochMilli());
            faults.at("item.destroy.shredded");
            ItemTable.certificate(h, id, text, signature, now.toEpochMilli());
            ItemTable.custody(h, id, returnedTo.map(p -> "returned to " + p).orElse("destroyed"), actor,
                    returnedTo.map(Party::code).orElse("none"), now.toEpochMilli());
            audit.append(h, AuditEvent.done(actor, returnedTo.isPresent() ? "item.return" : "item.destroy", id, Map.of(
                    "reason", reason == null ? "" : reason, "certificate", Content.sha384(text.getBytes(StandardCharsets.UTF_8)))));
            alsoInTransaction.accept(h, new DestructionCertificate(id, text, signature, signer.keyId()));
        });
        keys.delete(id);
        afterWrite(List.of(), List.of(id));
        return new DestructionCertificate(id, text, signature, signer.keyId());
    }

    // ---- inventory (R11) ----

    public List<CustodyEvent> inventory(User user, String id) {
        readable(user, id, Optional.empty(), "item.inventory");
        return jdbi.withHandle(h -> ItemTable.custodyOf(h, id));
    }

    public void transfer(User user, String id, String custodian, String location) {
        Accounts.requireRole(user, AUTHORS);
        readable(user, id, Optional.empty(), "item.read-for-transfer");
        if (custodian == null || !custodian.matches("[a-z][a-z0-9._-]{1,63}") || location == null || location.isBlank()
                || location.length() > 400) {
            throw new InvalidInputException("CUSTODY_INVALID", "a transfer needs a custodian user name and a location of"
                    + " 1 to 400 characters");
        }
        jdbi.useTransaction(h -> {
            ItemTable.custody(h, id, "transferred", custodian, location, clock.millis());
            audit.append(h, AuditEvent.done(user.name(), "item.transfer", id, Map.of("custodian", custodian,
                    "location", location)));
        });
        audit.sequenceSoon();
    }

    // ---- search ----

    public SearchPage search(User user, String query, int offset, int limit) {
        flushIndex();
        SearchPage page = index.search(new SearchFilter(user.clearance(), user.duties(), user.facilityActive()),
                query == null ? "" : query, offset, limit);
        auditNow(AuditEvent.done(user.name(), "search", "items", Map.of("query", truncate(query == null ? "" : query),
                "offset", Integer.toString(offset), "results", Long.toString(page.total()))));
        return page;
    }

    /** Makes every committed write visible to search. */
    public void flushIndex() {
        if (indexDirty.getAndSet(false)) {
            index.commit();
        }
    }

    /** Rebuilds the search index from the database; returns the number of items indexed. */
    public long rebuildIndex() {
        List<IndexedItem> all = new ArrayList<>();
        jdbi.useHandle(h -> ItemTable.each(h, s -> all.add(indexed(s, open(s)))));
        index.rebuild(all);
        return all.size();
    }

    /** True when the index holds as many documents as there are live items. */
    public boolean indexConsistent() {
        long live = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items WHERE status = 'ACTIVE'")
                .mapTo(Long.class).one());
        return live == index.size();
    }

    // ---- helpers ----

    /** After a new item commits: its audit record is sequenced soon, and the index gains it. */
    private void afterCreate(IndexedItem created) {
        audit.sequenceSoon();
        index.add(created);
        indexDirty.set(true);
    }

    private void afterWrite(List<IndexedItem> upserts, List<String> deletes) {
        audit.sequenceSoon();
        upserts.forEach(index::upsert);
        deletes.forEach(index::delete);
        indexDirty.set(true);
    }

    /** The key is durable before the item commits; if the item does not commit, its key goes too. */
    private void storeWithKey(Sealing sealing, org.jdbi.v3.core.HandleConsumer<RuntimeException> write) {
        storeWithKey(sealing, () -> jdbi.useTransaction(write));
    }

    /** As above, on a plain connection: creation is the hottest write path. */
    private void storeWithKey(Sealing sealing, Jdbc.Work<Void> write) {
        storeWithKey(sealing, () -> Jdbc.inTransaction(database.dataSource(), write));
    }

    private void storeWithKey(Sealing sealing, Runnable transaction) {
        keys.put(sealing.item().id(), sealing.wrappedKey());
        try {
            transaction.run();
        } catch (RuntimeException e) {
            keys.delete(sealing.item().id());
            throw e;
        }
    }

    /**
     * Deletes the key of every item that is destroyed or was never committed (a crash between writing a
     * key and committing its item, or between committing a destruction and deleting the key).
     */
    public int sweepKeys() {
        int[] removed = {0};
        List<String> ids = new ArrayList<>();
        keys.forEachId(ids::add);
        for (String id : ids) {
            Optional<String> status = jdbi.withHandle(h -> h.createQuery("SELECT status FROM items WHERE id = :id")
                    .bind("id", id).mapTo(String.class).findFirst());
            if (status.isEmpty() || !status.get().equals("ACTIVE")) {
                keys.delete(id);
                removed[0]++;
            }
        }
        return removed[0];
    }

    /** The ids of every item whose key is held (package-private, for tests). */
    List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        keys.forEachId(ids::add);
        return ids;
    }

    private IndexedItem indexed(StoredItem s, Content c) {
        return new IndexedItem(s.id(), s.title(), c.text(), s.nodeLabel(), s.purposes(), Instant.ofEpochMilli(s.createdAt()));
    }

    private SecurityLabel ownLabel(SecurityLabel label) {
        LabelValidator.requireValid(label, policy);
        if (label.originator().isPresent() && !label.originator().get().equals(party)) {
            throw new InvalidInputException("ORIGINATOR_MISMATCH", "this node originates items for " + party
                    + ", not " + label.originator().get() + " (R1)");
        }
        return new SecurityLabel(label.policy(), label.classification(), label.privacyMark(), label.categories(),
                Optional.of(party), clock.instant(), label.reviewAt());
    }

    private void checkContent(String text, List<Attachment> attachments) {
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException("TEXT_TOO_LARGE", "text is " + text.length() + " characters; the limit is "
                    + MAX_TEXT);
        }
        for (Attachment a : attachments) {
            if (a.data().length > attachmentLimit) {
                throw new InvalidInputException("ATTACHMENT_TOO_LARGE", "attachment " + a.name() + " is "
                        + a.data().length + " bytes; the limit is " + attachmentLimit);
            }
        }
    }

    private Sealing seal(String id, String title, Party originator, Set<Party> originators, SecurityLabel originatorLabel,
            SecurityLabel nodeLabel, Set<Purpose> purposes, boolean privateRights, String kind, Content content,
            String by, List<String> sources) {
        byte[] plain = content.bytes();
        String digest = Content.sha384(plain);
        ItemCipher.Sealed sealed = cipher.seal(plain, id.getBytes(StandardCharsets.UTF_8));
        return new Sealing(new StoredItem(id, title, originator, originators, originatorLabel, nodeLabel, purposes,
                privateRights, kind, sealed.ciphertext(), digest, bind(id, nodeLabel, digest), "ACTIVE", by,
                clock.millis(), sources), sealed.wrappedKey());
    }

    /** Binds label and content together (in the spirit of ADatP-4778): the node signs both digests. */
    private String bind(String id, SecurityLabel label, String contentDigest) {
        return HexFormat.of().formatHex(signer.sign(bindingBytes(id, label, contentDigest)));
    }

    private static byte[] bindingBytes(String id, SecurityLabel label, String contentDigest) {
        String labelDigest = Content.sha384(LabelXml.write(label, LabelRole.ALTERNATIVE).getBytes(StandardCharsets.UTF_8));
        return ("liaison-binding-v1|" + id + "|" + labelDigest + "|" + contentDigest).getBytes(StandardCharsets.UTF_8);
    }

    /** Decrypts and checks the binding; a failure means the stored item was tampered with. */
    private Content open(StoredItem s) {
        if (!NodeSigner.verify(signer.publicKey(), bindingBytes(s.id(), s.nodeLabel(), s.contentDigest()),
                HexFormat.of().parseHex(s.signature()))) {
            throw new IllegalStateException("item " + s.id() + ": label and content binding fails verification");
        }
        byte[] wrapped = keys.get(s.id()).orElseThrow(() -> new IllegalStateException("item " + s.id()
                + " has no key: it was shredded"));
        byte[] plain = cipher.open(new ItemCipher.Sealed(wrapped, s.ciphertext()), s.id().getBytes(StandardCharsets.UTF_8));
        if (!Content.sha384(plain).equals(s.contentDigest())) {
            throw new IllegalStateException("item " + s.id() + ": content does not match its signed digest");
        }
        return Content.parse(plain);
    }

    private ItemFacts facts(StoredItem s) {
        return new ItemFacts(s.id(), s.originator(), s.originatorLabel(),
                s.originator().equals(party) ? Optional.empty() : Optional.of(s.nodeLabel()), s.purposes(), Set.of(),
                s.privateRights(), List.of(s.originator()));
    }

    private static Purpose firstCommonPurpose(User user, StoredItem s) {
        return s.purposes().stream().filter(user.duties()::contains).sorted().findFirst()
                .orElseGet(() -> s.purposes().stream().sorted().findFirst().orElse(Purpose.of("unstated")));
    }

    private ItemView view(StoredItem s, Optional<Content> content) {
        return view(s, content, marking(s));
    }

    /** This node's marking; a received item also names its originator, e.g. {@code JPN / 군사Ⅲ급비밀} (R3). */
    private String marking(StoredItem s) {
        String banner = Markings.banner(s.nodeLabel(), policy);
        return s.originator().equals(party) ? banner : s.originator().code() + " / " + banner;
    }

    private ItemView view(StoredItem s, Optional<Content> content, String marking) {
        return new ItemView(s.id(), s.title(), s.originator(), s.originators(), s.originatorLabel(), s.nodeLabel(),
                marking, s.purposes(), s.privateRights(), s.kind(), s.sources(), s.status(),
                s.createdBy(), Instant.ofEpochMilli(s.createdAt()), content.map(Content::text),
                content.map(Content::attachments).orElse(List.of()));
    }

    private void auditNow(AuditEvent e) {
        jdbi.useTransaction(h -> audit.append(h, e));
        audit.sequenceSoon();
    }

    private String newId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return party.code().toLowerCase(java.util.Locale.ROOT) + "-" + HexFormat.of().formatHex(b);
    }

    private static String names(Set<?> set) {
        return String.join(",", set.stream().map(Object::toString).sorted().toList());
    }

    private static String truncate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
