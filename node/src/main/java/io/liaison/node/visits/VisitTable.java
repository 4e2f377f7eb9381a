package io.liaison.node.visits;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.visit.VisitKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The visits table; no rules here. Node's accounts read an approved visit from it to make a visitor account. */
public final class VisitTable {
    private VisitTable() {}

    static void insert(Handle h, Visit v) {
        h.createUpdate("INSERT INTO visits (id, side, requester, host, agreement, kind, visitor, nationality, "
                        + "assured_clearance, facility, visit_from, visit_until, purpose, requested_by, requested_at, status) "
                        + "VALUES (:id, :side, :req, :host, :a, :kind, :visitor, :nat, :cl, :fac, :from, :until, :purpose, "
                        + ":by, :at, :status)")
                .bind("id", v.id()).bind("side", v.side().name()).bind("req", v.requester().code())
                .bind("host", v.host().code()).bind("a", v.agreement().value()).bind("kind", v.kind().name())
                .bind("visitor", v.visitor()).bind("nat", v.nationality().code()).bind("cl", v.assuredClearance())
                .bind("fac", v.facility()).bind("from", v.from().toString()).bind("until", v.until().toString())
                .bind("purpose", v.purpose().name()).bind("by", v.requestedBy()).bind("at", v.requestedAt().toEpochMilli())
                .bind("status", v.status().name()).execute();
    }

    /** Records the host's answer on a request still waiting; false when it was answered meanwhile. */
    static boolean answer(Handle h, String id, Visit.Status status, Optional<String> level, String answer, String by,
            long at) {
        return h.createUpdate("UPDATE visits SET status = :st, highest_level = :level, answer = :answer, answered_by = :by, "
                        + "answered_at = :at WHERE id = :id AND status = 'REQUESTED'").bind("st", status.name())
                .bind("level", level.orElse(null)).bind("answer", answer).bind("by", by).bind("at", at).bind("id", id)
                .execute() == 1;
    }

    /** Records the visitor account made for an approved visit, in {@code tx}; false when one was made already. */
    public static boolean account(io.liaison.node.store.Tx tx, String id, String account) {
        return account(tx.sql(), id, account);
    }

    /** A visit, read in {@code tx}. */
    public static Optional<Visit> find(io.liaison.node.store.Tx tx, String id) {
        return find(tx.sql(), id);
    }

    static boolean account(Handle h, String id, String account) {
        return h.createUpdate("UPDATE visits SET account = :acc WHERE id = :id AND account IS NULL AND status = 'APPROVED'")
                .bind("acc", account).bind("id", id).execute() == 1;
    }

    static Optional<Visit> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM visits WHERE id = :id").bind("id", id).map((rs, ctx) -> read(rs)).findFirst();
    }

    static List<Visit> all(Handle h, int limit) {
        return h.createQuery("SELECT * FROM visits ORDER BY requested_at DESC, id LIMIT :n").bind("n", limit)
                .map((rs, ctx) -> read(rs)).list();
    }

    private static Visit read(ResultSet rs) throws SQLException {
        long answeredAt = rs.getLong("answered_at");
        boolean answered = !rs.wasNull();
        return new Visit(rs.getString("id"), Visit.Side.valueOf(rs.getString("side")), Party.of(rs.getString("requester")),
                Party.of(rs.getString("host")), AgreementId.of(rs.getString("agreement")),
                VisitKind.valueOf(rs.getString("kind")), rs.getString("visitor"), Party.of(rs.getString("nationality")),
                rs.getString("assured_clearance"), rs.getString("facility"), LocalDate.parse(rs.getString("visit_from")),
                LocalDate.parse(rs.getString("visit_until")), Purpose.of(rs.getString("purpose")),
                rs.getString("requested_by"), Instant.ofEpochMilli(rs.getLong("requested_at")),
                Visit.Status.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("highest_level")),
                Optional.ofNullable(rs.getString("answer")), Optional.ofNullable(rs.getString("answered_by")),
                answered ? Optional.of(Instant.ofEpochMilli(answeredAt)) : Optional.empty(),
                Optional.ofNullable(rs.getString("account")));
    }
}
