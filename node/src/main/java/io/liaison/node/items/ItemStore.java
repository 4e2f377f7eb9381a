package io.liaison.node.items;

import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.decision.ItemFacts;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.Markings;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.crypto.ItemCipher;
import io.liaison.node.search.IndexedItem;
import io.liaison.node.search.SearchIndex;
import io.liaison.node.store.Database;
import io.liaison.node.store.Jdbc;
import io.liaison.node.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * What the item capabilities share: the tables, the keys, sealing and opening content, the node's signature over
 * every field, the search index that follows commits, and the audit log. No rules of its own; {@link Items},
 * {@link Copies}, {@link Exchange}, {@link Reclassification} and {@link Destruction} hold them.
 */
final class ItemStore {
    static final int MAX_TEXT = 4 << 20;
    /** The id of the node's decoy item, read in place of a missing one so that both cost the same (R10). */
    static final String DECOY = "decoy-0000000000000000";

    final Database database;
    final Jdbi jdbi;
    final AuditLog audit;
    final ItemCipher cipher;
    final ItemIntegrity integrity;
    final Supplier<DecisionEngine> engines;
    private final Supplier<SecurityPolicy> policy;

    /** The node's policy in force now. */
    SecurityPolicy policy() {
        return policy.get();
    }
    final Party party;
    final SearchIndex index;
    final Clock clock;
    final SecureRandom random;
    final long attachmentLimit;
    final FaultInjector faults;
    final ItemKeys keys;
    final io.liaison.node.cluster.Signals signals;
    /** The signal that items changed: their ids, for the other replicas' search indexes. */
    static final String CHANGED = "items";
    private final AtomicBoolean indexDirty = new AtomicBoolean();

    /** An item ready to store: the row (signed), its ciphertext, and its wrapped key, which goes to the key journal. */
    record Sealing(StoredItem item, byte[] ciphertext, byte[] wrappedKey) {
        /** The same sealing with the row signed. */
        Sealing withItem(StoredItem signed) {
            return new Sealing(signed, ciphertext, wrappedKey);
        }
    }

    ItemStore(Database database, AuditLog audit, ItemCipher cipher, ItemIntegrity integrity,
            Supplier<DecisionEngine> engines, Supplier<SecurityPolicy> policy, Party party, SearchIndex index, Clock clock,
            SecureRandom random, long attachmentLimit, FaultInjector faults, ItemKeys keys,
            io.liaison.node.cluster.Signals signals) {
        this.signals = signals;
        this.database = database;
        this.jdbi = database.jdbi();
        this.audit = audit;
        this.cipher = cipher;
        this.integrity = integrity;
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

    /** Makes the decoy item once: the policy's highest level, a purpose nobody serves, signed like any item. */
    void ensureDecoy() {
        if (jdbi.withHandle(h -> ItemTable.status(h, DECOY)).isPresent()) {
            return;
        }
        SecurityLabel label = SecurityLabel.of(new io.liaison.core.label.PolicyIdentifier(policy().name(),
                policy().oid().map(o -> "urn:oid:" + o)), policy().highest().name(), party, Instant.EPOCH);
        byte[] plain = new Content("", List.of()).bytes();
        StoredItem decoy = integrity.sign(new StoredItem(DECOY, "decoy", party, Set.of(party), label, label,
                Set.of(Purpose.of("none (the node's decoy)")), false, "decoy", Content.sha384(plain), "", StoredItem.DECOY,
                "system", 0, List.of(), Optional.empty()));
        jdbi.useTransaction(h -> ItemTable.insert(h, decoy, new byte[0]));
    }

    Sealing seal(String id, String title, Party originator, Set<Party> originators, SecurityLabel originatorLabel,
            SecurityLabel nodeLabel, Set<Purpose> purposes, boolean privateRights, String kind, Content content, String by,
            List<String> sources, Optional<Provenance> provenance) {
        Sealing unsigned = sealUnsigned(id, title, originator, originators, originatorLabel, nodeLabel, purposes,
                privateRights, kind, content, by, sources, provenance);
        return unsigned.withItem(integrity.sign(unsigned.item()));
    }

    /**
     * As {@link #seal}, the row not yet signed (its signature empty, which no check accepts): for items signed together
     * with others ({@link ItemIntegrity#signAll}) before they are stored.
     */
    Sealing sealUnsigned(String id, String title, Party originator, Set<Party> originators,
            SecurityLabel originatorLabel, SecurityLabel nodeLabel, Set<Purpose> purposes, boolean privateRights,
            String kind, Content content, String by, List<String> sources, Optional<Provenance> provenance) {
        byte[] plain = content.bytes();
        String digest = Content.sha384(plain);
        ItemCipher.Sealed sealed = cipher.seal(plain, id.getBytes(StandardCharsets.UTF_8));
        StoredItem row = new StoredItem(id, title, originator, originators, originatorLabel, nodeLabel, purposes,
                privateRights, kind, digest, "", StoredItem.ACTIVE, by, clock.millis(), sources, provenance);
        return new Sealing(row, sealed.ciphertext(), sealed.wrappedKey());
    }

    /** Decrypts a verified item's content and checks it against the signed digest. */
    Content open(ItemIntegrity.VerifiedItem v) {
        StoredItem s = v.item();
        byte[] ciphertext = v.ciphertext().or(() -> ItemTable.ciphertext(database.dataSource(), s.id()))
                .orElseThrow(() -> new IllegalStateException("item " + s.id() + " has no content: it was shredded"));
        byte[] wrapped = keys.get(s.id()).orElseThrow(() -> new IllegalStateException("item " + s.id()
                + " has no key: it was shredded"));
        byte[] plain = cipher.open(new ItemCipher.Sealed(wrapped, ciphertext), s.id().getBytes(StandardCharsets.UTF_8));
        if (!Content.sha384(plain).equals(s.contentDigest())) {
            throw new io.liaison.core.error.IntegrityException("ITEM_INTEGRITY_FAILED", "item " + s.id()
                    + ": its content does not match its signed digest; security officers are alerted");
        }
        return Content.parse(plain);
    }

    /** The key is durable before the item commits; if the item does not commit, its key goes too. */
    void storeWithKey(Sealing sealing, Consumer<Tx> write) {
        storeWithKey(sealing, () -> database.useTransaction(write));
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

    /** A new item ready to commit: its sealing (row and key) and its rows in order, the item's first. */
    record Creation(Sealing sealing, List<Jdbc.Insert> rows) {
        Creation {
            rows = List.copyOf(rows);
        }
    }

    /**
     * Commits a new item with the others created at the same moment (group commit). Its key is durable first (the key
     * journal's own group commit); then its rows share one transaction with theirs. The caller returns once its own
     * item committed; an item whose write fails fails alone (the group is written again one by one), and its key goes.
     */
    void create(Creation creation) {
        storeWithKey(creation.sealing(), () -> creations.commit(creation));
    }

    /** 64 items at most in one transaction: enough for a hundred clients, small enough to keep the wait short. */
    private final io.liaison.node.store.GroupCommit<Creation> creations = new io.liaison.node.store.GroupCommit<>(64,
            this::writeCreations);

    private void writeCreations(List<Creation> group) {
        Jdbc.inTransaction(database.dataSource(), c -> {
            Jdbc.insertAllBatch(c, database.kind(), group.stream().map(Creation::rows).toList());
            for (Creation cr : group) {
                faults.at("item.create.inserted", cr.sealing().item().title());
                faults.at("item.create.audited", cr.sealing().item().title());
            }
            return null;
        });
    }

    /** After a new item commits: its audit record is sequenced soon, and the index gains it. */
    void afterCreate(IndexedItem created) {
        audit.sequenceSoon();
        index.add(created);
        indexDirty.set(true);
        signals.publish(CHANGED, created.id());
    }

    void afterWrite(List<IndexedItem> upserts, List<String> deletes) {
        audit.sequenceSoon();
        upserts.forEach(index::upsert);
        deletes.forEach(index::delete);
        indexDirty.set(true);
        List<String> ids = new java.util.ArrayList<>(upserts.stream().map(IndexedItem::id).toList());
        ids.addAll(deletes);
        for (int i = 0; i < ids.size(); i += 64) {
            signals.publish(CHANGED, String.join(",", ids.subList(i, Math.min(ids.size(), i + 64))));
        }
    }

    /** Brings this replica's index up to the database for items another replica changed. */
    void reindex(List<String> ids) {
        for (String id : ids) {
            Optional<StoredItem> row = jdbi.withHandle(h -> ItemTable.find(h, id));
            if (row.isPresent() && row.get().status().equals(StoredItem.ACTIVE)) {
                index.upsert(indexed(row.get(), open(integrity.verify(row.get()))));
            } else {
                index.delete(id);
            }
        }
        indexDirty.set(true);
    }

    /** Makes every committed write visible to search. */
    void flushIndex() {
        if (indexDirty.getAndSet(false)) {
            index.commit();
        }
    }

    IndexedItem indexed(StoredItem s, Content c) {
        return new IndexedItem(s.id(), s.title(), c.text(), s.nodeLabel(), s.purposes(), Instant.ofEpochMilli(s.createdAt()));
    }

    void checkContent(String text, List<Attachment> attachments) {
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

    SecurityLabel ownLabel(SecurityLabel typed) {
        SecurityLabel label = LabelValidator.requireValid(typed, policy());
        if (label.originator().isPresent() && !label.originator().get().equals(party)) {
            throw new InvalidInputException("ORIGINATOR_MISMATCH", "this node originates items for " + party
                    + ", not " + label.originator().get() + " (R1)");
        }
        return new SecurityLabel(label.policy(), label.classification(), label.privacyMark(), label.categories(),
                Optional.of(party), clock.instant(), label.reviewAt());
    }

    /** What a decision needs of an item; a received item's chain comes from its provenance. */
    ItemFacts facts(StoredItem s) {
        return new ItemFacts(s.id(), s.originator(), s.originatorLabel(),
                s.originator().equals(party) ? Optional.empty() : Optional.of(s.nodeLabel()), s.purposes(), Set.of(),
                s.privateRights(), s.provenance().map(Provenance::chain).orElse(List.of(s.originator())));
    }

    static Purpose firstCommonPurpose(User user, StoredItem s) {
        return s.purposes().stream().filter(user.duties()::contains).sorted().findFirst()
                .orElseGet(() -> s.purposes().stream().sorted().findFirst().orElse(Purpose.of("unstated")));
    }

    /** This node's marking; a received item also names its originator, e.g. {@code JPN / 군사Ⅲ급비밀} (R3). */
    String marking(StoredItem s) {
        String banner = Markings.banner(s.nodeLabel(), policy());
        return s.originator().equals(party) ? banner : s.originator().code() + " / " + banner;
    }

    ItemView view(StoredItem s, Optional<Content> content) {
        return view(s, content, marking(s));
    }

    /** The view with its {@link #marking} already rendered (a new item's, for its audit record). */
    ItemView view(StoredItem s, Optional<Content> content, String marking) {
        return new ItemView(s.id(), s.title(), s.originator(), s.originators(), s.originatorLabel(), s.nodeLabel(),
                marking, s.purposes(), s.privateRights(), s.kind(), s.sources(), s.status(), s.createdBy(),
                Instant.ofEpochMilli(s.createdAt()), content.map(Content::text),
                content.map(Content::attachments).orElse(List.of()), s.provenance());
    }

    void auditNow(AuditEvent e) {
        audit.appendDurably(e);
        audit.sequenceSoon();
    }

    /**
     * A new id: the time in milliseconds (12 hex digits), then 48 random bits. Items made or received one after another
     * then sit side by side in every index keyed by item id (the items, their custody, their releases and receipts), so
     * a group of them written in one commit rewrites a few pages at the end of each index, not a page per item anywhere
     * in it. The time tells no one more than they know: a reader of the item sees when it was made, a peer it is
     * released to gets the label with its creation time (ADatP-4774 {@code CreationDateTime}) and the hops with
     * theirs, and the random bits still make an id impossible to guess.
     */
    String newId() {
        long millis = clock.millis();
        if (millis < 0 || millis >= 1L << 48) {
            throw new IllegalStateException("time " + millis + " ms does not fit an item id (48 bits)");
        }
        byte[] b = new byte[6];
        random.nextBytes(b);
        return party.code().toLowerCase(java.util.Locale.ROOT) + "-" + HexFormat.of().toHexDigits(millis).substring(4)
                + HexFormat.of().formatHex(b);
    }

    static String names(Set<?> set) {
        return String.join(",", set.stream().map(Object::toString).sorted().toList());
    }
}
