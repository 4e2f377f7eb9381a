package io.liaison.node.accounts;

import io.liaison.core.access.AccessControl;
import io.liaison.core.access.Clearance;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Purpose;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The two-person rule for powers over content. A clearance, a role, a duty or a reinstatement is asked for by an
 * admin or a security officer ({@link #request}, {@link #requestReinstatement}) and takes effect only when a
 * second security officer approves it ({@link #approve}): one who is active, did not ask for it and does not
 * receive it. Nobody approves their own request or a grant to themselves. Taking powers away ({@link #revoke})
 * needs no second person. Every step is audited.
 */
public final class Grants {
    private static final Set<Role> REQUESTERS = Set.of(Role.ADMIN, Role.SECURITY_OFFICER);
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final Supplier<AccessControl> accesses;

    public Grants(Jdbi jdbi, AuditLog audit, Clock clock, SecureRandom random, Supplier<AccessControl> accesses) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.accesses = accesses;
    }

    private String policyId() {
        return access().policy().id();
    }

    /**
     * Asks for roles, duties and, when given, a new clearance for {@code subject}. The user the grant would make is
     * checked now (the clearance is a level of the node's policy; an admin holds nothing else), so that an
     * approval can only apply a valid grant.
     */
    public GrantRequest request(User actor, String subject, Set<Role> roles, Set<Purpose> duties,
            Optional<Clearance> clearance) {
        Accounts.requireRole(actor, REQUESTERS);
        if (roles.isEmpty() && duties.isEmpty() && clearance.isEmpty()) {
            throw new InvalidInputException("GRANT_EMPTY", "a grant names at least a role, a duty or a clearance");
        }
        clearance.ifPresent(c -> access().compile(c));
        User current = jdbi.withHandle(h -> UserTable.find(h, policyId(), subject)).orElseThrow(() -> unknown(subject));
        granted(current, roles, duties, clearance);
        return file(actor, new GrantRequest(newId(), subject, GrantRequest.Kind.GRANT, roles, duties, clearance,
                actor.name(), clock.instant(), GrantRequest.Status.PENDING, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    /** Asks for a suspended user's facility register entry to be active again. */
    public GrantRequest requestReinstatement(User actor, String subject) {
        Accounts.requireRole(actor, REQUESTERS);
        User current = jdbi.withHandle(h -> UserTable.find(h, policyId(), subject)).orElseThrow(() -> unknown(subject));
        if (current.facilityActive()) {
            throw new ConflictException("NOT_SUSPENDED", "user " + subject + " is not suspended");
        }
        return file(actor, new GrantRequest(newId(), subject, GrantRequest.Kind.REINSTATE, Set.of(), Set.of(),
                Optional.empty(), actor.name(), clock.instant(), GrantRequest.Status.PENDING, Optional.empty(),
                Optional.empty(), Optional.empty()));
    }

    private GrantRequest file(User actor, GrantRequest g) {
        jdbi.useTransaction(h -> {
            GrantTable.insert(h, g);
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done(actor.name(), "user.grant.request", g.subject(), describe(g)));
        });
        audit.sequenceSoon();
        return g;
    }

    /**
     * Approves a pending request and applies it, in one transaction. The approver must be an active security
     * officer other than the one who asked and the one who receives.
     */
    public User approve(User officer, String id) {
        GrantRequest g = decidable(officer, id);
        User updated = jdbi.inTransaction(h -> {
            User current = UserTable.find(h, policyId(), g.subject()).orElseThrow(() -> unknown(g.subject()));
            User next = g.kind() == GrantRequest.Kind.REINSTATE
                    ? current.withFacilityActive(true)
                    : granted(current, g.roles(), g.duties(), g.clearance());
            if (!GrantTable.decide(h, id, GrantRequest.Status.APPROVED, officer.name(), clock.millis(), Optional.empty())) {
                throw new ConflictException("GRANT_DECIDED", "grant request " + id + " was decided meanwhile");
            }
            UserTable.update(h, next);
            Map<String, String> details = new LinkedHashMap<>(describe(g));
            details.put("requestedBy", g.requestedBy());
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done(officer.name(), g.kind() == GrantRequest.Kind.REINSTATE ? "user.reinstate"
                    : "user.grant", g.subject(), details));
            return next;
        });
        audit.sequenceSoon();
        return updated;
    }

    /** Denies a pending request, with the reason. */
    public GrantRequest deny(User officer, String id, String reason) {
        GrantRequest g = decidable(officer, id);
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("REASON_MISSING", "a denial needs a reason of 1 to 1000 characters");
        }
        jdbi.useTransaction(h -> {
            if (!GrantTable.decide(h, id, GrantRequest.Status.DENIED, officer.name(), clock.millis(), Optional.of(reason))) {
                throw new ConflictException("GRANT_DECIDED", "grant request " + id + " was decided meanwhile");
            }
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done(officer.name(), "user.grant.deny", g.subject(), Map.of("request", id,
                    "reason", reason)));
        });
        audit.sequenceSoon();
        return find(id).orElseThrow();
    }

    private GrantRequest decidable(User officer, String id) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        GrantRequest g = find(id).orElseThrow(() -> new NotFoundException("GRANT_NOT_FOUND", "grant request "
                + User.shorten(id) + " not found"));
        if (!g.pending()) {
            throw new ConflictException("GRANT_DECIDED", "grant request " + id + " is already " + g.status());
        }
        if (officer.name().equals(g.requestedBy()) || officer.name().equals(g.subject()) || !officer.facilityActive()) {
            throw new ForbiddenException("SECOND_OFFICER_REQUIRED", "grant request " + id + " for " + g.subject()
                    + " asked by " + g.requestedBy() + " needs a second security officer: nobody approves their own "
                    + "request or a grant to themselves");
        }
        return g;
    }

    /** Takes roles and duties away at once (an admin or a security officer); fewer powers need no second person. */
    public User revoke(User actor, String subject, Set<Role> roles, Set<Purpose> duties) {
        Accounts.requireRole(actor, REQUESTERS);
        User updated = jdbi.inTransaction(h -> {
            User u = UserTable.find(h, policyId(), subject).orElseThrow(() -> unknown(subject));
            Set<Role> r = new HashSet<>(u.roles());
            r.removeAll(roles);
            Set<Purpose> d = new HashSet<>(u.duties());
            d.removeAll(duties);
            User next = u.with(u.clearance(), r, d);
            UserTable.update(h, next);
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done(actor.name(), "user.revoke", subject, Map.of("roles", String.join(",",
                    roles.stream().map(Role::written).sorted().toList()), "duties", String.join(",",
                    duties.stream().map(Purpose::name).sorted().toList()))));
            return next;
        });
        audit.sequenceSoon();
        return updated;
    }

    public Optional<GrantRequest> find(String id) {
        return id == null || id.length() > 64 ? Optional.empty()
                : jdbi.withHandle(h -> GrantTable.find(h, policyId(), id));
    }

    /** Requests, newest first; only pending ones unless {@code all}. For admins and security officers. */
    public List<GrantRequest> list(User actor, boolean all) {
        Accounts.requireRole(actor, REQUESTERS);
        return jdbi.withHandle(h -> GrantTable.list(h, policyId(), all ? Optional.empty()
                : Optional.of(GrantRequest.Status.PENDING), 500));
    }

    /** The user {@code current} would be with the grant; refused if the result breaks a rule. */
    private User granted(User current, Set<Role> roles, Set<Purpose> duties, Optional<Clearance> clearance) {
        if (current.visit().isPresent()) {
            throw new io.liaison.core.error.ForbiddenException("VISITOR_ACCOUNT", "visitor account " + current.name()
                    + " holds only what visit " + current.visit().get().visitId() + " allows and takes no grant (R28)");
        }
        Set<Role> r = new HashSet<>(current.roles());
        r.addAll(roles);
        Set<Purpose> d = new HashSet<>(current.duties());
        d.addAll(duties);
        try {
            return current.with(clearance.orElse(current.clearance()), r, d);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("GRANT_INVALID", e.getMessage());
        }
    }

    private static NotFoundException unknown(String name) {
        return new NotFoundException("USER_UNKNOWN", "user " + User.shorten(name) + " does not exist");
    }

    private static Map<String, String> describe(GrantRequest g) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("request", g.id());
        m.put("kind", g.kind().name());
        m.put("roles", String.join(",", g.roles().stream().map(Role::written).sorted().toList()));
        m.put("duties", String.join(",", g.duties().stream().map(Purpose::name).sorted().toList()));
        g.clearance().ifPresent(c -> m.put("clearance", c.level()));
        return m;
    }

    private String newId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return "g-" + HexFormat.of().formatHex(b);
    }

    /** The access rules of the node's policy in force now. */
    private AccessControl access() {
        return accesses.get();
    }
}
