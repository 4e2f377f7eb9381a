package io.liaison.node.items;

import com.fasterxml.jackson.core.type.TypeReference;
import io.liaison.catalog.json.Json;
import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import io.liaison.node.store.Jdbc;
import org.jdbi.v3.core.Handle;

/** The items, item_sources, custody, reclassifications and destruction_certificates tables; no rules. */
final class ItemTable {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private ItemTable() {}

    static void insert(Handle h, StoredItem i) {
        Jdbc.insert(h.getConnection(), itemRow(i));
        for (String source : i.sources()) {
            h.createUpdate("INSERT INTO item_sources (item_id, source_id) VALUES (:i, :s)").bind("i", i.id())
                    .bind("s", source).execute();
        }
    }

    /** The row of a new item; its sources, if any, go in with {@link #insert}. */
    static Jdbc.Insert itemRow(StoredItem i) {
        return Jdbc.Insert.of("INSERT INTO items (id, title, originator, originators, originator_label, node_label, "
                        + "classification, purposes, private_rights, kind, ciphertext, content_digest, signature, status, "
                        + "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                i.id(), i.title(), i.originator().code(),
                Json.compact(i.originators().stream().map(Party::code).sorted().toList()),
                LabelXml.write(i.originatorLabel(), LabelRole.ORIGINATOR), LabelXml.write(i.nodeLabel(), LabelRole.ALTERNATIVE),
                i.nodeLabel().classification(), Json.compact(i.purposes().stream().map(Purpose::name).sorted().toList()),
                i.privateRights(), i.kind(), i.ciphertext(), i.contentDigest(), i.signature(), i.status(), i.createdBy(),
                i.createdAt(), i.createdAt());
    }

    static Optional<StoredItem> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM items WHERE id = :id").bind("id", id).map((rs, ctx) -> item(h, rs)).findFirst();
    }

    static void each(Handle h, Consumer<StoredItem> action) {
        h.createQuery("SELECT * FROM items WHERE status = 'ACTIVE' ORDER BY id").setFetchSize(1000)
                .map((rs, ctx) -> item(h, rs)).useStream(s -> s.forEach(action));
    }

    /** Items made directly from {@code id}. */
    static List<String> derivedFrom(Handle h, String id) {
        return h.createQuery("SELECT item_id FROM item_sources WHERE source_id = :id ORDER BY item_id").bind("id", id)
                .mapTo(String.class).list();
    }

    static void relabel(Handle h, String id, SecurityLabel originatorLabel, SecurityLabel nodeLabel, String signature,
            long now) {
        h.createUpdate("UPDATE items SET originator_label = :olabel, node_label = :nlabel, classification = :level, "
                        + "signature = :sig, updated_at = :now WHERE id = :id")
                .bind("olabel", LabelXml.write(originatorLabel, LabelRole.ORIGINATOR))
                .bind("nlabel", LabelXml.write(nodeLabel, LabelRole.ALTERNATIVE)).bind("level", nodeLabel.classification())
                .bind("sig", signature).bind("now", now).bind("id", id).execute();
    }

    /** Deletes the ciphertext; {@code status} is DESTROYED or RETURNED (R13). */
    static void shred(Handle h, String id, String status, long now) {
        h.createUpdate("UPDATE items SET ciphertext = NULL, status = :status, updated_at = :now "
                + "WHERE id = :id").bind("status", status).bind("now", now).bind("id", id).execute();
    }

    static void custody(Handle h, String id, String action, String custodian, String location, long now) {
        Jdbc.insert(h.getConnection(), custodyRow(id, action, custodian, location, now));
    }

    static Jdbc.Insert custodyRow(String id, String action, String custodian, String location, long now) {
        return Jdbc.Insert.of("INSERT INTO custody (item_id, action, custodian, location, at) VALUES (?, ?, ?, ?, ?)", id,
                action, custodian, location, now);
    }

    static void received(Handle h, String id, String envelopeId, Party from, String agreement, String sourceItem,
            String originItem, List<Party> chain, String marking, long now) {
        // Plain JDBC: this runs once per received item, on the receiver's sequential path.
        Jdbc.insert(h.getConnection(), Jdbc.Insert.of("INSERT INTO received_items (item_id, envelope_id, from_party, "
                + "agreement, source_item, origin_item, chain, marking, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                envelopeId, from.code(), agreement, sourceItem, originItem,
                Json.compact(chain.stream().map(Party::code).toList()), marking, now));
    }

    /** The originator's own id of a received item; empty for an item this node made. */
    static Optional<String> originOf(Handle h, String id) {
        return provenance(h, id).map(Provenance::origin);
    }

    /** Where a received item came from: the chain of holders (this node last) and the originator's own id. */
    record Provenance(List<Party> chain, String origin) {}

    /** The provenance of a received item; empty for an item this node made. */
    static Optional<Provenance> provenance(Handle h, String id) {
        return h.createQuery("SELECT chain, COALESCE(origin_item, source_item) FROM received_items WHERE item_id = :i")
                .bind("i", id).map((rs, ctx) -> {
                    try {
                        return new Provenance(Json.MAPPER.readValue(rs.getString(1), STRINGS).stream().map(Party::of)
                                .toList(), rs.getString(2));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("stored chain of item " + id + " is malformed", e);
                    }
                }).findFirst();
    }

    static List<CustodyEvent> custodyOf(Handle h, String id) {
        return h.createQuery("SELECT action, custodian, location, at FROM custody WHERE item_id = :i ORDER BY id")
                .bind("i", id).map((rs, ctx) -> new CustodyEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                        java.time.Instant.ofEpochMilli(rs.getLong(4)))).list();
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

    private static StoredItem item(Handle h, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        try {
            // Only copies, extracts and translations have sources; originals and received items skip the query.
            String kind = rs.getString("kind");
            List<String> sources = kind.equals("original") || kind.equals("received") ? List.of()
                    : h.createQuery("SELECT source_id FROM item_sources WHERE item_id = :id ORDER BY source_id")
                            .bind("id", id).mapTo(String.class).list();
            Set<Party> originators = Json.MAPPER.readValue(rs.getString("originators"), STRINGS).stream().map(Party::of)
                    .collect(Collectors.toSet());
            Set<Purpose> purposes = Json.MAPPER.readValue(rs.getString("purposes"), STRINGS).stream().map(Purpose::of)
                    .collect(Collectors.toSet());
            return new StoredItem(id, rs.getString("title"), Party.of(rs.getString("originator")), originators,
                    label(rs.getString("originator_label"), id), label(rs.getString("node_label"), id), purposes,
                    rs.getBoolean("private_rights"), kind,
                    rs.getBytes("ciphertext"), rs.getString("content_digest"), rs.getString("signature"),
                    rs.getString("status"), rs.getString("created_by"), rs.getLong("created_at"), sources);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("stored item " + id + " is malformed", e);
        }
    }

    private static SecurityLabel label(String xml, String id) {
        return LabelXml.read(xml.getBytes(StandardCharsets.UTF_8), "item " + id).label();
    }
}
