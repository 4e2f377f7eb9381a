package io.liaison.hotline;

import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.hotline.Precedence;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.Reveals;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarms (R25, R26): a message not acknowledged within its precedence's objective raises one at both ends, to the
 * sender and the escalation contact at the sending node, to the security officers and duty officers at the
 * receiving node; a line that goes down raises one too. Alarms stay until cleared. An alarm about a message reveals
 * the message: only those who may read it see the alarm or clear it, for anyone else it does not exist (R10).
 */
public final class Escalation {
    private static final Logger LOG = LoggerFactory.getLogger(Escalation.class);
    private static final String SELECT = "SELECT a.*, m.classification FROM hotline_alarms a LEFT JOIN hotline_messages m "
            + "ON m.id = a.message_id";

    private final Database database;
    private final AuditLog audit;
    private final Lines lines;
    private final HotlineAccess access;
    private final HotlineEvents events;
    private final Clock clock;

    /** The leader's fence: alarms are raised by the leader replica alone. */
    private final java.util.function.Consumer<io.liaison.node.store.Tx> fence;

    Escalation(Database database, AuditLog audit, Lines lines, HotlineAccess access, HotlineEvents events, Clock clock,
            java.util.function.Consumer<io.liaison.node.store.Tx> fence) {
        this.fence = fence;
        this.database = database;
        this.audit = audit;
        this.lines = lines;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /** Raises an alarm for every message past its acknowledgement objective; returns how many. */
    public int checkEscalations() {
        long now = clock.millis();
        List<Map<String, Object>> due = new ArrayList<>();
        database.jdbi().useHandle(h -> {
            for (Line l : lines.all()) {
                for (Precedence p : Precedence.values()) {
                    // Per line and precedence, so the index finds only messages older than the objective.
                    due.addAll(h.createQuery("SELECT id, line, direction, precedence, sender, sent_at, objective_ms, "
                            + "from_party FROM hotline_messages WHERE line = :l AND precedence = :p AND sent_at <= :cutoff "
                            + "AND acked_at IS NULL AND escalated_at IS NULL AND state <> 'REFUSED' ORDER BY seq")
                            .bind("l", l.id()).bind("p", p.rank()).bind("cutoff", now - l.objectives().of(p).toMillis())
                            .mapToMap().list());
                }
            }
        });
        int raised = 0;
        for (Map<String, Object> row : due) {
            Optional<Line> line = lines.find((String) row.get("line"));
            if (line.isEmpty()) {
                continue;
            }
            String id = (String) row.get("id");
            Precedence p = Precedence.ofRank(((Number) row.get("precedence")).intValue());
            boolean out = "OUT".equals(row.get("direction"));
            Duration objective = line.get().objectives().of(p);
            List<String> notify = out
                    ? List.of("sender " + row.get("sender"), "escalation contact " + line.get().escalationContact())
                    : List.of("security officers of " + access.self(), "duty officers " + String.join(", ",
                            line.get().dutyOfficers()), "escalation contact " + line.get().escalationContact());
            String detail = p + " message " + id + (out ? " sent by " + row.get("sender") + " to " + line.get().peer()
                    : " from " + row.get("from_party") + "/" + row.get("sender")) + " on line " + line.get().id()
                    + " is not acknowledged within its objective of " + written(objective) + " (R25)";
            Optional<Alarm> alarm = raise(line.get(), AlarmKind.UNACKNOWLEDGED, Optional.of(id), Optional.of(p), notify,
                    detail, tx -> tx.sql().createUpdate("UPDATE hotline_messages SET escalated_at = :at WHERE id = :id AND "
                            + "escalated_at IS NULL").bind("at", now).bind("id", id).execute());
            if (alarm.isPresent()) {
                raised++;
            }
        }
        return raised;
    }

    /**
     * Escalates diplomatic clearances not answered by their deadline (R31) like an unacknowledged message: an alarm on
     * the line to the other party (the one under the clearance's agreement first), to this party's security officers,
     * the line's duty officers and its escalation contact. Without a line to that party the audit's alarm stands
     * alone. Returns the alarms raised.
     */
    int aircraftLate(List<io.liaison.node.aircraft.Clearance> late) {
        int raised = 0;
        for (io.liaison.node.aircraft.Clearance c : late) {
            io.liaison.core.party.Party other = c.requester().equals(access.self()) ? c.host() : c.requester();
            Optional<Line> line = lines.all().stream().filter(l -> l.peer().equals(other))
                    .sorted(java.util.Comparator.comparing((Line l) -> !l.agreement().equals(c.agreement()))
                            .thenComparing(Line::id)).findFirst();
            if (line.isEmpty()) {
                continue;
            }
            List<String> notify = List.of("security officers of " + access.self(), "duty officers " + String.join(", ",
                    line.get().dutyOfficers()), "escalation contact " + line.get().escalationContact());
            String detail = "diplomatic clearance " + c.id() + " for " + c.request().callSign() + " ("
                    + c.request().aircraftType() + " " + c.request().registration() + ") asked by " + c.requester()
                    + " of " + c.host() + " was not answered by " + c.request().answerBy() + " (R31)";
            try {
                if (raise(line.get(), AlarmKind.AIRCRAFT_ANSWER_LATE, Optional.empty(), Optional.empty(), notify, detail,
                        tx -> 1).isPresent()) {
                    raised++;
                }
            } catch (RuntimeException e) {
                LOG.warn("escalating late clearance {} failed (the audit's alarm stands): {}", c.id(), e.toString());
            }
        }
        return raised;
    }

    private static String written(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** Records and publishes an alarm, with {@code also} in its transaction; empty if {@code also} changed nothing. */
    Optional<Alarm> raise(Line line, AlarmKind kind, Optional<String> message, Optional<Precedence> p, List<String> notify,
            String detail, ToIntFunction<Tx> also) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        Reveals reveals = message.map(HotlineAccess::message).orElse(Reveals.NOTHING);
        boolean done = database.inTransaction(tx -> {
            fence.accept(tx);
            if (also.applyAsInt(tx) == 0) {
                return false;
            }
            tx.sql().createUpdate("INSERT INTO hotline_alarms (id, line, kind, message_id, precedence, notify, detail, "
                            + "raised_at) VALUES (:id, :l, :k, :m, :p, :n, :d, :at)").bind("id", id).bind("l", line.id())
                    .bind("k", kind.name()).bind("m", message.orElse(null)).bind("p", p.map(Precedence::rank).orElse(null))
                    .bind("n", String.join("; ", notify)).bind("d", detail).bind("at", now).execute();
            audit.append(tx, new AuditEvent("system", "hotline.alarm", message.orElse(line.id()), reveals, "ALARM",
                    kind.name(), kind.rule(), Map.of("line", line.id(), "alarm", id, "notify", String.join("; ", notify),
                    "detail", detail)));
            return true;
        });
        if (!done) {
            return Optional.empty();
        }
        audit.sequenceSoon();
        Alarm a = alarm(id).orElseThrow();
        events.publish(new HotlineEvent.AlarmEvent(line.id(), a));
        LOG.info("hotline alarm on {}: {}", line.id(), detail);
        return Optional.of(a);
    }

    /** Whether {@code user} may see {@code alarm}: an official need on its line, and the message it is about readable. */
    public boolean visible(User user, Alarm alarm) {
        Optional<Line> line = lines.find(alarm.line());
        if (line.isEmpty() || !access.onDuty(user, line.get())) {
            return false;
        }
        return alarm.message().isEmpty() || alarm.classification().map(c -> access.mayRead(user, line.get(), c))
                .orElse(false);
    }

    /** Alarms {@code user} may see; only open ones unless {@code all}. */
    public List<Alarm> alarms(User user, boolean all) {
        return database.jdbi().withHandle(h -> h.createQuery(SELECT + (all ? "" : " WHERE a.cleared_at IS NULL")
                + " ORDER BY a.raised_at DESC, a.id LIMIT 2000").map((rs, ctx) -> alarm(rs)).list()).stream()
                .filter(a -> visible(user, a)).limit(500).toList();
    }

    /** How many open alarms of {@code line} {@code user} may see. */
    int openAlarms(User user, Line line) {
        return (int) database.jdbi().withHandle(h -> h.createQuery(SELECT + " WHERE a.line = :l AND a.cleared_at IS NULL")
                .bind("l", line.id()).map((rs, ctx) -> alarm(rs)).list()).stream().filter(a -> visible(user, a)).count();
    }

    /** Clears an open alarm {@code user} may see (a duty officer of its line or a security officer); audited. */
    public Alarm clear(User user, String alarmId, String note) {
        if (note != null && note.length() > 1000) {
            throw new InvalidInputException("NOTE_TOO_LONG", "a note has at most 1000 characters");
        }
        Alarm a = alarm(alarmId).filter(x -> visible(user, x))
                .orElseThrow(() -> new NotFoundException("ALARM_NOT_FOUND", "alarm " + shorten(alarmId) + " not found"));
        if (!a.open()) {
            throw new ConflictException("ALARM_CLEARED", "alarm " + alarmId + " was already cleared by "
                    + a.clearedBy().orElse("?"));
        }
        long now = clock.millis();
        database.useTransaction(tx -> {
            tx.sql().createUpdate("UPDATE hotline_alarms SET cleared_at = :at, cleared_by = :by WHERE id = :id")
                    .bind("at", now).bind("by", user.name()).bind("id", alarmId).execute();
            audit.append(tx, AuditEvent.done(user.name(), "hotline.alarm.clear", alarmId,
                    a.message().map(HotlineAccess::message).orElse(Reveals.NOTHING), Map.of("line", a.line(),
                            "kind", a.kind().name(), "note", note == null ? "" : note)));
        });
        audit.sequenceSoon();
        Alarm cleared = alarm(alarmId).orElseThrow();
        events.publish(new HotlineEvent.AlarmEvent(a.line(), cleared));
        return cleared;
    }

    Optional<Alarm> alarm(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return database.jdbi().withHandle(h -> h.createQuery(SELECT + " WHERE a.id = :id").bind("id", id)
                .map((rs, ctx) -> alarm(rs)).findFirst());
    }

    private static Alarm alarm(java.sql.ResultSet rs) throws java.sql.SQLException {
        int p = rs.getInt("precedence");
        Optional<Precedence> precedence = rs.wasNull() ? Optional.empty() : Optional.of(Precedence.ofRank(p));
        return new Alarm(rs.getString("id"), rs.getString("line"), AlarmKind.valueOf(rs.getString("kind")),
                Optional.ofNullable(rs.getString("message_id")), precedence, Optional.ofNullable(rs.getString(
                "classification")), List.of(rs.getString("notify").split("; ")), rs.getString("detail"),
                Instant.ofEpochMilli(rs.getLong("raised_at")), Messages.instant(rs, "cleared_at"),
                Optional.ofNullable(rs.getString("cleared_by")));
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
