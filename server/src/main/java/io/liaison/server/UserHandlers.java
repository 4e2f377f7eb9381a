package io.liaison.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.liaison.core.access.Clearance;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.Node;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /api/login}, {@code /api/logout}, {@code /api/me}, {@code /api/tokens}, {@code /api/users}. */
final class UserHandlers {
    private final Node node;

    UserHandlers(Node node) {
        this.node = node;
    }

    record LoginRequest(String user, String password) {
        @Override
        public String toString() {
            return "LoginRequest[user=" + user + ", password=redacted]";
        }
    }

    record TokenRequest(String label) {}

    record ClearanceDto(String level, Map<String, List<String>> categories) {}

    record UserRequest(String name, String password, String nationality, ClearanceDto clearance, List<String> roles,
            List<String> duties, Boolean facilityActive) {
        @Override
        public String toString() {
            return "UserRequest[name=" + name + ", password=redacted]";
        }
    }

    record GrantRequest(List<String> roles, List<String> duties, ClearanceDto clearance, String nationality) {}

    record DenyRequest(String reason) {}

    record RevokeRequest(List<String> roles, List<String> duties) {}

    void register(Routes r) {
        r.open(POST, "/api/login", "Log in with a password; returns a session token", this::login);
        r.user(POST, "/api/logout", Set.of(), "End this session", this::logout);
        r.user(GET, "/api/me", Set.of(), "Who you are: clearance, roles, duties", (ctx, u) -> Bodies.json(ctx, 200, describe(u)));
        r.user(POST, "/api/tokens", Set.of(), "Create an API token for scripts and the CLI", this::token);
        r.user(GET, "/api/users", Set.of(Role.ADMIN), "List users", (ctx, u) ->
                Bodies.json(ctx, 200, node.accounts().all().stream().map(UserHandlers::describe).toList()));
        r.user(POST, "/api/users", Set.of(Role.ADMIN), "Add a user: an identity at the lowest level; a clearance, roles "
                + "and duties given here are asked for as a grant, which a second security officer approves", this::add);
        r.user(POST, "/api/users/{name}/grant", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Ask for roles, duties or a "
                + "clearance for a user; it takes effect when a second security officer approves it", this::grant);
        r.user(POST, "/api/users/{name}/revoke", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Take roles or duties away "
                + "at once", this::revoke);
        r.user(POST, "/api/users/{name}/suspend", Set.of(Role.ADMIN, Role.SECURITY_OFFICER),
                "Suspend the user's facility register entry (R9): every session and token ends, login is refused",
                (ctx, u) -> Bodies.json(ctx, 200, describe(node.accounts().suspend(u, ctx.pathParam("name")))));
        r.user(POST, "/api/users/{name}/reinstate", Set.of(Role.ADMIN, Role.SECURITY_OFFICER),
                "Ask for a suspended user to be reinstated; a second security officer approves it", (ctx, u) ->
                        Bodies.json(ctx, 202, grantJson(node.grants().requestReinstatement(u, ctx.pathParam("name")))));
        r.user(GET, "/api/grants", Set.of(Role.ADMIN, Role.SECURITY_OFFICER), "Grant requests: pending ones, or all with "
                + "?all=true", (ctx, u) -> Bodies.json(ctx, 200, node.grants().list(u, "true".equals(ctx.queryParam(
                "all"))).stream().map(UserHandlers::grantJson).toList()));
        r.user(POST, "/api/grants/{id}/approve", Set.of(Role.SECURITY_OFFICER), "Approve a grant request (a second "
                + "security officer: not who asked, not who receives)", (ctx, u) -> Bodies.json(ctx, 200,
                describe(node.grants().approve(u, ctx.pathParam("id")))));
        r.user(POST, "/api/grants/{id}/deny", Set.of(Role.SECURITY_OFFICER), "Deny a grant request, with the reason",
                this::denyGrant);
    }

    private void login(Context ctx) {
        LoginRequest req = Bodies.read(ctx, LoginRequest.class, 16 * 1024);
        if (req.user() == null || req.password() == null) {
            throw new InvalidInputException("LOGIN_INVALID", "fields user and password are required");
        }
        Accounts.IssuedToken t = node.accounts().login(req.user(), req.password().toCharArray(), ctx.ip());
        Bodies.json(ctx, 200, Map.of("token", t.token(), "user", t.user(), "expiresAt", t.expiresAt()));
    }

    private void logout(Context ctx, User user) {
        node.accounts().logout(Routes.bearer(ctx));
        ctx.status(204);
    }

    private void token(Context ctx, User user) {
        TokenRequest req = Bodies.read(ctx, TokenRequest.class, 16 * 1024);
        String label = req.label() == null || req.label().isBlank() ? "api token" : req.label();
        if (label.length() > 200) {
            throw new InvalidInputException("LABEL_TOO_LONG", "a token label has at most 200 characters");
        }
        Accounts.IssuedToken t = node.accounts().createApiToken(user, label);
        Bodies.json(ctx, 201, Map.of("token", t.token(), "user", t.user(), "label", label));
    }

    private void add(Context ctx, User admin) {
        UserRequest req = Bodies.read(ctx, UserRequest.class, 64 * 1024);
        if (req.name() == null || req.clearance() == null || req.nationality() == null) {
            throw new InvalidInputException("USER_INVALID", "fields name, password, nationality and clearance are required");
        }
        Party nationality = Party.of(req.nationality());
        Clearance wanted = clearance(req.clearance(), nationality);
        User u = node.accounts().add(admin, req.name(), nationality, Accounts.requirePassword(req.password()));
        Map<String, Object> body = describe(u);
        Set<Role> roles = roles(req.roles());
        Set<Purpose> duties = duties(req.duties());
        if (!roles.isEmpty() || !duties.isEmpty() || !wanted.level().equals(u.clearance().level())
                || !wanted.categories().isEmpty()) {
            body.put("grant", grantJson(node.grants().request(admin, u.name(), roles, duties, Optional.of(wanted))));
        }
        Bodies.json(ctx, 201, body);
    }

    private void revoke(Context ctx, User actor) {
        RevokeRequest req = Bodies.read(ctx, RevokeRequest.class, 64 * 1024);
        Bodies.json(ctx, 200, describe(node.grants().revoke(actor, ctx.pathParam("name"), roles(req.roles()),
                duties(req.duties()))));
    }

    private void denyGrant(Context ctx, User officer) {
        DenyRequest req = Bodies.read(ctx, DenyRequest.class, 16 * 1024);
        Bodies.json(ctx, 200, grantJson(node.grants().deny(officer, ctx.pathParam("id"), req.reason())));
    }

    static Map<String, Object> grantJson(io.liaison.node.accounts.GrantRequest g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("user", g.subject());
        m.put("kind", g.kind().name());
        m.put("roles", g.roles().stream().map(Role::written).sorted().toList());
        m.put("duties", g.duties().stream().map(Purpose::name).sorted().toList());
        g.clearance().ifPresent(c -> m.put("clearance", Map.of("level", c.level(), "categories", c.categories())));
        m.put("requestedBy", g.requestedBy());
        m.put("requestedAt", g.requestedAt().toString());
        m.put("status", g.status().name());
        g.decidedBy().ifPresent(x -> m.put("decidedBy", x));
        g.decidedAt().ifPresent(x -> m.put("decidedAt", x.toString()));
        g.reason().ifPresent(x -> m.put("reason", x));
        return m;
    }

    private void grant(Context ctx, User actor) {
        GrantRequest req = Bodies.read(ctx, GrantRequest.class, 64 * 1024);
        String name = ctx.pathParam("name");
        Optional<Clearance> clearance = Optional.ofNullable(req.clearance()).map(c -> clearance(c,
                req.nationality() == null ? node.accounts().require(name).clearance().nationality()
                        : Party.of(req.nationality())));
        Bodies.json(ctx, 202, grantJson(node.grants().request(actor, name, roles(req.roles()), duties(req.duties()),
                clearance)));
    }

    private Clearance clearance(ClearanceDto c, Party nationality) {
        if (c.level() == null) {
            throw new InvalidInputException("CLEARANCE_INVALID", "clearance.level is required");
        }
        Map<String, Set<String>> cats = c.categories() == null ? Map.of() : c.categories().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        return new Clearance(node.policy().id(), node.policy().canonicalLevel(c.level()), cats, nationality);
    }

    private static Set<Role> roles(List<String> names) {
        return names == null ? Set.of() : names.stream().map(Role::parse).collect(Collectors.toSet());
    }

    private static Set<Purpose> duties(List<String> names) {
        return names == null ? Set.of() : names.stream().map(Purpose::of).collect(Collectors.toSet());
    }

    static Map<String, Object> describe(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("nationality", u.clearance().nationality().code());
        m.put("clearance", Map.of("level", u.clearance().level(), "categories", u.clearance().categories()));
        m.put("roles", u.roles().stream().map(Role::written).sorted().toList());
        m.put("duties", u.duties().stream().map(Purpose::name).sorted().toList());
        m.put("facilityActive", u.facilityActive());
        u.visit().ifPresent(v -> m.put("visit", Map.of("id", v.visitId(), "highestLevel", v.highestLevel(), "purpose",
                v.purpose().name(), "from", v.from().toString(), "until", v.until().toString())));
        u.contractor().ifPresent(c -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("facility", c.facility());
            c.assessedLevel().ifPresent(l -> cm.put("assessedLevel", l));
            c.briefedOn().ifPresent(d -> cm.put("briefedOn", d.toString()));
            m.put("contractor", cm);
        });
        return m;
    }
}
