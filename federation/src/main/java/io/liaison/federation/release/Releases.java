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
import io.liaison.node.store.GroupCommit;
import io.liaison.node.store.Jdbc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A releasing officer's releases to other parties (R2, R5–R8, R18, R20, R21). {@link #preview} answers "may I
 * release this item to X for P under A, and if not, why?" and changes nothing but the audited read.
 * {@link #release} records the decision and, when the engine permits the release, queues what the permit allows and
 * notes the custody change, all in one transaction (shared with releases decided at the same moment); delivery follows
 * from the outbox.
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
        // On H2 the release is announced to the group commit now, so that a group being written waits for it.
        try (GroupCommit<List<Jdbc.Insert>>.Announced coming = database.kind() == Database.Kind.H2 ? commits.expect()
                : null) {
            return release(officer, itemId, to, purpose, agreement, coming);
        }
    }

    private Released release(User officer, String itemId, Party to, Purpose purpose, AgreementId agreement,
            GroupCommit<List<Jdbc.Insert>>.Announced coming) {
        List<AuditEvent> audited = new ArrayList<>();
        Outgoing o = items.exchange().prepareRelease(officer, itemId, to, purpose, agreement,
                () -> consents.onRecord(itemId), audited::add);
        audited.add(AuditEvent.onItem(officer.name(), "item.release", itemId, o.decision()));
        Optional<Outgoing.Permit> permit = o.permit();
        String consent = permit.map(p -> p.decision().values().get("consent")).orElse(null);
        Optional<UUID> envelope = permit.map(p -> outbox.nextId());
        List<Jdbc.Insert> rows = new ArrayList<>();
        rows.add(audit.pending(audited));
        permit.ifPresent(p -> rows.addAll(queued(officer, p, envelope.get())));
        if (consent != null) {
            // An onward release under consent also marks the consent used: its own transaction.
            database.useTransaction(tx -> {
                consents.markUsed(tx, consent);
                Jdbc.insertAll(tx.sql().getConnection(), database.kind(), rows);
            });
        } else {
            write(rows, coming);
        }
        if (envelope.isPresent()) {
            outbox.committed();
        }
        audit.sequenceSoon();
        return new Released(o.decision(), envelope);
    }

    /** The rows of a permitted release: the message queued, the custody change, and the record of who holds the item. */
    private List<Jdbc.Insert> queued(User officer, Outgoing.Permit permit, UUID id) {
        String itemId = permit.payload().itemId();
        return List.of(outbox.releaseRow(permit, id),
                items.exchange().custodyRow(itemId, "released to " + permit.to() + " under " + permit.agreement() + " for "
                        + permit.purpose() + " (envelope " + id + ")", officer.name(), "outbox"),
                propagation.releasedRow(itemId, permit.to(), permit.agreement(), id.toString(), clock.millis()));
    }

    /**
     * Commits a release's rows. On H2 a commit rewrites the store's changed pages, one commit at a time: releases
     * decided at the same moment share one (group commit; the group waits up to {@link #LINGER} for releases still
     * being decided), and a release whose rows fail fails alone, the group being written again one release at a time.
     * On PostgreSQL concurrent transactions commit side by side and one flush of the write-ahead log serves them all,
     * so a shared transaction would only make officers wait for one another (tried: 289 releases/s against 421): each
     * release is its own transaction of one statement (one round trip).
     */
    private void write(List<Jdbc.Insert> rows, GroupCommit<List<Jdbc.Insert>>.Announced coming) {
        if (database.kind() == Database.Kind.H2) {
            commits.commit(rows, coming);
        } else {
            insert(List.of(rows));
        }
    }

    private final GroupCommit<List<Jdbc.Insert>> commits = new GroupCommit<>(64, LINGER, this::insert);

    /**
     * How long a group of releases waits at most for releases other officers are deciding meanwhile (announced when each
     * began), and for as many releases as the largest of the last groups held. A release decided alone never waits. On
     * H2, four officers at once: 0.29 – 0.30 writes of the store per release (docs/benchmarks.md).
     */
    static final java.time.Duration LINGER = java.time.Duration.ofMillis(2);

    private void insert(List<List<Jdbc.Insert>> releases) {
        Jdbc.inTransaction(database.dataSource(), c -> {
            Jdbc.insertAllBatch(c, database.kind(), releases);
            return null;
        });
    }

    private void auditNow(AuditEvent e) {
        database.useTransaction(tx -> audit.append(tx, e));
        audit.sequenceSoon();
    }
}
