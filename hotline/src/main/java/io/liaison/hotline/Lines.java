package io.liaison.hotline;

import io.liaison.core.error.ConflictException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.party.Party;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The node's hotline lines, in its database and cached in memory (they change rarely). */
final class Lines {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, Line> cache = new ConcurrentHashMap<>();

    Lines(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        jdbi.useHandle(h -> h.createQuery("SELECT * FROM hotline_lines").map((rs, ctx) -> new Line(rs.getString("id"),
                rs.getString("desk"), Party.of(rs.getString("peer")), rs.getString("agreement"),
                split(rs.getString("duty_officers")), split(rs.getString("peer_duty_officers")),
                rs.getString("escalation_contact"), Objectives.parse(rs.getString("objectives"))))
                .forEach(l -> cache.put(l.id(), l)));
    }

    private static Set<String> split(String csv) {
        return Set.copyOf(Arrays.asList(csv.split(",")));
    }

    /** Adds a line in the caller's transaction; its id must be new. */
    void add(Handle h, Line line) {
        if (cache.containsKey(line.id())) {
            throw new ConflictException("LINE_EXISTS", "line " + line.id() + " already exists");
        }
        h.createUpdate("INSERT INTO hotline_lines (id, desk, peer, agreement, duty_officers, peer_duty_officers, "
                        + "escalation_contact, objectives, created_at) VALUES (:id, :desk, :peer, :a, :d, :pd, :e, :o, :at)")
                .bind("id", line.id()).bind("desk", line.desk()).bind("peer", line.peer().code())
                .bind("a", line.agreement()).bind("d", String.join(",", line.dutyOfficers()))
                .bind("pd", String.join(",", line.peerDutyOfficers())).bind("e", line.escalationContact())
                .bind("o", line.objectives().written()).bind("at", clock.millis()).execute();
    }

    /** Makes an added line visible once its transaction committed. */
    void committed(Line line) {
        cache.put(line.id(), line);
    }

    List<Line> all() {
        return cache.values().stream().sorted(java.util.Comparator.comparing(Line::id)).toList();
    }

    Optional<Line> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(cache.get(id));
    }

    /** The line, or a 404 naming it and the lines that exist. */
    Line require(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("LINE_UNKNOWN", "line '" + id + "' is not a hotline "
                + "line of this node" + (cache.isEmpty() ? " (it has none)" : " (lines: " + String.join(", ",
                all().stream().map(Line::id).toList()) + ")")));
    }
}
