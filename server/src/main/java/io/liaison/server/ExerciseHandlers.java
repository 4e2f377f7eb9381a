package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.federation.Federation;
import io.liaison.node.Node;
import io.liaison.node.accounts.Role;
import io.liaison.node.exercises.Exercise;
import io.liaison.node.exercises.Exercises;
import io.liaison.node.exercises.Observer;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/exercises} (R32): the host's invitations to observe an exercise, the invited party's observers (each a
 * visit under R28, answered through {@code /api/visits}), and each observer as it stands.
 */
final class ExerciseHandlers {
    private static final int LIMIT = 16 * 1024;
    private final Node node;
    private final Federation federation;

    ExerciseHandlers(Node node, Federation federation) {
        this.node = node;
        this.federation = federation;
    }

    record InvitationRequest(String invited, String agreement, String name, String place, String from, String until,
            Integer observerPlaces, String highestLevel) {}

    record ObserverRequest(String observer, String nationality, String clearance, String replaces) {}

    void register(Routes r) {
        r.user(POST, "/api/exercises", Set.of(Role.SECURITY_OFFICER), "Invite another party to observe an exercise this "
                + "party hosts (R32); it travels signed", (ctx, u) -> {
                    InvitationRequest q = Bodies.read(ctx, InvitationRequest.class, LIMIT);
                    if (q.observerPlaces() == null) {
                        throw new InvalidInputException("FIELD_MISSING", "field observerPlaces is required");
                    }
                    Exercise e = federation.visits().invite(u, new Exercises.Invitation(
                            field("invited", q.invited(), Party::of), field("agreement", q.agreement(), AgreementId::of),
                            field("name", q.name(), Function.identity()), field("place", q.place(), Function.identity()),
                            field("from", q.from(), LocalDate::parse), field("until", q.until(), LocalDate::parse),
                            q.observerPlaces(), field("highestLevel", q.highestLevel(), Function.identity())));
                    Bodies.json(ctx, 201, json(e, Optional.empty()));
                });
        r.user(GET, "/api/exercises", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Invitations sent and received",
                (ctx, u) -> Bodies.json(ctx, 200, node.exercises().list(u).stream().map(e -> json(e, Optional.empty()))
                        .toList()));
        r.user(GET, "/api/exercises/{id}", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "An invitation with each observer "
                + "as it stands (NOMINATED, APPROVED, REFUSED, REPLACED)", (ctx, u) -> {
                    String id = ctx.pathParam("id");
                    Exercise e = node.exercises().require(u, id);
                    Bodies.json(ctx, 200, json(e, Optional.of(node.exercises().observers(u, id).stream()
                            .map(ExerciseHandlers::observer).toList())));
                });
        r.user(POST, "/api/exercises/{id}/observers", Set.of(Role.SECURITY_OFFICER), "Nominate an observer (or replace "
                + "one) before the exercise starts: a visit asked of the host under R28", (ctx, u) -> {
                    ObserverRequest q = Bodies.read(ctx, ObserverRequest.class, LIMIT);
                    Bodies.json(ctx, 201, VisitHandlers.json(federation.visits().nominate(u, ctx.pathParam("id"),
                            field("observer", q.observer(), Function.identity()),
                            field("nationality", q.nationality(), Party::of),
                            field("clearance", q.clearance(), Function.identity()), Optional.ofNullable(q.replaces()))));
                });
    }

    private static <T> T field(String name, String value, Function<String, T> parse) {
        return VisitHandlers.field(name, value, parse);
    }

    private static Map<String, Object> observer(Observer o) {
        Map<String, Object> m = VisitHandlers.json(o.visit());
        m.put("standing", o.standing());
        o.replacedBy().ifPresent(b -> m.put("replacedBy", b));
        return m;
    }

    static Map<String, Object> json(Exercise e, Optional<java.util.List<Map<String, Object>>> observers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("side", e.side().name());
        m.put("host", e.host().code());
        m.put("invited", e.invited().code());
        m.put("agreement", e.agreement().value());
        m.put("name", e.name());
        m.put("place", e.place());
        m.put("from", e.from().toString());
        m.put("until", e.until().toString());
        m.put("observerPlaces", e.observerPlaces());
        m.put("highestLevel", e.highestLevel());
        m.put("invitedBy", e.invitedBy());
        observers.ifPresent(o -> m.put("observers", o));
        return m;
    }
}
