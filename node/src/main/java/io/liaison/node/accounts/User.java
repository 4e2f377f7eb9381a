package io.liaison.node.accounts;

import io.liaison.core.access.Clearance;
import io.liaison.core.contractor.ContractorTerms;
import io.liaison.core.decision.Reader;
import io.liaison.core.party.Purpose;
import io.liaison.core.visit.VisitTerms;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A node account: a clearance in the node's policy (with the nationality), roles, the purposes of the
 * duties assigned, and whether the facility register entry is active.
 *
 * <p>Separation of powers: an administrator manages accounts, lines and peers, and is never a reader of
 * content, so an account with the admin role holds no other role and no duty (R9: without a duty there is no
 * official need, so no item is readable).
 *
 * <p>A visitor account ({@code visit} present) was made for a visit the host approved: it holds no role, one duty
 * (the visit's purpose), and reads nothing above the approved level or outside the visit's days (R28). A
 * contractor's person ({@code contractor} present) reads nothing classified without the facility's assessment, within
 * its level, and the person's briefing (R29).
 */
public record User(String name, Clearance clearance, Set<Role> roles, Set<Purpose> duties, boolean facilityActive,
        Optional<VisitTerms> visit, Optional<ContractorTerms> contractor) {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    public User {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + shorten(name) + "' must be 2 to 64 lower-case letters,"
                    + " digits, '.', '_' or '-', starting with a letter");
        }
        Objects.requireNonNull(clearance, "clearance");
        roles = Set.copyOf(roles);
        duties = Set.copyOf(duties);
        Objects.requireNonNull(visit, "visit");
        Objects.requireNonNull(contractor, "contractor");
        if (visit.isPresent() && !roles.isEmpty()) {
            throw new IllegalArgumentException("visitor account " + name + " cannot hold a role (R28)");
        }
        if (roles.contains(Role.ADMIN) && (roles.size() > 1 || !duties.isEmpty())) {
            throw new IllegalArgumentException("user " + name + " cannot be an admin and also hold "
                    + (roles.size() > 1 ? "the roles " + String.join(", ", roles.stream().filter(r -> r != Role.ADMIN)
                    .map(Role::written).sorted().toList()) : "duties") + ": an admin manages accounts and reads no "
                    + "content (separation of powers)");
        }
    }

    /** An account of the party's own staff. */
    public User(String name, Clearance clearance, Set<Role> roles, Set<Purpose> duties, boolean facilityActive) {
        this(name, clearance, roles, duties, facilityActive, Optional.empty(), Optional.empty());
    }

    /** A visitor's account, or one of the party's own staff. */
    public User(String name, Clearance clearance, Set<Role> roles, Set<Purpose> duties, boolean facilityActive,
            Optional<VisitTerms> visit) {
        this(name, clearance, roles, duties, facilityActive, visit, Optional.empty());
    }

    /** This account with its facility register entry active or not; the rest, visit included, as it is. */
    public User withFacilityActive(boolean active) {
        return new User(name, clearance, roles, duties, active, visit, contractor);
    }

    /** This account with another clearance, roles and duties; the rest, visit included, as it is. */
    public User with(Clearance newClearance, Set<Role> newRoles, Set<Purpose> newDuties) {
        return new User(name, newClearance, newRoles, newDuties, facilityActive, visit, contractor);
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
        return new Reader(name, clearance, duties, facilityActive, visit, contractor);
    }
}
