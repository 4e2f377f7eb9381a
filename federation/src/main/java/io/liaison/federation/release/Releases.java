package io.liaison.federation.release;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.decision.Decision;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.items.Items;
import io.liaison.node.items.Outgoing;
import io.liaison.node.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A releasing officer's releases to other parties (R2, R5–R8, R18, R20, R21). {@link #preview} answers "may I
 * release this item to X for P under A, and if not, why?" and changes nothing but the audited read.
 * {@link #release} records the decision and, when the engine permits the release, queues what the permit allows and
 * notes the custody change, all in one transaction; delivery follows from the outbox.
 */
public final class Releases {
    /** The decision, and the queued message when it allowed the release. */
    public record Released(Decision decision, Optional<UUID> envelope) {}

    private final Database database;
    private final Items items;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Consents consents;
    private final Propagation propagation;
    private final Clock clock;

    public Releases(Database database, Items items, AuditLog audit, Outbox outbox, Consents consents,
            Propagation propagation, Clock clock) {
        this.database = database;
        this.items = items;
        this.audit = audit;
        this.outbox = outbox;
        this.consents = consents;
        this.propagation = propagation;
        this.clock = clock;
    }

    public Decision preview(User officer, String itemId, Party to, Purpose purpose, AgreementId agreement) {
        return items.exchange().prepareRelease(officer, itemId, to, purpose, agreement, () -> consents.onRecord(itemId),
                this::auditNow).decision();
    }

    public Released release(User officer, String itemId, Party to, Purpose purpose, AgreementId agreement) {
        List<AuditEvent> read = new ArrayList<>();
        Outgoing o = items.exchange().prepareRelease(officer, itemId, to, purpose, agreement,
                () -> consents.onRecord(itemId), read::add);
        UUID envelope = database.inTransaction(tx -> {
            read.forEach(e -> audit.append(tx, e));
            audit.append(tx, AuditEvent.onItem(officer.name(), "item.release", itemId, o.decision()));
            if (o.permit().isEmpty()) {
                return null;
            }
            Outgoing.Permit permit = o.permit().get();
            String consent = permit.decision().values().get("consent");
            if (consent != null) {
                consents.markUsed(tx, consent);
            }
            UUID id = outbox.enqueueRelease(tx, permit);
            items.exchange().custody(tx, itemId, "released to " + to + " under " + agreement + " for " + purpose
                    + " (envelope " + id + ")", officer.name(), "outbox");
            propagation.released(tx, itemId, to, agreement, id.toString(), clock.millis());
            return id;
        });
        audit.sequenceSoon();
        return new Released(o.decision(), Optional.ofNullable(envelope));
    }

    private void auditNow(AuditEvent e) {
        database.useTransaction(tx -> audit.append(tx, e));
        audit.sequenceSoon();
    }
}
