package io.liaison.hotline;

import io.liaison.core.decision.Decision;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.hotline.HotlineRules;
import io.liaison.core.hotline.Precedence;
import io.liaison.core.hotline.TrackFusion;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.federation.Federation;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.release.Receipt;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live missile tracks on hotline lines.
 *
 * <ul>
 *   <li>A duty officer of a line publishes updates; each is checked like a message (R27) and kept as this party's
 *       view of the track. The first update of a track is a new launch: it is recorded, audited, and announced at
 *       once by a FLASH message on the line with a one-line summary.
 *   <li>Updates travel to the other end in signed batches, one batch in flight per line, so each track's updates
 *       arrive in order. While a batch is in flight, newer updates of the same track replace older queued ones:
 *       a slow link gets each track's latest state, not a backlog.
 *   <li>The receiver marks each update in its own policy, keeps it as the sender's view unless it already holds a
 *       newer one, and passes it to its consumers' {@link Feed}s, which conflate the same way.
 *   <li>{@link #picture} gives each party's view of every track and the fused tracks, which name what each
 *       party's sensor contributed.
 * </ul>
 *
 * Tracks are live state, held in memory; only each track's start is stored (and audited). A track not updated for
 * two hours has ended and leaves the picture.
 */
public final class Tracks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tracks.class);
    static final int MAX_BATCH = 2_000;
    /** A track not updated for this long has ended: it leaves the picture. */
    static final java.time.Duration ENDED = java.time.Duration.ofHours(2);

    private final Lines lines;
    private final Messages messages;
    private final HotlineAccess access;
    private final Database database;
    private final AuditLog audit;
    private final Federation federation;
    private final HotlineEvents events;
    private final Clock clock;
    private final Map<Key, Held> picture = new ConcurrentHashMap<>();
    private final Map<String, Outbound> outbound = new ConcurrentHashMap<>();
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();

    /** A track of a party on a line. */
    public record Key(String line, Party party, String trackId) {}

    /** A party's latest update of a track, classified in this node's policy, and its marking. */
    public record Held(String line, Party party, TrackUpdate update, String marking) {
        Key key() {
            return new Key(line, party, update.trackId());
        }
    }

    Tracks(Lines lines, Messages messages, HotlineAccess access, Database database, AuditLog audit, Federation federation,
            HotlineEvents events, Clock clock) {
        this.lines = lines;
        this.messages = messages;
        this.access = access;
        this.database = database;
        this.audit = audit;
        this.federation = federation;
        this.events = events;
        this.clock = clock;
    }

    void start(Line line) {
        outbound.computeIfAbsent(line.id(), id -> new Outbound(line));
    }

    /**
     * Publishes this party's updates on a line; returns how many were newer than what it held. The first update of
     * a track also sends a FLASH message on the line.
     */
    public int publish(User user, String lineId, List<TrackUpdate> updates) {
        Line line = lines.require(lineId);
        if (!user.facilityActive() || !user.has(io.liaison.node.accounts.Role.DUTY_OFFICER)
                || !line.dutyOfficers().contains(user.name())) {
            throw new ForbiddenException("NOT_LINE_DUTY_OFFICER", "user " + user.name() + " is not a duty officer of line "
                    + line.id() + "; only they share tracks on it");
        }
        if (updates.isEmpty() || updates.size() > MAX_BATCH) {
            throw new InvalidInputException("TRACKS_INVALID", "send 1 to " + MAX_BATCH + " track updates at once, not "
                    + updates.size());
        }
        HotlineRules rules = access.rules();
        Instant now = clock.instant();
        SecurityPolicy policy = access.policy();
        Map<String, Decision> decided = new HashMap<>();
        for (TrackUpdate u : updates) {
            Decision d = decided.computeIfAbsent(u.classification(), c -> {
                if (policy.classification(c).isEmpty()) {
                    throw new InvalidInputException("CLASSIFICATION_UNKNOWN", "classification '" + c + "' is not a level of "
                            + "policy " + policy.id() + " (levels: " + policy.levelNames() + ")");
                }
                SecurityLabel label = HotlineAccess.label(policy, c, access.self(), Instant.EPOCH);
                Decision read = rules.mayRead(user.reader(), true, label);
                return read.allowed() ? rules.traffic(line.agreement(), access.self(), line.peer(), label, now) : read;
            });
            if (!d.allowed()) {
                throw new ForbiddenException(d.code().name(), "track " + u.trackId() + ": " + d.message() + " (" + d.rule()
                        + ")");
            }
        }
        Outbound out = outbound.get(line.id());
        List<Held> taken = new ArrayList<>();
        for (TrackUpdate u : updates) {
            Held h = new Held(line.id(), access.self(), u, access.self().code() + " / " + u.classification());
            Optional<Boolean> applied = accept(h);
            if (applied.isEmpty()) {
                continue;
            }
            taken.add(h);
            if (applied.get() && started(h, user.name())) {
                messages.send(user, new Messages.Outgoing(line.id(), Precedence.FLASH, u.classification(), u.summary(),
                        List.of(), Optional.empty()));
            }
            out.offer(u);
        }
        offer(taken);
        return taken.size();
    }

    /** Passes updates taken into the picture to every consumer's feed, once per feed. */
    private void offer(List<Held> taken) {
        if (!taken.isEmpty()) {
            for (Feed f : feeds) {
                f.offerAll(taken);
            }
        }
    }

    /** Keeps {@code h} unless a newer update of its track is held; empty if ignored, else whether the track is new. */
    private Optional<Boolean> accept(Held h) {
        boolean[] fresh = {false};
        boolean[] applied = {false};
        picture.compute(h.key(), (k, old) -> {
            if (old == null || h.update().time().isAfter(old.update().time())) {
                fresh[0] = old == null;
                applied[0] = true;
                return h;
            }
            return old;
        });
        return applied[0] ? Optional.of(fresh[0]) : Optional.empty();
    }

    /** Records a track's first sighting once (across restarts too); true if it was not recorded before. */
    private boolean started(Held h, String by) {
        boolean known = database.jdbi().withHandle(x -> x.createQuery("SELECT COUNT(*) FROM track_starts WHERE line = :l AND "
                + "party = :p AND track_id = :t").bind("l", h.line()).bind("p", h.party().code())
                .bind("t", h.update().trackId()).mapTo(Long.class).one()) > 0;
        if (known) {
            return false;
        }
        String summary = h.update().summary();
        Line line = lines.require(h.line());
        database.useTransaction(tx -> {
            tx.sql().createUpdate("INSERT INTO track_starts (line, party, track_id, first_seen, summary) VALUES (:l, :p, :t, :at, "
                    + ":s)").bind("l", h.line()).bind("p", h.party().code()).bind("t", h.update().trackId())
                    .bind("at", clock.millis()).bind("s", summary.length() > 1000 ? summary.substring(0, 1000) : summary)
                    .execute();
            audit.append(tx, new AuditEvent(by, "track.started", h.update().trackId(), HotlineAccess.traffic(line,
                    h.update().classification()), "ALARM", "LAUNCH_TRACK", "R24", Map.of("line", h.line(), "party", h.party().code(), "summary", summary,
                    "marking", h.marking())));
        });
        audit.sequenceSoon();
        return true;
    }

    /** Track updates from the other end of a line. */
    Receipt onUpdates(VerifiedEnvelope v) {
        Wire.Tracks batch;
        try {
            batch = Wire.Tracks.parse(v.body());
        } catch (InvalidInputException e) {
            return Receipt.refused(v.id(), "BODY_INVALID", "R26", e.getMessage());
        }
        Optional<Line> line = lines.all().stream().filter(l -> l.id().equals(batch.line()) && l.peer().equals(v.from()))
                .findFirst();
        if (line.isEmpty() || batch.updates() == null || batch.updates().size() > MAX_BATCH) {
            return Receipt.refused(v.id(), "LINE_UNKNOWN", "R26", "line " + batch.line()
                    + " is not a line of " + access.self() + " with " + v.from() + ", or the batch is over "
                    + MAX_BATCH);
        }
        HotlineRules rules = access.rules();
        Instant now = clock.instant();
        Optional<SecurityPolicy> theirs = access.policyOf(line.get(), v.from());
        Map<String, Optional<HotlineRules.Marking>> marks = new HashMap<>();
        List<Held> taken = new ArrayList<>();
        int refused = 0;
        for (TrackUpdate u : batch.updates()) {
            Optional<HotlineRules.Marking> m = marks.computeIfAbsent(u.classification(), c -> {
                if (theirs.isEmpty() || theirs.get().classification(c).isEmpty()) {
                    return Optional.empty();
                }
                SecurityLabel label = HotlineAccess.label(theirs.get(), c, v.from(), Instant.EPOCH);
                return rules.traffic(line.get().agreement(), v.from(), access.self(), label, now).allowed()
                        ? Optional.of(rules.mark(line.get().agreement(), v.from(), access.self(), label, now))
                        : Optional.empty();
            });
            if (m.isEmpty()) {
                refused++;
                continue;
            }
            TrackUpdate mine = new TrackUpdate(u.trackId(), u.time(), u.position(), u.velocity(), u.launchPoint(),
                    u.impactPoint(), u.impactUncertainty(), u.sensor(), u.quality(), m.get().label().classification());
            Held h = new Held(line.get().id(), v.from(), mine, m.get().marking());
            Optional<Boolean> applied = accept(h);
            if (applied.isPresent()) {
                taken.add(h);
                if (applied.get()) {
                    started(h, "peer:" + v.from().code());
                }
            }
        }
        offer(taken);
        int accepted = taken.size();
        return new Receipt(v.id().toString(), Receipt.STORED, null, null, "TRACKS_RECEIVED", "R27", accepted
                + " update(s) taken, " + refused + " refused", Map.of("accepted", Integer.toString(accepted), "refused",
                Integer.toString(refused)));
    }

    /** Each party's view of each track on a line that {@code user} may read, and the fused tracks (R9). */
    public record Picture(String line, List<Held> views, List<TrackFusion.Fused> fused) {}

    public Picture picture(User user, String lineId) {
        Line line = lines.require(lineId);
        if (!access.onDuty(user, line)) {
            throw new ForbiddenException("NO_OFFICIAL_NEED", "user " + user.name() + " is neither a duty officer of line "
                    + line.id() + " nor a security officer (R9)");
        }
        Instant ended = clock.instant().minus(ENDED);
        picture.values().removeIf(h -> h.update().time().isBefore(ended));
        List<Held> views = picture.values().stream().filter(h -> h.line().equals(line.id())
                && access.mayRead(user, line, h.update().classification()))
                .sorted(java.util.Comparator.comparing((Held h) -> h.party().code()).thenComparing(h -> h.update().trackId()))
                .toList();
        return new Picture(line.id(), views, TrackFusion.fuse(views.stream().map(h -> new TrackFusion.View(h.party(),
                h.update())).toList()));
    }

    /**
     * A consumer's feed of the track updates on a line that pass {@code filter}. It holds at most one update per
     * track: a consumer that falls behind gets each track's latest state, never one older than it already has.
     */
    public Feed subscribe(String lineId, Predicate<Held> filter) {
        Line line = lines.require(lineId);
        Feed f = new Feed(h -> h.line().equals(line.id()) && filter.test(h));
        feeds.add(f);
        return f;
    }

    /** See {@link #subscribe}. */
    public final class Feed implements AutoCloseable {
        private final Predicate<Held> filter;
        private final LinkedHashMap<Key, Held> pending = new LinkedHashMap<>();
        private final Map<Key, Instant> delivered = new HashMap<>();
        private long conflated;
        private boolean closed;

        private Feed(Predicate<Held> filter) {
            this.filter = filter;
        }

        synchronized void offerAll(List<Held> updates) {
            int before = pending.size();
            boolean any = false;
            for (Held h : updates) {
                any |= offer(h);
            }
            if (any || pending.size() != before) {
                notifyAll();
            }
        }

        /** Queues {@code h} unless this consumer has or holds a newer update of its track; true if queued. */
        private boolean offer(Held h) {
            if (closed || !filter.test(h)) {
                return false;
            }
            Instant last = delivered.get(h.key());
            if (last != null && !h.update().time().isAfter(last)) {
                return false;
            }
            Held queued = pending.get(h.key());
            if (queued != null) {
                if (!h.update().time().isAfter(queued.update().time())) {
                    return false;
                }
                conflated++;
            }
            pending.put(h.key(), h);
            return true;
        }

        /** The updates waiting, at most one per track, waiting up to {@code millis} for one; empty when closed. */
        public synchronized List<Held> take(long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (pending.isEmpty() && !closed) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return List.of();
                }
                wait(left);
            }
            List<Held> out = new ArrayList<>(pending.values());
            pending.clear();
            for (Held h : out) {
                delivered.put(h.key(), h.update().time());
            }
            return out;
        }

        /** How many updates were replaced by a newer one before this consumer took them. */
        public synchronized long conflated() {
            return conflated;
        }

        @Override
        public synchronized void close() {
            closed = true;
            feeds.remove(this);
            notifyAll();
        }
    }

    /** The updates of one line on their way to the other end: the latest per track, one batch in flight. */
    private final class Outbound {
        private final NewestLane<String, TrackUpdate> lane;

        Outbound(Line line) {
            this.lane = new NewestLane<>("hotline-" + line.id() + "-tracks", TrackUpdate::trackId, TrackUpdate::time,
                    MAX_BATCH, batch -> NewestLane.send(federation, line, EnvelopeType.TRACK_UPDATES,
                            new Wire.Tracks(line.id(), batch).toJson()).failure());
        }

        void offer(TrackUpdate u) {
            lane.offer(u);
        }
    }

    @Override
    public void close() {
        for (Outbound o : outbound.values()) {
            o.lane.stop();
        }
        for (Feed f : feeds) {
            f.close();
        }
    }
}
