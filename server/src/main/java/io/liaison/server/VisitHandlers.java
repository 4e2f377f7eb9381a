package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.visit.VisitKind;
import io.liaison.federation.Federation;
import io.liaison.node.Node;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.visits.Visit;
import io.liaison.node.visits.Visits;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/visits} (R28, R30): a security officer asks another party for a visit; the host's security officer
 * approves it up to a level or refuses it; the host's admin makes the visitor account of an approved visit.
 */
final class VisitHandlers {
    private static final int LIMIT = 16 * 1024;
    private final Node node;
    private final Federation federation;

    VisitHandlers(Node node, Federation federation) {
        this.node = node;
        this.federation = federation;
    }

    record VisitRequest(String host, String agreement, String kind, String visitor, String nationality,
            String clearance, String facility, String from, String until, String purpose) {}

    record ApproveRequest(String highestLevel) {}

    record RefuseRequest(String reason) {}

    record AccountRequest(String name, String password) {}

    void register(Routes r) {
        r.user(POST, "/api/visits", Set.of(Role.SECURITY_OFFICER), "Ask another party for a visit (R28; kind "
                + "security-representative: R30); it travels signed to the host", (ctx, u) -> {
                    VisitRequest req = Bodies.read(ctx, VisitRequest.class, LIMIT);
                    Visit v = federation.visits().request(u, new Visits.Request(
                            field("host", req.host(), Party::of), field("agreement", req.agreement(), AgreementId::of),
                            req.kind() == null ? VisitKind.VISIT : VisitKind.parse(req.kind()),
                            field("visitor", req.visitor(), Function.identity()),
                            field("nationality", req.nationality(), Party::of),
                            field("clearance", req.clearance(), Function.identity()),
                            field("facility", req.facility(), Function.identity()),
                            field("from", req.from(), LocalDate::parse), field("until", req.until(), LocalDate::parse),
                            field("purpose", req.purpose(), Purpose::of)));
                    Bodies.json(ctx, 201, json(v));
                });
        r.user(GET, "/api/visits", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Visits asked by and of this party, newest "
                + "first", (ctx, u) -> Bodies.json(ctx, 200, node.visits().list(u).stream().map(VisitHandlers::json)
                .toList()));
        r.user(GET, "/api/visits/{id}", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "One visit and its answer",
                (ctx, u) -> Bodies.json(ctx, 200, json(node.visits().require(u, ctx.pathParam("id")))));
        r.user(POST, "/api/visits/{id}/approve", Set.of(Role.SECURITY_OFFICER), "Approve a visit asked of this party, "
                + "stating the highest level that may be disclosed (R28)", (ctx, u) -> Bodies.json(ctx, 200,
                json(federation.visits().approve(u, ctx.pathParam("id"), field("highestLevel", Bodies.read(ctx,
                        ApproveRequest.class, LIMIT).highestLevel(), Function.identity())))));
        r.user(POST, "/api/visits/{id}/refuse", Set.of(Role.SECURITY_OFFICER), "Refuse a visit asked of this party, "
                + "with the reason", (ctx, u) -> Bodies.json(ctx, 200, json(federation.visits().refuse(u,
                ctx.pathParam("id"), Bodies.read(ctx, RefuseRequest.class, LIMIT).reason()))));
        r.user(POST, "/api/visits/{id}/account", Set.of(Role.ADMIN), "Make the visitor account of an approved visit: "
                + "it reads nothing above the level, for no other purpose, and nothing outside the visit's days (R28)",
                (ctx, u) -> {
                    AccountRequest req = Bodies.read(ctx, AccountRequest.class, LIMIT);
                    Bodies.json(ctx, 201, UserHandlers.describe(node.accounts().addVisitor(u, ctx.pathParam("id"),
                            field("name", req.name(), Function.identity()), Accounts.requirePassword(req.password()))));
                });
    }

    /** A required field parsed into its type, or a 400 naming the field and the value's problem. */
    static <T> T field(String name, String value, Function<String, T> parse) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("FIELD_MISSING", "field " + name + " is required");
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidInputException("FIELD_INVALID", "field " + name + ": " + Bodies.shorten(value)
                    + " is not valid" + (e instanceof java.time.DateTimeException ? " (a day YYYY-MM-DD)" : ": "
                    + e.getMessage()));
        }
    }

    static Map<String, Object> json(Visit v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("side", v.side().name());
        m.put("kind", v.kind().written());
        m.put("rule", v.kind().rule());
        m.put("requester", v.requester().code());
        m.put("host", v.host().code());
        m.put("agreement", v.agreement().value());
        m.put("visitor", v.visitor());
        m.put("nationality", v.nationality().code());
        m.put("assuredClearance", v.assuredClearance());
        m.put("facility", v.facility());
        m.put("from", v.from().toString());
        m.put("until", v.until().toString());
        m.put("purpose", v.purpose().name());
        m.put("requestedBy", v.requestedBy());
        m.put("requestedAt", v.requestedAt().toString());
        m.put("status", v.status().name());
        v.highestLevel().ifPresent(l -> m.put("highestLevel", l));
        v.answer().ifPresent(a -> m.put("answer", a));
        v.answeredBy().ifPresent(a -> m.put("answeredBy", a));
        v.answeredAt().ifPresent(a -> m.put("answeredAt", a.toString()));
        v.account().ifPresent(a -> m.put("account", a));
        return m;
    }
}
