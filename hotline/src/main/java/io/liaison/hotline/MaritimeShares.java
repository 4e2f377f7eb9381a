package io.liaison.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.decision.Decision;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.maritime.Contact;
import io.liaison.core.party.Purpose;
import io.liaison.federation.Federation;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standing shares of this party's maritime picture on hotline lines (R33). A line's duty officer shares the picture
 * for a purpose (anti-piracy, sanctions enforcement) at a classification; the share is decided when made (the
 * line's agreement in force between the two parties, covering the level, the purpose within its scope) and again
 * before every batch, so a share stops by itself when its agreement no longer allows it or the officer who made
 * it is no longer an active duty officer of the line. It sends only this party's own contacts, never one received
 * from another party (R6). Contacts then travel in
 * signed batches, one batch in flight per share, the latest contact per MMSI: a slow link gets each vessel's newest
 * position, not a backlog.
 */
public final class MaritimeShares implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaritimeShares.class);

    private final Maritime maritime;
    private final Lines lines;
    private final HotlineAccess access;
    private final Database database;
    private final AuditLog audit;
    private final Federation federation;
    private final Clock clock;
    private final java.util.function.Function<String, Optional<User>> users;
    private final Map<String, Outbound> outbound = new ConcurrentHashMap<>();

    /** A standing share: which line (so which agreement and peer), for which purpose, at which classification. */
    public record Share(String id, String line, Purpose purpose, String classification, String createdBy,
            Instant createdAt, long sent, long refused) {}

    MaritimeShares(Maritime maritime, Lines lines, HotlineAccess access, Database database, AuditLog audit,
            Federation federation, Clock clock, java.util.function.Function<String, Optional<User>> users) {
        this.users = users;
        this.maritime = maritime;
        this.lines = lines;
        this.access = access;
        this.database = database;
        this.audit = audit;
        this.federation = federation;
        this.clock = clock;
        maritime.onTaken(taken -> {
            for (Outbound o : outbound.values()) {
                for (Maritime.Held h : taken) {
                    if (h.line().isEmpty() && h.contact().classification().equals(o.share.classification())) {
                        o.offer(h.contact());
                    }
                }
            }
        });
        database.jdbi().withHandle(h -> h.createQuery("SELECT id, line, purpose, classification, created_by, created_at "
                + "FROM maritime_shares WHERE ended_at IS NULL ORDER BY created_at").map((rs, ctx) -> new Share(
                rs.getString("id"), rs.getString("line"), Purpose.of(rs.getString("purpose")),
                rs.getString("classification"), rs.getString("created_by"), Instant.ofEpochMilli(rs.getLong("created_at")),
                0, 0)).list()).forEach(s -> lines.find(s.line()).ifPresent(l -> outbound.put(s.id(), new Outbound(s, l))));
    }

    /**
     * Shares this party's picture of {@code classification} on {@code lineId} for {@code purpose}: only a duty officer
     * of the line, who may read that classification; refused with the decision's reason when the line's agreement
     * does not allow it (R33). The contacts already held go first.
     */
    public Share share(User user, String lineId, Purpose purpose, String classification) {
        Line line = lines.require(lineId);
        access.requireDutyOfficer(user, line, "share the maritime picture on");
        SecurityLabel label = access.ownLabel(classification, Instant.EPOCH);
        if (!maritime.mayView(user, Optional.empty(), Optional.empty(), classification)) {
            throw new ForbiddenException("CLEARANCE_BELOW_LEVEL", "user " + user.name() + " may not read contacts of "
                    + classification + ", so cannot share them (R9)");
        }
        Instant now = clock.instant();
        Decision d = access.rules().maritime(line.agreement(), access.self(), line.peer(), label, purpose, now);
        String id = UUID.randomUUID().toString();
        database.useTransaction(tx -> {
            if (d.allowed()) {
                tx.sql().createUpdate("INSERT INTO maritime_shares (id, line, purpose, classification, created_by, "
                        + "created_at) VALUES (:id, :l, :p, :c, :by, :at)").bind("id", id).bind("l", line.id())
                        .bind("p", purpose.name()).bind("c", classification).bind("by", user.name())
                        .bind("at", now.toEpochMilli()).execute();
            }
            audit.append(tx, AuditEvent.of(user.name(), "maritime.share", d.allowed() ? id : line.id(),
                    HotlineAccess.traffic(line, classification), d));
        });
        audit.sequenceSoon();
        if (!d.allowed()) {
            throw new ForbiddenException(d.code().name(), d.message() + " (" + d.rule() + ")");
        }
        Share s = new Share(id, line.id(), purpose, classification, user.name(), now, 0, 0);
        Outbound o = new Outbound(s, line);
        outbound.put(id, o);
        maritime.own().stream().filter(c -> c.classification().equals(classification)).forEach(o::offer);
        return s;
    }

    /** Ends a share; only a duty officer of its line. */
    public void end(User user, String id) {
        Outbound o = outbound.get(id);
        if (o == null || !access.onDuty(user, o.line)) {
            throw new NotFoundException("SHARE_NOT_FOUND", "no share " + id + " is in force on a line you are on duty for");
        }
        access.requireDutyOfficer(user, o.line, "end a share on");
        database.useTransaction(tx -> {
            tx.sql().createUpdate("UPDATE maritime_shares SET ended_by = :by, ended_at = :at WHERE id = :id")
                    .bind("by", user.name()).bind("at", clock.millis()).bind("id", id).execute();
            audit.append(tx, new AuditEvent(user.name(), "maritime.share.end", id, HotlineAccess.traffic(o.line,
                    o.share.classification()), "DONE", "SHARE_ENDED", "R33", Map.of("line", o.line.id(), "purpose",
                    o.share.purpose().name())));
        });
        audit.sequenceSoon();
        outbound.remove(id);
        o.stop();
    }

    /** The shares in force on lines {@code user} is on duty for, with what each has sent and had refused. */
    public List<Share> list(User user) {
        return outbound.values().stream().filter(o -> access.onDuty(user, o.line)).map(o -> new Share(o.share.id(),
                o.share.line(), o.share.purpose(), o.share.classification(), o.share.createdBy(), o.share.createdAt(),
                o.sent.get(), o.refused.get())).sorted(java.util.Comparator.comparing(Share::createdAt)).toList();
    }

    /** The contacts of one share on their way: the latest per MMSI, one batch in flight, decided before each. */
    private final class Outbound {
        private final Share share;
        private final Line line;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final NewestLane<Integer, Contact> lane;

        Outbound(Share share, Line line) {
            this.share = share;
            this.line = line;
            this.lane = new NewestLane<>("maritime-" + share.id(), c -> c.mmsi().value(), Contact::time,
                    Maritime.MAX_BATCH, this::deliver);
        }

        void offer(Contact c) {
            lane.offer(c);
        }

        void stop() {
            lane.stop();
        }

        /**
         * Sends a batch if the share is still allowed and the officer who made it is still an active duty officer of
         * the line; a refusal here or at the other end drops it, counted.
         */
        private Optional<String> deliver(List<Contact> batch) throws InterruptedException {
            Optional<User> by = users.apply(share.createdBy());
            if (by.isEmpty() || !by.get().facilityActive() || !by.get().has(io.liaison.node.accounts.Role.DUTY_OFFICER)
                    || !line.dutyOfficers().contains(share.createdBy())) {
                refused.addAndGet(batch.size());
                LOG.warn("maritime share {} on {} sends nothing: {} who made it is no longer an active duty officer of "
                        + "the line; a duty officer ends it or shares anew", share.id(), line.id(), share.createdBy());
                return Optional.empty();
            }
            SecurityLabel label = access.ownLabel(share.classification(), Instant.EPOCH);
            Decision d = access.rules().maritime(line.agreement(), access.self(), line.peer(), label, share.purpose(),
                    clock.instant());
            if (!d.allowed()) {
                refused.addAndGet(batch.size());
                LOG.warn("maritime share {} on {} sends nothing: {} ({})", share.id(), line.id(), d.message(), d.rule());
                return Optional.empty();
            }
            NewestLane.Answer a = NewestLane.send(federation, line, EnvelopeType.MARITIME_CONTACTS, new Wire.Contacts(
                    line.id(), share.id(), share.purpose().name(), batch.stream().map(Wire.Contact::of).toList()).toJson());
            if (a.failure().isPresent()) {
                return a.failure();
            }
            JsonNode json = a.receipt().orElseThrow();
            if ("STORED".equals(json.path("outcome").asText())) {
                sent.addAndGet(batch.size());
            } else {
                refused.addAndGet(batch.size());
                LOG.warn("{} refused maritime contacts of share {}: {} {} {}", line.peer(), share.id(),
                        json.path("code").asText(), json.path("rule").asText(), json.path("reason").asText());
            }
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        outbound.values().forEach(Outbound::stop);
    }
}
