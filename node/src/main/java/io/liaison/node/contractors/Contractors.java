package io.liaison.node.contractors;

import io.liaison.catalog.json.Json;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.agreements.AgreementLedger;
import io.liaison.node.approvals.Approval;
import io.liaison.node.approvals.Approvals;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Contractor facilities (R29): recorded by a security officer, assessed by a recorded assessment that a second
 * security officer approves (the two-person rule: an assessment opens classified information to the facility's
 * people). The assessment names who assessed the facility, the day, and the highest level it can protect.
 */
public final class Contractors {
    /** The kind of approval an assessment waits as. */
    public static final String KIND = "contractor-assessment";

    private final Database database;
    private final AuditLog audit;
    private final Approvals approvals;
    private final Supplier<SecurityPolicy> policies;
    private final Clock clock;
    private final SecureRandom random;

    /** What an assessment carries while it waits for the second officer. */
    public record Assessment(String facility, String level, String assessedBy, String on) {}

    public Contractors(Database database, AuditLog audit, Approvals approvals, Supplier<SecurityPolicy> policies, Clock clock,
            SecureRandom random) {
        this.database = database;
        this.audit = audit;
        this.approvals = approvals;
        this.policies = policies;
        this.clock = clock;
        this.random = random;
        approvals.register(new Approvals.Action(KIND, Set.of(Role.SECURITY_OFFICER), this::carryOut, request -> { }));
    }

    /** The node's policy in force now. */
    private SecurityPolicy policy() {
        return policies.get();
    }

    /** Records a contractor facility, not yet assessed: its people read nothing classified (R29). */
    public Facility add(User officer, String name) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        String n = text("name", name);
        Facility f = database.inTransaction(tx -> {
            if (FacilityTable.find(tx.sql(), n).isPresent()) {
                throw new ConflictException("FACILITY_EXISTS", "contractor facility " + n + " is already recorded");
            }
            byte[] b = new byte[8];
            random.nextBytes(b);
            String id = "fac-" + HexFormat.of().formatHex(b);
            FacilityTable.insert(tx.sql(), id, n, officer.name(), clock.millis());
            audit.append(tx, AuditEvent.done(officer.name(), "contractor.add", id, Map.of("name", n, "rule", "R29")));
            return FacilityTable.find(tx.sql(), id).orElseThrow();
        });
        audit.sequenceSoon();
        return f;
    }

    /**
     * Asks to record the assessment of {@code facility}: that {@code assessedBy} found on {@code on} that it can
     * protect classified information up to {@code level}. It takes effect when a second security officer approves.
     */
    public Approval assess(User officer, String facility, String level, String assessedBy, LocalDate on) {
        Accounts.requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        Facility f = require(officer, facility);
        String canonical = policy().classification(level).map(c -> c.name()).orElseThrow(() -> new InvalidInputException(
                "CLASSIFICATION_UNKNOWN", "level " + level + " is not a level of policy " + policy().id() + " ("
                + policy().levelNames() + ")"));
        String by = text("assessedBy", assessedBy);
        if (on.isAfter(AgreementLedger.today(clock))) {
            throw new InvalidInputException("ASSESSMENT_DAY_INVALID", "an assessment is recorded after it was made: "
                    + on + " is after today");
        }
        Approval a = database.inTransaction(tx -> approvals.request(tx, officer, KIND, f.id(), "record the assessment "
                + "of contractor facility " + f.name() + " by " + by + " on " + on + ": it can protect up to " + canonical
                + " (R29)", Json.compact(new Assessment(f.id(), canonical, by, on.toString())), Map.of("rule", "R29",
                "facility", f.name(), "level", canonical)));
        audit.sequenceSoon();
        return a;
    }

    private void carryOut(Tx tx, Approval request, User approver) {
        Assessment a = Json.read(request.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8), Assessment.class,
                "assessment", 64 * 1024);
        FacilityTable.find(tx.sql(), a.facility()).orElseThrow(() -> new NotFoundException("FACILITY_NOT_FOUND",
                "contractor facility " + a.facility() + " not found"));
        FacilityTable.assess(tx.sql(), a.facility(), a.level(), a.assessedBy(), LocalDate.parse(a.on()), approver.name());
        audit.append(tx, AuditEvent.done(approver.name(), "contractor.assessed", a.facility(), Map.of("rule", "R29",
                "level", a.level(), "assessedBy", a.assessedBy(), "on", a.on(), "requestedBy", request.requestedBy())));
    }

    /** The facilities; for admins and security officers. */
    public List<Facility> list(User viewer) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        return database.jdbi().withHandle(FacilityTable::all);
    }

    /** One facility, by id or name; for admins and security officers. */
    public Facility require(User viewer, String idOrName) {
        Accounts.requireRole(viewer, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        return (idOrName == null || idOrName.length() > 200 ? java.util.Optional.<Facility>empty()
                : database.jdbi().withHandle(h -> FacilityTable.find(h, idOrName))).orElseThrow(() ->
                new NotFoundException("FACILITY_NOT_FOUND", "contractor facility " + idOrName + " not found"));
    }

    private static String text(String field, String value) {
        return InvalidInputException.requireText("FIELD_INVALID", field, value, 200).strip();
    }
}
