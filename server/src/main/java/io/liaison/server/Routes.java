package io.liaison.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.UnauthenticatedException;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Registers routes with their access rule as metadata, and wraps each handler so that authentication and
 * roles are checked before it runs. Default deny: a route is authenticated unless registered as open.
 */
final class Routes {
    /** A handler that receives the authenticated user. */
    @FunctionalInterface
    interface UserHandler {
        void handle(Context ctx, User user) throws Exception;
    }

    private final RoutesConfig config;
    private final Accounts accounts;
    private final List<Route> routes = new ArrayList<>();

    Routes(RoutesConfig config, Accounts accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    void open(HandlerType method, String path, String summary, io.javalin.http.Handler handler) {
        routes.add(new Route(method, path, true, Set.of(), summary));
        config.addHttpHandler(method, path, handler);
        if (method == HandlerType.GET) {
            routes.add(new Route(HandlerType.HEAD, path, true, Set.of(), summary + " (headers only)"));
            config.addHttpHandler(HandlerType.HEAD, path, handler);
        }
    }

    /**
     * An authenticated route; a GET gets its HEAD too, with the same checks (a HEAD that skipped them would tell an
     * anonymous caller what exists).
     */
    void user(HandlerType method, String path, Set<Role> roles, String summary, UserHandler handler) {
        register(method, path, roles, summary, handler);
        if (method == HandlerType.GET) {
            register(HandlerType.HEAD, path, roles, summary + " (headers only)", handler);
        }
    }

    private void register(HandlerType method, String path, Set<Role> roles, String summary, UserHandler handler) {
        routes.add(new Route(method, path, false, roles, summary));
        config.addHttpHandler(method, path, ctx -> {
            User user = accounts.authenticate(bearer(ctx));
            if (!roles.isEmpty() && roles.stream().noneMatch(user::has)) {
                throw new ForbiddenException("ROLE_REQUIRED", "this action needs one of the roles "
                        + String.join(", ", roles.stream().map(Role::written).sorted().toList()));
            }
            handler.handle(ctx, user);
        });
    }

    static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthenticatedException("TOKEN_MISSING", "authentication required: send Authorization: Bearer <token>");
        }
        return header.substring(7).strip();
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
