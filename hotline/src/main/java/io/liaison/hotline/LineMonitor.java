package io.liaison.hotline;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.LineHealth;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.release.Receipt;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.audit.Reveals;
import io.liaison.node.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each line's own health (R26): a signed check to the other end of every line, its round trip measured on the real
 * clock; a slow answer or a failure makes the line DEGRADED, three failures in a row DOWN, with an alarm, and an
 * answered check brings it back UP and wakes its queues. Every change is recorded and audited; the history is kept.
 */
public final class LineMonitor {
    private final Database database;
    /** The leader's fence: line health is recorded by the leader replica alone. */
    private final java.util.function.Consumer<io.liaison.node.store.Tx> fence;
    private final AuditLog audit;
    private final Lines lines;
    private final Sender sender;
    private final Escalation escalation;
    private final HotlineEvents events;
    private final Clock clock;
    private final Clock realTime;
    private final io.liaison.core.party.Party self;
    private final Map<String, LineHealth> health = new ConcurrentHashMap<>();

    LineMonitor(Database database, AuditLog audit, Lines lines, Sender sender, Escalation escalation,
            HotlineEvents events, io.liaison.core.party.Party self, Clock clock, Clock realTime, java.util.function.Consumer<io.liaison.node.store.Tx> fence) {
        this.fence = fence;
        this.self = self;
        this.database = database;
        this.audit = audit;
        this.lines = lines;
        this.sender = sender;
        this.escalation = escalation;
        this.events = events;
        this.clock = clock;
        this.realTime = realTime;
        for (Line l : lines.all()) {
            health.put(l.id(), lastHealth(l.id()));
        }
    }

    void added(Line line) {
        health.put(line.id(), LineHealth.unchecked());
    }

    /** The line's current health. */
    public LineHealth health(String lineId) {
        String id = lines.require(lineId).id();
        LineHealth checked = health.get(id);
        return checked != null ? checked : recorded(id);
    }

    /**
     * A line this process has not checked: as last recorded, by whichever replica led then (a follower never checks;
     * a new leader, until its first check); unchecked if never.
     */
    private LineHealth recorded(String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT status, detail FROM hotline_health WHERE line = :l "
                + "ORDER BY seq DESC LIMIT 1").bind("l", id).map((rs, ctx) -> {
                    LineHealth.Status status = LineHealth.Status.valueOf(rs.getString(1));
                    return new LineHealth(status, status == LineHealth.Status.DOWN ? LineHealth.DOWN_AFTER : 0,
                            Optional.empty(), Optional.ofNullable(rs.getString(2)).filter(d -> status != LineHealth.Status.UP));
                }).findFirst()).orElse(LineHealth.unchecked());
    }

    /** A check not answered within this is a failed check. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    /**
     * While a line is not UP it is checked this often rather than at the monitor's pace, so that three failures in a row
     * come within 15 s of a cut (R26), and a line that comes back is seen at once.
     */
    public static final Duration RECHECK_EVERY = Duration.ofSeconds(1);

    /** Whether some line has failed its last check (DEGRADED or DOWN): the monitor then checks sooner. */
    public boolean anyFailing() {
        return health.values().stream().anyMatch(h -> h.failuresInARow() > 0);
    }

    /** Checks every line once, with a signed HOTLINE_CHECK, and records changes of health. */
    public void checkLines() {
        for (Line l : lines.all()) {
            long t0 = realTime.millis();
            Optional<String> failure = sender.check(l);
            LineHealth before = health.getOrDefault(l.id(), LineHealth.unchecked());
            LineHealth after = failure.isEmpty() ? before.answered(Duration.ofMillis(realTime.millis() - t0))
                    : before.failed(failure.get());
            health.put(l.id(), after);
            if (after.status() != before.status()) {
                changed(l, before, after);
            }
        }
    }

    private void changed(Line line, LineHealth before, LineHealth after) {
        long now = clock.millis();
        String detail = switch (after.status()) {
            case UP -> "checks answered" + after.lastRoundTrip().map(d -> " in " + d.toMillis() + " ms").orElse("")
                    + (before.status() == LineHealth.Status.DOWN ? "; queued messages flow, highest precedence first" : "");
            case DEGRADED -> after.lastError().map(e -> after.failuresInARow() + " check(s) failed: " + e)
                    .orElse("checks answered slowly" + after.lastRoundTrip().map(d -> " (" + d.toMillis() + " ms)").orElse(""));
            case DOWN -> after.failuresInARow() + " checks in a row failed: " + after.lastError().orElse("?");
        };
        String text = detail.length() > 900 ? detail.substring(0, 900) : detail;
        database.useTransaction(tx -> {
            fence.accept(tx);
            tx.sql().createUpdate("INSERT INTO hotline_health (line, status, at, detail) VALUES (:l, :s, :at, :d)")
                    .bind("l", line.id()).bind("s", after.status().name()).bind("at", now).bind("d", text).execute();
            audit.append(tx, new AuditEvent("system", "hotline.health", line.id(), Reveals.NOTHING,
                    after.status() == LineHealth.Status.DOWN ? "ALARM" : "DONE", "LINE_" + after.status().name(), "R26",
                    Map.of("from", before.status().name(), "to", after.status().name(), "detail", text)));
        });
        audit.sequenceSoon();
        events.publish(new HotlineEvent.HealthEvent(line.id(), after.status(), Instant.ofEpochMilli(now), text));
        if (after.status() == LineHealth.Status.DOWN) {
            escalation.raise(line, AlarmKind.LINE_DOWN, Optional.empty(), Optional.empty(), List.of("duty officers "
                    + String.join(", ", line.dutyOfficers()), "security officers of " + self, "escalation contact " + line.escalationContact()), "line "
                    + line.id() + " to " + line.peer() + " is DOWN: " + text + " (R26)", tx -> 1);
        }
        if (before.status() == LineHealth.Status.DOWN) {
            sender.wake(line.id());
        }
    }

    /** A check from the other end of a line: answered when the line is one of this node's with that peer. */
    Receipt onCheck(VerifiedEnvelope v) {
        Wire.Check c;
        try {
            c = Wire.Check.parse(v.body());
        } catch (InvalidInputException e) {
            return Receipt.refused(v.id(), "BODY_INVALID", "R26", e.getMessage());
        }
        if (lines.find(c.line()).filter(l -> l.peer().equals(v.from())).isEmpty()) {
            return Receipt.refused(v.id(), "LINE_UNKNOWN", "R26", "line " + c.line()
                    + " is not a line of " + self + " with " + v.from());
        }
        return new Receipt(v.id().toString(), Receipt.STORED, null, null, "CHECKED", "R26", "line " + c.line() + " is up at "
                + self, Map.of());
    }

    private LineHealth lastHealth(String line) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT status FROM hotline_health WHERE line = :l ORDER BY "
                + "seq DESC LIMIT 1").bind("l", line).mapTo(String.class).findFirst()).map(s -> switch (
                LineHealth.Status.valueOf(s)) {
                    case DOWN -> new LineHealth(LineHealth.Status.DOWN, LineHealth.DOWN_AFTER, Optional.empty(),
                            Optional.of("down when the node stopped"));
                    case DEGRADED -> new LineHealth(LineHealth.Status.DEGRADED, 0, Optional.empty(), Optional.empty());
                    case UP -> LineHealth.unchecked();
                }).orElse(LineHealth.unchecked());
    }

    /** A change of a line's health. */
    public record HealthChange(String line, LineHealth.Status status, Instant at, String detail) {}

    /** The line's health history, newest first. */
    public List<HealthChange> healthHistory(String lineId, int limit) {
        Line line = lines.require(lineId);
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM hotline_health WHERE line = :l ORDER BY seq "
                + "DESC LIMIT :n").bind("l", line.id()).bind("n", Math.max(1, Math.min(limit, 1000))).map((rs, ctx) ->
                new HealthChange(rs.getString("line"), LineHealth.Status.valueOf(rs.getString("status")),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getString("detail"))).list());
    }
}
