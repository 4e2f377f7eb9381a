package io.liaison.node.contractors;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The contractor_facilities table; no rules here. Node's accounts read a facility from it to brief a person. */
public final class FacilityTable {
    private FacilityTable() {}

    static void insert(Handle h, String id, String name, String by, long at) {
        h.createUpdate("INSERT INTO contractor_facilities (id, name, added_by, added_at) VALUES (:id, :name, :by, :at)")
                .bind("id", id).bind("name", name).bind("by", by).bind("at", at).execute();
    }

    static void assess(Handle h, String id, String level, String by, LocalDate on, String approvedBy) {
        h.createUpdate("UPDATE contractor_facilities SET assessed_level = :l, assessed_by = :by, assessed_on = :on, "
                        + "approved_by = :ap WHERE id = :id").bind("l", level).bind("by", by).bind("on", on.toString())
                .bind("ap", approvedBy).bind("id", id).execute();
    }

    /** A facility by its id or its name, read in {@code tx}. */
    public static Optional<Facility> find(io.liaison.node.store.Tx tx, String idOrName) {
        return find(tx.sql(), idOrName);
    }

    static Optional<Facility> find(Handle h, String idOrName) {
        return h.createQuery("SELECT * FROM contractor_facilities WHERE id = :k OR name = :k").bind("k", idOrName)
                .map((rs, ctx) -> read(rs)).findFirst();
    }

    static List<Facility> all(Handle h) {
        return h.createQuery("SELECT * FROM contractor_facilities ORDER BY name").map((rs, ctx) -> read(rs)).list();
    }

    private static Facility read(ResultSet rs) throws SQLException {
        String on = rs.getString("assessed_on");
        return new Facility(rs.getString("id"), rs.getString("name"), rs.getString("added_by"),
                Optional.ofNullable(rs.getString("assessed_level")), Optional.ofNullable(rs.getString("assessed_by")),
                on == null ? Optional.empty() : Optional.of(LocalDate.parse(on)),
                Optional.ofNullable(rs.getString("approved_by")));
    }
}
