package io.liaison.node.aircraft;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.aircraft.AircraftRequest;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.party.Party;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.Reveals;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import io.liaison.node.visits.Visits;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Diplomatic clearances for cross-border visits of military aircraft (R31). A security or duty officer asks the host
 * before the aircraft flies; the host grants (with conditions and an expiry), grants with amended times or points, or
 * refuses, with the reason. A request unanswered by its deadline raises an alarm at both ends; a flight the host
 * observes without a valid clearance is flagged. Every step is audited with R31.
 */
public final class AircraftClearances {
    private static final Set<Role> OFFICERS = Set.of(Role.SECURITY_OFFICER, Role.DUTY_OFFICER);

    private final Database database;
    private final AuditLog audit;
    private final Visits visits;
    private final Party self;
    private final Clock clock;
    private final SecureRandom random;
    private final java.util.List<java.util.function.Consumer<List<Clearance>>> overdueListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public AircraftClearances(Database database, AuditLog audit, Visits visits, Party self, Clock clock,
            SecureRandom random) {
        this.database = database;
        this.audit = audit;
        this.visits = visits;
        this.self = self;
        this.clock = clock;
        this.random = random;
    }

    /** The host's amendment: the points and times it clears instead of those asked. */
    public record Amendment(String entryPoint, String exitPoint, Instant entryAt, Instant exitAt) {}

    /** What a flight check found: cleared by a clearance, or flagged with the reason (R31). */
    public record FlightCheck(boolean cleared, Optional<String> clearance, String reason) {}

    /**
     * Records this party's request of {@code host}, in the caller's transaction (which also queues the signed
     * message): asked by a security or duty officer, under an agreement in force between the two parties, before the
     * aircraft flies and with time left to answer.
     */
    public Clearance request(Tx tx, User officer, Party host, AgreementId agreement, AircraftRequest r) {
        Accounts.requireRole(officer, OFFICERS);
        if (host.equals(self)) {
            throw new InvalidInputException("AIRCRAFT_HOST_INVALID", "a clearance is asked of another party");
        }
        visits.inForceBetween(agreement, self, host);
        Instant now = clock.instant();
        if (!r.answerBy().isAfter(now)) {
            throw new InvalidInputException("AIRCRAFT_DEADLINE_INVALID", "the answer is asked by " + r.answerBy()
                    + ", which has passed; a clearance is asked before the aircraft flies (R31)");
        }
        byte[] b = new byte[12];
        random.nextBytes(b);
        Clearance c = new Clearance("dc-" + HexFormat.of().formatHex(b), Clearance.Side.SENT, self, host, agreement, r,
                officer.name(), now, Clearance.Status.REQUESTED, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        ClearanceTable.insert(tx.sql(), c);
        audit.append(tx, AuditEvent.done(officer.name(), "aircraft.request", c.id(), details(c)));
        return c;
    }

    /** A request from {@code from}, as its signed message carried it. */
    public Clearance received(Tx tx, Party from, Clearance asked) {
        if (!asked.requester().equals(from) || !asked.host().equals(self)) {
            throw new InvalidInputException("AIRCRAFT_PARTIES_INVALID", "a clearance request from " + from + " must be "
                    + "asked by " + from + " of " + self);
        }
        if (ClearanceTable.find(tx.sql(), asked.id()).isPresent()) {
            throw new ConflictException("AIRCRAFT_EXISTS", "clearance " + asked.id() + " is already recorded");
        }
        Clearance c = new Clearance(asked.id(), Clearance.Side.RECEIVED, from, self, asked.agreement(), asked.request(),
                asked.requestedBy(), clock.instant(), Clearance.Status.REQUESTED, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        ClearanceTable.insert(tx.sql(), c);
        audit.append(tx, AuditEvent.done("peer:" + from.code(), "aircraft.received", c.id(), details(c)));
        return c;
    }

    /**
     * The host grants a clearance asked of it, with its conditions and expiry; with an amendment, for the points and
     * times it states instead of those asked (AMENDED).
     */
    public Clearance grant(Tx tx, User officer, String id, Optional<String> conditions, Optional<Instant> expires,
            Optional<Amendment> amendment) {
        Clearance c = answerable(tx, officer, id);
        conditions.ifPresent(t -> text("conditions", t));
        Optional<AircraftRequest> amended = amendment.map(a -> new AircraftRequest(c.request().aircraftType(),
                c.request().registration(), c.request().callSign(), a.entryPoint(), a.exitPoint(), c.request().route(),
                a.entryAt(), a.exitAt(), c.request().purpose(), c.request().crew(), c.request().passengers(),
                c.request().cargo(), c.request().answerBy()));
        Instant exit = amended.orElse(c.request()).exitAt();
        if (expires.isPresent() && !expires.get().isAfter(clock.instant())) {
            throw new InvalidInputException("AIRCRAFT_EXPIRY_INVALID", "a clearance expiring at " + expires.get()
                    + " would already have expired");
        }
        Clearance.Status status = amended.isPresent() ? Clearance.Status.AMENDED : Clearance.Status.GRANTED;
        String answer = amended.map(a -> "granted with amendments: entry " + a.entryPoint() + " at " + a.entryAt()
                + ", exit " + a.exitPoint() + " at " + a.exitAt()).orElse("granted") + expires.map(e -> "; expires "
                + e).orElse("; valid to exit at " + exit);
        return answer(tx, officer, c, status, conditions, expires, amended, answer);
    }

    /** The host refuses a clearance asked of it, with the reason. */
    public Clearance refuse(Tx tx, User officer, String id, String reason) {
        text("reason", reason);
        return answer(tx, officer, answerable(tx, officer, id), Clearance.Status.REFUSED, Optional.empty(),
                Optional.empty(), Optional.empty(), reason.strip());
    }

    private Clearance answer(Tx tx, User officer, Clearance c, Clearance.Status status, Optional<String> conditions,
            Optional<Instant> expires, Optional<AircraftRequest> amended, String answer) {
        if (!ClearanceTable.answer(tx.sql(), c.id(), status, conditions, expires, amended, answer, officer.name(),
                clock.millis())) {
            throw new ConflictException("AIRCRAFT_ANSWERED", "clearance " + c.id() + " was answered meanwhile");
        }
        Clearance done = ClearanceTable.find(tx.sql(), c.id()).orElseThrow();
        audit.append(tx, AuditEvent.done(officer.name(), "aircraft." + status.name().toLowerCase(java.util.Locale.ROOT),
                c.id(), details(done)));
        return done;
    }

    /** The host's answer to a clearance this party asked for, as its signed message carried it. */
    public Clearance answered(Tx tx, Party from, String id, Clearance.Status status, Optional<String> conditions,
            Optional<Instant> expires, Optional<Amendment> amendment, String answer, String by) {
        Clearance c = ClearanceTable.find(tx.sql(), id).filter(x -> x.side() == Clearance.Side.SENT
                && x.host().equals(from)).orElseThrow(() -> new NotFoundException("AIRCRAFT_UNKNOWN", "no clearance " + id
                + " was asked of " + from));
        if (status == Clearance.Status.REQUESTED || (status == Clearance.Status.AMENDED) != amendment.isPresent()) {
            throw new InvalidInputException("AIRCRAFT_ANSWER_INVALID", "an answer grants, amends or refuses");
        }
        Optional<AircraftRequest> amended = amendment.map(a -> new AircraftRequest(c.request().aircraftType(),
                c.request().registration(), c.request().callSign(), a.entryPoint(), a.exitPoint(), c.request().route(),
                a.entryAt(), a.exitAt(), c.request().purpose(), c.request().crew(), c.request().passengers(),
                c.request().cargo(), c.request().answerBy()));
        if (!ClearanceTable.answer(tx.sql(), id, status, conditions, expires, amended, text("answer", answer),
                text("answered by", by), clock.millis())) {
            throw new ConflictException("AIRCRAFT_ANSWERED", "clearance " + id + " is already " + c.status());
        }
        Clearance done = ClearanceTable.find(tx.sql(), id).orElseThrow();
        audit.append(tx, AuditEvent.done("peer:" + from.code(), "aircraft.answered", id, details(done)));
        return done;
    }

    /**
     * Raises an alarm, once, for every request still unanswered past its deadline, at this end (each end checks its
     * own record, so both raise it): audited as an R31 alarm and shown with the clearance. Returns them.
     */
    /**
     * Calls {@code listener} with the clearances each {@link #raiseOverdue} raised, after they are recorded: the
     * hotline escalates them like an unacknowledged message. Running the returned action removes the listener.
     */
    public Runnable onOverdue(java.util.function.Consumer<List<Clearance>> listener) {
        overdueListeners.add(listener);
        return () -> overdueListeners.remove(listener);
    }

    public List<Clearance> raiseOverdue() {
        List<Clearance> raised = database.inTransaction(tx -> {
            List<Clearance> due = ClearanceTable.raiseOverdue(tx.sql(), clock.millis());
            for (Clearance c : due) {
                Map<String, String> d = details(c);
                d.put("answerBy", c.request().answerBy().toString());
                audit.append(tx, new AuditEvent("liaison", "aircraft.overdue", c.id(), Reveals.NOTHING, "ALARM",
                        "AIRCRAFT_ANSWER_OVERDUE", "R31", d));
            }
            return due;
        });
        if (!raised.isEmpty()) {
            audit.sequenceSoon();
            for (var l : overdueListeners) {
                try {
                    l.accept(raised);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(AircraftClearances.class).warn("escalating late clearances "
                            + "failed: {}", e.toString());
                }
            }
        }
        return raised;
    }

    /**
     * At the host: checks a flight observed entering at {@code point} at {@code at} against the clearances asked of
     * this party; one without a valid clearance is flagged, audited as an R31 alarm.
     */
    public FlightCheck flight(User officer, String callSign, String point, Instant at) {
        Accounts.requireRole(officer, OFFICERS);
        if (callSign == null || !callSign.matches("[A-Z][A-Z0-9]{1,6}") || point == null || !point.matches("[A-Z]{4}")) {
            throw new InvalidInputException("AIRCRAFT_FIELD_INVALID", "a flight names its call sign (2 to 7 capital "
                    + "letters and digits) and its entry point (an ICAO location indicator of four letters)");
        }
        FlightCheck check = database.inTransaction(tx -> {
            List<Clearance> all = ClearanceTable.byCallSign(tx.sql(), callSign);
            Optional<Clearance> valid = all.stream().filter(c -> c.covers(callSign, point, at)).findFirst();
            FlightCheck f = valid.map(c -> new FlightCheck(true, Optional.of(c.id()), "cleared by " + c.id()
                    + c.conditions().map(x -> " (conditions: " + x + ")").orElse(""))).orElseGet(() ->
                    new FlightCheck(false, Optional.empty(), why(all, point, at)));
            Map<String, String> d = new LinkedHashMap<>();
            d.put("rule", "R31");
            d.put("callSign", callSign);
            d.put("entryPoint", point);
            d.put("at", at.toString());
            d.put("reason", f.reason());
            audit.append(tx, f.cleared() ? AuditEvent.done(officer.name(), "aircraft.flight", callSign, d)
                    : new AuditEvent(officer.name(), "aircraft.flight", callSign, Reveals.NOTHING, "ALARM",
                            "FLIGHT_NOT_CLEARED", "R31", d));
            return f;
        });
        audit.sequenceSoon();
        return check;
    }

    private static String why(List<Clearance> all, String point, Instant at) {
        if (all.isEmpty()) {
            return "no clearance was asked for this call sign (R31)";
        }
        List<Clearance> granted = all.stream().filter(c -> c.status() == Clearance.Status.GRANTED
                || c.status() == Clearance.Status.AMENDED).toList();
        if (granted.isEmpty()) {
            return "no clearance was granted for this call sign: " + String.join(", ", all.stream().map(c -> c.id() + " "
                    + c.status()).toList()) + " (R31)";
        }
        Clearance c = granted.getFirst();
        if (c.expiresAt().map(e -> !at.isBefore(e)).orElse(false)) {
            return "clearance " + c.id() + " expired at " + c.expiresAt().get() + " (R31)";
        }
        if (!c.request().entryPoint().equals(point)) {
            return "clearance " + c.id() + " is for entry at " + c.request().entryPoint() + ", not " + point + " (R31)";
        }
        return "clearance " + c.id() + " holds from " + c.request().entryAt() + " to " + c.request().exitAt()
                + ", not at " + at + " (R31)";
    }

    /** The clearances asked by and of this party, newest first; for admins, security and duty officers. */
    public List<Clearance> list(User viewer) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER, Role.DUTY_OFFICER));
        return database.jdbi().withHandle(h -> ClearanceTable.all(h, 500));
    }

    /** One clearance; for admins, security and duty officers. */
    public Clearance require(User viewer, String id) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER, Role.DUTY_OFFICER));
        return (id == null || id.length() > 36 ? Optional.<Clearance>empty()
                : database.jdbi().withHandle(h -> ClearanceTable.find(h, id))).orElseThrow(() -> notFound(id));
    }

    private Clearance answerable(Tx tx, User officer, String id) {
        Accounts.requireRole(officer, OFFICERS);
        Clearance c = (id == null || id.length() > 36 ? Optional.<Clearance>empty() : ClearanceTable.find(tx.sql(), id))
                .orElseThrow(() -> notFound(id));
        if (c.side() != Clearance.Side.RECEIVED) {
            throw new ForbiddenException("AIRCRAFT_NOT_HOSTED", "clearance " + id + " was asked by " + self + " of "
                    + c.host() + "; only the host answers it (R31)");
        }
        if (c.status() != Clearance.Status.REQUESTED) {
            throw new ConflictException("AIRCRAFT_ANSWERED", "clearance " + id + " is already " + c.status());
        }
        return c;
    }

    private static String text(String field, String value) {
        return InvalidInputException.requireText("AIRCRAFT_FIELD_INVALID", field, value, 1000);
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("AIRCRAFT_NOT_FOUND", "clearance " + (id == null ? "" : id.length() <= 36 ? id
                : id.substring(0, 36) + "…") + " not found");
    }

    private static Map<String, String> details(Clearance c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rule", "R31");
        m.put("requester", c.requester().code());
        m.put("host", c.host().code());
        m.put("callSign", c.request().callSign());
        m.put("registration", c.request().registration());
        m.put("entry", c.request().entryPoint() + " " + c.request().entryAt());
        m.put("exit", c.request().exitPoint() + " " + c.request().exitAt());
        m.put("status", c.status().name());
        c.expiresAt().ifPresent(e -> m.put("expires", e.toString()));
        return m;
    }
}
