package io.liaison.node.accounts;

import io.liaison.core.access.AccessControl;
import io.liaison.core.access.Clearance;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts and their credentials: users with clearances, roles and duties; password login (Argon2id) giving a
 * session token; API tokens for scripts; throttled failed logins; suspension. Tokens are stored only as SHA-256
 * hashes. Every change and every login, failed or not, is audited.
 *
 * <p>No power above the rules: an admin adds an account as an identity only (the lowest clearance, no role, no
 * duty); what it may read and do comes from {@link Grants}, which a second security officer approves. A suspended
 * user's sessions and API tokens end at once, login is refused, and only an approved reinstatement brings the
 * account back.
 */
public final class Accounts {
    public static final Duration SESSION = Duration.ofHours(8);
    private final Jdbi jdbi;
    private final javax.sql.DataSource dataSource;
    private final AuditLog audit;
    private final PasswordHasher hasher;
    private final SecureRandom random;
    private final Clock clock;
    private final Supplier<AccessControl> accesses;
    private final LoginThrottle throttle;

    public Accounts(io.liaison.node.store.Database db, AuditLog audit, PasswordHasher hasher, SecureRandom random,
            Clock clock, Supplier<AccessControl> accesses, LoginThrottle throttle) {
        this.jdbi = db.jdbi();
        this.dataSource = db.dataSource();
        this.audit = audit;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.accesses = accesses;
        this.throttle = throttle;
    }

    /** A token as handed to its holder, once. */
    public record IssuedToken(String token, String user, long expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[user=" + user + ", token=redacted]";
        }
    }

    String policyId() {
        return access().policy().id();
    }

    /**
     * The first accounts of a new node, made by {@code liaison init} from the node's own directory: the admin and
     * the first security officer, who can then approve what the admin asks for. Refused once any account exists.
     */
    public void bootstrap(User admin, char[] adminPassword, User officer, char[] officerPassword) {
        if (!admin.has(Role.ADMIN) || !officer.has(Role.SECURITY_OFFICER) || admin.name().equals(officer.name())) {
            throw new InvalidInputException("BOOTSTRAP_INVALID", "a node starts with one admin and one other user, a "
                    + "security officer");
        }
        access().compile(admin.clearance());
        access().compile(officer.clearance());
        String adminHash = hasher.hash(adminPassword);
        String officerHash = hasher.hash(officerPassword);
        jdbi.useTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one() > 0) {
                throw new ConflictException("NODE_HAS_USERS", "the node already has accounts; new ones are added by an "
                        + "admin and granted with a second security officer's approval");
            }
            UserTable.insert(h, admin, adminHash, clock.millis());
            UserTable.insert(h, officer, officerHash, clock.millis());
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done("liaison-init", "user.add", admin.name(), describe(admin)));
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done("liaison-init", "user.add", officer.name(), describe(officer)));
        });
        audit.sequenceSoon();
    }

    /**
     * Adds an account (admin only) as an identity: the nationality, the lowest level of the node's policy, no
     * role, no duty, an active facility register entry. What it may do is granted separately.
     */
    public User add(User admin, String name, io.liaison.core.party.Party nationality, char[] password) {
        Accounts.requireRole(admin, Set.of(Role.ADMIN));
        User user = new User(name, Clearance.of(policyId(), access().policy().lowest().name(), nationality), Set.of(),
                Set.of(), true);
        String hash = hasher.hash(password);
        jdbi.useTransaction(h -> {
            if (UserTable.find(h, policyId(), user.name()).isPresent()) {
                throw new ConflictException("USER_EXISTS", "user " + user.name() + " already exists");
            }
            UserTable.insert(h, user, hash, clock.millis());
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done(admin.name(), "user.add", user.name(), describe(user)));
        });
        audit.sequenceSoon();
        return user;
    }

    /**
     * Makes the visitor account of a visit this party hosts and approved (admin only): the visitor's nationality,
     * a clearance at the level the host approved, the visit's purpose as its one duty, no role, and the visit's
     * terms, which cap every read (R28). One account per visit; the terms come only from the approved visit, so
     * nobody can make a visitor account read more than the host's security officer approved.
     */
    public User addVisitor(User admin, String visitId, String name, char[] password) {
        Accounts.requireRole(admin, Set.of(Role.ADMIN));
        if (!User.validName(name)) {
            throw new InvalidInputException("USER_NAME_INVALID", "user name '" + User.shorten(name) + "' must be 2 to "
                    + "64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        String hash = hasher.hash(password);
        User user = jdbi.inTransaction(h -> {
            io.liaison.node.visits.Visit v = (visitId == null || visitId.length() > 36 ? Optional
                    .<io.liaison.node.visits.Visit>empty() : io.liaison.node.visits.VisitTable.find(io.liaison.node.store.Database.tx(h), visitId))
                    .orElseThrow(() -> new NotFoundException("VISIT_NOT_FOUND", "visit " + User.shorten(visitId)
                            + " not found"));
            if (v.side() != io.liaison.node.visits.Visit.Side.RECEIVED || v.terms().isEmpty()) {
                throw new ConflictException("VISIT_NOT_APPROVED", "visit " + v.id() + " is " + v.status() + " and asked "
                        + "of " + v.host() + "; a visitor account is made only for a visit this party hosts and approved"
                        + " (R28)");
            }
            if (v.until().isBefore(io.liaison.node.agreements.AgreementLedger.today(clock))) {
                throw new ConflictException("VISIT_ENDED", "visit " + v.id() + " ended on " + v.until());
            }
            if (UserTable.find(h, policyId(), name).isPresent()) {
                throw new ConflictException("USER_EXISTS", "user " + name + " already exists");
            }
            var terms = v.terms().get();
            User u = new User(name, Clearance.of(policyId(), terms.highestLevel(), v.nationality()), Set.of(),
                    Set.of(terms.purpose()), true, Optional.of(terms));
            if (!io.liaison.node.visits.VisitTable.account(io.liaison.node.store.Database.tx(h), v.id(), name)) {
                throw new ConflictException("VISIT_HAS_ACCOUNT", "visit " + v.id() + " already has its visitor account "
                        + v.account().orElse(""));
            }
            UserTable.insert(h, u, hash, clock.millis());
            Map<String, String> d = new java.util.LinkedHashMap<>(describe(u));
            d.put("visit", v.id());
            d.put("from", terms.from().toString());
            d.put("until", terms.until().toString());
            d.put("rule", "R28");
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done(admin.name(), "user.add-visitor", name, d));
            return u;
        });
        audit.sequenceSoon();
        return user;
    }

    /**
     * Records, by a security officer, that {@code name} is a person of contractor facility {@code facility}, and the
     * day they were briefed on their responsibilities, once they were (R29). From then on the decision engine
     * applies R29 to every read the person makes: nothing classified without the facility's assessment, within its
     * level, and the briefing. Nobody records their own.
     */
    public User contractorPerson(User officer, String name, String facility, Optional<java.time.LocalDate> briefedOn) {
        requireRole(officer, Set.of(Role.SECURITY_OFFICER));
        if (officer.name().equals(name)) {
            throw new ForbiddenException("SECOND_OFFICER_REQUIRED", "a security officer does not record their own "
                    + "briefing (R29)");
        }
        if (briefedOn.isPresent() && briefedOn.get().isAfter(io.liaison.node.agreements.AgreementLedger.today(clock))) {
            throw new InvalidInputException("BRIEFING_DAY_INVALID", "a briefing is recorded after it was given: "
                    + briefedOn.get() + " is after today");
        }
        User user = jdbi.inTransaction(h -> {
            User u = UserTable.find(h, policyId(), name).orElseThrow(() -> new NotFoundException("USER_UNKNOWN",
                    "user " + User.shorten(name) + " does not exist"));
            if (u.has(Role.ADMIN) || u.visit().isPresent()) {
                throw new ConflictException("BRIEFING_INVALID", "user " + name + " is " + (u.has(Role.ADMIN) ? "an admin"
                        : "a visitor") + ", not a contractor's person");
            }
            var f = (facility == null || facility.length() > 200 ? Optional.<io.liaison.node.contractors.Facility>empty()
                    : io.liaison.node.contractors.FacilityTable.find(io.liaison.node.store.Database.tx(h), facility)).orElseThrow(() ->
                    new NotFoundException("FACILITY_NOT_FOUND", "contractor facility " + User.shorten(facility)
                            + " not found"));
            UserTable.brief(h, name, f.id(), briefedOn, officer.name());
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done(officer.name(), "user.contractor", name,
                    Map.of("facility", f.name(), "briefedOn", briefedOn.map(Object::toString).orElse("not briefed"),
                            "rule", "R29")));
            return UserTable.find(h, policyId(), name).orElseThrow();
        });
        audit.sequenceSoon();
        return user;
    }

    /** Refuses a visitor account outside its visit's days: the account ends by itself when the visit does (R28). */
    private void withinVisit(User user, java.util.function.Function<String, RuntimeException> refusal) {
        if (user.visit().isEmpty()) {
            return;
        }
        var v = user.visit().get();
        if (!v.covers(clock.instant())) {
            throw refusal.apply("visitor account " + user.name() + " is valid only on the days of visit " + v.visitId()
                    + " (" + v.from() + " to " + v.until() + ") (R28)");
        }
    }

    public Optional<User> find(String name) {
        return User.validName(name) ? jdbi.withHandle(h -> UserTable.find(h, policyId(), name)) : Optional.empty();
    }

    public User require(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("USER_UNKNOWN", "user " + User.shorten(name)
                + " does not exist"));
    }

    public List<User> all() {
        return jdbi.withHandle(h -> UserTable.all(h, policyId()));
    }

    /**
     * Suspends the user's facility register entry (R9), by an admin or a security officer: every session and API
     * token of the user ends at once and login is refused until an approved reinstatement.
     */
    public User suspend(User actor, String name) {
        requireRole(actor, Set.of(Role.ADMIN, Role.SECURITY_OFFICER));
        User updated = jdbi.inTransaction(h -> {
            User u = UserTable.find(h, policyId(), name).orElseThrow(() -> new NotFoundException("USER_UNKNOWN",
                    "user " + User.shorten(name) + " does not exist"));
            User next = u.withFacilityActive(false);
            UserTable.update(h, next);
            int ended = UserTable.deleteTokens(h, name);
            audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done(actor.name(), "user.suspend", name, Map.of("tokensEnded",
                    Integer.toString(ended))));
            return next;
        });
        audit.sequenceSoon();
        return updated;
    }

    /**
     * Checks a password and issues a session token. Throttled per account at one address and per address, before
     * the password is checked; a suspended account is refused even with the right password.
     */
    public IssuedToken login(String name, char[] password, String source) {
        if (!User.validName(name)) {
            record("unknown", "login.failed", User.shorten(name), source, "not a user name");
            throw new InvalidInputException("USER_NAME_INVALID", "user name '" + User.shorten(name) + "' is not a user"
                    + " name: 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(name, source);
        } catch (io.liaison.core.error.RateLimitedException e) {
            record(name, "login.throttled", name, source, e.getMessage());
            throw e;
        }
        Optional<String> stored = jdbi.withHandle(h -> UserTable.passwordHash(h, name));
        // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
        boolean ok = hasher.verify(password, stored.orElse(DUMMY)) && stored.isPresent();
        if (!ok) {
            attempt.failed();
            record(name, "login.failed", name, source, "wrong user name or password");
            throw new UnauthenticatedException("LOGIN_FAILED", "user name or password is wrong");
        }
        attempt.succeeded();
        User user = require(name);
        if (!user.facilityActive()) {
            record(name, "login.refused", name, source, "suspended");
            throw new ForbiddenException("ACCOUNT_SUSPENDED", "user " + name + " is suspended; an approved "
                    + "reinstatement brings the account back");
        }
        withinVisit(user, why -> {
            record(name, "login.refused", name, source, why);
            return new ForbiddenException("VISIT_OUTSIDE_DATES", why);
        });
        IssuedToken t = issue(user, "session", "login from " + source, Optional.of(clock.millis() + SESSION.toMillis()));
        record(name, "login", name, source, "");
        return t;
    }

    private static final String DUMMY =
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K2QpGr0Xk3GKqRrQ2oHnuRb8s5cEj1ClpIcWcGrL1VY";

    private void record(String actor, String event, String subject, String source, String reason) {
        jdbi.useTransaction(h -> audit.append(io.liaison.node.store.Database.tx(h), new AuditEvent(actor, event, subject, io.liaison.node.audit.Reveals.NOTHING, event.equals("login") ? "DONE"
                : "DENY", event.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), "R11", reason.isEmpty()
                ? Map.of("source", source) : Map.of("source", source, "reason", reason))));
        audit.sequenceSoon();
    }

    /** An API token for scripts and the CLI; it lasts until revoked, or until its holder is suspended. */
    public IssuedToken createApiToken(User user, String label) {
        return issue(user, "api", label, Optional.empty());
    }

    private IssuedToken issue(User user, String kind, String label, Optional<Long> expires) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "lsn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbi.useTransaction(h -> {
            // Re-read in the transaction: a suspension that committed meanwhile wins.
            if (!UserTable.find(h, policyId(), user.name()).map(User::facilityActive).orElse(false)) {
                throw new ForbiddenException("ACCOUNT_SUSPENDED", "user " + user.name() + " is suspended");
            }
            h.createUpdate("INSERT INTO tokens (token_hash, user_name, kind, label, created_at, expires_at) "
                            + "VALUES (:hash, :user, :kind, :label, :now, :exp)")
                    .bind("hash", hash(token)).bind("user", user.name()).bind("kind", kind).bind("label", label)
                    .bind("now", clock.millis()).bind("exp", expires.orElse(null)).execute();
            if (kind.equals("api")) {
                audit.append(io.liaison.node.store.Database.tx(h), AuditEvent.done(user.name(), "token.create", user.name(), Map.of("label", label)));
            }
        });
        if (kind.equals("api")) {
            audit.sequenceSoon();
        }
        return new IssuedToken(token, user.name(), expires.orElse(0L));
    }

    /**
     * The user a bearer token belongs to. Unknown and expired tokens are refused, and so is every token of a
     * suspended user (suspension also deletes them; this holds even for one that raced it).
     */
    public User authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw new UnauthenticatedException("TOKEN_MISSING", "authentication required: send Authorization: Bearer <token>");
        }
        User found = UserTable.byToken(dataSource, policyId(), hash(token), clock.millis()).orElseThrow(() ->
                new UnauthenticatedException("TOKEN_INVALID", "the token is unknown or has expired"));
        if (!found.facilityActive()) {
            throw new UnauthenticatedException("TOKEN_INVALID", "the token is unknown or has expired");
        }
        withinVisit(found, why -> new UnauthenticatedException("VISIT_OUTSIDE_DATES", why));
        return found;
    }

    /** When a token ends, if it ends at all (a session does; an API token may not). */
    public Optional<java.time.Instant> expiry(String token) {
        return jdbi.withHandle(h -> h.createQuery("SELECT expires_at FROM tokens WHERE token_hash = :hash")
                .bind("hash", hash(token)).mapTo(Long.class).findFirst()).map(java.time.Instant::ofEpochMilli);
    }

    public void logout(String token) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM tokens WHERE token_hash = :hash").bind("hash", hash(token)).execute());
    }

    /** Refuses unless the user is active and holds one of the roles. */
    public static void requireRole(User user, Set<Role> allowed) {
        if (!user.facilityActive()) {
            throw new ForbiddenException("ACCOUNT_SUSPENDED", "user " + user.name() + " is suspended");
        }
        if (allowed.stream().noneMatch(user::has)) {
            throw new ForbiddenException("ROLE_REQUIRED", "this action needs one of the roles "
                    + String.join(", ", allowed.stream().map(Role::written).sorted().toList()));
        }
    }

    static Map<String, String> describe(User u) {
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

    /** The access rules of the node's policy in force now. */
    private AccessControl access() {
        return accesses.get();
    }
}
