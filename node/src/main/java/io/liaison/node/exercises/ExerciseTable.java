package io.liaison.node.exercises;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.node.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The exercises and exercise_observers tables; no rules here. */
public final class ExerciseTable {
    private ExerciseTable() {}

    static void insert(Handle h, Exercise e) {
        h.createUpdate("INSERT INTO exercises (id, side, host, invited, agreement, name, place, ex_from, ex_until, "
                        + "observer_places, highest_level, invited_by, invited_at) VALUES (:id, :side, :host, :inv, :a, "
                        + ":name, :place, :from, :until, :places, :level, :by, :at)")
                .bind("id", e.id()).bind("side", e.side().name()).bind("host", e.host().code())
                .bind("inv", e.invited().code()).bind("a", e.agreement().value()).bind("name", e.name())
                .bind("place", e.place()).bind("from", e.from().toString()).bind("until", e.until().toString())
                .bind("places", e.observerPlaces()).bind("level", e.highestLevel()).bind("by", e.invitedBy())
                .bind("at", e.invitedAt().toEpochMilli()).execute();
    }

    static void observer(Handle h, String exercise, String visit, long at) {
        h.createUpdate("INSERT INTO exercise_observers (visit_id, exercise_id, nominated_at) VALUES (:v, :e, :at)")
                .bind("v", visit).bind("e", exercise).bind("at", at).execute();
    }

    /** Marks {@code visit} replaced by {@code by}; false when it is not an active observer of {@code exercise}. */
    static boolean replace(Handle h, String exercise, String visit, String by) {
        return h.createUpdate("UPDATE exercise_observers SET replaced_by = :by WHERE visit_id = :v AND exercise_id = :e "
                + "AND replaced_by IS NULL").bind("by", by).bind("v", visit).bind("e", exercise).execute() == 1;
    }

    static Optional<Exercise> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM exercises WHERE id = :id").bind("id", id).map((rs, ctx) -> read(rs))
                .findFirst();
    }

    static List<Exercise> all(Handle h) {
        return h.createQuery("SELECT * FROM exercises ORDER BY ex_from DESC, id").map((rs, ctx) -> read(rs)).list();
    }

    /** The observers' visit ids of {@code exercise}, each with the visit that replaced it, oldest first. */
    static List<String[]> observers(Handle h, String exercise) {
        return h.createQuery("SELECT visit_id, replaced_by FROM exercise_observers WHERE exercise_id = :e "
                        + "ORDER BY nominated_at, visit_id").bind("e", exercise)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    /**
     * For a visit that is an exercise's observer: the exercise's highest level and whether the nomination was
     * replaced; read in {@code tx} when the host answers the visit.
     */
    public static Optional<String[]> observerOf(Tx tx, String visit) {
        return tx.sql().createQuery("SELECT e.highest_level, o.replaced_by, e.name FROM exercise_observers o "
                        + "JOIN exercises e ON e.id = o.exercise_id WHERE o.visit_id = :v").bind("v", visit)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).findFirst();
    }

    private static Exercise read(ResultSet rs) throws SQLException {
        return new Exercise(rs.getString("id"), Exercise.Side.valueOf(rs.getString("side")),
                Party.of(rs.getString("host")), Party.of(rs.getString("invited")),
                AgreementId.of(rs.getString("agreement")), rs.getString("name"), rs.getString("place"),
                LocalDate.parse(rs.getString("ex_from")), LocalDate.parse(rs.getString("ex_until")),
                rs.getInt("observer_places"), rs.getString("highest_level"), rs.getString("invited_by"),
                Instant.ofEpochMilli(rs.getLong("invited_at")));
    }
}
