package io.liaison.server;

import io.javalin.http.HandlerType;
import io.liaison.node.accounts.Role;
import java.util.Set;

/**
 * A registered route: method, path, who may call it, and what it does. Every route is registered
 * through {@link Routes}, so this list is the complete surface (tests enumerate it).
 *
 * @param roles empty for any authenticated user
 * @param open true only for the few routes that are public on purpose (health, login)
 */
public record Route(HandlerType method, String path, boolean open, Set<Role> roles, String summary) {
    public Route {
        roles = Set.copyOf(roles);
    }
}
