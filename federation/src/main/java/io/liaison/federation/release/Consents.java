package io.liaison.federation.release;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.decision.Consent;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.Reveals;
import io.liaison.node.disclosure.Disclosure;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.Items;
import io.liaison.node.items.Provenance;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The originator's prior written consent (R6, R22), on both sides.
 *
 * <ul>
 *   <li>A holder's releasing officer asks for consent to pass a received item to a third party for a purpose
 *       ({@link #request}); the request goes to the originator.
 *   <li>The originator's security officer sees the requests ({@link #requests}) and grants one, with an optional
 *       expiry, or denies it; a grant travels as a signed envelope, which the holder keeps as the written evidence.
 *   <li>The originator can revoke a consent; the holder applies the revocation unless the consent was already used.
 *   <li>{@link #onRecord} gives the decision engine the consents on record for an item; a release that a consent
 *       allowed marks it used ({@link #markUsed}).
 * </ul>
 *
 * A request reveals its item: only a user who may read the item sees it or acts on it, and for anyone else it does
 * not exist (R10). Every step is audited in the transaction that makes it.
 */
public final class Consents {
    /** Which side of a consent this node is on. */
    public enum Side { HOLDER, ORIGINATOR }

    /** Where a request stands. */
    public enum Status { PENDING, GRANTED, DENIED }

    /** A consent request as one side sees it; {@code itemId} is this node's item. */
    public record Request(String id, Side side, String itemId, String sourceItem, Party originator, Party holder,
            Party thirdParty, Purpose purpose, AgreementId agreement, String reason, Status status, String requestedBy) {}

    private final Database database;
    private final Items items;
    private final Disclosure disclosure;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Party self;
    private final Clock clock;

    public Consents(Database database, Items items, Disclosure disclosure, AuditLog audit, Outbox outbox, Party self,
            Clock clock) {
        this.database = database;
        this.items = items;
        this.disclosure = disclosure;
        this.audit = audit;
        this.outbox = outbox;
        this.self = self;
        this.clock = clock;
    }

    // The holder's side.

    /** Asks the originator of received item {@code itemId} for consent to pass it to {@code thirdParty}. */
    public Request request(User officer, String itemId, Party thirdParty, Purpose purpose, String reason) {
        Accounts.requireRole(officer, Set.of(Role.RELEASING_OFFICER));
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("REASON_MISSING", "a consent request needs a reason of 1 to 1000 characters");
        }
        ItemView item = items.read(officer, itemId, Optional.empty());
        Provenance received = item.provenance().orElseThrow(() -> new ConflictException("NOT_RECEIVED", "item " + itemId
                + " was made by " + self + "; consent is asked for items received from another party (R6)"));
        if (!received.from().equals(item.originator())) {
            throw new ConflictException("RELAYED_ITEM", "item " + itemId + " came from " + received.from() + ", not from "
                    + "its originator " + item.originator() + "; consent for relayed items is asked by the hub");
        }
        if (thirdParty.equals(item.originator()) || thirdParty.equals(self)) {
            throw new InvalidInputException("NOT_A_THIRD_PARTY", thirdParty + " is not a third party for item " + itemId);
        }
        String id = UUID.randomUUID().toString();
        database.useTransaction(tx -> {
            insertRequest(tx.sql(), id, Side.HOLDER, itemId, received.sourceItem(), item.originator(), self, thirdParty,
                    purpose, received.agreement(), reason, officer.name());
            outbox.enqueue(tx, item.originator(), EnvelopeType.CONSENT_REQUEST, received.agreement(), Optional.of(itemId),
                    new ConsentMessage(id, null, received.sourceItem(), self.code(), thirdParty.code(), purpose.name(),
                            reason, null, officer.name()).toJson());
            audit.append(tx, AuditEvent.doneOnItem(officer.name(), "consent.request", itemId, Map.of("request", id,
                    "originator", item.originator().code(), "thirdParty", thirdParty.code(), "purpose", purpose.name())));
        });
        audit.sequenceSoon();
        return find(officer, id).orElseThrow();
    }

    /** The consents on record for a local item, as the decision engine reads them. */
    public List<Consent> onRecord(String itemId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM consents WHERE role = 'HOLDER' AND "
                + "item_id = :i").bind("i", itemId).map((rs, ctx) -> new Consent(rs.getString("item_id"),
                Party.of(rs.getString("originator")), Party.of(rs.getString("third_party")),
                Purpose.of(rs.getString("purpose")), Instant.ofEpochMilli(rs.getLong("recorded_at")),
                instant(rs.getObject("expires_at")), instant(rs.getObject("revoked_at")), rs.getString("id"))).list());
    }

    /** Marks a consent used, in the caller's transaction; a used consent can no longer be revoked. */
    public void markUsed(Tx tx, String consentId) {
        tx.sql().createUpdate("UPDATE consents SET used_at = :at WHERE id = :id AND role = 'HOLDER' AND used_at IS NULL")
                .bind("at", clock.millis()).bind("id", consentId).execute();
    }

    // The originator's side.

    /** The requests on {@code side} that {@code viewer} may see (those whose item they may read), newest first. */
    public List<Request> requests(User viewer, Side side) {
        List<Request> all = database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM consent_requests WHERE role = :r "
                + "ORDER BY requested_at DESC, id").bind("r", side.name()).map((rs, ctx) -> request(rs)).list());
        return disclosure.visible(viewer, all, r -> Reveals.item(r.itemId()));
    }

    /** A consent this party granted, as its security officers see it: whether it has expired or been revoked. */
    public record Granted(String id, String requestId, String itemId, Party holder, Party thirdParty, Purpose purpose,
            Instant grantedAt, Optional<Instant> expiresAt, Optional<Instant> revokedAt, String grantedBy) {}

    /** The consents this party granted whose item {@code viewer} may read, newest first. */
    public List<Granted> granted(User viewer) {
        List<Granted> all = database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM consents WHERE role = "
                + "'ORIGINATOR' ORDER BY recorded_at DESC, id").map((rs, ctx) -> new Granted(rs.getString("id"),
                rs.getString("request_id"), rs.getString("item_id"), Party.of(rs.getString("holder")),
                Party.of(rs.getString("third_party")), Purpose.of(rs.getString("purpose")),
                Instant.ofEpochMilli(rs.getLong("recorded_at")), instant(rs.getObject("expires_at")),
                instant(rs.getObject("revoked_at")), rs.getString("granted_by"))).list());
        return disclosure.visible(viewer, all, g -> Reveals.item(g.itemId()));
    }

    /** A request {@code viewer} may see; empty alike when it is missing and when its item is hidden from them. */
    public Optional<Request> find(User viewer, String id) {
        return find(id).filter(r -> disclosure.mayRead(viewer, Reveals.item(r.itemId())));
    }

    private Optional<Request> find(String id) {
        return id == null || id.length() > 64 ? Optional.empty() : database.jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM consent_requests WHERE id = :id").bind("id", id).map((rs, ctx) -> request(rs)).findFirst());
    }

    /** Grants a pending request (security officer of the originator); returns the consent id. */
    public String grant(User officer, String requestId, Optional<Instant> expiresAt) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        Request r = pendingAtOriginator(officer, requestId);
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(clock.instant())) {
            throw new InvalidInputException("EXPIRY_PAST", "expiry " + expiresAt.get() + " is not in the future");
        }
        String consentId = UUID.randomUUID().toString();
        database.useTransaction(tx -> {
            decide(tx.sql(), requestId, Status.GRANTED, officer);
            tx.sql().createUpdate("INSERT INTO consents (id, role, request_id, item_id, originator, holder, third_party, "
                            + "purpose, recorded_at, expires_at, granted_by, evidence) VALUES (:id, 'ORIGINATOR', :req, "
                            + ":item, :o, :h, :t, :p, :at, :exp, :by, :ev)").bind("id", consentId).bind("req", requestId)
                    .bind("item", r.itemId()).bind("o", self.code()).bind("h", r.holder().code())
                    .bind("t", r.thirdParty().code()).bind("p", r.purpose().name()).bind("at", clock.millis())
                    .bind("exp", expiresAt.map(Instant::toEpochMilli).orElse(null)).bind("by", officer.name())
                    .bind("ev", "granted by " + officer.name() + " of " + self + " at " + clock.instant()).execute();
            outbox.enqueue(tx, r.holder(), EnvelopeType.CONSENT_GRANT, r.agreement(), Optional.of(r.itemId()),
                    new ConsentMessage(requestId, consentId, r.sourceItem(), r.holder().code(), r.thirdParty().code(),
                            r.purpose().name(), null, expiresAt.map(Instant::toString).orElse(null), officer.name())
                            .toJson());
            audit.append(tx, AuditEvent.doneOnItem(officer.name(), "consent.grant", r.itemId(), Map.of("request",
                    requestId, "consent", consentId, "holder", r.holder().code(), "thirdParty", r.thirdParty().code(),
                    "purpose", r.purpose().name(), "expiresAt", expiresAt.map(Instant::toString).orElse("never"))));
        });
        audit.sequenceSoon();
        return consentId;
    }

    /** Denies a pending request (security officer of the originator). */
    public void deny(User officer, String requestId, String reason) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        if (reason != null && reason.length() > 1000) {
            throw new InvalidInputException("REASON_TOO_LONG", "a reason has at most 1000 characters");
        }
        Request r = pendingAtOriginator(officer, requestId);
        database.useTransaction(tx -> {
            decide(tx.sql(), requestId, Status.DENIED, officer);
            outbox.enqueue(tx, r.holder(), EnvelopeType.CONSENT_DENIAL, r.agreement(), Optional.of(r.itemId()),
                    new ConsentMessage(requestId, null, r.sourceItem(), r.holder().code(), r.thirdParty().code(),
                            r.purpose().name(), reason, null, officer.name()).toJson());
            audit.append(tx, AuditEvent.doneOnItem(officer.name(), "consent.deny", r.itemId(), Map.of("request", requestId,
                    "holder", r.holder().code(), "thirdParty", r.thirdParty().code())));
        });
        audit.sequenceSoon();
    }

    /** Revokes a consent this node granted; the holder applies it unless it was used already. */
    public void revoke(User officer, String consentId) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        Map<String, Object> c = (consentId == null || consentId.length() > 64 ? Optional.<Map<String, Object>>empty()
                : database.jdbi().withHandle(h -> h.createQuery("SELECT c.*, r.agreement FROM consents c JOIN "
                        + "consent_requests r ON r.id = c.request_id WHERE c.id = :id AND c.role = 'ORIGINATOR'")
                        .bind("id", consentId).mapToMap().findFirst()))
                .filter(x -> disclosure.mayRead(officer, Reveals.item((String) x.get("item_id"))))
                .orElseThrow(() -> new NotFoundException("CONSENT_NOT_FOUND", "consent " + consentId + " not found"));
        if (c.get("revoked_at") != null) {
            throw new ConflictException("CONSENT_REVOKED", "consent " + consentId + " is already revoked");
        }
        String itemId = (String) c.get("item_id");
        database.useTransaction(tx -> {
            tx.sql().createUpdate("UPDATE consents SET revoked_at = :at WHERE id = :id").bind("at", clock.millis())
                    .bind("id", consentId).execute();
            outbox.enqueue(tx, Party.of((String) c.get("holder")), EnvelopeType.CONSENT_REVOCATION,
                    AgreementId.of((String) c.get("agreement")), Optional.of(itemId), new ConsentMessage((String) c.get("request_id"),
                            consentId, itemId, (String) c.get("holder"), (String) c.get("third_party"),
                            (String) c.get("purpose"), null, null, officer.name()).toJson());
            audit.append(tx, AuditEvent.doneOnItem(officer.name(), "consent.revoke", itemId, Map.of("consent", consentId,
                    "holder", (String) c.get("holder"))));
        });
        audit.sequenceSoon();
    }

    // Arriving messages, called by the inbox.

    /** At the originator: a holder's request. */
    Receipt onRequest(Inbox inbox, VerifiedEnvelope v) {
        ConsentMessage m = ConsentMessage.parse(v.body());
        if (m.requestId() == null || m.requestId().length() > 36 || m.thirdParty() == null || m.purpose() == null
                || !items.exchange().originated(m.sourceItem())) {
            return inbox.refuse(v, "ITEM_UNKNOWN", "R6", "item " + m.sourceItem() + " is not an item " + self
                    + " originated", Map.of("item", String.valueOf(m.sourceItem())));
        }
        Party third;
        Purpose purpose;
        try {
            third = Party.of(m.thirdParty());
            purpose = Purpose.of(m.purpose());
        } catch (IllegalArgumentException e) {
            return inbox.refuse(v, "BODY_INVALID", "R6", "the consent request is invalid: " + e.getMessage(), Map.of());
        }
        Receipt receipt = new Receipt(v.id().toString(), Receipt.STORED, m.sourceItem(), null, "CONSENT_REQUESTED", "R6",
                "request " + m.requestId() + " awaits the decision of " + self + "'s security officer", Map.of());
        database.useTransaction(tx -> {
            insertRequest(tx.sql(), m.requestId(), Side.ORIGINATOR, m.sourceItem(), m.sourceItem(), self, v.from(), third,
                    purpose, v.agreement(), shorten(m.reason()), "peer:" + v.from().code());
            audit.append(tx, AuditEvent.doneOnItem("peer:" + v.from().code(), "consent.requested", m.sourceItem(),
                    Map.of("request", m.requestId(), "holder", v.from().code(), "thirdParty", m.thirdParty(),
                            "purpose", m.purpose())));
            inbox.record(tx, v, receipt);
        });
        audit.sequenceSoon();
        return receipt;
    }

    /** At the holder: a grant, denial or revocation from the originator. */
    Receipt onAnswer(Inbox inbox, VerifiedEnvelope v) {
        ConsentMessage m = ConsentMessage.parse(v.body());
        Optional<Request> r = Optional.ofNullable(m.requestId()).flatMap(this::find)
                .filter(x -> x.side() == Side.HOLDER && x.originator().equals(v.from()));
        if (r.isEmpty()) {
            return inbox.refuse(v, "REQUEST_UNKNOWN", "R6", "no consent request " + m.requestId() + " of " + self
                    + " to " + v.from() + " is on record", Map.of());
        }
        Request req = r.get();
        String actor = "peer:" + v.from().code();
        return switch (v.type()) {
            case CONSENT_GRANT -> {
                Receipt receipt = new Receipt(v.id().toString(), Receipt.STORED, req.itemId(), null, "CONSENT_RECORDED",
                        "R6", "consent " + m.consentId() + " recorded for item " + req.itemId(), Map.of());
                database.useTransaction(tx -> {
                    tx.sql().createUpdate("UPDATE consent_requests SET status = 'GRANTED', decided_by = :by, "
                            + "decided_at = :at WHERE id = :id").bind("by", actor + "/" + m.by()).bind("at", clock.millis())
                            .bind("id", req.id()).execute();
                    tx.sql().createUpdate("INSERT INTO consents (id, role, request_id, item_id, originator, holder, "
                                    + "third_party, purpose, recorded_at, expires_at, granted_by, evidence) VALUES (:id, "
                                    + "'HOLDER', :req, :item, :o, :h, :t, :p, :at, :exp, :by, :ev)")
                            .bind("id", m.consentId()).bind("req", req.id()).bind("item", req.itemId())
                            .bind("o", v.from().code()).bind("h", self.code()).bind("t", req.thirdParty().code())
                            .bind("p", req.purpose().name()).bind("at", clock.millis())
                            .bind("exp", m.expiresAt() == null ? null : Instant.parse(m.expiresAt()).toEpochMilli())
                            .bind("by", String.valueOf(m.by()))
                            .bind("ev", new String(v.envelope().toWire(), StandardCharsets.UTF_8)).execute();
                    audit.append(tx, AuditEvent.doneOnItem(actor, "consent.received", req.itemId(), Map.of("consent",
                            m.consentId(), "thirdParty", req.thirdParty().code(), "purpose", req.purpose().name(),
                            "expiresAt", m.expiresAt() == null ? "never" : m.expiresAt())));
                    inbox.record(tx, v, receipt);
                });
                audit.sequenceSoon();
                yield receipt;
            }
            case CONSENT_DENIAL -> {
                Receipt receipt = new Receipt(v.id().toString(), Receipt.STORED, req.itemId(), null, "CONSENT_DENIED",
                        "R6", "request " + req.id() + " was denied", Map.of());
                database.useTransaction(tx -> {
                    tx.sql().createUpdate("UPDATE consent_requests SET status = 'DENIED', decided_by = :by, "
                            + "decided_at = :at WHERE id = :id").bind("by", actor + "/" + m.by()).bind("at", clock.millis())
                            .bind("id", req.id()).execute();
                    audit.append(tx, AuditEvent.doneOnItem(actor, "consent.denied", req.itemId(), Map.of("request",
                            req.id(), "reason", m.reason() == null ? "" : m.reason())));
                    inbox.record(tx, v, receipt);
                });
                audit.sequenceSoon();
                yield receipt;
            }
            default -> {
                boolean used = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM consents WHERE id = :id "
                        + "AND role = 'HOLDER' AND used_at IS NOT NULL").bind("id", m.consentId()).mapTo(Long.class)
                        .one()) > 0;
                if (used) {
                    yield inbox.refuse(v, "CONSENT_USED", "R6", "consent " + m.consentId() + " was already used; a "
                            + "release made under it stands", Map.of("consent", String.valueOf(m.consentId())));
                }
                Receipt receipt = new Receipt(v.id().toString(), Receipt.STORED, req.itemId(), null, "CONSENT_REVOKED",
                        "R6", "consent " + m.consentId() + " revoked", Map.of());
                database.useTransaction(tx -> {
                    tx.sql().createUpdate("UPDATE consents SET revoked_at = :at WHERE id = :id AND role = 'HOLDER'")
                            .bind("at", clock.millis()).bind("id", m.consentId()).execute();
                    audit.append(tx, AuditEvent.doneOnItem(actor, "consent.revoked", req.itemId(), Map.of("consent",
                            String.valueOf(m.consentId()))));
                    inbox.record(tx, v, receipt);
                });
                audit.sequenceSoon();
                yield receipt;
            }
        };
    }

    private Request pendingAtOriginator(User officer, String requestId) {
        Request r = find(officer, requestId).filter(x -> x.side() == Side.ORIGINATOR)
                .orElseThrow(() -> new NotFoundException("REQUEST_NOT_FOUND", "consent request " + shorten(requestId)
                        + " not found"));
        if (r.status() != Status.PENDING) {
            throw new ConflictException("REQUEST_DECIDED", "consent request " + requestId + " is already " + r.status());
        }
        return r;
    }

    private void decide(Handle h, String requestId, Status status, User officer) {
        h.createUpdate("UPDATE consent_requests SET status = :s, decided_by = :by, decided_at = :at WHERE id = :id")
                .bind("s", status.name()).bind("by", officer.name()).bind("at", clock.millis()).bind("id", requestId)
                .execute();
    }

    private void insertRequest(Handle h, String id, Side side, String itemId, String sourceItem, Party originator,
            Party holder, Party thirdParty, Purpose purpose, AgreementId agreement, String reason, String by) {
        h.createUpdate("INSERT INTO consent_requests (id, role, item_id, source_item, originator, holder, third_party, "
                        + "purpose, agreement, reason, status, requested_by, requested_at) VALUES (:id, :role, :item, :src, "
                        + ":o, :h, :t, :p, :a, :r, 'PENDING', :by, :at)").bind("id", id).bind("role", side.name())
                .bind("item", itemId).bind("src", sourceItem).bind("o", originator.code()).bind("h", holder.code())
                .bind("t", thirdParty.code()).bind("p", purpose.name()).bind("a", agreement).bind("r", reason)
                .bind("by", by).bind("at", clock.millis()).execute();
    }

    private static Request request(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Request(rs.getString("id"), Side.valueOf(rs.getString("role")), rs.getString("item_id"),
                rs.getString("source_item"), Party.of(rs.getString("originator")), Party.of(rs.getString("holder")),
                Party.of(rs.getString("third_party")), Purpose.of(rs.getString("purpose")), AgreementId.of(rs.getString("agreement")),
                rs.getString("reason"), Status.valueOf(rs.getString("status")), rs.getString("requested_by"));
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }

    private static Optional<Instant> instant(Object millis) {
        return millis == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(((Number) millis).longValue()));
    }

}
