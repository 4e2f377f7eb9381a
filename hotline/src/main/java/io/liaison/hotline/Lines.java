package io.liaison.hotline;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.hotline.HotlineRules;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.party.Party;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Database;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The node's hotline lines: added by an admin (the peer must be one of this node's, the agreement one both parties
 * are party to), kept in the database and cached in memory, since they change rarely. The other parts of the
 * hotline are told of each line added.
 */
public final class Lines {
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final Party self;
    private final Predicate<Party> isPeer;
    private final Supplier<HotlineRules> rules;
    private final Map<String, Line> cache = new ConcurrentHashMap<>();
    private final List<Consumer<Line>> listeners = new CopyOnWriteArrayList<>();

    /** The signal that a replica added a line: the others read it and start serving it. */
    static final String ADDED = "hotline-line";
    private final io.liaison.node.cluster.Signals signals;

    Lines(Database database, AuditLog audit, Clock clock, Party self, Predicate<Party> isPeer,
            Supplier<HotlineRules> rules, io.liaison.node.cluster.Signals signals) {
        this.signals = signals;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.self = self;
        this.isPeer = isPeer;
        this.rules = rules;
        database.jdbi().useHandle(h -> h.createQuery("SELECT * FROM hotline_lines").map((rs, ctx) -> line(rs))
                .forEach(l -> cache.put(l.id(), l)));
        signals.on(ADDED, id -> Thread.ofVirtual().start(() -> addedElsewhere(id)));
    }

    private static Line line(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Line(rs.getString("id"), rs.getString("desk"), Party.of(rs.getString("peer")),
                AgreementId.of(rs.getString("agreement")), split(rs.getString("duty_officers")),
                split(rs.getString("peer_duty_officers")), rs.getString("escalation_contact"),
                Objectives.parse(rs.getString("objectives")));
    }

    /** Another replica added a line: this one serves it too. */
    private synchronized void addedElsewhere(String id) {
        database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM hotline_lines WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> line(rs)).findFirst()).ifPresent(l -> {
                    if (cache.putIfAbsent(l.id(), l) == null) {
                        listeners.forEach(x -> x.accept(l));
                    }
                });
    }

    private static Set<String> split(String csv) {
        return Set.copyOf(Arrays.asList(csv.split(",")));
    }

    /** Tells {@code listener} of every line added from now on. */
    void onAdded(Consumer<Line> listener) {
        listeners.add(listener);
    }

    /** Adds a line (admin); its peer must be a peer of this node and its agreement known to the catalog. */
    public Line add(User admin, Line line) {
        Accounts.requireRole(admin, Set.of(Role.ADMIN));
        if (!isPeer.test(line.peer())) {
            throw new InvalidInputException("PEER_UNKNOWN", "party " + line.peer() + " is not a peer of this node; add it "
                    + "first (liaison peer add)");
        }
        if (line.peer().equals(self)) {
            throw new InvalidInputException("LINE_INVALID", "a line joins this party to another, not to " + self);
        }
        if (rules.get().agreement(line.agreement()).filter(a -> a.isParty(self) && a.isParty(line.peer())).isEmpty()) {
            throw new InvalidInputException("AGREEMENT_UNKNOWN", "agreement " + line.agreement() + " is not one that "
                    + self + " and " + line.peer() + " are both parties to");
        }
        if (cache.containsKey(line.id())) {
            throw new ConflictException("LINE_EXISTS", "line " + line.id() + " already exists");
        }
        database.useTransaction(tx -> {
            tx.sql().createUpdate("INSERT INTO hotline_lines (id, desk, peer, agreement, duty_officers, peer_duty_officers, "
                            + "escalation_contact, objectives, created_at) VALUES (:id, :desk, :peer, :a, :d, :pd, :e, :o, "
                            + ":at)").bind("id", line.id()).bind("desk", line.desk()).bind("peer", line.peer().code())
                    .bind("a", line.agreement()).bind("d", String.join(",", line.dutyOfficers()))
                    .bind("pd", String.join(",", line.peerDutyOfficers())).bind("e", line.escalationContact())
                    .bind("o", line.objectives().written()).bind("at", clock.millis()).execute();
            audit.append(tx, AuditEvent.done(admin.name(), "hotline.line.add", line.id(), Map.of("peer",
                    line.peer().code(), "desk", line.desk(), "agreement", line.agreement().value(), "dutyOfficers",
                    String.join(",", line.dutyOfficers()), "objectives", line.objectives().written())));
        });
        cache.put(line.id(), line);
        audit.sequenceSoon();
        listeners.forEach(l -> l.accept(line));
        signals.publish(ADDED, line.id());
        return line;
    }

    public List<Line> all() {
        return cache.values().stream().sorted(java.util.Comparator.comparing(Line::id)).toList();
    }

    public Optional<Line> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(cache.get(id));
    }

    /** The line, or a 404 naming it and the lines that exist. */
    public Line require(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("LINE_UNKNOWN", "line '" + (id != null && id.length() > 64
                ? id.substring(0, 64) + "…" : id) + "' is not a hotline line of this node" + (cache.isEmpty()
                ? " (it has none)" : " (lines: " + String.join(", ", all().stream().map(Line::id).toList()) + ")")));
    }
}
