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
import io.liaison.node.items.DestructionCertificate;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.Items;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What a holder owes the originator (R13, R15), on both sides.
 *
 * <ul>
 *   <li>A suspected or actual loss or compromise of a received item is reported to its originator at once
 *       ({@link #report}; the delivery loop is woken) and opens a case at both ends; the case closes only
 *       when the holder sends its findings and preventive measures ({@link #close}).
 *   <li>Destroying a received item sends the signed destruction certificate to the originator
 *       ({@link #destroy}), in the destruction's transaction.
 * </ul>
 */
public final class Incidents {
    /** A case as one side sees it. */
    public record Incident(String id, String role, String itemId, Party originator, Party holder, String kind,
            String description, String status, Optional<String> findings, Optional<String> measures) {}

    private static final Set<String> KINDS = Set.of("LOSS", "COMPROMISE", "SUSPECTED_LOSS", "SUSPECTED_COMPROMISE");
    private final Jdbi jdbi;
    private final Items items;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Party self;
    private final Clock clock;

    public Incidents(Jdbi jdbi, Items items, AuditLog audit, Outbox outbox, Party self, Clock clock) {
        this.jdbi = jdbi;
        this.items = items;
        this.audit = audit;
        this.outbox = outbox;
        this.self = self;
        this.clock = clock;
    }

    /** Reports a loss or compromise of received item {@code itemId} to its originator and opens the case. */
    public Incident report(User officer, String itemId, String kind, String description) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        if (!KINDS.contains(kind)) {
            throw new InvalidInputException("KIND_UNKNOWN", "kind '" + kind + "' is not one of " + KINDS);
        }
        if (description == null || description.isBlank() || description.length() > 4000) {
            throw new InvalidInputException("DESCRIPTION_MISSING", "a report needs a description of 1 to 4000 characters");
        }
        ItemView item = items.read(officer, itemId, Optional.empty());
        String agreement = receivedUnder(itemId);
        String id = UUID.randomUUID().toString();
        String origin = items.originItem(itemId);
        jdbi.useTransaction(h -> {
            insert(h, id, "HOLDER", itemId, item.originator(), self, kind, description, officer.name());
            outbox.enqueue(h, item.originator(), EnvelopeType.LOSS_REPORT, agreement, new IncidentMessage(id, origin, kind,
                    description, null, null, null, null, officer.name()).toJson());
            audit.append(h, new AuditEvent(officer.name(), "incident.report", itemId, "ALARM", kind, "R15",
                    Map.of("incident", id, "originator", item.originator().code(), "description", description)));
        });
        audit.sequenceSoon();
        return find(id).orElseThrow();
    }

    /** Closes a case this node reported, sending the findings and preventive measures to the originator. */
    public Incident close(User officer, String incidentId, String findings, String measures) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        Incident i = find(incidentId).filter(x -> x.role().equals("HOLDER"))
                .orElseThrow(() -> new NotFoundException("INCIDENT_NOT_FOUND", "incident " + incidentId + " not found"));
        if (!i.status().equals("OPEN")) {
            throw new ConflictException("INCIDENT_CLOSED", "incident " + incidentId + " is already closed");
        }
        if (findings == null || findings.isBlank() || measures == null || measures.isBlank()) {
            throw new InvalidInputException("FINDINGS_MISSING", "a case closes only with both findings and preventive "
                    + "measures for the originator (R15)");
        }
        String agreement = receivedUnder(i.itemId());
        jdbi.useTransaction(h -> {
            closeRow(h, incidentId, findings, measures);
            outbox.enqueue(h, i.originator(), EnvelopeType.INCIDENT_FINDINGS, agreement, new IncidentMessage(incidentId,
                    items.originItem(i.itemId()), i.kind(), null, findings, measures, null, null, officer.name()).toJson());
            audit.append(h, AuditEvent.done(officer.name(), "incident.close", i.itemId(), Map.of("incident", incidentId)));
        });
        audit.sequenceSoon();
        return find(incidentId).orElseThrow();
    }

    /** Destroys an item; a received one's certificate goes to its originator in the same transaction (R13). */
    public DestructionCertificate destroy(User officer, String itemId, String reason) {
        return items.destroy(officer, itemId, reason, (h, cert) -> queueCertificate(h, itemId, cert, reason,
                officer.name()));
    }

    /**
     * Returns a received item to its originator when its purpose ended (R13): the content and the signed return
     * certificate go to the originator in the transaction that shreds this node's copy.
     */
    public Items.Returned returnItem(User officer, String itemId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("REASON_MISSING", "a return needs a reason, such as the purpose that ended");
        }
        return items.returnToOriginator(officer, itemId, reason, (h, returned) -> {
            Map<String, Object> received = h.createQuery("SELECT r.agreement, i.originator, COALESCE(r.origin_item, "
                    + "r.source_item) AS origin FROM received_items r JOIN items i ON i.id = r.item_id WHERE r.item_id = :i")
                    .bind("i", itemId).mapToMap().findFirst().orElseThrow(() -> new ConflictException("NOT_RECEIVED",
                            "item " + itemId + " was not received from another party; only a received item is returned"));
            outbox.enqueue(h, Party.of((String) received.get("originator")), EnvelopeType.RETURN,
                    (String) received.get("agreement"), ReturnMessage.of((String) received.get("origin"), returned,
                            officer.name(), reason).toJson());
        });
    }

    /** Queues, in the caller's transaction, the certificate of a destroyed received item for its originator. */
    void queueCertificate(Handle h, String itemId, DestructionCertificate cert, String reason, String by) {
        Optional<Map<String, Object>> received = h.createQuery("SELECT r.agreement, i.originator FROM received_items r "
                + "JOIN items i ON i.id = r.item_id WHERE r.item_id = :i").bind("i", itemId).mapToMap().findFirst();
        String origin = h.createQuery("SELECT COALESCE(origin_item, source_item) FROM received_items WHERE item_id = :i")
                .bind("i", itemId).mapTo(String.class).findFirst().orElse(itemId);
        received.ifPresent(r -> outbox.enqueue(h, Party.of((String) r.get("originator")),
                EnvelopeType.DESTRUCTION_CERTIFICATE, (String) r.get("agreement"), new IncidentMessage(null, origin, null,
                        reason, null, null, cert.certificate(), cert.signature(), by).toJson()));
    }

    public List<Incident> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM incidents ORDER BY opened_at DESC").map((rs, ctx) ->
                incident(rs)).list());
    }

    public Optional<Incident> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM incidents WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> incident(rs)).findFirst());
    }

    // ---- arriving at the originator ----

    /**
     * A holder returned an item this node originated (R13): recorded, with the certificate, only if the content
     * handed back is exactly the item's signed content.
     */
    Receipt onReturn(Inbox inbox, VerifiedEnvelope v, int maxBytes) {
        ReturnMessage m = ReturnMessage.parse(v.body(), maxBytes);
        if (!originated(m.originItem())) {
            return inbox.refuse(v, "ITEM_UNKNOWN", "R13", "item " + m.originItem() + " is not an item " + self + " originated",
                    Map.of("item", String.valueOf(m.originItem())));
        }
        if (!items.hasContent(m.originItem(), m.text(), m.files())) {
            return inbox.refuse(v, "RETURN_CONTENT_MISMATCH", "R13", "the content " + v.from() + " returned is not the "
                    + "signed content of item " + m.originItem(), Map.of("item", m.originItem()));
        }
        String actor = "peer:" + v.from().code();
        Receipt r = new Receipt(v.id().toString(), Receipt.STORED, m.originItem(), null, "RETURN_RECORDED", "R13",
                "item returned by " + v.from() + ", its content matching the original; return certificate recorded",
                Map.of());
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO remote_destructions (envelope_id, item_id, holder, certificate, signature, "
                            + "received_at, disposition) VALUES (:e, :i, :h, :c, :s, :at, 'RETURNED')")
                    .bind("e", v.id().toString()).bind("i", m.originItem()).bind("h", v.from().code())
                    .bind("c", String.valueOf(m.certificate())).bind("s", String.valueOf(m.signature()))
                    .bind("at", clock.millis()).execute();
            items.custodyInTransaction(h, m.originItem(), "returned by holder " + v.from() + " (content matches the "
                    + "original; return certificate received)", actor, v.from().code());
            audit.append(h, AuditEvent.done(actor, "item.returned-by-holder", m.originItem(), Map.of("holder",
                    v.from().code(), "reason", String.valueOf(m.reason()))));
            inbox.record(h, v, r);
        });
        audit.sequenceSoon();
        return r;
    }

    private boolean originated(String itemId) {
        return itemId != null && jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items WHERE id = :i AND "
                + "originator = :o").bind("i", itemId).bind("o", self.code()).mapTo(Long.class).one()) > 0;
    }

    Receipt onMessage(Inbox inbox, VerifiedEnvelope v) {
        IncidentMessage m = IncidentMessage.parse(v.body());
        if (!originated(m.originItem())) {
            return inbox.refuse(v, "ITEM_UNKNOWN", v.type() == EnvelopeType.DESTRUCTION_CERTIFICATE ? "R13" : "R15",
                    "item " + m.originItem() + " is not an item " + self + " originated",
                    Map.of("item", String.valueOf(m.originItem())));
        }
        String actor = "peer:" + v.from().code();
        return switch (v.type()) {
            case LOSS_REPORT -> {
                Receipt r = new Receipt(v.id().toString(), Receipt.STORED, m.originItem(), null, "CASE_OPENED", "R15",
                        "case " + m.incident() + " is open until findings and preventive measures arrive", Map.of());
                jdbi.useTransaction(h -> {
                    insert(h, m.incident(), "ORIGINATOR", m.originItem(), self, v.from(), String.valueOf(m.kind()),
                            String.valueOf(m.description()), actor + "/" + m.by());
                    audit.append(h, new AuditEvent(actor, "incident.reported", m.originItem(), "ALARM",
                            String.valueOf(m.kind()), "R15", Map.of("incident", m.incident(), "holder", v.from().code(),
                                    "description", String.valueOf(m.description()))));
                    inbox.record(h, v, r);
                });
                audit.sequenceSoon();
                yield r;
            }
            case INCIDENT_FINDINGS -> {
                Optional<Incident> open = find(String.valueOf(m.incident())).filter(i -> i.role().equals("ORIGINATOR")
                        && i.holder().equals(v.from()));
                if (open.isEmpty()) {
                    yield inbox.refuse(v, "INCIDENT_UNKNOWN", "R15", "no case " + m.incident() + " with " + v.from(),
                            Map.of());
                }
                Receipt r = new Receipt(v.id().toString(), Receipt.STORED, m.originItem(), null, "CASE_CLOSED", "R15",
                        "case " + m.incident() + " closed with findings and preventive measures", Map.of());
                jdbi.useTransaction(h -> {
                    closeRow(h, m.incident(), m.findings(), m.measures());
                    audit.append(h, AuditEvent.done(actor, "incident.closed", m.originItem(), Map.of("incident",
                            m.incident())));
                    inbox.record(h, v, r);
                });
                audit.sequenceSoon();
                yield r;
            }
            default -> {
                Receipt r = new Receipt(v.id().toString(), Receipt.STORED, m.originItem(), null, "CERTIFICATE_RECORDED",
                        "R13", "destruction certificate of " + v.from() + " recorded", Map.of());
                jdbi.useTransaction(h -> {
                    h.createUpdate("INSERT INTO remote_destructions (envelope_id, item_id, holder, certificate, signature, "
                                    + "received_at) VALUES (:e, :i, :h, :c, :s, :at)").bind("e", v.id().toString())
                            .bind("i", m.originItem()).bind("h", v.from().code()).bind("c", String.valueOf(m.certificate()))
                            .bind("s", String.valueOf(m.signature())).bind("at", clock.millis()).execute();
                    items.custodyInTransaction(h, m.originItem(), "destroyed by holder " + v.from() + " (certificate "
                            + "received)", actor, v.from().code());
                    audit.append(h, AuditEvent.done(actor, "item.destroyed-by-holder", m.originItem(), Map.of("holder",
                            v.from().code())));
                    inbox.record(h, v, r);
                });
                audit.sequenceSoon();
                yield r;
            }
        };
    }

    // ---- helpers ----

    private String receivedUnder(String itemId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT agreement FROM received_items WHERE item_id = :i")
                .bind("i", itemId).mapTo(String.class).findFirst())
                .orElseThrow(() -> new ConflictException("NOT_RECEIVED", "item " + itemId + " was not received from "
                        + "another party; reports go to an originator"));
    }

    private void insert(Handle h, String id, String role, String itemId, Party originator, Party holder, String kind,
            String description, String by) {
        h.createUpdate("INSERT INTO incidents (id, role, item_id, originator, holder, kind, description, status, opened_at, "
                        + "reported_by) VALUES (:id, :role, :item, :o, :h, :k, :d, 'OPEN', :at, :by)").bind("id", id)
                .bind("role", role).bind("item", itemId).bind("o", originator.code()).bind("h", holder.code())
                .bind("k", kind).bind("d", description).bind("at", clock.millis()).bind("by", by).execute();
    }

    private void closeRow(Handle h, String id, String findings, String measures) {
        h.createUpdate("UPDATE incidents SET status = 'CLOSED', findings = :f, measures = :m, closed_at = :at WHERE id = :id")
                .bind("f", findings).bind("m", measures).bind("at", clock.millis()).bind("id", id).execute();
    }

    private static Incident incident(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Incident(rs.getString("id"), rs.getString("role"), rs.getString("item_id"),
                Party.of(rs.getString("originator")), Party.of(rs.getString("holder")), rs.getString("kind"),
                rs.getString("description"), rs.getString("status"), Optional.ofNullable(rs.getString("findings")),
                Optional.ofNullable(rs.getString("measures")));
    }
}
