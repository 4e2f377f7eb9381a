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
 */
public record User(String name, Clearance clearance, Set<Role> roles, Set<Purpose> duties, boolean facilityActive) {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    public User {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' must be 2 to 64 lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter");
        }
        Objects.requireNonNull(clearance, "clearance");
        roles = Set.copyOf(roles);
        duties = Set.copyOf(duties);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The user as the decision engine sees a reader: no role, no rank. */
    public Reader reader() {
        return new Reader(name, clearance, duties, facilityActive);
    }
}
