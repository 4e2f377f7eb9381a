package io.liaison.node.items;

import com.fasterxml.jackson.core.type.TypeReference;
import io.liaison.catalog.json.Json;
import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The items, item_sources, received_items, custody, reclassifications and destruction_certificates tables; no rules.
 * Rows are read without their ciphertext, except by a read that opens the item if allowed
 * ({@link #findOrDecoyWithCiphertext}); {@link #ciphertext} reads it alone.
 */
final class ItemTable {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    /** Every field an item's signature covers, in one row: its sources aggregated, its provenance joined. */
    private static final String SELECT = "SELECT i.id, i.title, i.originator, i.originators, i.originator_label, "
            + "i.node_label, i.purposes, i.private_rights, i.kind, i.content_digest, i.signature, i.status, i.created_by, "
            + "i.created_at, (SELECT STRING_AGG(s.source_id, ',' ORDER BY s.source_id) FROM item_sources s WHERE "
            + "s.item_id = i.id) AS sources, r.from_party, r.agreement, r.source_item, r.origin_item, r.chain, r.marking, "
            + "r.envelope_id, r.received_at, r.hops FROM items i LEFT JOIN received_items r ON r.item_id = i.id";

    private ItemTable() {}

    static void insert(Handle h, StoredItem i, byte[] ciphertext) {
        rows(i, ciphertext).forEach(r -> Jdbc.insert(h.getConnection(), r));
    }

    /** The rows of a new item: the item, its sources and, for a received item, its provenance. */
    static List<Jdbc.Insert> rows(StoredItem i, byte[] ciphertext) {
        List<Jdbc.Insert> rows = new java.util.ArrayList<>();
        rows.add(itemRow(i, ciphertext));
        for (String source : i.sources()) {
            rows.add(Jdbc.Insert.of("INSERT INTO item_sources (item_id, source_id) VALUES (?, ?)", i.id(), source));
        }
        i.provenance().ifPresent(p -> rows.add(receivedRow(i.id(), p)));
        return rows;
    }

    /** The row of a new item without sources or provenance; those go in with {@link #insert}. */
    static Jdbc.Insert itemRow(StoredItem i, byte[] ciphertext) {
        return Jdbc.Insert.of("INSERT INTO items (id, title, originator, originators, originator_label, node_label, "
                        + "classification, purposes, private_rights, kind, ciphertext, content_digest, signature, status, "
                        + "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                i.id(), i.title(), i.originator().code(),
                Json.compact(i.originators().stream().map(Party::code).sorted().toList()),
                ItemIntegrity.written(i.originatorLabel(), LabelRole.ORIGINATOR).xml(),
                ItemIntegrity.written(i.nodeLabel(), LabelRole.ALTERNATIVE).xml(),
                i.nodeLabel().classification(), Json.compact(i.purposes().stream().map(Purpose::name).sorted().toList()),
                i.privateRights(), i.kind(), ciphertext, i.contentDigest(), i.signature(), i.status(), i.createdBy(),
                i.createdAt(), i.createdAt());
    }

    static Optional<StoredItem> find(Handle h, String id) {
        return h.createQuery(SELECT + " WHERE i.id = :id").bind("id", id).map((rs, ctx) -> item(rs)).findFirst();
    }

    /**
     * Exactly one row, with the same work whatever {@code id} is: the item {@code id} if it exists, else the node's
     * decoy. A read of a hidden item and of a missing one then cost the same (R10).
     */
    static StoredItem findOrDecoy(javax.sql.DataSource dataSource, String id, String decoy) {
        return Jdbc.first(dataSource, SELECT + FIND_OR_DECOY, List.of(id, decoy), ItemTable::item)
                .orElseThrow(() -> new IllegalStateException("the node's decoy item " + decoy + " is missing"));
    }

    /**
     * {@link #findOrDecoy} with the row's ciphertext in the same statement if it is at most {@link #INLINE_CIPHERTEXT}
     * bytes, for a read that opens the item if it is allowed: one round trip instead of two. The statement runs before
     * the decision, for a refused read and a missing item alike, so a larger ciphertext is left to a second statement
     * after an allowed decision: a refused read of a large item must not cost the copy of its content, which would
     * tell it from a missing one (R10).
     */
    static Found findOrDecoyWithCiphertext(javax.sql.DataSource dataSource, String id, String decoy) {
        return Jdbc.first(dataSource, SELECT_WITH_CIPHERTEXT + FIND_OR_DECOY, List.of(id, decoy),
                        rs -> new Found(item(rs), Optional.ofNullable(rs.getBytes("inline_ciphertext"))))
                .orElseThrow(() -> new IllegalStateException("the node's decoy item " + decoy + " is missing"));
    }

    /** A row and its ciphertext if read with it: absent when larger than {@link #INLINE_CIPHERTEXT} or shredded. */
    record Found(StoredItem item, Optional<byte[]> ciphertext) {}

    /** The largest ciphertext read with its row, in bytes: a text item's, as the labels in the same row can be. */
    static final int INLINE_CIPHERTEXT = 16 * 1024;
    private static final String FIND_OR_DECOY = " WHERE i.id = COALESCE((SELECT x.id FROM items x WHERE x.id = ? AND "
            + "x.status <> 'DECOY'), ?)";
    private static final String SELECT_WITH_CIPHERTEXT = SELECT.replaceFirst("^SELECT ", "SELECT CASE WHEN "
            + "OCTET_LENGTH(i.ciphertext) <= " + INLINE_CIPHERTEXT + " THEN i.ciphertext END AS inline_ciphertext, ");

    static Optional<byte[]> ciphertext(javax.sql.DataSource dataSource, String id) {
        return Jdbc.first(dataSource, "SELECT ciphertext FROM items WHERE id = ?", List.of(id),
                rs -> Optional.ofNullable(rs.getBytes(1))).flatMap(x -> x);
    }

    static Optional<String> status(Handle h, String id) {
        return h.createQuery("SELECT status FROM items WHERE id = :id").bind("id", id).mapTo(String.class).findFirst();
    }

    static long countActive(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM items WHERE status = 'ACTIVE'").mapTo(Long.class).one();
    }

    static void each(Handle h, Consumer<StoredItem> action) {
        h.createQuery(SELECT + " WHERE i.status = 'ACTIVE' ORDER BY i.id").setFetchSize(1000)
                .map((rs, ctx) -> item(rs)).useStream(s -> s.forEach(action));
    }

    /** Items made directly from {@code id}. */
    static List<String> derivedFrom(Handle h, String id) {
        return h.createQuery("SELECT item_id FROM item_sources WHERE source_id = :id ORDER BY item_id").bind("id", id)
                .mapTo(String.class).list();
    }

    static void relabel(Handle h, StoredItem s, long now) {
        h.createUpdate("UPDATE items SET originator_label = :olabel, node_label = :nlabel, classification = :level, "
                        + "signature = :sig, updated_at = :now WHERE id = :id")
                .bind("olabel", ItemIntegrity.written(s.originatorLabel(), LabelRole.ORIGINATOR).xml())
                .bind("nlabel", ItemIntegrity.written(s.nodeLabel(), LabelRole.ALTERNATIVE).xml())
                .bind("level", s.nodeLabel().classification()).bind("sig", s.signature()).bind("now", now)
                .bind("id", s.id()).execute();
    }

    /** Deletes the ciphertext; the status is DESTROYED or RETURNED (R13), signed anew. */
    static void shred(Handle h, StoredItem s, long now) {
        h.createUpdate("UPDATE items SET ciphertext = NULL, status = :status, signature = :sig, updated_at = :now "
                + "WHERE id = :id").bind("status", s.status()).bind("sig", s.signature()).bind("now", now)
                .bind("id", s.id()).execute();
    }

    static void custody(Handle h, String id, String action, String custodian, String location, long now) {
        Jdbc.insert(h.getConnection(), custodyRow(id, action, custodian, location, now));
    }

    static Jdbc.Insert custodyRow(String id, String action, String custodian, String location, long now) {
        return Jdbc.Insert.of("INSERT INTO custody (item_id, action, custodian, location, at) VALUES (?, ?, ?, ?, ?)", id,
                action, custodian, location, now);
    }

    private static Jdbc.Insert receivedRow(String id, Provenance p) {
        return Jdbc.Insert.of("INSERT INTO received_items (item_id, envelope_id, from_party, agreement, source_item, "
                + "origin_item, chain, marking, received_at, hops) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, p.envelopeId(),
                p.from().code(), p.agreement().value(), p.sourceItem(), p.originItem(),
                Json.compact(p.chain().stream().map(Party::code).toList()), p.marking(), p.receivedAt().toEpochMilli(),
                HopRows.json(p.hops()));
    }

    /** The local items received from {@code from} as its item {@code sourceItem}; only active ones if asked. */
    static List<String> receivedAs(Handle h, Party from, String sourceItem, boolean activeOnly) {
        return h.createQuery("SELECT r.item_id FROM received_items r JOIN items i ON i.id = r.item_id WHERE "
                        + "r.from_party = :f AND r.source_item = :s" + (activeOnly ? " AND i.status = 'ACTIVE'" : "")
                        + " ORDER BY r.item_id").bind("f", from.code()).bind("s", sourceItem).mapTo(String.class).list();
    }

    /** Whether {@code id} is an item {@code party} originated and this node holds as its own. */
    static boolean originated(Handle h, String id, Party party) {
        return h.createQuery("SELECT COUNT(*) FROM items WHERE id = :i AND originator = :o AND kind <> 'received' AND "
                + "status <> 'DECOY'").bind("i", id).bind("o", party.code()).mapTo(Long.class).one() > 0;
    }

    static Optional<String> contentDigest(Handle h, String id) {
        return h.createQuery("SELECT content_digest FROM items WHERE id = :id AND status <> 'DECOY'").bind("id", id)
                .mapTo(String.class).findFirst();
    }

    static List<CustodyEvent> custodyOf(Handle h, String id) {
        return h.createQuery("SELECT action, custodian, location, at FROM custody WHERE item_id = :i ORDER BY id")
                .bind("i", id).map((rs, ctx) -> new CustodyEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)))).list();
    }

    static void reclassification(Handle h, String id, String oldLevel, String newLevel, String cause, String by,
            String reason, long now) {
        h.createUpdate("INSERT INTO reclassifications (item_id, old_level, new_level, cause_item, by_user, reason, at) "
                        + "VALUES (:i, :o, :n, :c, :b, :r, :at)").bind("i", id).bind("o", oldLevel).bind("n", newLevel)
                .bind("c", cause).bind("b", by).bind("r", reason).bind("at", now).execute();
    }

    static void certificate(Handle h, String id, String certificate, String signature, long now) {
        h.createUpdate("INSERT INTO destruction_certificates (item_id, certificate, signature, issued_at) "
                + "VALUES (:i, :c, :s, :at)").bind("i", id).bind("c", certificate).bind("s", signature).bind("at", now)
                .execute();
    }

    private static StoredItem item(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        try {
            String sources = rs.getString("sources");
            Set<Party> originators = strings(PARTIES, rs.getString("originators"), Party::of);
            Set<Purpose> purposes = strings(PURPOSES, rs.getString("purposes"), Purpose::of);
            Optional<Provenance> provenance = Optional.empty();
            String from = rs.getString("from_party");
            if (from != null) {
                String source = rs.getString("source_item");
                String origin = rs.getString("origin_item");
                provenance = Optional.of(new Provenance(Party.of(from), AgreementId.of(rs.getString("agreement")), source,
                        origin == null ? source : origin, Json.MAPPER.readValue(rs.getString("chain"), STRINGS).stream()
                        .map(Party::of).toList(), rs.getString("marking"), rs.getString("envelope_id"),
                        Instant.ofEpochMilli(rs.getLong("received_at")), HopRows.read(rs.getString("hops"))));
            }
            return new StoredItem(id, rs.getString("title"), Party.of(rs.getString("originator")), originators,
                    label(rs.getString("originator_label"), id), label(rs.getString("node_label"), id), purposes,
                    rs.getBoolean("private_rights"), rs.getString("kind"), rs.getString("content_digest"),
                    rs.getString("signature"), rs.getString("status"), rs.getString("created_by"),
                    rs.getLong("created_at"), sources == null || sources.isEmpty() ? List.of()
                    : Arrays.asList(sources.split(",")), provenance);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            throw new io.liaison.core.error.IntegrityException("ITEM_INTEGRITY_FAILED", "stored item " + id
                    + " cannot be read back (" + e.getMessage() + "): it was changed outside the node; security officers"
                    + " are alerted");
        }
    }

    /** A stored label, parsed once per distinct text: a read parses two, and parsing XML was a sixth of its time. */
    private static SecurityLabel label(String xml, String id) {
        return LABELS.get(xml, x -> LabelXml.read(x.getBytes(StandardCharsets.UTF_8), "item " + id).label());
    }

    private static final io.liaison.node.store.BoundedCache<String, SecurityLabel> LABELS =
            new io.liaison.node.store.BoundedCache<>(4_096);
    private static final io.liaison.node.store.BoundedCache<String, Set<Party>> PARTIES =
            new io.liaison.node.store.BoundedCache<>(1_000);
    private static final io.liaison.node.store.BoundedCache<String, Set<Purpose>> PURPOSES =
            new io.liaison.node.store.BoundedCache<>(1_000);

    /** A stored JSON array of strings, each made a value by {@code of}; the set is parsed once per distinct text. */
    private static <T> Set<T> strings(io.liaison.node.store.BoundedCache<String, Set<T>> cache, String json,
            java.util.function.Function<String, T> of) {
        return cache.get(json, j -> {
            try {
                return Json.MAPPER.readValue(j, STRINGS).stream().map(of).collect(Collectors.toUnmodifiableSet());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("not a JSON array of strings: " + e.getOriginalMessage(), e);
            }
        });
    }
}
