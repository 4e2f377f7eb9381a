package io.liaison.node.accounts;

import io.liaison.core.access.Clearance;
import io.liaison.core.decision.Reader;
import io.liaison.core.party.Purpose;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A node account: a clearance in the node's policy (with the nationality), roles, the purposes of the
 * duties assigned, and whether the facility register entry is active.
 *
 * <p>Separation of powers: an administrator manages accounts, lines and peers, and is never a reader of
 * content, so an account with the admin role holds no other role and no duty (R9: without a duty there is no
 * official need, so no item is readable).
 */
public record User(String name, Clearance clearance, Set<Role> roles, Set<Purpose> duties, boolean facilityActive) {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    public User {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + shorten(name) + "' must be 2 to 64 lower-case letters,"
                    + " digits, '.', '_' or '-', starting with a letter");
        }
        Objects.requireNonNull(clearance, "clearance");
        roles = Set.copyOf(roles);
        duties = Set.copyOf(duties);
        if (roles.contains(Role.ADMIN) && (roles.size() > 1 || !duties.isEmpty())) {
            throw new IllegalArgumentException("user " + name + " cannot be an admin and also hold "
                    + (roles.size() > 1 ? "the roles " + String.join(", ", roles.stream().filter(r -> r != Role.ADMIN)
                    .map(Role::written).sorted().toList()) : "duties") + ": an admin manages accounts and reads no "
                    + "content (separation of powers)");
        }
    }

    /** Whether {@code name} has the shape of a user name. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String shorten(String s) {
        return s == null ? "null" : s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The user as the decision engine sees a reader: no role, no rank. */
    public Reader reader() {
        return new Reader(name, clearance, duties, facilityActive);
    }
}
