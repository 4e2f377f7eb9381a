package io.liaison.node.accounts;

import io.liaison.core.access.AccessControl;
import io.liaison.core.access.Clearance;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.error.RateLimitedException;
import io.liaison.core.error.UnauthenticatedException;
import io.liaison.core.party.Purpose;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.crypto.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts and their credentials: users with clearances, roles and duties; password login (Argon2id)
 * giving a session token; API tokens for scripts; throttled failed logins. Tokens are stored only as
 * SHA-256 hashes. Every change and every login, failed or not, is audited.
 */
public final class Accounts {
    public static final Duration SESSION = Duration.ofHours(8);
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final PasswordHasher hasher;
    private final SecureRandom random;
    private final Clock clock;
    private final AccessControl access;
    private final LoginThrottle throttle;

    public Accounts(Jdbi jdbi, AuditLog audit, PasswordHasher hasher, SecureRandom random, Clock clock,
            AccessControl access, LoginThrottle throttle) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.access = access;
        this.throttle = throttle;
    }

    /** A token as handed to its holder, once. */
    public record IssuedToken(String token, String user, long expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[user=" + user + ", token=redacted]";
        }
    }

    private String policyId() {
        return access.policy().id();
    }

    /** Creates a user; the clearance must be valid in the node's policy. */
    public User create(String actor, User user, char[] password) {
        access.compile(user.clearance());
        String hash = hasher.hash(password);
        jdbi.useTransaction(h -> {
            if (UserTable.find(h, policyId(), user.name()).isPresent()) {
                throw new ConflictException("USER_EXISTS", "user " + user.name() + " already exists");
            }
            UserTable.insert(h, user, hash, clock.millis());
            audit.append(h, AuditEvent.done(actor, "user.add", user.name(), describe(user)));
        });
        audit.sequenceSoon();
        return user;
    }

    public Optional<User> find(String name) {
        return jdbi.withHandle(h -> UserTable.find(h, policyId(), name));
    }

    public User require(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("USER_UNKNOWN", "user " + name + " does not exist"));
    }

    public List<User> all() {
        return jdbi.withHandle(h -> UserTable.all(h, policyId()));
    }

    /** Adds roles and duties, and replaces the clearance when one is given. */
    public User grant(String actor, String name, Set<Role> roles, Set<Purpose> duties, Optional<Clearance> clearance) {
        User updated = jdbi.inTransaction(h -> {
            User u = UserTable.find(h, policyId(), name).orElseThrow(() ->
                    new NotFoundException("USER_UNKNOWN", "user " + name + " does not exist"));
            Set<Role> r = new HashSet<>(u.roles());
            r.addAll(roles);
            Set<Purpose> d = new HashSet<>(u.duties());
            d.addAll(duties);
            Clearance c = clearance.orElse(u.clearance());
            access.compile(c);
            User next = new User(u.name(), c, r, d, u.facilityActive());
            UserTable.update(h, next);
            audit.append(h, AuditEvent.done(actor, "user.grant", name, describe(next)));
            return next;
        });
        audit.sequenceSoon();
        return updated;
    }

    /** Sets the facility register entry (R9): a suspended user reads nothing. */
    public User setFacilityActive(String actor, String name, boolean active) {
        User updated = jdbi.inTransaction(h -> {
            User u = UserTable.find(h, policyId(), name).orElseThrow(() ->
                    new NotFoundException("USER_UNKNOWN", "user " + name + " does not exist"));
            User next = new User(u.name(), u.clearance(), u.roles(), u.duties(), active);
            UserTable.update(h, next);
            h.createUpdate("DELETE FROM tokens WHERE user_name = :u AND kind = 'session'").bind("u", name).execute();
            audit.append(h, AuditEvent.done(actor, active ? "user.reinstate" : "user.suspend", name, Map.of()));
            return next;
        });
        audit.sequenceSoon();
        return updated;
    }

    /** Checks a password and issues a session token; throttled per user and per source. */
    public IssuedToken login(String name, char[] password, String source) {
        long wait = Math.max(throttle.waitSeconds("user:" + name), throttle.waitSeconds("source:" + source));
        if (wait > 0) {
            record(name, "login.throttled", source);
            throw new RateLimitedException("LOGIN_THROTTLED", "too many failed logins; try again in " + wait + " s");
        }
        Optional<String> stored = jdbi.withHandle(h -> UserTable.passwordHash(h, name));
        // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
        boolean ok = hasher.verify(password, stored.orElse(DUMMY)) && stored.isPresent();
        if (!ok) {
            throttle.failed("user:" + name);
            throttle.failed("source:" + source);
            record(name, "login.failed", source);
            throw new UnauthenticatedException("LOGIN_FAILED", "user name or password is wrong");
        }
        throttle.succeeded("user:" + name);
        IssuedToken t = issue(name, "session", "login from " + source, Optional.of(clock.millis() + SESSION.toMillis()));
        record(name, "login", source);
        return t;
    }

    private static final String DUMMY =
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K2QpGr0Xk3GKqRrQ2oHnuRb8s5cEj1ClpIcWcGrL1VY";

    private void record(String name, String event, String source) {
        jdbi.useTransaction(h -> audit.append(h, AuditEvent.done(name, event, name, Map.of("source", source))));
        audit.sequenceSoon();
    }

    /** An API token for scripts and the CLI; it does not expire until revoked. */
    public IssuedToken createApiToken(User user, String label) {
        return issue(user.name(), "api", label, Optional.empty());
    }

    private IssuedToken issue(String user, String kind, String label, Optional<Long> expires) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "lsn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO tokens (token_hash, user_name, kind, label, created_at, expires_at) "
                            + "VALUES (:hash, :user, :kind, :label, :now, :exp)")
                    .bind("hash", hash(token)).bind("user", user).bind("kind", kind).bind("label", label)
                    .bind("now", clock.millis()).bind("exp", expires.orElse(null)).execute();
            if (kind.equals("api")) {
                audit.append(h, AuditEvent.done(user, "token.create", user, Map.of("label", label)));
            }
        });
        if (kind.equals("api")) {
            audit.sequenceSoon();
        }
        return new IssuedToken(token, user, expires.orElse(0L));
    }

    /** The user a bearer token belongs to; unknown, expired and suspended users' sessions are refused. */
    public User authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw new UnauthenticatedException("TOKEN_MISSING", "authentication required: send Authorization: Bearer <token>");
        }
        Optional<String> user = jdbi.withHandle(h -> h.createQuery(
                        "SELECT user_name FROM tokens WHERE token_hash = :hash AND (expires_at IS NULL OR expires_at > :now)")
                .bind("hash", hash(token)).bind("now", clock.millis()).mapTo(String.class).findFirst());
        return user.flatMap(this::find).orElseThrow(() ->
                new UnauthenticatedException("TOKEN_INVALID", "the token is unknown or has expired"));
    }

    public void logout(String token) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM tokens WHERE token_hash = :hash").bind("hash", hash(token)).execute());
    }

    /** Refuses unless the user holds one of the roles. */
    public static void requireRole(User user, Set<Role> allowed) {
        if (allowed.stream().noneMatch(user::has)) {
            throw new ForbiddenException("ROLE_REQUIRED", "this action needs one of the roles "
                    + String.join(", ", allowed.stream().map(Role::written).sorted().toList()));
        }
    }

    private static Map<String, String> describe(User u) {
        return Map.of("clearance", u.clearance().level(), "nationality", u.clearance().nationality().code(),
                "roles", String.join(",", u.roles().stream().map(Role::written).sorted().toList()),
                "duties", String.join(",", u.duties().stream().map(Purpose::name).sorted().toList()),
                "facilityActive", Boolean.toString(u.facilityActive()));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks a new password's shape before it is hashed. */
    public static char[] requirePassword(String password) {
        if (password == null || password.length() < 12 || password.length() > 1024) {
            throw new InvalidInputException("PASSWORD_WEAK", "a password needs 12 to 1024 characters");
        }
        return password.toCharArray();
    }
}
