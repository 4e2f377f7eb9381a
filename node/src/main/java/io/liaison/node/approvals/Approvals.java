package io.liaison.node.approvals;

import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two-person rule for what changes the node's relations with other parties: an agreement step, a peer added,
 * changed or removed. One officer asks ({@link #request}); the {@link Action} registered for the kind is carried out
 * only when a second security officer approves ({@link #approve}): one who is active and did not ask. The action
 * runs in the approval's transaction, so that the request is APPLIED exactly when its effect commits; an action that
 * is no longer allowed (the agreement moved on meanwhile) fails, and the request stays PENDING for a denial. Every
 * step is audited. Admins and security officers see the requests.
 */
public final class Approvals {
    /**
     * What a kind of request does once approved: its name (e.g. {@code agreement-step}), who may ask for it, how it
     * is carried out in the approval's transaction (throwing a domain error when it no longer may), and what follows
     * once that committed (reloading what depends on the change).
     */
    public record Action(String kind, Set<Role> requesters, CarryOut carryOut,
            java.util.function.Consumer<Approval> afterCommit) {
        public Action {
            Objects.requireNonNull(kind, "kind");
            requesters = Set.copyOf(requesters);
            Objects.requireNonNull(carryOut, "carryOut");
            Objects.requireNonNull(afterCommit, "afterCommit");
        }
    }

    /** Carries an approved request out. */
    @FunctionalInterface
    public interface CarryOut {
        void apply(Tx tx, Approval request, User approver);
    }

    private static final int MAX_PAYLOAD = 60_000;
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Action> actions = new ConcurrentHashMap<>();

    public Approvals(Database database, AuditLog audit, Clock clock, SecureRandom random) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    /** Registers what a kind of request does; a module started again for the same node replaces its own. */
    public void register(Action action) {
        actions.put(action.kind(), action);
    }

    /**
     * Files a request in the caller's transaction, audited there; the caller has checked that it is valid now.
     * {@code details} go into the audit entry.
     */
    public Approval request(Tx tx, User requester, String kind, String subject, String summary, String payload,
            Map<String, String> details) {
        Action action = action(kind);
        Accounts.requireRole(requester, action.requesters());
        if (payload.length() > MAX_PAYLOAD || summary.length() > 1000 || subject.length() > 128) {
            throw new InvalidInputException("APPROVAL_TOO_LARGE", "the request is over its size limits");
        }
        Approval a = new Approval(newId(), kind, subject, summary, payload, requester.name(), clock.instant(),
                Approval.Status.PENDING, Optional.empty(), Optional.empty(), Optional.empty());
        tx.sql().createUpdate("INSERT INTO approvals (id, kind, subject, summary, payload, requested_by, requested_at, "
                        + "status) VALUES (:id, :k, :s, :m, :p, :by, :at, :st)").bind("id", a.id()).bind("k", kind)
                .bind("s", subject).bind("m", summary).bind("p", payload).bind("by", requester.name())
                .bind("at", a.requestedAt().toEpochMilli()).bind("st", a.status().name()).execute();
        Map<String, String> audited = new LinkedHashMap<>(details);
        audited.put("request", a.id());
        audited.put("summary", summary);
        audit.append(tx, AuditEvent.done(requester.name(), kind + ".request", subject, audited));
        return a;
    }

    /**
     * Approves a pending request and carries it out, in one transaction. The approver must be an active security
     * officer other than the one who asked.
     */
    public Approval approve(User officer, String id) {
        Approval a = decidable(officer, id, true);
        Action action = action(a.kind());
        Approval done = database.inTransaction(tx -> {
            action.carryOut().apply(tx, a, officer);
            decide(tx, a, Approval.Status.APPLIED, officer, Optional.empty());
            audit.append(tx, AuditEvent.done(officer.name(), a.kind() + ".approve", a.subject(), Map.of("request",
                    a.id(), "requestedBy", a.requestedBy(), "summary", a.summary())));
            return find(tx.sql(), id).orElseThrow();
        });
        action.afterCommit().accept(done);
        audit.sequenceSoon();
        return done;
    }

    /** Denies a pending request with the reason: any security officer, or the one who asked (a withdrawal). */
    public Approval deny(User officer, String id, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("REASON_MISSING", "a denial needs a reason of 1 to 1000 characters");
        }
        Approval a = decidable(officer, id, false);
        Approval done = database.inTransaction(tx -> {
            decide(tx, a, Approval.Status.DENIED, officer, Optional.of(reason));
            audit.append(tx, AuditEvent.done(officer.name(), a.kind() + ".deny", a.subject(), Map.of("request", a.id(),
                    "reason", reason)));
            return find(tx.sql(), id).orElseThrow();
        });
        audit.sequenceSoon();
        return done;
    }

    /** Requests, newest first; only pending ones unless {@code all}. For admins and security officers. */
    public List<Approval> list(User viewer, boolean all, Optional<String> kind) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM approvals WHERE (:all OR status = 'PENDING') "
                        + "AND (:kind = '' OR kind = :kind) ORDER BY requested_at DESC, id LIMIT 500").bind("all", all)
                .bind("kind", kind.orElse("")).map((rs, ctx) -> read(rs)).list());
    }

    /** One request, for admins and security officers. */
    public Optional<Approval> find(User viewer, String id) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        return id == null || id.length() > 64 ? Optional.empty()
                : database.jdbi().withHandle(h -> find(h, id));
    }

    private Approval decidable(User officer, String id, boolean approving) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        Approval a = find(officer, id).orElseThrow(() -> new NotFoundException("APPROVAL_NOT_FOUND", "request "
                + (id == null ? "" : id.length() <= 64 ? id : id.substring(0, 64) + "…") + " not found"));
        if (!a.pending()) {
            throw new ConflictException("APPROVAL_DECIDED", "request " + id + " is already " + a.status());
        }
        if (approving && (officer.name().equals(a.requestedBy()) || !officer.facilityActive())) {
            throw new ForbiddenException("SECOND_OFFICER_REQUIRED", "request " + id + " (" + a.summary() + ") asked by "
                    + a.requestedBy() + " needs a second security officer: nobody approves their own request");
        }
        return a;
    }

    private void decide(Tx tx, Approval a, Approval.Status status, User officer, Optional<String> reason) {
        int changed = tx.sql().createUpdate("UPDATE approvals SET status = :st, decided_by = :by, decided_at = :at, "
                        + "reason = :r WHERE id = :id AND status = 'PENDING'").bind("st", status.name())
                .bind("by", officer.name()).bind("at", clock.millis()).bind("r", reason.orElse(null)).bind("id", a.id())
                .execute();
        if (changed != 1) {
            throw new ConflictException("APPROVAL_DECIDED", "request " + a.id() + " was decided meanwhile");
        }
    }

    private Action action(String kind) {
        Action a = actions.get(kind);
        if (a == null) {
            throw new ConflictException("APPROVAL_KIND_UNAVAILABLE", "requests of kind " + kind + " cannot be carried "
                    + "out by this node as it runs (is its federation started?)");
        }
        return a;
    }

    private static Optional<Approval> find(org.jdbi.v3.core.Handle h, String id) {
        return h.createQuery("SELECT * FROM approvals WHERE id = :id").bind("id", id).map((rs, ctx) -> read(rs))
                .findFirst();
    }

    private static Approval read(ResultSet rs) throws SQLException {
        long decidedAt = rs.getLong("decided_at");
        boolean decided = !rs.wasNull();
        return new Approval(rs.getString("id"), rs.getString("kind"), rs.getString("subject"), rs.getString("summary"),
                rs.getString("payload"), rs.getString("requested_by"), Instant.ofEpochMilli(rs.getLong("requested_at")),
                Approval.Status.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("decided_by")),
                decided ? Optional.of(Instant.ofEpochMilli(decidedAt)) : Optional.empty(),
                Optional.ofNullable(rs.getString("reason")));
    }

    private String newId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return "a-" + HexFormat.of().formatHex(b);
    }
}
