package io.liaison.node.aircraft;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.aircraft.AircraftRequest;
import io.liaison.core.party.Party;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The aircraft_clearances table; no rules here. */
final class ClearanceTable {
    private ClearanceTable() {}

    static void insert(Handle h, Clearance c) {
        AircraftRequest r = c.request();
        h.createUpdate("INSERT INTO aircraft_clearances (id, side, requester, host, agreement, aircraft_type, registration, "
                        + "call_sign, entry_point, exit_point, route, entry_at, exit_at, purpose, crew, passengers, cargo, "
                        + "answer_by, requested_by, requested_at, status) VALUES (:id, :side, :req, :host, :a, :type, :reg, "
                        + ":cs, :entry, :exit, :route, :entryAt, :exitAt, :purpose, :crew, :pax, :cargo, :by, :reqBy, "
                        + ":reqAt, :status)")
                .bind("id", c.id()).bind("side", c.side().name()).bind("req", c.requester().code())
                .bind("host", c.host().code()).bind("a", c.agreement().value()).bind("type", r.aircraftType())
                .bind("reg", r.registration()).bind("cs", r.callSign()).bind("entry", r.entryPoint())
                .bind("exit", r.exitPoint()).bind("route", r.route()).bind("entryAt", r.entryAt().toEpochMilli())
                .bind("exitAt", r.exitAt().toEpochMilli()).bind("purpose", r.purpose()).bind("crew", r.crew())
                .bind("pax", r.passengers()).bind("cargo", r.cargo()).bind("by", r.answerBy().toEpochMilli())
                .bind("reqBy", c.requestedBy()).bind("reqAt", c.requestedAt().toEpochMilli())
                .bind("status", c.status().name()).execute();
    }

    /** Records the host's answer (and amended times) on a request still waiting; false when answered meanwhile. */
    static boolean answer(Handle h, String id, Clearance.Status status, Optional<String> conditions,
            Optional<Instant> expires, Optional<AircraftRequest> amended, String answer, String by, long at) {
        AircraftRequest r = amended.orElse(null);
        return h.createUpdate("UPDATE aircraft_clearances SET status = :st, conditions = :cond, expires_at = :exp, "
                        + "answer = :answer, answered_by = :by, answered_at = :at, entry_point = COALESCE(:entry, entry_point), "
                        + "exit_point = COALESCE(:exit, exit_point), entry_at = COALESCE(:entryAt, entry_at), "
                        + "exit_at = COALESCE(:exitAt, exit_at) WHERE id = :id AND status = 'REQUESTED'")
                .bind("st", status.name()).bind("cond", conditions.orElse(null))
                .bind("exp", expires.map(Instant::toEpochMilli).orElse(null)).bind("answer", answer).bind("by", by)
                .bind("at", at).bind("entry", r == null ? null : r.entryPoint()).bind("exit", r == null ? null
                        : r.exitPoint()).bind("entryAt", r == null ? null : r.entryAt().toEpochMilli())
                .bind("exitAt", r == null ? null : r.exitAt().toEpochMilli()).bind("id", id).execute() == 1;
    }

    /** The requests still waiting whose answer is past due and not yet raised; marks them raised at {@code now}. */
    static List<Clearance> raiseOverdue(Handle h, long now) {
        List<Clearance> due = h.createQuery("SELECT * FROM aircraft_clearances WHERE status = 'REQUESTED' AND answer_by "
                + "< :now AND alarm_at IS NULL").bind("now", now).map((rs, ctx) -> read(rs)).list();
        // Only the rows this transaction marked: a check running at the same time raises none of them twice.
        return due.stream().filter(c -> h.createUpdate("UPDATE aircraft_clearances SET alarm_at = :now WHERE id = :id "
                + "AND alarm_at IS NULL").bind("now", now).bind("id", c.id()).execute() == 1).toList();
    }

    static Optional<Clearance> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM aircraft_clearances WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> read(rs)).findFirst();
    }

    static List<Clearance> byCallSign(Handle h, String callSign) {
        return h.createQuery("SELECT * FROM aircraft_clearances WHERE call_sign = :cs AND side = 'RECEIVED'")
                .bind("cs", callSign).map((rs, ctx) -> read(rs)).list();
    }

    static List<Clearance> all(Handle h, int limit) {
        return h.createQuery("SELECT * FROM aircraft_clearances ORDER BY requested_at DESC, id LIMIT :n").bind("n", limit)
                .map((rs, ctx) -> read(rs)).list();
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static Clearance read(ResultSet rs) throws SQLException {
        AircraftRequest r = new AircraftRequest(rs.getString("aircraft_type"), rs.getString("registration"),
                rs.getString("call_sign"), rs.getString("entry_point"), rs.getString("exit_point"), rs.getString("route"),
                Instant.ofEpochMilli(rs.getLong("entry_at")), Instant.ofEpochMilli(rs.getLong("exit_at")),
                rs.getString("purpose"), rs.getInt("crew"), rs.getInt("passengers"), rs.getString("cargo"),
                Instant.ofEpochMilli(rs.getLong("answer_by")));
        return new Clearance(rs.getString("id"), Clearance.Side.valueOf(rs.getString("side")),
                Party.of(rs.getString("requester")), Party.of(rs.getString("host")),
                AgreementId.of(rs.getString("agreement")), r, rs.getString("requested_by"),
                Instant.ofEpochMilli(rs.getLong("requested_at")), Clearance.Status.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("conditions")), instant(rs, "expires_at"),
                Optional.ofNullable(rs.getString("answer")), Optional.ofNullable(rs.getString("answered_by")),
                instant(rs, "answered_at"), instant(rs, "alarm_at"));
    }
}
