package io.liaison.hotline;

import io.liaison.core.hotline.LineHealth;
import io.liaison.federation.Federation;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.transport.FederationListener;
import io.liaison.node.Node;
import io.liaison.node.accounts.User;
import io.liaison.node.items.Attachment;
import io.liaison.node.store.Migrations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hotline of a node (R23-R27), wired with constructors over the node and its federation, from parts that each
 * own one capability:
 *
 * <ul>
 *   <li>{@link Lines}: the lines, added by an admin;
 *   <li>{@link Messages}: sending, receiving, acknowledging and reading messages;
 *   <li>{@link Sender}: delivery by precedence, one lane per precedence (R24);
 *   <li>{@link Escalation}: alarms when an acknowledgement is late, a line is down or a military aircraft's
 *       clearance is not answered in time (R25, R26, R31);
 *   <li>{@link LineMonitor}: each line's health (R26);
 *   <li>{@link Tracks}: live missile tracks;
 *   <li>{@link Maritime}, {@link MaritimeShares}, {@link MaritimeReports}: the maritime picture, its shares on
 *       lines and the reports of suspect activity (R33).
 * </ul>
 *
 * It registers with the node's disclosure the records it owns, so that an audit entry about a message is shown only
 * to those who may read the message (R10), and runs the monitor that checks lines and escalations.
 */
public final class Hotline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hotline.class);

    /**
     * @param checkEvery how often each line is checked (R26) and, every second, acknowledgement objectives (R25); zero:
     *     neither runs by itself, and the caller runs {@link LineMonitor#checkLines} and
     *     {@link Escalation#checkEscalations} (a node on a simulated clock, a test)
     * @param receivePacing a pause per message received, which makes this node a slow consumer (benchmarks)
     */
    public record Options(Duration checkEvery, Duration receivePacing) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ZERO);
        }
    }

    private final Options options;
    private final Clock realTime;
    private final Lines lines;
    private final HotlineAccess access;
    private final HotlineEvents events = new HotlineEvents();
    private final Sender sender;
    private final Messages messages;
    private final Escalation escalation;
    private final LineMonitor monitor;
    private final Tracks tracks;
    private final Maritime maritime;
    private final MaritimeShares shares;
    private final MaritimeReports reports;
    private final AisFeeds feeds;
    private final Runnable unlistenAircraft;
    private volatile Optional<Thread> monitorThread = Optional.empty();
    private volatile boolean leads;
    private volatile boolean running = true;
    /** What {@link #close} notifies; the monitor waits on it rather than being interrupted mid-commit. */
    private final Object stop = new Object();

    private Hotline(Node node, Federation federation, Options options, Clock realTime) {
        Migrations.migrate(node.database().dataSource(), "hotline");
        this.options = options;
        this.realTime = realTime;
        HotlineAccess[] a = {null};
        this.lines = new Lines(node.database(), node.audit(), node.clock(), node.party(),
                p -> federation.peers().find(p).isPresent(), () -> a[0].rules(), node.signals());
        this.access = new HotlineAccess(node.agreements(), lines, node.party(), node::policy);
        a[0] = access;
        Messages[] m = {null};
        this.sender = new Sender(node.database().jdbi(), node.audit(), federation, events, node.clock(), realTime,
                rs -> m[0].body(rs), node.leadership(), node.signals());
        this.messages = new Messages(node.database(), node.audit(), node.cipher(), federation.sealer(), lines, access,
                events, sender, node.clock(), options.receivePacing());
        m[0] = messages;
        this.escalation = new Escalation(node.database(), node.audit(), lines, access, events, node.clock(),
                node.leadership()::fence);
        this.monitor = new LineMonitor(node.database(), node.audit(), lines, sender, escalation, events, node.party(),
                node.clock(), realTime, node.leadership()::fence);
        events.replicate(node.signals(), messages::find, escalation::alarm);
        this.tracks = new Tracks(lines, messages, access, node.database(), node.audit(), federation, events, node.clock());
        this.maritime = new Maritime(lines, access, node.clock());
        this.shares = new MaritimeShares(maritime, lines, access, node.database(), node.audit(), federation,
                node.clock(), name -> node.accounts().find(name));
        this.reports = new MaritimeReports(maritime, node.items(), access, node.database(), node.clock());
        this.feeds = new AisFeeds(maritime);
        this.unlistenAircraft = node.aircraft().onOverdue(escalation::aircraftLate);
        // Among replicas, the leader alone sends, checks lines and escalates; the others serve their users.
        lines.onAdded(l -> {
            monitor.added(l);
            sender.start(l);
            if (leads) {
                tracks.start(l);
            }
        });
        lines.all().forEach(sender::start);
        node.disclosure().register(HotlineAccess.MESSAGE, messages::mayRead);
        node.disclosure().register(HotlineAccess.TRAFFIC, access::mayReadTraffic);
        federation.hotline(new FederationListener.Receiver() {
            @Override
            public byte[] handle(VerifiedEnvelope v) {
                return Hotline.this.handle(v);
            }

            @Override
            public List<byte[]> handleAll(List<VerifiedEnvelope> envelopes) {
                return Hotline.this.handleAll(envelopes);
            }
        });
        if (node.leadership().leading()) {
            lead();
        }
    }

    /**
     * This replica leads from now on (a node without replicas leads from the start): its lanes send what is queued,
     * its tracks go out, and it checks the lines and escalates. Call it after the federation's {@code lead()}.
     */
    public synchronized void lead() {
        if (leads || !running) {
            return;
        }
        leads = true;
        sender.lead();
        lines.all().forEach(tracks::start);
        monitorThread = Optional.of(Thread.ofPlatform().daemon().name("liaison-hotline-monitor").start(this::watch));
    }

    /** Whether this replica leads: it sends, checks the lines and escalates (a node without replicas always does). */
    public boolean leads() {
        return leads;
    }

    /** Starts the hotline of {@code node} over its running {@code federation}. */
    public static Hotline start(Node node, Federation federation, Options options) {
        return new Hotline(node, federation, options, Clock.systemUTC());
    }

    /** As above; {@code realTime} measures round trips and backs off retries, even when the node's clock is simulated. */
    public static Hotline start(Node node, Federation federation, Options options, Clock realTime) {
        return new Hotline(node, federation, options, realTime);
    }

    public static Hotline start(Node node, Federation federation) {
        return start(node, federation, Options.defaults());
    }

    private void watch() {
        long lastCheck = realTime.millis();
        while (running && !options.checkEvery().isZero()) {
            try {
                synchronized (stop) {
                    if (running) {
                        stop.wait(1_000);
                    }
                }
                if (!running) {
                    return;
                }
                escalation.checkEscalations();
                long every = monitor.anyFailing() ? Math.min(options.checkEvery().toMillis(),
                        LineMonitor.RECHECK_EVERY.toMillis()) : options.checkEvery().toMillis();
                if (realTime.millis() - lastCheck >= every) {
                    lastCheck = realTime.millis();
                    monitor.checkLines();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("hotline monitor round failed, will retry: {}", e.toString());
            }
        }
    }

    private byte[] handle(VerifiedEnvelope v) {
        return switch (v.type()) {
            case HOTLINE_MESSAGE -> messages.receive(List.of(v)).getFirst();
            case HOTLINE_ACK -> messages.sealed(v, messages.onAck(v));
            case HOTLINE_CHECK -> messages.sealed(v, monitor.onCheck(v));
            case TRACK_UPDATES -> messages.sealed(v, tracks.onUpdates(v));
            case MARITIME_CONTACTS -> messages.sealed(v, maritime.onContacts(v));
            default -> throw new IllegalArgumentException("not a hotline envelope: " + v.type());
        };
    }

    private List<byte[]> handleAll(List<VerifiedEnvelope> envelopes) {
        if (envelopes.stream().allMatch(v -> v.type() == EnvelopeType.HOTLINE_MESSAGE)) {
            return messages.receive(envelopes);
        }
        List<byte[]> out = new ArrayList<>();
        for (VerifiedEnvelope v : envelopes) {
            out.add(handle(v));
        }
        return out;
    }

    public Lines lines() {
        return lines;
    }

    public Messages messages() {
        return messages;
    }

    public Escalation escalation() {
        return escalation;
    }

    public LineMonitor monitor() {
        return monitor;
    }

    public Tracks tracks() {
        return tracks;
    }

    /** The maritime picture (R33). */
    public Maritime maritime() {
        return maritime;
    }

    /** Shares of the maritime picture on lines (R33). */
    public MaritimeShares maritimeShares() {
        return shares;
    }

    /** Reports of suspect activity at sea, filed as items (R33). */
    public MaritimeReports maritimeReports() {
        return reports;
    }

    /** The node's live AIS feeds (UDP, TCP), started by the composition root. */
    public AisFeeds aisFeeds() {
        return feeds;
    }

    public HotlineEvents events() {
        return events;
    }

    /** Whether {@code user} has an official need on {@code line}: one of its duty officers, or a security officer. */
    public boolean onDuty(User user, Line line) {
        return access.onDuty(user, line);
    }

    /** Whether {@code user} may read traffic of {@code classification} (this node's policy) on {@code line}. */
    public boolean mayRead(User user, Line line, String classification) {
        return access.mayRead(user, line, classification);
    }

    /** The lines {@code user} has an official need on. */
    public List<Line> linesOnDuty(User user) {
        return lines.all().stream().filter(l -> access.onDuty(user, l)).toList();
    }

    /**
     * A line as one of its officers sees it: health, messages queued to the other end and received but not yet
     * acknowledged, by precedence, the latency of the latest 10,000 sent, and the open alarms, every count over the
     * messages and alarms that officer may read (R10).
     */
    public record LineStatus(Line line, LineHealth health, Map<io.liaison.core.hotline.Precedence, Integer> queued,
            Map<io.liaison.core.hotline.Precedence, Integer> unacknowledged,
            Map<io.liaison.core.hotline.Precedence, Messages.Latency> latency, int openAlarms) {}

    /** The status of every line {@code user} has an official need on. */
    public List<LineStatus> status(User user) {
        List<LineStatus> out = new ArrayList<>();
        for (Line l : linesOnDuty(user)) {
            Messages.Traffic t = messages.traffic(user, l);
            out.add(new LineStatus(l, monitor.health(l.id()), t.queued(), t.unacknowledged(), t.latency(),
                    escalation.openAlarms(user, l)));
        }
        return out;
    }

    // Shorthands for the calls duty officers make most; each part has the rest.

    public Line addLine(User admin, Line line) {
        return lines.add(admin, line);
    }

    public Line line(String id) {
        return lines.require(id);
    }

    public HotlineMessage send(User user, Messages.Outgoing m) {
        return messages.send(user, m);
    }

    public HotlineMessage ack(User user, String messageId) {
        return messages.ack(user, messageId);
    }

    public HotlineMessage readable(User user, String id) {
        return messages.readable(user, id);
    }

    public Attachment file(User user, String id, String name) {
        return messages.file(user, id, name);
    }

    public List<HotlineMessage> messages(User user, String lineId, boolean unacknowledgedOnly, int limit) {
        return messages.messages(user, lineId, unacknowledgedOnly, limit);
    }

    /** A page of a line's messages older than message {@code before}. */
    public List<HotlineMessage> messages(User user, String lineId, boolean unacknowledgedOnly, int limit,
            Optional<String> before) {
        return messages.messages(user, lineId, unacknowledgedOnly, limit, before);
    }

    public List<Alarm> alarms(User user, boolean all) {
        return escalation.alarms(user, all);
    }

    public Alarm clear(User user, String alarmId, String note) {
        return escalation.clear(user, alarmId, note);
    }

    public LineHealth health(String lineId) {
        return monitor.health(lineId);
    }

    public void checkLines() {
        monitor.checkLines();
    }

    public int checkEscalations() {
        return escalation.checkEscalations();
    }

    @Override
    public void close() {
        running = false;
        synchronized (stop) {
            stop.notifyAll();
        }
        sender.close();
        tracks.close();
        shares.close();
        feeds.close();
        reports.close();
        unlistenAircraft.run();
        events.close();
        try {
            if (monitorThread.isPresent()) {
                monitorThread.get().join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
