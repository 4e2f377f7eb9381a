package io.liaison.node.accounts;

import com.fasterxml.jackson.core.type.TypeReference;
import io.liaison.catalog.json.Json;
import io.liaison.core.access.Clearance;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.contractor.ContractorTerms;
import io.liaison.core.visit.VisitTerms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** The users and tokens tables; no rules here. */
final class UserTable {
    private static final TypeReference<Map<String, Set<String>>> CATEGORIES = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    /** A user with the assessment of their contractor facility, if they are a contractor's person (R29). */
    private static final String SELECT = "SELECT u.*, f.name AS facility_name, f.assessed_level AS facility_level "
            + "FROM users u LEFT JOIN contractor_facilities f ON f.id = u.contractor_facility";

    private UserTable() {}

    /** Records that {@code name} is a person of contractor facility {@code facility}, briefed on the day given. */
    static void brief(Handle h, String name, String facility, Optional<LocalDate> on, String by) {
        h.createUpdate("UPDATE users SET contractor_facility = :f, briefed_on = :on, briefed_by = :by WHERE name = :n")
                .bind("f", facility).bind("on", on.map(Object::toString).orElse(null))
                .bind("by", on.isPresent() ? by : null).bind("n", name).execute();
    }

    static void insert(Handle h, User u, String passwordHash, long now) {
        h.createUpdate("INSERT INTO users (name, nationality, clearance_level, clearance_categories, roles, duties, "
                        + "facility_active, password_hash, created_at, visit_id, visit_level, visit_purpose, visit_from, "
                        + "visit_until) VALUES (:name, :nat, :level, :cats, :roles, :duties, :active, :hash, :now, :vid, "
                        + ":vlevel, :vpurpose, :vfrom, :vuntil)")
                .bind("name", u.name()).bind("nat", u.clearance().nationality().code())
                .bind("level", u.clearance().level()).bind("cats", categories(u)).bind("roles", roles(u))
                .bind("duties", duties(u)).bind("active", u.facilityActive()).bind("hash", passwordHash)
                .bind("now", now).bind("vid", u.visit().map(VisitTerms::visitId).orElse(null))
                .bind("vlevel", u.visit().map(VisitTerms::highestLevel).orElse(null))
                .bind("vpurpose", u.visit().map(v -> v.purpose().name()).orElse(null))
                .bind("vfrom", u.visit().map(v -> v.from().toString()).orElse(null))
                .bind("vuntil", u.visit().map(v -> v.until().toString()).orElse(null)).execute();
    }

    static void update(Handle h, User u) {
        h.createUpdate("UPDATE users SET nationality = :nat, clearance_level = :level, clearance_categories = :cats, "
                        + "roles = :roles, duties = :duties, facility_active = :active WHERE name = :name")
                .bind("name", u.name()).bind("nat", u.clearance().nationality().code())
                .bind("level", u.clearance().level()).bind("cats", categories(u)).bind("roles", roles(u))
                .bind("duties", duties(u)).bind("active", u.facilityActive()).execute();
    }

    /** Ends every session and API token of the user; returns how many. */
    static int deleteTokens(Handle h, String name) {
        return h.createUpdate("DELETE FROM tokens WHERE user_name = :u").bind("u", name).execute();
    }

    static Optional<User> find(Handle h, String policyId, String name) {
        return h.createQuery(SELECT + " WHERE u.name = :name").bind("name", name)
                .map((rs, ctx) -> user(rs, policyId)).findFirst();
    }

    /**
     * The user a live token belongs to, in one statement: the token's row, its user and the user's facility. A
     * request's authentication is on every call, so it is one round trip to the database.
     */
    static Optional<User> byToken(javax.sql.DataSource dataSource, String policyId, String tokenHash, long now) {
        return io.liaison.node.store.Jdbc.first(dataSource, "SELECT u.*, f.name AS facility_name, f.assessed_level AS "
                + "facility_level FROM tokens t JOIN users u ON u.name = t.user_name LEFT JOIN contractor_facilities f ON "
                + "f.id = u.contractor_facility WHERE t.token_hash = ? AND (t.expires_at IS NULL OR t.expires_at > ?)",
                List.of(tokenHash, now), rs -> user(rs, policyId));
    }

    static Optional<String> passwordHash(Handle h, String name) {
        return h.createQuery("SELECT password_hash FROM users WHERE name = :name").bind("name", name)
                .mapTo(String.class).findFirst();
    }

    static List<User> all(Handle h, String policyId) {
        return h.createQuery(SELECT + " ORDER BY u.name").map((rs, ctx) -> user(rs, policyId)).list();
    }

    private static User user(ResultSet rs, String policyId) throws SQLException {
        try {
            Map<String, Set<String>> cats = CLEARANCES.get(rs.getString("clearance_categories"), UserTable::categories);
            Set<Purpose> duties = DUTIES.get(rs.getString("duties"), UserTable::duties);
            Set<Role> roles = ROLES.get(rs.getString("roles"), r -> Arrays.stream(r.split(",")).filter(s -> !s.isBlank())
                    .map(Role::parse).collect(Collectors.toUnmodifiableSet()));
            String visitId = rs.getString("visit_id");
            Optional<VisitTerms> visit = visitId == null ? Optional.empty() : Optional.of(new VisitTerms(visitId,
                    rs.getString("visit_level"), Purpose.of(rs.getString("visit_purpose")),
                    LocalDate.parse(rs.getString("visit_from")), LocalDate.parse(rs.getString("visit_until"))));
            return new User(rs.getString("name"), new Clearance(policyId, rs.getString("clearance_level"), cats,
                    Party.of(rs.getString("nationality"))), roles,
                    duties, rs.getBoolean("facility_active"), visit,
                    contractor(rs));
        } catch (java.io.UncheckedIOException e) {
            throw new SQLException("stored user " + rs.getString("name") + " is malformed", e);
        }
    }

    /** A user's stored categories, duties and roles, each parsed once per distinct text (authentication is on every call). */
    private static final io.liaison.node.store.BoundedCache<String, Map<String, Set<String>>> CLEARANCES =
            new io.liaison.node.store.BoundedCache<>(1_000);
    private static final io.liaison.node.store.BoundedCache<String, Set<Purpose>> DUTIES =
            new io.liaison.node.store.BoundedCache<>(1_000);
    private static final io.liaison.node.store.BoundedCache<String, Set<Role>> ROLES =
            new io.liaison.node.store.BoundedCache<>(100);

    private static Map<String, Set<String>> categories(String json) {
        try {
            Map<String, Set<String>> copy = new TreeMap<>();
            Json.MAPPER.readValue(json, CATEGORIES).forEach((tag, values) -> copy.put(tag, Set.copyOf(values)));
            return java.util.Collections.unmodifiableMap(copy);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<Purpose> duties(String json) {
        try {
            return Json.MAPPER.readValue(json, STRINGS).stream().map(Purpose::of).collect(Collectors.toUnmodifiableSet());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<ContractorTerms> contractor(ResultSet rs) throws SQLException {
        String facility = rs.getString("contractor_facility");
        if (facility == null) {
            return Optional.empty();
        }
        String name = rs.getString("facility_name");
        String briefed = rs.getString("briefed_on");
        return Optional.of(new ContractorTerms(name == null ? facility : name,
                Optional.ofNullable(rs.getString("facility_level")),
                briefed == null ? Optional.empty() : Optional.of(LocalDate.parse(briefed))));
    }

    private static String categories(User u) {
        Map<String, Set<String>> sorted = new TreeMap<>();
        u.clearance().categories().forEach((k, v) -> sorted.put(k, new TreeSet<>(v)));
        return Json.compact(sorted);
    }

    private static String roles(User u) {
        return String.join(",", u.roles().stream().map(Role::written).sorted().toList());
    }

    private static String duties(User u) {
        return Json.compact(u.duties().stream().map(Purpose::name).sorted().toList());
    }
}
