package io.liaison.node.visits;

import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.agreement.AgreementState;
import io.liaison.core.agreement.Equivalence;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.visit.VisitKind;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.agreements.AgreementLedger;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Visit requests and answers as this node records them (R28, R30). A security officer asks a host for a visit
 * under an agreement in force; the host's security officer approves it, stating the highest level that may be
 * disclosed (never above the equivalent of the clearance the sending party assures), or refuses it with the reason.
 * Each step is audited with its rule; the federation carries it to the other node in the same transaction.
 */
public final class Visits {
    /** A visit lasts a year at most. */
    public static final int MAX_DAYS = 366;
    private static final int MAX_TEXT = 200;

    private final Database database;
    private final AuditLog audit;
    private final AgreementLedger ledger;
    private final Supplier<SecurityPolicy> policies;
    private final Party self;
    private final Clock clock;
    private final SecureRandom random;

    public Visits(Database database, AuditLog audit, AgreementLedger ledger, Supplier<SecurityPolicy> policies, Party self,
            Clock clock, SecureRandom random) {
        this.database = database;
        this.audit = audit;
        this.ledger = ledger;
        this.policies = policies;
        this.self = self;
        this.clock = clock;
        this.random = random;
    }

    /** The node's policy in force now. */
    private SecurityPolicy policy() {
        return policies.get();
    }

    /** What a security officer asks of a host: the fields R28 names. */
    public record Request(Party host, AgreementId agreement, VisitKind kind, String visitor, Party nationality,
            String assuredClearance, String facility, LocalDate from, LocalDate until, Purpose purpose) {}

    /**
     * Records this party's request of {@code r.host()}, in the caller's transaction (which also queues the signed
     * message), after checking it: a security officer asks; the agreement is in force between the two parties; the
     * clearance is a level of this party's policy that the agreement covers; the visit starts today or later and
     * lasts a year at most.
     */
    public Visit request(Tx tx, User officer, Request r) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        if (r.host().equals(self)) {
            throw new InvalidInputException("VISIT_HOST_INVALID", "a visit is asked of another party, not of " + self);
        }
        Agreement a = inForceBetween(r.agreement(), self, r.host());
        String level = policy().classification(r.assuredClearance()).map(c -> c.name()).orElseThrow(() ->
                new InvalidInputException("CLASSIFICATION_UNKNOWN", "clearance " + r.assuredClearance() + " is not a "
                        + "level of policy " + policy().id() + " (" + policy().levelNames() + ")"));
        if (!a.coveredLevels(self).contains(level)) {
            throw new InvalidInputException("LEVEL_NOT_COVERED", "clearance " + level + " is outside agreement "
                    + a.id() + " (covers " + String.join(", ", a.coveredLevels(self)) + ") (R2)");
        }
        LocalDate today = AgreementLedger.today(clock);
        if (r.from().isBefore(today)) {
            throw new InvalidInputException("VISIT_DATES_INVALID", "a visit is asked before it starts: " + r.from()
                    + " is before today (" + today + ") (R28)");
        }
        days(r.from(), r.until());
        Visit v = new Visit(newId(), Visit.Side.SENT, self, r.host(), a.id(), r.kind(), text("visitor", r.visitor()),
                r.nationality(), level, text("facility", r.facility()), r.from(), r.until(), r.purpose(),
                officer.name(), clock.instant(), Visit.Status.REQUESTED, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        VisitTable.insert(tx.sql(), v);
        audit.append(tx, AuditEvent.done(officer.name(), "visit.request", v.id(), details(v)));
        return v;
    }

    /** A request from {@code from} for a visit to this party, as its signed message carried it. */
    public Visit received(Tx tx, Party from, Visit asked) {
        if (!asked.requester().equals(from) || !asked.host().equals(self)) {
            throw new InvalidInputException("VISIT_PARTIES_INVALID", "a visit request from " + from + " must be asked by "
                    + from + " of " + self);
        }
        Agreement a = ledger.require(asked.agreement());
        if (!a.isParty(from) || !a.isParty(self)) {
            throw new InvalidInputException("PARTY_NOT_IN_AGREEMENT", "agreement " + a.id() + " is not between " + from
                    + " and " + self + " (R18)");
        }
        days(asked.from(), asked.until());
        text("visitor", asked.visitor());
        text("facility", asked.facility());
        if (VisitTable.find(tx.sql(), asked.id()).isPresent()) {
            throw new ConflictException("VISIT_EXISTS", "visit " + asked.id() + " is already recorded");
        }
        Visit v = new Visit(asked.id(), Visit.Side.RECEIVED, from, self, a.id(), asked.kind(), asked.visitor(),
                asked.nationality(), asked.assuredClearance(), asked.facility(), asked.from(), asked.until(),
                asked.purpose(), asked.requestedBy(), clock.instant(), Visit.Status.REQUESTED, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        VisitTable.insert(tx.sql(), v);
        audit.append(tx, AuditEvent.done("peer:" + from.code(), "visit.received", v.id(), details(v)));
        return v;
    }

    /**
     * The host's security officer approves a visit asked of this party, stating the highest level of this party's
     * policy that may be disclosed: never above the equivalent of the clearance the sending party assures under the
     * agreement (R2, R28), and only before the visit has ended.
     */
    public Visit approve(Tx tx, User officer, String id, String highestLevel) {
        Visit v = answerable(tx, officer, id);
        String level = policy().classification(highestLevel).map(c -> c.name()).orElseThrow(() ->
                new InvalidInputException("CLASSIFICATION_UNKNOWN", "level " + highestLevel + " is not a level of policy "
                        + policy().id() + " (" + policy().levelNames() + ")"));
        Agreement a = inForceBetween(v.agreement(), v.requester(), self);
        Equivalence eq = a.equivalent(v.requester(), v.assuredClearance(), self).orElseThrow(() ->
                new InvalidInputException("LEVEL_NOT_COVERED", "clearance " + v.assuredClearance() + " of "
                        + v.requester() + " has no equivalent under " + a.id() + " (R2)"));
        if (policy().rank(level) > policy().rank(eq.toLevel())) {
            throw new InvalidInputException("VISIT_LEVEL_ABOVE_CLEARANCE", "level " + level + " is above "
                    + eq.toLevel() + ", the equivalent under " + a.id() + " of the clearance " + v.assuredClearance()
                    + " that " + v.requester() + " assures for the visitor (R28)");
        }
        if (v.until().isBefore(AgreementLedger.today(clock))) {
            throw new ConflictException("VISIT_ENDED", "visit " + id + " ended on " + v.until());
        }
        Optional<String[]> observer = io.liaison.node.exercises.ExerciseTable.observerOf(tx, id);
        if (observer.isPresent()) {
            if (observer.get()[1] != null) {
                throw new ConflictException("OBSERVER_REPLACED", "visit " + id + " was replaced by " + observer.get()[1]
                        + " as an observer of " + observer.get()[2] + " (R32)");
            }
            if (policy().rank(level) > policy().rank(observer.get()[0])) {
                throw new InvalidInputException("VISIT_LEVEL_ABOVE_EXERCISE", "level " + level + " is above "
                        + observer.get()[0] + ", the highest level observers of " + observer.get()[2] + " may see (R32)");
            }
        }
        return answer(tx, officer, v, Visit.Status.APPROVED, Optional.of(level), "approved up to " + level);
    }

    /** The host's security officer refuses a visit asked of this party, with the reason. */
    public Visit refuse(Tx tx, User officer, String id, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("REASON_MISSING", "a refusal needs a reason of 1 to 1000 characters");
        }
        Visit v = answerable(tx, officer, id);
        return answer(tx, officer, v, Visit.Status.REFUSED, Optional.empty(), reason.strip());
    }

    private Visit answer(Tx tx, User officer, Visit v, Visit.Status status, Optional<String> level, String text) {
        if (!VisitTable.answer(tx.sql(), v.id(), status, level, text, officer.name(), clock.millis())) {
            throw new ConflictException("VISIT_ANSWERED", "visit " + v.id() + " was answered meanwhile");
        }
        Visit done = VisitTable.find(tx.sql(), v.id()).orElseThrow();
        audit.append(tx, AuditEvent.done(officer.name(), status == Visit.Status.APPROVED ? "visit.approve"
                : "visit.refuse", v.id(), details(done)));
        return done;
    }

    /** The host's answer to a visit this party asked for, as its signed message carried it. */
    public Visit answered(Tx tx, Party from, String id, Visit.Status status, Optional<String> level, String text,
            String by) {
        Visit v = VisitTable.find(tx.sql(), id).filter(x -> x.side() == Visit.Side.SENT && x.host().equals(from))
                .orElseThrow(() -> new NotFoundException("VISIT_UNKNOWN", "no visit " + id + " was asked of " + from));
        if (status == Visit.Status.REQUESTED || status == Visit.Status.APPROVED && level.isEmpty()) {
            throw new InvalidInputException("VISIT_ANSWER_INVALID", "an answer approves with a level or refuses");
        }
        if (!VisitTable.answer(tx.sql(), id, status, level, text(text), by, clock.millis())) {
            throw new ConflictException("VISIT_ANSWERED", "visit " + id + " is already " + v.status());
        }
        Visit done = VisitTable.find(tx.sql(), id).orElseThrow();
        audit.append(tx, AuditEvent.done("peer:" + from.code(), status == Visit.Status.APPROVED ? "visit.approved"
                : "visit.refused", id, details(done)));
        return done;
    }

    /** The visits this node asked for and hosts, newest first; for admins and security officers. */
    public List<Visit> list(User viewer) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        return database.jdbi().withHandle(h -> VisitTable.all(h, 500));
    }

    /** One visit; for admins and security officers. */
    public Visit require(User viewer, String id) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        return find(id).orElseThrow(() -> notFound(id));
    }

    private Optional<Visit> find(String id) {
        return id == null || id.length() > 36 ? Optional.empty()
                : database.jdbi().withHandle(h -> VisitTable.find(h, id));
    }

    private Visit answerable(Tx tx, User officer, String id) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        Visit v = (id == null || id.length() > 36 ? Optional.<Visit>empty() : VisitTable.find(tx.sql(), id))
                .orElseThrow(() -> notFound(id));
        if (v.side() != Visit.Side.RECEIVED) {
            throw new ForbiddenException("VISIT_NOT_HOSTED", "visit " + id + " was asked by " + self + " of " + v.host()
                    + "; only the host answers it (R28)");
        }
        if (v.status() != Visit.Status.REQUESTED) {
            throw new ConflictException("VISIT_ANSWERED", "visit " + id + " is already " + v.status());
        }
        return v;
    }

    /** The agreement, when it is between the two parties and in force today (R18); otherwise a refusal. */
    public Agreement inForceBetween(AgreementId id, Party one, Party other) {
        Agreement a = ledger.require(id);
        if (!a.isParty(one) || !a.isParty(other)) {
            throw new InvalidInputException("PARTY_NOT_IN_AGREEMENT", "agreement " + id + " is not between " + one
                    + " and " + other + " (R18)");
        }
        LocalDate today = AgreementLedger.today(clock);
        Optional<AgreementState> state = ledger.catalog().lifecycle(id).stateOn(today);
        if (state.map(s -> !s.allowsProvision()).orElse(true)) {
            throw new ForbiddenException("AGREEMENT_NOT_IN_FORCE", "agreement " + id + " is "
                    + state.map(Enum::name).orElse("NOT_PROPOSED") + " on " + today + "; a visit under it needs it in "
                    + "force (R18)");
        }
        return a;
    }

    private static void days(LocalDate from, LocalDate until) {
        if (until.isBefore(from) || ChronoUnit.DAYS.between(from, until) >= MAX_DAYS) {
            throw new InvalidInputException("VISIT_DATES_INVALID", "a visit runs from " + from + " to " + until
                    + ": the last day must be on or after the first, within " + MAX_DAYS + " days (R28)");
        }
    }

    private static String text(String field, String value) {
        return InvalidInputException.requireText("VISIT_FIELD_INVALID", field, value, MAX_TEXT).strip();
    }

    private static String text(String answer) {
        if (answer == null || answer.isBlank() || answer.length() > 1000) {
            throw new InvalidInputException("VISIT_ANSWER_INVALID", "an answer has 1 to 1000 characters of text");
        }
        return answer;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("VISIT_NOT_FOUND", "visit " + (id == null ? "" : id.length() <= 36 ? id
                : id.substring(0, 36) + "…") + " not found");
    }

    private static Map<String, String> details(Visit v) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rule", v.kind().rule());
        m.put("kind", v.kind().written());
        m.put("requester", v.requester().code());
        m.put("host", v.host().code());
        m.put("agreement", v.agreement().value());
        m.put("from", v.from().toString());
        m.put("until", v.until().toString());
        m.put("status", v.status().name());
        v.highestLevel().ifPresent(l -> m.put("highestLevel", l));
        return m;
    }

    private String newId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return "visit-" + HexFormat.of().formatHex(b);
    }
}
