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

    void register(Routes r) {
        r.open(POST, "/api/login", "Log in with a password; returns a session token", this::login);
        r.user(POST, "/api/logout", Set.of(), "End this session", this::logout);
        r.user(GET, "/api/me", Set.of(), "Who you are: clearance, roles, duties", (ctx, u) -> Bodies.json(ctx, 200, describe(u)));
        r.user(POST, "/api/tokens", Set.of(), "Create an API token for scripts and the CLI", this::token);
        r.user(GET, "/api/users", Set.of(Role.ADMIN), "List users", (ctx, u) ->
                Bodies.json(ctx, 200, node.accounts().all().stream().map(UserHandlers::describe).toList()));
        r.user(POST, "/api/users", Set.of(Role.ADMIN), "Add a user", this::add);
        r.user(POST, "/api/users/{name}/grant", Set.of(Role.ADMIN), "Add roles or duties, or change the clearance",
                this::grant);
        r.user(POST, "/api/users/{name}/suspend", Set.of(Role.ADMIN, Role.SECURITY_OFFICER),
                "Suspend the user's facility register entry (R9)", (ctx, u) -> Bodies.json(ctx, 200,
                        describe(node.accounts().setFacilityActive(u.name(), ctx.pathParam("name"), false))));
        r.user(POST, "/api/users/{name}/reinstate", Set.of(Role.ADMIN, Role.SECURITY_OFFICER),
                "Reinstate the user's facility register entry", (ctx, u) -> Bodies.json(ctx, 200,
                        describe(node.accounts().setFacilityActive(u.name(), ctx.pathParam("name"), true))));
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
        User u = new User(req.name(), clearance(req.clearance(), Party.of(req.nationality())), roles(req.roles()),
                duties(req.duties()), req.facilityActive() == null || req.facilityActive());
        node.accounts().create(admin.name(), u, Accounts.requirePassword(req.password()));
        Bodies.json(ctx, 201, describe(u));
    }

    private void grant(Context ctx, User admin) {
        GrantRequest req = Bodies.read(ctx, GrantRequest.class, 64 * 1024);
        String name = ctx.pathParam("name");
        Optional<Clearance> clearance = Optional.ofNullable(req.clearance()).map(c -> clearance(c,
                req.nationality() == null ? node.accounts().require(name).clearance().nationality()
                        : Party.of(req.nationality())));
        User u = node.accounts().grant(admin.name(), name, roles(req.roles()), duties(req.duties()), clearance);
        Bodies.json(ctx, 200, describe(u));
    }

    private Clearance clearance(ClearanceDto c, Party nationality) {
        if (c.level() == null) {
            throw new InvalidInputException("CLEARANCE_INVALID", "clearance.level is required");
        }
        Map<String, Set<String>> cats = c.categories() == null ? Map.of() : c.categories().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        return new Clearance(node.policy().id(), c.level(), cats, nationality);
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
        return m;
    }
}
