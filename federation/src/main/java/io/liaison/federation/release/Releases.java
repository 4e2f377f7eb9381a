package io.liaison.federation.release;

import io.liaison.core.decision.Decision;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.outbox.Outbox;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.items.Items;
import io.liaison.node.items.Outgoing;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A releasing officer's releases to other parties (R2, R5–R8, R18, R20, R21). {@link #preview} answers
 * "may I release this item to X for P under A, and if not, why?" and changes nothing but the audited
 * read. {@link #release} records the decision, and when it allows the release, queues the envelope and
 * notes the custody change, all in one transaction; delivery follows from the outbox.
 */
public final class Releases {
    /** The decision, and the queued message when it allowed the release. */
    public record Released(Decision decision, Optional<UUID> envelope) {}

    private final Jdbi jdbi;
    private final Items items;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Consents consents;

    private final java.time.Clock clock;

    public Releases(Jdbi jdbi, Items items, AuditLog audit, Outbox outbox, Consents consents, java.time.Clock clock) {
        this.clock = clock;
        this.consents = consents;
        this.jdbi = jdbi;
        this.items = items;
        this.audit = audit;
        this.outbox = outbox;
    }

    public Decision preview(User officer, String itemId, Party to, Purpose purpose, String agreement) {
        return items.prepareRelease(officer, itemId, to, purpose, agreement, () -> consents.onRecord(itemId)).decision();
    }

    public Released release(User officer, String itemId, Party to, Purpose purpose, String agreement) {
        List<AuditEvent> read = new java.util.ArrayList<>();
        Outgoing o = items.prepareRelease(officer, itemId, to, purpose, agreement, () -> consents.onRecord(itemId),
                read::add);
        UUID envelope = jdbi.inTransaction(h -> {
            read.forEach(e -> audit.append(h, e));
            audit.append(h, AuditEvent.of(officer.name(), "item.release", itemId, o.decision()));
            if (o.payload().isEmpty()) {
                return null;
            }
            String consent = o.decision().values().get("consent");
            if (consent != null) {
                consents.markUsed(h, consent);
            }
            UUID id = outbox.enqueue(h, to, EnvelopeType.RELEASE, agreement,
                    ReleaseBody.of(o.payload().get(), purpose).toJson());
            items.custodyInTransaction(h, itemId, "released to " + to + " under " + agreement + " for " + purpose
                    + " (envelope " + id + ")", officer.name(), "outbox");
            Propagation.released(h, itemId, to, agreement, id.toString(), clock.millis());
            return id;
        });
        audit.sequenceSoon();
        return new Released(o.decision(), Optional.ofNullable(envelope));
    }
}
