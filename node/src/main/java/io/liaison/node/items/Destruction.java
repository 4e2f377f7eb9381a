package io.liaison.node.items;

import io.liaison.catalog.json.Json;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.label.Markings;
import io.liaison.core.party.Party;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.store.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The end of an item here (R13): destruction by crypto-shredding (the wrapped key and the ciphertext deleted) with a
 * certificate signed by the node; the return of a received item to its originator, with its content and a signed
 * return certificate; and destruction on the originator's recall (R12). The item stays in the inventory with its
 * status, signed anew.
 */
public final class Destruction {
    private final ItemStore store;
    private final ReadGate gate;
    private final List<BiConsumer<Tx, String>> shredListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    Destruction(ItemStore store, ReadGate gate) {
        this.store = store;
        this.gate = gate;
    }

    /**
     * Calls {@code listener} in the transaction of every destruction, return or recall with the item's id: a module
     * that keeps an index of what items are about deletes its row with the item (R13). Running the returned action
     * removes the listener.
     */
    public Runnable onShredded(BiConsumer<Tx, String> listener) {
        shredListeners.add(listener);
        return () -> shredListeners.remove(listener);
    }

    /** Deletes the item key, so no readable copy survives, and issues a signed certificate for the originator. */
    public DestructionCertificate destroy(User user, String id, String reason) {
        return destroy(user, id, reason, (tx, c) -> { });
    }

    /**
     * As above; {@code alsoInTransaction} gets the certificate in the destruction's transaction, so that federation
     * queues it for the originator with the destruction itself (R13).
     */
    public DestructionCertificate destroy(User user, String id, String reason,
            BiConsumer<Tx, DestructionCertificate> alsoInTransaction) {
        Accounts.requireRole(user, Set.of(Role.SECURITY_OFFICER));
        StoredItem s = gate.readable(user, id, Optional.empty(), "item.read-for-destroy", store::auditNow).item();
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
    public Returned returnToOriginator(User user, String id, String reason, BiConsumer<Tx, Returned> alsoInTransaction) {
        Accounts.requireRole(user, Set.of(Role.SECURITY_OFFICER));
        ItemIntegrity.VerifiedItem v = gate.readable(user, id, Optional.empty(), "item.read-for-return", store::auditNow);
        StoredItem s = v.item();
        if (s.originator().equals(store.party) || s.provenance().isEmpty()) {
            throw new ConflictException("NOT_RECEIVED", "item " + id + " was originated by " + store.party + "; only a "
                    + "received item is returned to its originator (R13)");
        }
        if (s.destroyed()) {
            throw new ConflictException("ALREADY_DESTROYED", "item " + id + " is no longer held here (" + s.status() + ")");
        }
        Content c = store.open(v);
        Returned[] made = {null};
        shred(s, user.name(), reason, Optional.of(s.originator()), (tx, cert) -> {
            made[0] = new Returned(cert, c.text(), c.attachments());
            alsoInTransaction.accept(tx, made[0]);
        });
        return made[0];
    }

    /**
     * Destroys a received item because its originator recalled it (R12): no user acts here; the actor is the peer,
     * and federation passes the certificate back to the originator in the same transaction.
     */
    public Optional<DestructionCertificate> destroyOnRecall(String id, String actor, String reason,
            BiConsumer<Tx, DestructionCertificate> alsoInTransaction) {
        StoredItem s = store.jdbi.withHandle(h -> ItemTable.find(h, id)).filter(x -> !x.status().equals(StoredItem.DECOY))
                .map(store.integrity::verify).orElseThrow(() -> ReadGate.notFound(id)).item();
        if (s.originator().equals(store.party)) {
            throw new ForbiddenException("NOT_RECEIVED", "item " + id + " was originated here; only its originator "
                    + "recalls it");
        }
        return s.destroyed() ? Optional.empty() : Optional.of(shred(s, actor, reason, Optional.empty(), alsoInTransaction));
    }

    /** Crypto-shreds this node's copy: destroyed, or returned to {@code returnedTo} (R13). */
    private DestructionCertificate shred(StoredItem s, String actor, String reason, Optional<Party> returnedTo,
            BiConsumer<Tx, DestructionCertificate> alsoInTransaction) {
        String id = s.id();
        Instant now = store.clock.instant();
        Map<String, Object> cert = new LinkedHashMap<>();
        cert.put("type", returnedTo.isPresent() ? "liaison-return-certificate-v1" : "liaison-destruction-certificate-v1");
        cert.put("item", id);
        cert.put("originator", s.originator().code());
        cert.put("originators", s.originators().stream().map(Party::code).sorted().toList());
        cert.put("marking", Markings.banner(s.nodeLabel(), store.policy()));
        cert.put("contentDigest", s.contentDigest());
        cert.put("holder", store.party.code());
        cert.put("destroyedBy", actor);
        cert.put("destroyedAt", now.toString());
        cert.put("reason", reason == null ? "" : reason);
        cert.put("method", returnedTo.map(p -> "returned to " + p + " in a signed message; then crypto-shredding: the "
                + "wrapped item key and the ciphertext were deleted").orElse("crypto-shredding: the wrapped item key and the "
                + "ciphertext were deleted"));
        cert.put("signingKey", store.integrity.keyId());
        String text = Json.compact(cert);
        String signature = HexFormat.of().formatHex(store.integrity.signText(text.getBytes(StandardCharsets.UTF_8)));
        StoredItem shredded = store.integrity.sign(s.withStatus(returnedTo.isPresent() ? "RETURNED" : "DESTROYED"));
        DestructionCertificate certificate = new DestructionCertificate(id, text, signature, store.integrity.keyId());
        store.database.useTransaction(tx -> {
            ItemTable.shred(tx.sql(), shredded, now.toEpochMilli());
            store.faults.at("item.destroy.shredded");
            ItemTable.certificate(tx.sql(), id, text, signature, now.toEpochMilli());
            ItemTable.custody(tx.sql(), id, returnedTo.map(p -> "returned to " + p).orElse("destroyed"), actor,
                    returnedTo.map(Party::code).orElse("none"), now.toEpochMilli());
            store.audit.append(tx, AuditEvent.doneOnItem(actor, returnedTo.isPresent() ? "item.return" : "item.destroy", id,
                    Map.of("reason", reason == null ? "" : reason, "certificate", Content.sha384(text.getBytes(
                            StandardCharsets.UTF_8)))));
            alsoInTransaction.accept(tx, certificate);
            for (BiConsumer<Tx, String> l : shredListeners) {
                l.accept(tx, id);
            }
        });
        store.keys.delete(id);
        store.afterWrite(List.of(), List.of(id));
        return certificate;
    }
}
