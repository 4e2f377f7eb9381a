package io.liaison.node.accounts;

import com.fasterxml.jackson.core.type.TypeReference;
import io.liaison.catalog.json.Json;
import io.liaison.core.access.Clearance;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** The grant_requests table; no rules here. */
final class GrantTable {
    private static final TypeReference<Map<String, Set<String>>> CATEGORIES = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private GrantTable() {}

    static void insert(Handle h, GrantRequest g) {
        h.createUpdate("INSERT INTO grant_requests (id, subject, kind, roles, duties, clearance_level, clearance_categories, "
                        + "nationality, requested_by, requested_at, status) VALUES (:id, :subject, :kind, :roles, :duties, "
                        + ":level, :cats, :nat, :by, :at, 'PENDING')")
                .bind("id", g.id()).bind("subject", g.subject()).bind("kind", g.kind().name())
                .bind("roles", String.join(",", g.roles().stream().map(Role::written).sorted().toList()))
                .bind("duties", Json.compact(g.duties().stream().map(Purpose::name).sorted().toList()))
                .bind("level", g.clearance().map(Clearance::level).orElse(null))
                .bind("cats", g.clearance().map(GrantTable::categories).orElse(null))
                .bind("nat", g.clearance().map(c -> c.nationality().code()).orElse(null))
                .bind("by", g.requestedBy()).bind("at", g.requestedAt().toEpochMilli()).execute();
    }

    /** Sets the outcome of a pending request; false if it was no longer pending. */
    static boolean decide(Handle h, String id, GrantRequest.Status status, String by, long at, Optional<String> reason) {
        return h.createUpdate("UPDATE grant_requests SET status = :s, decided_by = :by, decided_at = :at, reason = :r "
                        + "WHERE id = :id AND status = 'PENDING'").bind("s", status.name()).bind("by", by).bind("at", at)
                .bind("r", reason.orElse(null)).bind("id", id).execute() == 1;
    }

    static Optional<GrantRequest> find(Handle h, String policyId, String id) {
        return h.createQuery("SELECT * FROM grant_requests WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> request(rs, policyId)).findFirst();
    }

    static List<GrantRequest> list(Handle h, String policyId, Optional<GrantRequest.Status> status, int limit) {
        return h.createQuery("SELECT * FROM grant_requests" + (status.isPresent() ? " WHERE status = :s" : "")
                        + " ORDER BY requested_at DESC, id LIMIT :n").bind("s", status.map(Enum::name).orElse(""))
                .bind("n", limit).map((rs, ctx) -> request(rs, policyId)).list();
    }

    private static GrantRequest request(ResultSet rs, String policyId) throws SQLException {
        try {
            String level = rs.getString("clearance_level");
            Optional<Clearance> clearance = level == null ? Optional.empty() : Optional.of(new Clearance(policyId, level,
                    Json.MAPPER.readValue(rs.getString("clearance_categories"), CATEGORIES),
                    Party.of(rs.getString("nationality"))));
            long decided = rs.getLong("decided_at");
            Optional<Instant> decidedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(decided));
            return new GrantRequest(rs.getString("id"), rs.getString("subject"),
                    GrantRequest.Kind.valueOf(rs.getString("kind")),
                    Arrays.stream(rs.getString("roles").split(",")).filter(s -> !s.isBlank()).map(Role::parse)
                            .collect(Collectors.toSet()),
                    Json.MAPPER.readValue(rs.getString("duties"), STRINGS).stream().map(Purpose::of)
                            .collect(Collectors.toSet()), clearance, rs.getString("requested_by"),
                    Instant.ofEpochMilli(rs.getLong("requested_at")), GrantRequest.Status.valueOf(rs.getString("status")),
                    Optional.ofNullable(rs.getString("decided_by")), decidedAt, Optional.ofNullable(rs.getString("reason")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("stored grant request " + rs.getString("id") + " is malformed", e);
        }
    }

    private static String categories(Clearance c) {
        Map<String, Set<String>> sorted = new TreeMap<>();
        c.categories().forEach((k, v) -> sorted.put(k, new TreeSet<>(v)));
        return Json.compact(sorted);
    }
}
