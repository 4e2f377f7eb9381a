package io.liaison.node.exercises;

import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
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
import io.liaison.node.visits.Visit;
import io.liaison.node.visits.VisitTable;
import io.liaison.node.visits.Visits;
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
 * Invitations to observe exercises (R32). The host's security officer invites; the invited party's security officer
 * nominates observers until the exercise starts, each nomination a visit (R28) asked of the host, and may replace
 * one; the host answers each as a visit, never above the exercise's level. Every step is audited with R32.
 */
public final class Exercises {
    private static final int MAX_PLACES = 50;

    private final Database database;
    private final AuditLog audit;
    private final Visits visits;
    private final Supplier<SecurityPolicy> policies;
    private final Party self;
    private final Clock clock;
    private final SecureRandom random;

    public Exercises(Database database, AuditLog audit, Visits visits, Supplier<SecurityPolicy> policies, Party self, Clock clock,
            SecureRandom random) {
        this.database = database;
        this.audit = audit;
        this.visits = visits;
        this.policies = policies;
        this.self = self;
        this.clock = clock;
        this.random = random;
    }

    /** The node's policy in force now. */
    private SecurityPolicy policy() {
        return policies.get();
    }

    /** What the host's security officer invites to. */
    public record Invitation(Party invited, AgreementId agreement, String name, String place, LocalDate from,
            LocalDate until, int observerPlaces, String highestLevel) {}

    /** Records this party's invitation, in the caller's transaction (which also queues the signed message). */
    public Exercise invite(Tx tx, User officer, Invitation r) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        if (r.invited().equals(self)) {
            throw new InvalidInputException("EXERCISE_INVITED_INVALID", "an exercise invitation goes to another party");
        }
        Agreement a = visits.inForceBetween(r.agreement(), self, r.invited());
        String level = policy().classification(r.highestLevel()).map(c -> c.name()).orElseThrow(() ->
                new InvalidInputException("CLASSIFICATION_UNKNOWN", "level " + r.highestLevel() + " is not a level of "
                        + "policy " + policy().id() + " (" + policy().levelNames() + ")"));
        if (policy().rank(level) > 0 && !a.coveredLevels(self).contains(level)) {
            throw new InvalidInputException("LEVEL_NOT_COVERED", "level " + level + " is outside agreement " + a.id()
                    + " (covers " + String.join(", ", a.coveredLevels(self)) + ") (R2)");
        }
        LocalDate today = AgreementLedger.today(clock);
        if (!r.from().isAfter(today)) {
            throw new InvalidInputException("EXERCISE_DATES_INVALID", "an invitation comes before the exercise: "
                    + r.from() + " is not after today (" + today + ") (R32)");
        }
        days(r.from(), r.until());
        if (r.observerPlaces() < 1 || r.observerPlaces() > MAX_PLACES) {
            throw new InvalidInputException("OBSERVER_PLACES_INVALID", "observer places are 1 to " + MAX_PLACES);
        }
        byte[] b = new byte[12];
        random.nextBytes(b);
        Exercise e = new Exercise("ex-" + HexFormat.of().formatHex(b), Exercise.Side.SENT, self, r.invited(), a.id(),
                text("name", r.name(), 150), text("place", r.place(), 200), r.from(), r.until(), r.observerPlaces(), level,
                officer.name(), clock.instant());
        ExerciseTable.insert(tx.sql(), e);
        audit.append(tx, AuditEvent.done(officer.name(), "exercise.invite", e.id(), details(e)));
        return e;
    }

    /** An invitation from {@code from}, as its signed message carried it. */
    public Exercise received(Tx tx, Party from, Exercise sent) {
        if (!sent.host().equals(from) || !sent.invited().equals(self)) {
            throw new InvalidInputException("EXERCISE_PARTIES_INVALID", "an invitation from " + from + " must invite "
                    + self + " to an exercise " + from + " hosts");
        }
        days(sent.from(), sent.until());
        text("name", sent.name(), 150);
        text("place", sent.place(), 200);
        if (ExerciseTable.find(tx.sql(), sent.id()).isPresent()) {
            throw new ConflictException("EXERCISE_EXISTS", "exercise " + sent.id() + " is already recorded");
        }
        Exercise e = new Exercise(sent.id(), Exercise.Side.RECEIVED, from, self, sent.agreement(), sent.name(),
                sent.place(), sent.from(), sent.until(), sent.observerPlaces(), sent.highestLevel(), sent.invitedBy(),
                clock.instant());
        ExerciseTable.insert(tx.sql(), e);
        audit.append(tx, AuditEvent.done("peer:" + from.code(), "exercise.invited", e.id(), details(e)));
        return e;
    }

    /**
     * The invited party's security officer nominates an observer (or replaces {@code replaces} with one) before the
     * exercise starts: a visit to the exercise's place for its days, asked of the host under R28, in the caller's
     * transaction (which also queues the visit request). Nominations beyond the observer places are refused.
     */
    public Visit nominate(Tx tx, User officer, String exerciseId, String observer, Party nationality, String clearance,
            Optional<String> replaces) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        Exercise e = find(tx, exerciseId);
        if (e.side() != Exercise.Side.RECEIVED) {
            throw new ForbiddenException("EXERCISE_NOT_INVITED", "exercise " + e.id() + " is hosted by " + self
                    + "; the invited party nominates its observers (R32)");
        }
        LocalDate today = AgreementLedger.today(clock);
        if (!today.isBefore(e.from())) {
            throw new ConflictException("EXERCISE_STARTED", "exercise " + e.name() + " started on " + e.from()
                    + "; nominations and replacements end when it starts (R32)");
        }
        long active = ExerciseTable.observers(tx.sql(), e.id()).stream().filter(o -> o[1] == null).count();
        if (replaces.isEmpty() && active >= e.observerPlaces()) {
            throw new ConflictException("OBSERVER_PLACES_FULL", "exercise " + e.name() + " has " + e.observerPlaces()
                    + " observer place(s), all nominated; replace an observer instead (R32)");
        }
        Visit v = visits.request(tx, officer, new Visits.Request(e.host(), e.agreement(), VisitKind.OBSERVER, observer,
                nationality, clearance, e.place(), e.from(), e.until(), purpose(e)));
        ExerciseTable.observer(tx.sql(), e.id(), v.id(), clock.millis());
        if (replaces.isPresent() && !ExerciseTable.replace(tx.sql(), e.id(), replaces.get(), v.id())) {
            throw new NotFoundException("OBSERVER_UNKNOWN", "visit " + replaces.get() + " is not an observer of "
                    + e.name() + " still nominated");
        }
        Map<String, String> d = details(e);
        d.put("visit", v.id());
        replaces.ifPresent(r -> d.put("replaces", r));
        audit.append(tx, AuditEvent.done(officer.name(), replaces.isPresent() ? "exercise.replace" : "exercise.nominate",
                e.id(), d));
        return v;
    }

    /** At the host: a received visit request that nominates an observer of an exercise it invited {@code from} to. */
    public void observerReceived(Tx tx, Party from, String exerciseId, Visit visit, Optional<String> replaces) {
        Exercise e = ExerciseTable.find(tx.sql(), exerciseId).filter(x -> x.side() == Exercise.Side.SENT
                && x.invited().equals(from)).orElseThrow(() -> new NotFoundException("EXERCISE_UNKNOWN", "no exercise "
                + exerciseId + " invited " + from));
        if (!visit.from().equals(e.from()) || !visit.until().equals(e.until()) || visit.kind() != VisitKind.OBSERVER) {
            throw new InvalidInputException("OBSERVER_INVALID", "an observer's visit runs for the exercise's days");
        }
        ExerciseTable.observer(tx.sql(), e.id(), visit.id(), clock.millis());
        if (replaces.isPresent() && !ExerciseTable.replace(tx.sql(), e.id(), replaces.get(), visit.id())) {
            throw new NotFoundException("OBSERVER_UNKNOWN", "visit " + replaces.get() + " is not an observer of "
                    + e.name() + " still nominated");
        }
        Map<String, String> d = details(e);
        d.put("visit", visit.id());
        replaces.ifPresent(r -> d.put("replaces", r));
        audit.append(tx, AuditEvent.done("peer:" + from.code(), replaces.isPresent() ? "exercise.replaced"
                : "exercise.nominated", e.id(), d));
    }

    /** The invitations sent and received, newest exercise first; for admins and security officers. */
    public List<Exercise> list(User viewer) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        return database.jdbi().withHandle(ExerciseTable::all);
    }

    /** One invitation; for admins and security officers. */
    public Exercise require(User viewer, String id) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        return database.inTransaction(tx -> find(tx, id));
    }

    /** The exercise's observers, each with its visit as it stands; for admins and security officers. */
    public List<Observer> observers(User viewer, String id) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        return database.inTransaction(tx -> {
            Exercise e = find(tx, id);
            return ExerciseTable.observers(tx.sql(), e.id()).stream().map(o -> new Observer(e.id(),
                    VisitTable.find(tx, o[0]).orElseThrow(), Optional.ofNullable(o[1]))).toList();
        });
    }

    /** The purpose of an exercise's observers' visits. */
    public static Purpose purpose(Exercise e) {
        return Purpose.of("observation of " + e.name());
    }

    private static Exercise find(Tx tx, String id) {
        return (id == null || id.length() > 36 ? Optional.<Exercise>empty() : ExerciseTable.find(tx.sql(), id))
                .orElseThrow(() -> new NotFoundException("EXERCISE_NOT_FOUND", "exercise " + (id == null ? ""
                        : id.length() <= 36 ? id : id.substring(0, 36) + "…") + " not found"));
    }

    private static void days(LocalDate from, LocalDate until) {
        if (until.isBefore(from) || ChronoUnit.DAYS.between(from, until) >= Visits.MAX_DAYS) {
            throw new InvalidInputException("EXERCISE_DATES_INVALID", "an exercise runs from " + from + " to " + until
                    + ": the last day must be on or after the first, within " + Visits.MAX_DAYS + " days");
        }
    }

    private static String text(String field, String value, int max) {
        return InvalidInputException.requireText("EXERCISE_FIELD_INVALID", field, value, max).strip();
    }

    private static Map<String, String> details(Exercise e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rule", "R32");
        m.put("name", e.name());
        m.put("host", e.host().code());
        m.put("invited", e.invited().code());
        m.put("agreement", e.agreement().value());
        m.put("from", e.from().toString());
        m.put("until", e.until().toString());
        m.put("places", Integer.toString(e.observerPlaces()));
        m.put("highestLevel", e.highestLevel());
        return m;
    }
}
