package io.liaison.federation.release;

import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Party;
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
import io.liaison.node.items.Destruction;
import io.liaison.node.items.DestructionCertificate;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.Items;
import io.liaison.node.items.Provenance;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What a holder owes the originator (R13, R15), on both sides.
 *
 * <ul>
 *   <li>A suspected or actual loss or compromise of a received item is reported to its originator at once
 *       ({@link #report}; the delivery loop is woken) and opens a case at both ends; the case closes only when the
 *       holder sends its findings and preventive measures ({@link #close}).
 *   <li>Destroying a received item sends the signed destruction certificate to the originator ({@link #destroy}), in
 *       the destruction's transaction; returning one sends its content back with a return certificate.
 * </ul>
 *
 * A case reveals its item: only a user who may read the item sees the case or closes it; for anyone else it does not
 * exist (R10).
 */
public final class Incidents {
    /** A case as one side sees it; {@code itemId} is this node's item. */
    public record Incident(String id, Consents.Side side, String itemId, Party originator, Party holder, IncidentKind kind,
            String description, Status status, Optional<String> findings, Optional<String> measures) {}

    /** Whether the case is still open. */
    public enum Status { OPEN, CLOSED }

    private final Database database;
    private final Items items;
    private final Disclosure disclosure;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Party self;
    private final Clock clock;

    public Incidents(Database database, Items items, Disclosure disclosure, AuditLog audit, Outbox outbox, Party self,
            Clock clock) {
        this.database = database;
        this.items = items;
        this.disclosure = disclosure;
        this.audit = audit;
        this.outbox = outbox;
        this.self = self;
        this.clock = clock;
    }

    /** Reports a loss or compromise of received item {@code itemId} to its originator and opens the case. */
    public Incident report(User officer, String itemId, IncidentKind kind, String description) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        if (description == null || description.isBlank() || description.length() > 4000) {
            throw new InvalidInputException("DESCRIPTION_MISSING", "a report needs a description of 1 to 4000 characters");
        }
        ItemView item = items.read(officer, itemId, Optional.empty());
        Provenance received = receivedFrom(item);
        String id = UUID.randomUUID().toString();
        database.useTransaction(tx -> {
            insert(tx.sql(), id, Consents.Side.HOLDER, itemId, item.originator(), self, kind, description, officer.name());
            outbox.enqueue(tx, item.originator(), EnvelopeType.LOSS_REPORT, received.agreement(), Optional.of(itemId),
                    new IncidentMessage(id, received.originItem(), kind.name(), description, null, null, null, null,
                            officer.name()).toJson());
            audit.append(tx, new AuditEvent(officer.name(), "incident.report", itemId, Reveals.item(itemId), "ALARM",
                    kind.name(), "R15", Map.of("incident", id, "originator", item.originator().code(), "description",
                    description)));
        });
        audit.sequenceSoon();
        return find(officer, id).orElseThrow();
    }

    /** Closes a case this node reported, sending the findings and preventive measures to the originator. */
    public Incident close(User officer, String incidentId, String findings, String measures) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        Incident i = find(officer, incidentId).filter(x -> x.side() == Consents.Side.HOLDER)
                .orElseThrow(() -> new NotFoundException("INCIDENT_NOT_FOUND", "incident " + shorten(incidentId)
                        + " not found"));
        if (i.status() != Status.OPEN) {
            throw new ConflictException("INCIDENT_CLOSED", "incident " + incidentId + " is already closed");
        }
        if (findings == null || findings.isBlank() || measures == null || measures.isBlank()) {
            throw new InvalidInputException("FINDINGS_MISSING", "a case closes only with both findings and preventive "
                    + "measures for the originator (R15)");
        }
        if (findings.length() > 4000 || measures.length() > 4000) {
            throw new InvalidInputException("FINDINGS_TOO_LONG", "findings and measures have at most 4000 characters each");
        }
        Provenance received = items.exchange().provenance(i.itemId()).orElseThrow(() -> notReceived(i.itemId()));
        database.useTransaction(tx -> {
            closeRow(tx.sql(), incidentId, findings, measures);
            outbox.enqueue(tx, i.originator(), EnvelopeType.INCIDENT_FINDINGS, received.agreement(),
                    Optional.of(i.itemId()), new IncidentMessage(incidentId, received.originItem(), i.kind().name(), null,
                            findings, measures, null, null, officer.name()).toJson());
            audit.append(tx, AuditEvent.doneOnItem(officer.name(), "incident.close", i.itemId(), Map.of("incident",
                    incidentId)));
        });
        audit.sequenceSoon();
        return find(officer, incidentId).orElseThrow();
    }

    /** Destroys an item; a received one's certificate goes to its originator in the same transaction (R13). */
    public DestructionCertificate destroy(User officer, String itemId, String reason) {
        return items.destruction().destroy(officer, itemId, reason, (tx, cert) -> queueCertificate(tx, itemId, cert, reason,
                officer.name()));
    }

    /**
     * Returns a received item to its originator when its purpose ended (R13): the content and the signed return
     * certificate go to the originator in the transaction that shreds this node's copy.
     */
    public Destruction.Returned returnItem(User officer, String itemId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("REASON_MISSING", "a return needs a reason of 1 to 1000 characters, such as "
                    + "the purpose that ended");
        }
        return items.destruction().returnToOriginator(officer, itemId, reason, (tx, returned) -> {
            Provenance received = items.exchange().provenance(itemId).orElseThrow(() -> notReceived(itemId));
            Party originator = items.exchange().originatorOf(itemId).orElseThrow(() -> notReceived(itemId));
            outbox.enqueue(tx, originator, EnvelopeType.RETURN, received.agreement(), Optional.of(itemId),
                    ReturnMessage.of(received.originItem(), returned, officer.name(), reason).toJson());
        });
    }

    /** Queues, in the caller's transaction, the certificate of a destroyed received item for its originator. */
    void queueCertificate(Tx tx, String itemId, DestructionCertificate cert, String reason, String by) {
        Optional<Provenance> received = items.exchange().provenance(itemId);
        Optional<Party> originator = items.exchange().originatorOf(itemId);
        if (received.isPresent() && originator.isPresent()) {
            outbox.enqueue(tx, originator.get(), EnvelopeType.DESTRUCTION_CERTIFICATE, received.get().agreement(),
                    Optional.of(itemId), new IncidentMessage(null, received.get().originItem(), null, reason, null, null,
                            cert.certificate(), cert.signature(), by).toJson());
        }
    }

    /** The cases {@code viewer} may see (those whose item they may read), newest first. */
    public List<Incident> list(User viewer) {
        List<Incident> all = database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM incidents ORDER BY opened_at "
                + "DESC, id").map((rs, ctx) -> incident(rs)).list());
        return disclosure.visible(viewer, all, i -> Reveals.item(i.itemId()));
    }

    /** A case {@code viewer} may see; empty alike when it is missing and when its item is hidden from them. */
    public Optional<Incident> find(User viewer, String id) {
        return find(id).filter(i -> disclosure.mayRead(viewer, Reveals.item(i.itemId())));
    }

    private Optional<Incident> find(String id) {
        return id == null || id.length() > 64 ? Optional.empty() : database.jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM incidents WHERE id = :id").bind("id", id).map((rs, ctx) -> incident(rs)).findFirst());
    }

    // Arriving at the originator.

    /**
     * A holder returned an item this node originated (R13): recorded, with the certificate, only if the content handed
     * back is exactly the item's signed content.
     */
    Receipt onReturn(Inbox inbox, VerifiedEnvelope v, int maxBytes) {
        ReturnMessage m = ReturnMessage.parse(v.body(), maxBytes);
        if (!items.exchange().originated(m.originItem())) {
            return inbox.refuse(v, "ITEM_UNKNOWN", "R13", "item " + m.originItem() + " is not an item " + self + " originated",
                    Map.of("item", String.valueOf(m.originItem())));
        }
        if (!items.exchange().hasContent(m.originItem(), m.text(), m.files())) {
            return inbox.refuse(v, "RETURN_CONTENT_MISMATCH", "R13", "the content " + v.from() + " returned is not the "
                    + "signed content of item " + m.originItem(), Map.of("item", m.originItem()));
        }
        String actor = "peer:" + v.from().code();
        Receipt r = new Receipt(v.id().toString(), Receipt.STORED, m.originItem(), null, "RETURN_RECORDED", "R13",
                "item returned by " + v.from() + ", its content matching the original; return certificate recorded",
                Map.of());
        database.useTransaction(tx -> {
            remoteCertificate(tx.sql(), v, m.originItem(), String.valueOf(m.certificate()), String.valueOf(m.signature()),
                    "RETURNED");
            items.exchange().custody(tx, m.originItem(), "returned by holder " + v.from() + " (content matches the "
                    + "original; return certificate received)", actor, v.from().code());
            audit.append(tx, AuditEvent.doneOnItem(actor, "item.returned-by-holder", m.originItem(), Map.of("holder",
                    v.from().code(), "reason", String.valueOf(m.reason()))));
            inbox.record(tx, v, r);
        });
        audit.sequenceSoon();
        return r;
    }

    Receipt onMessage(Inbox inbox, VerifiedEnvelope v) {
        IncidentMessage m = IncidentMessage.parse(v.body());
        if (!items.exchange().originated(m.originItem())) {
            return inbox.refuse(v, "ITEM_UNKNOWN", v.type() == EnvelopeType.DESTRUCTION_CERTIFICATE ? "R13" : "R15",
                    "item " + m.originItem() + " is not an item " + self + " originated",
                    Map.of("item", String.valueOf(m.originItem())));
        }
        String actor = "peer:" + v.from().code();
        return switch (v.type()) {
            case LOSS_REPORT -> {
                IncidentKind kind;
                try {
                    kind = IncidentKind.parse(m.kind());
                } catch (InvalidInputException e) {
                    yield inbox.refuse(v, "BODY_INVALID", "R15", e.getMessage(), Map.of());
                }
                if (m.incident() == null || m.incident().length() > 36) {
                    yield inbox.refuse(v, "BODY_INVALID", "R15", "a loss report names its case", Map.of());
                }
                Receipt r = new Receipt(v.id().toString(), Receipt.STORED, m.originItem(), null, "CASE_OPENED", "R15",
                        "case " + m.incident() + " is open until findings and preventive measures arrive", Map.of());
                database.useTransaction(tx -> {
                    insert(tx.sql(), m.incident(), Consents.Side.ORIGINATOR, m.originItem(), self, v.from(), kind,
                            shorten(String.valueOf(m.description())), actor + "/" + m.by());
                    audit.append(tx, new AuditEvent(actor, "incident.reported", m.originItem(), Reveals.item(m.originItem()),
                            "ALARM", kind.name(), "R15", Map.of("incident", m.incident(), "holder", v.from().code(),
                            "description", String.valueOf(m.description()))));
                    inbox.record(tx, v, r);
                });
                audit.sequenceSoon();
                yield r;
            }
            case INCIDENT_FINDINGS -> {
                Optional<Incident> open = find(String.valueOf(m.incident())).filter(i -> i.side() == Consents.Side.ORIGINATOR
                        && i.holder().equals(v.from()));
                if (open.isEmpty()) {
                    yield inbox.refuse(v, "INCIDENT_UNKNOWN", "R15", "no case " + m.incident() + " with " + v.from(),
                            Map.of());
                }
                Receipt r = new Receipt(v.id().toString(), Receipt.STORED, m.originItem(), null, "CASE_CLOSED", "R15",
                        "case " + m.incident() + " closed with findings and preventive measures", Map.of());
                database.useTransaction(tx -> {
                    closeRow(tx.sql(), m.incident(), shorten(m.findings()), shorten(m.measures()));
                    audit.append(tx, AuditEvent.doneOnItem(actor, "incident.closed", m.originItem(), Map.of("incident",
                            m.incident())));
                    inbox.record(tx, v, r);
                });
                audit.sequenceSoon();
                yield r;
            }
            default -> {
                Receipt r = new Receipt(v.id().toString(), Receipt.STORED, m.originItem(), null, "CERTIFICATE_RECORDED",
                        "R13", "destruction certificate of " + v.from() + " recorded", Map.of());
                database.useTransaction(tx -> {
                    remoteCertificate(tx.sql(), v, m.originItem(), String.valueOf(m.certificate()),
                            String.valueOf(m.signature()), "DESTROYED");
                    items.exchange().custody(tx, m.originItem(), "destroyed by holder " + v.from() + " (certificate "
                            + "received)", actor, v.from().code());
                    audit.append(tx, AuditEvent.doneOnItem(actor, "item.destroyed-by-holder", m.originItem(),
                            Map.of("holder", v.from().code())));
                    inbox.record(tx, v, r);
                });
                audit.sequenceSoon();
                yield r;
            }
        };
    }

    private Provenance receivedFrom(ItemView item) {
        return item.provenance().orElseThrow(() -> notReceived(item.id()));
    }

    private static ConflictException notReceived(String itemId) {
        return new ConflictException("NOT_RECEIVED", "item " + itemId + " was not received from another party; only a "
                + "received item is reported to, returned to or certified for an originator");
    }

    private void remoteCertificate(Handle h, VerifiedEnvelope v, String itemId, String certificate, String signature,
            String disposition) {
        h.createUpdate("INSERT INTO remote_destructions (envelope_id, item_id, holder, certificate, signature, received_at, "
                        + "disposition) VALUES (:e, :i, :h, :c, :s, :at, :d)").bind("e", v.id().toString())
                .bind("i", itemId).bind("h", v.from().code()).bind("c", shorten(certificate, 8000))
                .bind("s", shorten(signature, 200)).bind("at", clock.millis()).bind("d", disposition).execute();
    }

    private void insert(Handle h, String id, Consents.Side side, String itemId, Party originator, Party holder,
            IncidentKind kind, String description, String by) {
        h.createUpdate("INSERT INTO incidents (id, role, item_id, originator, holder, kind, description, status, opened_at, "
                        + "reported_by) VALUES (:id, :role, :item, :o, :h, :k, :d, 'OPEN', :at, :by)").bind("id", id)
                .bind("role", side.name()).bind("item", itemId).bind("o", originator.code()).bind("h", holder.code())
                .bind("k", kind.name()).bind("d", description).bind("at", clock.millis()).bind("by", shorten(by, 64))
                .execute();
    }

    private void closeRow(Handle h, String id, String findings, String measures) {
        h.createUpdate("UPDATE incidents SET status = 'CLOSED', findings = :f, measures = :m, closed_at = :at WHERE id = :id")
                .bind("f", findings).bind("m", measures).bind("at", clock.millis()).bind("id", id).execute();
    }

    private static Incident incident(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Incident(rs.getString("id"), Consents.Side.valueOf(rs.getString("role")), rs.getString("item_id"),
                Party.of(rs.getString("originator")), Party.of(rs.getString("holder")),
                IncidentKind.valueOf(rs.getString("kind")), rs.getString("description"),
                Status.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("findings")),
                Optional.ofNullable(rs.getString("measures")));
    }

    private static String shorten(String s) {
        return shorten(s, 4000);
    }

    private static String shorten(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
