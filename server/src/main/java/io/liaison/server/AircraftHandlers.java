package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.aircraft.AircraftRequest;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.federation.Federation;
import io.liaison.node.Node;
import io.liaison.node.accounts.Role;
import io.liaison.node.aircraft.AircraftClearances;
import io.liaison.node.aircraft.Clearance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/aircraft} (R31): diplomatic clearances for cross-border visits of military aircraft, asked of the host
 * and answered by it, and the host's check of an observed flight.
 */
final class AircraftHandlers {
    private static final int LIMIT = 16 * 1024;
    private static final Set<Role> OFFICERS = Set.of(Role.SECURITY_OFFICER, Role.DUTY_OFFICER);
    private final Node node;
    private final Federation federation;

    AircraftHandlers(Node node, Federation federation) {
        this.node = node;
        this.federation = federation;
    }

    record ClearanceRequest(String host, String agreement, String aircraftType, String registration, String callSign,
            String entryPoint, String exitPoint, String route, String entryAt, String exitAt, String purpose, Integer crew,
            Integer passengers, String cargo, String answerBy) {}

    record GrantRequest(String conditions, String expiresAt, String entryPoint, String exitPoint, String entryAt,
            String exitAt) {}

    record RefuseRequest(String reason) {}

    record FlightRequest(String callSign, String entryPoint, String at) {}

    void register(Routes r) {
        r.user(POST, "/api/aircraft", OFFICERS, "Ask another party for a diplomatic clearance for a military aircraft "
                + "(R31): ICAO type, registration, call sign, entry and exit points (ICAO location indicators), times "
                + "in UTC, crew, passengers, cargo, the answer's deadline", (ctx, u) -> {
                    ClearanceRequest q = Bodies.read(ctx, ClearanceRequest.class, LIMIT);
                    if (q.crew() == null) {
                        throw new InvalidInputException("FIELD_MISSING", "field crew is required");
                    }
                    AircraftRequest req = new AircraftRequest(q.aircraftType(), q.registration(), q.callSign(),
                            q.entryPoint(), q.exitPoint(), q.route(), AircraftRequest.utc("entryAt", q.entryAt()),
                            AircraftRequest.utc("exitAt", q.exitAt()), q.purpose(), q.crew(),
                            q.passengers() == null ? 0 : q.passengers(), q.cargo() == null ? "" : q.cargo(),
                            AircraftRequest.utc("answerBy", q.answerBy()));
                    Bodies.json(ctx, 201, json(federation.aircraft().request(u, VisitHandlers.field("host", q.host(),
                            Party::of), VisitHandlers.field("agreement", q.agreement(), AgreementId::of), req)));
                });
        r.user(GET, "/api/aircraft", Set.of(Role.ADMIN, Role.SECURITY_OFFICER, Role.DUTY_OFFICER), "Clearances asked by "
                + "and of this party, newest first (?alarms=true: those raised as late)", (ctx, u) -> Bodies.json(ctx,
                200, node.aircraft().list(u).stream().filter(c -> !"true".equals(ctx.queryParam("alarms"))
                        || c.alarmAt().isPresent()).map(AircraftHandlers::json).toList()));
        r.user(GET, "/api/aircraft/{id}", Set.of(Role.ADMIN, Role.SECURITY_OFFICER, Role.DUTY_OFFICER), "One clearance",
                (ctx, u) -> Bodies.json(ctx, 200, json(node.aircraft().require(u, ctx.pathParam("id")))));
        r.user(POST, "/api/aircraft/{id}/grant", OFFICERS, "Grant a clearance asked of this party, with conditions and an "
                + "expiry; with entry/exit points and times, amended", (ctx, u) -> {
                    GrantRequest q = Bodies.read(ctx, GrantRequest.class, LIMIT);
                    Optional<AircraftClearances.Amendment> amendment = q.entryAt() == null && q.exitAt() == null
                            && q.entryPoint() == null && q.exitPoint() == null ? Optional.empty()
                            : Optional.of(new AircraftClearances.Amendment(field("entryPoint", q.entryPoint()),
                                    field("exitPoint", q.exitPoint()), AircraftRequest.utc("entryAt", q.entryAt()),
                                    AircraftRequest.utc("exitAt", q.exitAt())));
                    Bodies.json(ctx, 200, json(federation.aircraft().grant(u, ctx.pathParam("id"),
                            Optional.ofNullable(q.conditions()), Optional.ofNullable(q.expiresAt())
                                    .map(e -> AircraftRequest.utc("expiresAt", e)), amendment)));
                });
        r.user(POST, "/api/aircraft/{id}/refuse", OFFICERS, "Refuse a clearance asked of this party, with the reason",
                (ctx, u) -> Bodies.json(ctx, 200, json(federation.aircraft().refuse(u, ctx.pathParam("id"),
                        Bodies.read(ctx, RefuseRequest.class, LIMIT).reason()))));
        r.user(POST, "/api/aircraft-flights", OFFICERS, "Check a flight observed entering: cleared, or flagged as an R31 "
                + "alarm with the reason", (ctx, u) -> {
                    FlightRequest q = Bodies.read(ctx, FlightRequest.class, LIMIT);
                    AircraftClearances.FlightCheck f = node.aircraft().flight(u, q.callSign(), q.entryPoint(),
                            AircraftRequest.utc("at", q.at()));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("cleared", f.cleared());
                    f.clearance().ifPresent(c -> m.put("clearance", c));
                    m.put("reason", f.reason());
                    Bodies.json(ctx, 200, m);
                });
    }

    private static String field(String name, String value) {
        return VisitHandlers.field(name, value, Function.identity());
    }

    static Map<String, Object> json(Clearance c) {
        AircraftRequest q = c.request();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("side", c.side().name());
        m.put("requester", c.requester().code());
        m.put("host", c.host().code());
        m.put("agreement", c.agreement().value());
        m.put("aircraftType", q.aircraftType());
        m.put("registration", q.registration());
        m.put("callSign", q.callSign());
        m.put("entryPoint", q.entryPoint());
        m.put("exitPoint", q.exitPoint());
        m.put("route", q.route());
        m.put("entryAt", q.entryAt().toString());
        m.put("exitAt", q.exitAt().toString());
        m.put("purpose", q.purpose());
        m.put("crew", q.crew());
        m.put("passengers", q.passengers());
        m.put("cargo", q.cargo());
        m.put("answerBy", q.answerBy().toString());
        m.put("requestedBy", c.requestedBy());
        m.put("status", c.status().name());
        c.conditions().ifPresent(x -> m.put("conditions", x));
        c.expiresAt().ifPresent(x -> m.put("expiresAt", x.toString()));
        c.answer().ifPresent(x -> m.put("answer", x));
        c.answeredBy().ifPresent(x -> m.put("answeredBy", x));
        c.alarmAt().ifPresent(x -> m.put("alarmAt", x.toString()));
        return m;
    }
}
