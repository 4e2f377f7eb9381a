package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.liaison.core.error.InvalidInputException;
import io.liaison.node.Node;
import io.liaison.node.accounts.Role;
import io.liaison.node.contractors.Facility;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/contractors} (R29): contractor facilities, their assessments (each approved by a second security
 * officer through {@code /api/approvals}), and the persons of a facility with their briefing.
 */
final class ContractorHandlers {
    private static final int LIMIT = 16 * 1024;
    private final Node node;

    ContractorHandlers(Node node) {
        this.node = node;
    }

    record FacilityRequest(String name) {}

    record AssessmentRequest(String level, String assessedBy, String on) {}

    record PersonRequest(String facility, String briefedOn) {}

    void register(Routes r) {
        r.user(POST, "/api/contractors", Set.of(Role.SECURITY_OFFICER), "Record a contractor facility (R29); its people "
                + "read nothing classified until its assessment is approved", (ctx, u) -> Bodies.json(ctx, 201,
                json(node.contractors().add(u, Bodies.read(ctx, FacilityRequest.class, LIMIT).name()))));
        r.user(GET, "/api/contractors", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Contractor facilities and their "
                + "assessments", (ctx, u) -> Bodies.json(ctx, 200, node.contractors().list(u).stream()
                .map(ContractorHandlers::json).toList()));
        r.user(GET, "/api/contractors/{id}", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "One contractor facility",
                (ctx, u) -> Bodies.json(ctx, 200, json(node.contractors().require(u, ctx.pathParam("id")))));
        r.user(POST, "/api/contractors/{id}/assessment", Set.of(Role.SECURITY_OFFICER), "Ask to record a facility's "
                + "assessment: who assessed it, on which day, up to which level; a second security officer approves",
                (ctx, u) -> {
                    AssessmentRequest req = Bodies.read(ctx, AssessmentRequest.class, LIMIT);
                    Bodies.json(ctx, 202, ApprovalHandlers.json(node.contractors().assess(u, ctx.pathParam("id"),
                            required("level", req.level()), required("assessedBy", req.assessedBy()),
                            day("on", required("on", req.on())))));
                });
        r.user(POST, "/api/users/{name}/contractor", Set.of(Role.SECURITY_OFFICER), "Record that a user is a person of "
                + "a contractor facility, and the day of their briefing (R29)", (ctx, u) -> {
                    PersonRequest req = Bodies.read(ctx, PersonRequest.class, LIMIT);
                    Bodies.json(ctx, 200, UserHandlers.describe(node.accounts().contractorPerson(u, ctx.pathParam("name"),
                            required("facility", req.facility()), Optional.ofNullable(req.briefedOn())
                                    .map(d -> day("briefedOn", d)))));
                });
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("FIELD_MISSING", "field " + field + " is required");
        }
        return value;
    }

    private static LocalDate day(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.DateTimeException e) {
            throw new InvalidInputException("FIELD_INVALID", "field " + field + ": " + Bodies.shorten(value)
                    + " is not a day YYYY-MM-DD");
        }
    }

    static Map<String, Object> json(Facility f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", f.name());
        m.put("addedBy", f.addedBy());
        f.assessedLevel().ifPresent(l -> m.put("assessedLevel", l));
        f.assessedBy().ifPresent(b -> m.put("assessedBy", b));
        f.assessedOn().ifPresent(d -> m.put("assessedOn", d.toString()));
        f.approvedBy().ifPresent(a -> m.put("approvedBy", a));
        return m;
    }
}
