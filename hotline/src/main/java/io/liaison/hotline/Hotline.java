package io.liaison.hotline;

import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.Decision;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.hotline.HotlineRules;
import io.liaison.core.hotline.LineHealth;
import io.liaison.core.hotline.Precedence;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.federation.Federation;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.release.Receipt;
import io.liaison.federation.transport.FederationListener;
import io.liaison.node.Node;
import io.liaison.node.accounts.Accounts;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.crypto.ItemCipher;
import io.liaison.node.items.Attachment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hotline of a node (R23-R27), wired with constructors over the node and its federation.
 *
 * <ul>
 *   <li><b>Sending.</b> A duty officer of a line sends a message with a precedence and a classification in this
 *       node's policy; classified traffic needs the line's agreement in force and covering the level, unclassified
 *       traffic none (R27). The message is stored and audited in one transaction, then delivered by the line's
 *       {@link Sender}, highest precedence first (R24).
 *   <li><b>Receiving.</b> A message from the line's peer is checked the same way, marked in this node's policy
 *       (R3), stored once (a resend gets the same receipt) and answered with a signed delivery receipt.
 *   <li><b>Acknowledging.</b> Only a duty officer of the line acknowledges; the acknowledgement goes back to the
 *       sender, which records the latency from sending (R26).
 *   <li><b>Escalating.</b> A message not acknowledged within its precedence's objective raises an alarm at both
 *       ends (R25): to the sender and the escalation contact at the sending node, to the security officers and
 *       duty officers at the receiving node. Alarms stay until cleared.
 *   <li><b>Health.</b> Each end checks each line with signed envelopes; every change of UP, DEGRADED or DOWN is
 *       recorded and audited, DOWN raises an alarm, and recovery wakes the queues (R26).
 * </ul>
 */
public final class Hotline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hotline.class);
    /** Text of a message, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    public static final int MAX_FILES = 4;
    public static final int MAX_FILE_BYTES = 256 * 1024;

    /**
     * @param checkEvery how often each line is checked (R26) and, every second, acknowledgement objectives (R25) by
     *     each line's own objectives; zero:
     *     neither runs by itself, and the caller runs {@link #checkLines} and {@link #checkEscalations} (a node on
     *     a simulated clock, a test)
     * @param receivePacing a pause per message received, which makes this node a slow consumer (benchmarks)
     */
    public record Options(Duration checkEvery, Duration receivePacing) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ZERO);
        }
    }

    private final Node node;
    private final Federation federation;
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Party self;
    private final Clock clock;
    private final Options options;
    private final Lines lines;
    private final HotlineEvents events = new HotlineEvents();
    private final Sender sender;
    private final Tracks tracks;
    private final Map<String, LineHealth> health = new ConcurrentHashMap<>();
    private final Thread monitor;
    private volatile boolean running = true;
    /** What {@link #close} notifies; the monitor waits on it rather than being interrupted mid-commit. */
    private final Object stop = new Object();
    private volatile Rules rules;

    private record Rules(Catalog catalog, HotlineRules rules) {}

    private Hotline(Node node, Federation federation, Options options) {
        this.node = node;
        this.federation = federation;
        this.jdbi = node.database().jdbi();
        this.audit = node.audit();
        this.self = node.party();
        this.clock = node.clock();
        this.options = options;
        this.lines = new Lines(jdbi, clock);
        for (Line l : lines.all()) {
            health.put(l.id(), lastHealth(l.id()));
        }
        this.sender = new Sender(jdbi, audit, federation, events, clock, this::body);
        this.tracks = new Tracks(this, federation, events, clock);
        lines.all().forEach(l -> {
            sender.start(l);
            tracks.start(l);
        });
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
        this.monitor = Thread.ofPlatform().daemon().name("liaison-hotline-monitor").start(this::monitor);
    }

    /** Starts the hotline of {@code node} over its running {@code federation}. */
    public static Hotline start(Node node, Federation federation, Options options) {
        return new Hotline(node, federation, options);
    }

    public static Hotline start(Node node, Federation federation) {
        return start(node, federation, Options.defaults());
    }

    private void monitor() {
        long lastCheck = System.nanoTime();
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
                checkEscalations();
                if (System.nanoTime() - lastCheck >= options.checkEvery().toNanos()) {
                    lastCheck = System.nanoTime();
                    checkLines();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("hotline monitor round failed, will retry: {}", e.toString());
            }
        }
    }

    HotlineRules rules() {
        Catalog c = node.agreements().catalog();
        Rules r = rules;
        if (r == null || r.catalog() != c) {
            r = new Rules(c, new HotlineRules(c));
            rules = r;
        }
        return r.rules();
    }

    // ---- lines ----

    /** Adds a line (admin); its peer must be a peer of this node and its agreement known to the catalog. */
    public Line addLine(User admin, Line line) {
        Accounts.requireRole(admin, Set.of(Role.ADMIN));
        if (federation.peers().find(line.peer()).isEmpty()) {
            throw new InvalidInputException("PEER_UNKNOWN", "party " + line.peer() + " is not a peer of this node; add it "
                    + "first (liaison peer add)");
        }
        if (line.peer().equals(self)) {
            throw new InvalidInputException("LINE_INVALID", "a line joins this party to another, not to " + self);
        }
        if (rules().agreement(line.agreement()).filter(a -> a.isParty(self) && a.isParty(line.peer())).isEmpty()) {
            throw new InvalidInputException("AGREEMENT_UNKNOWN", "agreement " + line.agreement() + " is not one that "
                    + self + " and " + line.peer() + " are both parties to");
        }
        jdbi.useTransaction(h -> {
            lines.add(h, line);
            audit.append(h, AuditEvent.done(admin.name(), "hotline.line.add", line.id(), Map.of("peer",
                    line.peer().code(), "desk", line.desk(), "agreement", line.agreement(), "dutyOfficers",
                    String.join(",", line.dutyOfficers()), "objectives", line.objectives().written())));
        });
        lines.committed(line);
        audit.sequenceSoon();
        health.put(line.id(), LineHealth.unchecked());
        sender.start(line);
        tracks.start(line);
        return line;
    }

    public List<Line> lines() {
        return lines.all();
    }

    public Line line(String id) {
        return lines.require(id);
    }

    /** The line's current health. */
    public LineHealth health(String lineId) {
        return health.getOrDefault(lines.require(lineId).id(), LineHealth.unchecked());
    }

    // ---- sending ----

    /** What a duty officer sends. */
    public record Outgoing(String line, Precedence precedence, String classification, String text,
            List<Attachment> files, Optional<String> replyTo) {
        public Outgoing {
            files = files == null ? List.of() : List.copyOf(files);
            replyTo = replyTo == null ? Optional.empty() : replyTo;
        }
    }

    /**
     * Sends a message: refused with the reason (and audited) when the sender is not a duty officer of the line,
     * the classification is not one of this node's policy or above the sender's clearance, the message is too
     * large, or the agreement does not allow classified traffic now (R27, R2, R18).
     */
    public HotlineMessage send(User user, Outgoing m) {
        Line line = lines.require(m.line());
        requireDutyOfficer(user, line, "send on");
        byte[] text = m.text() == null ? new byte[0] : m.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (text.length == 0 && m.files().isEmpty()) {
            throw new InvalidInputException("TEXT_MISSING", "a message needs text or a file");
        }
        if (text.length > MAX_TEXT_BYTES) {
            throw new InvalidInputException("MESSAGE_TOO_LARGE", "the text is " + text.length + " bytes, over the limit "
                    + "of " + MAX_TEXT_BYTES);
        }
        if (m.files().size() > MAX_FILES) {
            throw new InvalidInputException("MESSAGE_TOO_LARGE", m.files().size() + " files is over the limit of "
                    + MAX_FILES);
        }
        for (Attachment a : m.files()) {
            if (a.data().length > MAX_FILE_BYTES) {
                throw new InvalidInputException("MESSAGE_TOO_LARGE", "file " + a.name() + " is " + a.data().length
                        + " bytes, over the limit of " + MAX_FILE_BYTES);
            }
        }
        Instant now = clock.instant();
        SecurityLabel label = ownLabel(m.classification(), self, now);
        HotlineRules r = rules();
        Decision cleared = r.mayRead(user.name(), user.clearance(), true, label);
        if (!cleared.allowed()) {
            refuse(user, line, m.precedence(), cleared);
        }
        Decision d = r.traffic(line.agreement(), self, line.peer(), label, now);
        if (!d.allowed()) {
            refuse(user, line, m.precedence(), d);
        }
        if (m.replyTo().isPresent() && jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM hotline_messages WHERE "
                + "id = :id AND line = :l").bind("id", m.replyTo().get()).bind("l", line.id()).mapTo(Long.class).one()) == 0) {
            throw new InvalidInputException("REPLY_UNKNOWN", "message " + m.replyTo().get() + " is not a message of line "
                    + line.id() + "; a reply refers to one");
        }
        String id = UUID.randomUUID().toString();
        long objective = line.objectives().of(m.precedence()).toMillis();
        Wire.Message body = new Wire.Message(id, line.id(), m.precedence().name(), user.name(), node.policy().id(),
                label.classification(), m.text() == null ? "" : m.text(), m.files().stream().map(a ->
                new Wire.File(a.name(), a.mediaType(), a.data())).toList(), m.replyTo().orElse(null), now.toEpochMilli(),
                objective);
        String marking = self.code() + " / " + label.classification();
        jdbi.useTransaction(h -> {
            insert(h, body, "OUT", "QUEUED", self, marking, label.classification(), null);
            audit.append(h, new AuditEvent(user.name(), "hotline.send", id, d.outcome().name(), d.code().name(), d.rule(),
                    Map.of("line", line.id(), "precedence", m.precedence().name(), "classification",
                            label.classification(), "to", line.peer().code())));
        });
        audit.sequenceSoon();
        sender.queued(line.id(), m.precedence());
        HotlineMessage sent = new HotlineMessage(id, line.id(), "OUT", "QUEUED", m.precedence(), self, user.name(),
                label.classification(), marking, body.text(), m.files().stream().map(a -> new HotlineMessage.FileInfo(
                a.name(), a.mediaType(), a.data().length)).toList(), m.replyTo(), Instant.ofEpochMilli(now.toEpochMilli()),
                Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        events.publish(new HotlineEvent.MessageEvent(line.id(), sent));
        return sent;
    }

    private void refuse(User user, Line line, Precedence p, Decision d) {
        jdbi.useTransaction(h -> audit.append(h, new AuditEvent(user.name(), "hotline.send", line.id(), d.outcome().name(),
                d.code().name(), d.rule(), Map.of("line", line.id(), "precedence", p.name(), "reason", d.message()))));
        audit.sequenceSoon();
        throw new ForbiddenException(d.code().name(), d.message() + " (" + d.rule() + ")");
    }

    private SecurityLabel ownLabel(String classification, Party originator, Instant at) {
        SecurityPolicy policy = node.policy();
        if (classification == null || policy.classification(classification).isEmpty()) {
            throw new InvalidInputException("CLASSIFICATION_UNKNOWN", "classification '" + classification
                    + "' is not a level of policy " + policy.id() + " (levels: " + policy.levelNames() + ")");
        }
        return label(policy, classification, originator, at);
    }

    /** A label of {@code classification} in {@code policy}, by {@code originator}, made at {@code at}. */
    static SecurityLabel label(SecurityPolicy policy, String classification, Party originator, Instant at) {
        return SecurityLabel.of(new PolicyIdentifier(policy.name(), policy.oid().map(o -> "urn:oid:" + o)), classification,
                originator, at);
    }

    /** The policy {@code party} uses under the line's agreement, as this node's ledger knows the catalog. */
    Optional<SecurityPolicy> policyOf(Line line, Party party) {
        Catalog c = node.agreements().catalog();
        return c.agreement(line.agreement()).flatMap(a -> a.policyOf(party)).flatMap(c::policy);
    }

    private void requireDutyOfficer(User user, Line line, String what) {
        if (!user.has(Role.DUTY_OFFICER) || !line.dutyOfficers().contains(user.name())) {
            throw new ForbiddenException("NOT_LINE_DUTY_OFFICER", "user " + user.name() + " is not a duty officer of "
                    + "line " + line.id() + " (duty officers: " + String.join(", ", line.dutyOfficers()) + "); only they "
                    + what + " it (R25)");
        }
    }

    private void insert(Handle h, Wire.Message body, String direction, String state, Party from, String marking,
            String classification, Long receivedAt) {
        ItemCipher.Sealed sealed = node.cipher().seal(body.toJson(), aad(body.id()));
        h.createUpdate("INSERT INTO hotline_messages (id, line, direction, state, precedence, from_party, sender, "
                        + "classification, marking, body_key, body, reply_to, objective_ms, sent_at, received_at, delivered_at, "
                        + "attempts) VALUES (:id, :line, :dir, :state, :p, :from, :sender, :c, :marking, :key, :body, :reply, "
                        + ":obj, :sent, :rec, :rec, 0)")
                .bind("id", body.id()).bind("line", body.line()).bind("dir", direction).bind("state", state)
                .bind("p", Precedence.parse(body.precedence()).rank()).bind("from", from.code())
                .bind("sender", body.sender()).bind("c", classification).bind("marking", marking)
                .bind("key", sealed.wrappedKey()).bind("body", sealed.ciphertext()).bind("reply", body.replyTo()).bind("obj", body.objectiveMs())
                .bind("sent", body.sentAt()).bind("rec", receivedAt).execute();
    }

    // ---- acknowledging ----

    /** A duty officer of the line acknowledges a received message; the acknowledgement goes back to the sender. */
    public HotlineMessage ack(User user, String messageId) {
        HotlineMessage m = readable(user, messageId);
        if (m.outgoing()) {
            throw new ConflictException("NOT_RECEIVED", "message " + messageId + " was sent by this node; the other end "
                    + "acknowledges it");
        }
        Line line = lines.require(m.line());
        try {
            requireDutyOfficer(user, line, "acknowledge messages on");
        } catch (ForbiddenException e) {
            jdbi.useTransaction(h -> audit.append(h, new AuditEvent(user.name(), "hotline.acknowledge", messageId, "DENY",
                    "NOT_LINE_DUTY_OFFICER", "R25", Map.of("line", line.id()))));
            audit.sequenceSoon();
            throw e;
        }
        long now = clock.millis();
        boolean done = jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE hotline_messages SET acked_at = :at, acked_by = :by WHERE id = :id AND "
                    + "direction = 'IN' AND acked_at IS NULL").bind("at", now).bind("by", user.name()).bind("id", messageId)
                    .execute();
            if (n == 0) {
                return false;
            }
            h.createUpdate("INSERT INTO hotline_acks (id, message_id, line, acked_by, acked_at) VALUES (:id, :m, :l, :by, "
                    + ":at)").bind("id", UUID.randomUUID().toString()).bind("m", messageId).bind("l", line.id())
                    .bind("by", user.name()).bind("at", now).execute();
            audit.append(h, AuditEvent.done(user.name(), "hotline.acknowledge", messageId, Map.of("line", line.id(),
                    "precedence", m.precedence().name(), "latencyMs", Long.toString(now - m.sentAt().toEpochMilli()))));
            return true;
        });
        if (!done) {
            throw new ConflictException("ALREADY_ACKNOWLEDGED", "message " + messageId + " was already acknowledged by "
                    + m.acknowledgedBy().orElse("a duty officer"));
        }
        audit.sequenceSoon();
        sender.acked(line.id());
        events.publish(new HotlineEvent.ReceiptEvent(line.id(), messageId, "ACKNOWLEDGED", m.classification(),
                user.name(), Instant.ofEpochMilli(now), now - m.sentAt().toEpochMilli(), "acknowledged by " + user.name()));
        return find(messageId).orElseThrow();
    }

    // ---- reading (R9) ----

    /** Whether {@code user} has an official need on {@code line}: one of its duty officers, or a security officer. */
    boolean onDuty(User user, Line line) {
        return user.has(Role.SECURITY_OFFICER) || user.has(Role.DUTY_OFFICER) && line.dutyOfficers().contains(user.name());
    }

    /** The lines {@code user} has an official need on. */
    public List<Line> linesOnDuty(User user) {
        return lines.all().stream().filter(l -> onDuty(user, l)).toList();
    }

    /** Whether {@code user} may read traffic of {@code classification} (this node's policy) on {@code line}. */
    public boolean mayRead(User user, Line line, String classification) {
        return rules().mayRead(user.name(), user.clearance(), onDuty(user, line),
                ownLabel(classification, self, Instant.EPOCH)).allowed();
    }

    /** A message {@code user} may read; otherwise not found, exactly as for a message that does not exist. */
    public HotlineMessage readable(User user, String id) {
        Optional<HotlineMessage> m = find(id);
        if (m.isEmpty() || lines.find(m.get().line()).filter(l -> mayRead(user, l, m.get().classification())).isEmpty()) {
            throw new NotFoundException("MESSAGE_NOT_FOUND", "message " + id + " not found");
        }
        return m.get();
    }

    /** A file of a message {@code user} may read. */
    public Attachment file(User user, String id, String name) {
        readable(user, id);
        Wire.Message body = jdbi.withHandle(h -> h.createQuery("SELECT id, body_key, body FROM hotline_messages WHERE "
                + "id = :id").bind("id", id).map((rs, ctx) -> body(rs)).one());
        List<Wire.File> files = Optional.ofNullable(body.files()).orElse(List.of());
        return files.stream().filter(f -> f.name().equals(name)).findFirst()
                .map(f -> new Attachment(f.name(), f.mediaType(), f.data())).orElseThrow(() -> new NotFoundException("FILE_NOT_FOUND", "message " + id + " has no file " + name));
    }

    /**
     * Messages of a line that {@code user} may read (R9): the unacknowledged received ones highest precedence first
     * (oldest first within one), or the latest {@code limit} of all, newest first.
     */
    public List<HotlineMessage> messages(User user, String lineId, boolean unacknowledgedOnly, int limit) {
        Line line = lines.require(lineId);
        if (!onDuty(user, line)) {
            throw new ForbiddenException("NO_OFFICIAL_NEED", "user " + user.name() + " is neither a duty officer of line "
                    + line.id() + " nor a security officer (R9)");
        }
        String sql = unacknowledgedOnly
                ? "SELECT * FROM hotline_messages WHERE line = :l AND direction = 'IN' AND acked_at IS NULL "
                        + "ORDER BY precedence, seq LIMIT :n"
                : "SELECT * FROM hotline_messages WHERE line = :l ORDER BY seq DESC LIMIT :n";
        int n = Math.max(1, Math.min(limit, 1000));
        return jdbi.withHandle(h -> h.createQuery(sql).bind("l", line.id()).bind("n", n).map((rs, ctx) -> message(rs))
                .list()).stream().filter(m -> mayRead(user, line, m.classification())).toList();
    }

    Optional<HotlineMessage> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM hotline_messages WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> message(rs)).findFirst());
    }

    /** What the message's body is bound to when sealed: its id. */
    static byte[] aad(String id) {
        return ("liaison/hotline-message/v1/" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The message body of a row with {@code id}, {@code body_key} and {@code body}, opened. */
    Wire.Message body(java.sql.ResultSet rs) throws java.sql.SQLException {
        return Wire.Message.parse(node.cipher().open(new ItemCipher.Sealed(rs.getBytes("body_key"), rs.getBytes("body")),
                aad(rs.getString("id"))));
    }

    HotlineMessage message(java.sql.ResultSet rs) throws java.sql.SQLException {
        Wire.Message b = body(rs);
        return new HotlineMessage(rs.getString("id"), rs.getString("line"), rs.getString("direction"),
                rs.getString("state"), Precedence.ofRank(rs.getInt("precedence")), Party.of(rs.getString("from_party")),
                rs.getString("sender"), rs.getString("classification"), rs.getString("marking"), b.text(),
                b.files() == null ? List.of() : b.files().stream().map(f -> new HotlineMessage.FileInfo(f.name(),
                        f.mediaType(), f.data().length)).toList(), Optional.ofNullable(rs.getString("reply_to")),
                Instant.ofEpochMilli(rs.getLong("sent_at")), instant(rs, "delivered_at"), instant(rs, "acked_at"),
                Optional.ofNullable(rs.getString("acked_by")), instant(rs, "escalated_at"),
                Optional.ofNullable(rs.getString("last_error")));
    }

    static Optional<Instant> instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    // ---- receiving ----

    byte[] handle(VerifiedEnvelope v) {
        return switch (v.type()) {
            case HOTLINE_MESSAGE -> handleAll(List.of(v)).getFirst();
            case HOTLINE_ACK -> sealed(v, onAck(v));
            case HOTLINE_CHECK -> sealed(v, onCheck(v));
            case TRACK_UPDATES -> sealed(v, tracks.onUpdates(v));
            default -> throw new IllegalArgumentException("not a hotline envelope: " + v.type());
        };
    }

    List<byte[]> handleAll(List<VerifiedEnvelope> envelopes) {
        if (!envelopes.stream().allMatch(v -> v.type() == EnvelopeType.HOTLINE_MESSAGE)) {
            List<byte[]> out = new ArrayList<>();
            for (VerifiedEnvelope v : envelopes) {
                out.add(handle(v));
            }
            return out;
        }
        if (!options.receivePacing().isZero()) {
            try {
                Thread.sleep(options.receivePacing().multipliedBy(envelopes.size()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        List<Receipt> receipts = receive(envelopes);
        List<byte[]> out = java.util.stream.IntStream.range(0, receipts.size()).parallel()
                .mapToObj(i -> sealed(envelopes.get(i), receipts.get(i))).toList();
        return out;
    }

    private byte[] sealed(VerifiedEnvelope v, Receipt r) {
        return federation.sealer().seal(EnvelopeType.RECEIPT, v.from(), v.agreement(), r.toJson()).toWire();
    }

    /** A message checked and marked, ready to store; or the refusal. */
    private record Arrival(VerifiedEnvelope v, Wire.Message body, Line line, String classification, String marking,
            Receipt receipt, Decision decision) {}

    private List<Receipt> receive(List<VerifiedEnvelope> envelopes) {
        Instant now = clock.instant();
        HotlineRules r = rules();
        Set<String> seen = new HashSet<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id FROM hotline_messages WHERE direction = 'IN' AND id IN (<ids>)")
                .bindList("ids", envelopes.stream().map(v -> v.id().toString()).toList()).mapTo(String.class)
                .forEach(seen::add));
        List<Arrival> arrivals = new ArrayList<>();
        for (VerifiedEnvelope v : envelopes) {
            arrivals.add(arrival(v, r, now, seen.contains(v.id().toString())));
        }
        List<Arrival> fresh = arrivals.stream().filter(a -> a.line() != null && !seen.contains(a.v().id().toString()))
                .toList();
        if (arrivals.stream().anyMatch(a -> a.line() == null || !seen.contains(a.v().id().toString()))) {
            jdbi.useTransaction(h -> {
                List<AuditEvent> audits = new ArrayList<>();
                for (Arrival a : arrivals) {
                    if (seen.contains(a.v().id().toString())) {
                        continue;
                    }
                    String actor = "peer:" + a.v().from().code() + (a.body() == null ? "" : "/" + a.body().sender());
                    if (a.line() != null) {
                        insert(h, a.body(), "IN", "DELIVERED", a.v().from(), a.marking(), a.classification(), now.toEpochMilli());
                        audits.add(new AuditEvent(actor, "hotline.received", a.body().id(), "ALLOW", a.decision().code().name(),
                                a.decision().rule(), Map.of("line", a.line().id(), "precedence", a.body().precedence(),
                                        "marking", a.marking())));
                    } else {
                        audits.add(new AuditEvent(actor, "hotline.received", a.v().id().toString(), "DENY",
                                a.receipt().code(), a.receipt().rule(), Map.of("reason", a.receipt().reason())));
                    }
                }
                audit.appendAll(h, audits);
            });
            audit.sequenceSoon();
        }
        if (events.anyone()) {
            for (Arrival a : fresh) {
                find(a.body().id()).ifPresent(m -> events.publish(new HotlineEvent.MessageEvent(a.line().id(), m)));
            }
        }
        return arrivals.stream().map(Arrival::receipt).toList();
    }

    private Arrival arrival(VerifiedEnvelope v, HotlineRules r, Instant now, boolean duplicate) {
        String env = v.id().toString();
        Wire.Message b;
        try {
            b = Wire.Message.parse(v.body());
        } catch (InvalidInputException e) {
            return refused(v, null, "BODY_INVALID", "R23", "the hotline message is invalid: " + e.getMessage());
        }
        if (!env.equals(b.id())) {
            return refused(v, b, "BODY_INVALID", "R23", "message id " + b.id() + " is not the envelope's id " + env);
        }
        Optional<Line> line = lines.find(b.line()).filter(l -> l.peer().equals(v.from()));
        if (line.isEmpty()) {
            return refused(v, b, "LINE_UNKNOWN", "R23", "line " + b.line() + " is not a line of " + self + " with "
                    + v.from());
        }
        Precedence p;
        try {
            p = Precedence.parse(b.precedence());
        } catch (InvalidInputException e) {
            return refused(v, b, "PRECEDENCE_UNKNOWN", "R23", e.getMessage());
        }
        int fileBytes = b.files() == null ? 0 : b.files().stream().mapToInt(f -> f.data() == null ? 0 : f.data().length).sum();
        if (b.text() == null || b.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TEXT_BYTES
                || b.files() != null && b.files().size() > MAX_FILES || fileBytes > MAX_FILES * MAX_FILE_BYTES
                || b.sender() == null || b.sender().length() > 64) {
            return refused(v, b, "MESSAGE_TOO_LARGE", "R23", "the message is over the hotline's limits ("
                    + MAX_TEXT_BYTES + " bytes of text, " + MAX_FILES + " files of " + MAX_FILE_BYTES + " bytes)");
        }
        Optional<SecurityPolicy> theirs = policyOf(line.get(), v.from());
        if (theirs.isEmpty() || !theirs.get().id().equals(b.policy()) || b.classification() == null
                || theirs.get().classification(b.classification()).isEmpty()) {
            return refused(v, b, "MARKING_INCOMPLETE", "R1", "classification '" + b.classification() + "' of policy "
                    + b.policy() + " is not a level of " + v.from() + "'s policy" + theirs.map(x -> " " + x.id()
                    + " (levels: " + x.levelNames() + ")").orElse(""));
        }
        SecurityLabel label = label(theirs.get(), b.classification(), v.from(), Instant.ofEpochMilli(b.sentAt()));
        Decision d = r.traffic(line.get().agreement(), v.from(), self, label, now);
        if (!d.allowed()) {
            return refused(v, b, d.code().name(), d.rule(), d.message());
        }
        HotlineRules.Marking marked = r.mark(line.get().agreement(), v.from(), self, label, now);
        Receipt receipt = new Receipt(env, Receipt.STORED, b.id(), marked.marking(), "DELIVERED", "R24", (duplicate
                ? "already delivered" : "delivered") + " to the " + self + " end of line " + line.get().id() + ", marked "
                + marked.marking(), Map.of("precedence", p.name()));
        return new Arrival(v, b, line.get(), marked.label().classification(), marked.marking(), receipt, d);
    }

    private static Arrival refused(VerifiedEnvelope v, Wire.Message b, String code, String rule, String reason) {
        return new Arrival(v, b, null, null, null, new Receipt(v.id().toString(), Receipt.REFUSED, null, null, code, rule,
                reason, Map.of()), null);
    }

    private Receipt onAck(VerifiedEnvelope v) {
        Wire.Ack a;
        try {
            a = Wire.Ack.parse(v.body());
        } catch (InvalidInputException e) {
            return new Receipt(v.id().toString(), Receipt.REFUSED, null, null, "BODY_INVALID", "R25", e.getMessage(), Map.of());
        }
        Optional<HotlineMessage> m = find(String.valueOf(a.message())).filter(x -> x.outgoing() && x.line().equals(a.line())
                && lines.find(x.line()).map(l -> l.peer().equals(v.from())).orElse(false));
        if (m.isEmpty()) {
            return new Receipt(v.id().toString(), Receipt.REFUSED, null, null, "MESSAGE_UNKNOWN", "R25", "message "
                    + a.message() + " is not a message " + self + " sent to " + v.from() + " on line " + a.line(), Map.of());
        }
        long now = clock.millis();
        String by = v.from().code() + "/" + a.by();
        boolean first = jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE hotline_messages SET acked_at = :at, acked_by = :by WHERE id = :id AND "
                    + "acked_at IS NULL").bind("at", now).bind("by", by).bind("id", a.message()).execute();
            if (n > 0) {
                audit.append(h, AuditEvent.done("peer:" + by, "hotline.acknowledged", a.message(), Map.of("line", a.line(),
                        "precedence", m.get().precedence().name(), "latencyMs", Long.toString(now
                                - m.get().sentAt().toEpochMilli()))));
            }
            return n > 0;
        });
        if (first) {
            audit.sequenceSoon();
            events.publish(new HotlineEvent.ReceiptEvent(a.line(), a.message(), "ACKNOWLEDGED", m.get().classification(),
                    by, Instant.ofEpochMilli(now), now - m.get().sentAt().toEpochMilli(), "acknowledged by " + by));
        }
        return new Receipt(v.id().toString(), Receipt.STORED, a.message(), null, "ACKNOWLEDGEMENT_RECORDED", "R25",
                "acknowledgement of " + a.message() + " by " + by + " recorded", Map.of());
    }

    private Receipt onCheck(VerifiedEnvelope v) {
        Wire.Check c;
        try {
            c = Wire.Check.parse(v.body());
        } catch (InvalidInputException e) {
            return new Receipt(v.id().toString(), Receipt.REFUSED, null, null, "BODY_INVALID", "R26", e.getMessage(), Map.of());
        }
        if (lines.find(c.line()).filter(l -> l.peer().equals(v.from())).isEmpty()) {
            return new Receipt(v.id().toString(), Receipt.REFUSED, null, null, "LINE_UNKNOWN", "R26", "line " + c.line()
                    + " is not a line of " + self + " with " + v.from(), Map.of());
        }
        return new Receipt(v.id().toString(), Receipt.STORED, null, null, "CHECKED", "R26", "line " + c.line() + " is up at "
                + self, Map.of());
    }

    // ---- escalation (R25) ----

    /** Raises an alarm for every message past its acknowledgement objective; returns how many. */
    public int checkEscalations() {
        long now = clock.millis();
        List<Map<String, Object>> due = new ArrayList<>();
        jdbi.useHandle(h -> {
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
                    : List.of("security officers of " + self, "duty officers " + String.join(", ",
                            line.get().dutyOfficers()), "escalation contact " + line.get().escalationContact());
            String detail = p + " message " + id + (out ? " sent by " + row.get("sender") + " to " + line.get().peer()
                    : " from " + row.get("from_party") + "/" + row.get("sender")) + " on line " + line.get().id()
                    + " is not acknowledged within its objective of " + written(objective) + " (R25)";
            Alarm alarm = raise(line.get(), "UNACKNOWLEDGED", Optional.of(id), Optional.of(p), notify, detail, h ->
                    h.createUpdate("UPDATE hotline_messages SET escalated_at = :at WHERE id = :id AND escalated_at IS NULL")
                            .bind("at", now).bind("id", id).execute());
            if (alarm != null) {
                raised++;
            }
        }
        return raised;
    }

    private static String written(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** Records and publishes an alarm, with {@code also} in its transaction; null if {@code also} changed nothing. */
    private Alarm raise(Line line, String kind, Optional<String> message, Optional<Precedence> p, List<String> notify,
            String detail, java.util.function.ToIntFunction<Handle> also) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        boolean done = jdbi.inTransaction(h -> {
            if (also.applyAsInt(h) == 0) {
                return false;
            }
            h.createUpdate("INSERT INTO hotline_alarms (id, line, kind, message_id, precedence, notify, detail, raised_at) "
                            + "VALUES (:id, :l, :k, :m, :p, :n, :d, :at)").bind("id", id).bind("l", line.id())
                    .bind("k", kind).bind("m", message.orElse(null)).bind("p", p.map(Precedence::rank).orElse(null))
                    .bind("n", String.join("; ", notify)).bind("d", detail).bind("at", now).execute();
            audit.append(h, new AuditEvent("system", "hotline.alarm", message.orElse(line.id()), "ALARM", kind,
                    kind.equals("LINE_DOWN") ? "R26" : "R25", Map.of("line", line.id(), "alarm", id, "notify",
                    String.join("; ", notify), "detail", detail)));
            return true;
        });
        if (!done) {
            return null;
        }
        audit.sequenceSoon();
        Alarm a = alarm(id).orElseThrow();
        events.publish(new HotlineEvent.AlarmEvent(line.id(), a));
        LOG.info("hotline alarm on {}: {}", line.id(), detail);
        return a;
    }

    /** Alarms on lines {@code user} has an official need on; only open ones unless {@code all}. */
    public List<Alarm> alarms(User user, boolean all) {
        Set<String> visible = new HashSet<>(lines.all().stream().filter(l -> onDuty(user, l)).map(Line::id).toList());
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM hotline_alarms " + (all ? "" : "WHERE cleared_at IS NULL ")
                + "ORDER BY raised_at DESC LIMIT 500").map((rs, ctx) -> alarm(rs)).list()).stream()
                .filter(a -> visible.contains(a.line())).toList();
    }

    /** Clears an open alarm (a duty officer of its line or a security officer); audited. */
    public Alarm clear(User user, String alarmId, String note) {
        Alarm a = alarm(alarmId).filter(x -> lines.find(x.line()).map(l -> onDuty(user, l)).orElse(false))
                .orElseThrow(() -> new NotFoundException("ALARM_NOT_FOUND", "alarm " + alarmId + " not found"));
        if (!a.open()) {
            throw new ConflictException("ALARM_CLEARED", "alarm " + alarmId + " was already cleared by "
                    + a.clearedBy().orElse("?"));
        }
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE hotline_alarms SET cleared_at = :at, cleared_by = :by WHERE id = :id")
                    .bind("at", now).bind("by", user.name()).bind("id", alarmId).execute();
            audit.append(h, AuditEvent.done(user.name(), "hotline.alarm.clear", alarmId, Map.of("line", a.line(),
                    "kind", a.kind(), "note", note == null ? "" : note)));
        });
        audit.sequenceSoon();
        Alarm cleared = alarm(alarmId).orElseThrow();
        events.publish(new HotlineEvent.AlarmEvent(a.line(), cleared));
        return cleared;
    }

    Optional<Alarm> alarm(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM hotline_alarms WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> alarm(rs)).findFirst());
    }

    private static Alarm alarm(java.sql.ResultSet rs) throws java.sql.SQLException {
        int p = rs.getInt("precedence");
        Optional<Precedence> precedence = rs.wasNull() ? Optional.empty() : Optional.of(Precedence.ofRank(p));
        return new Alarm(rs.getString("id"), rs.getString("line"), rs.getString("kind"),
                Optional.ofNullable(rs.getString("message_id")), precedence, List.of(rs.getString("notify").split("; ")),
                rs.getString("detail"), Instant.ofEpochMilli(rs.getLong("raised_at")), instant(rs, "cleared_at"),
                Optional.ofNullable(rs.getString("cleared_by")));
    }

    // ---- health (R26) ----

    /** Checks every line once, with a signed HOTLINE_CHECK, and records changes of health. */
    public void checkLines() {
        for (Line l : lines.all()) {
            long t0 = System.nanoTime();
            Optional<String> failure = sender.check(l);
            LineHealth before = health.getOrDefault(l.id(), LineHealth.unchecked());
            LineHealth after = failure.isEmpty() ? before.answered(Duration.ofNanos(System.nanoTime() - t0))
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
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO hotline_health (line, status, at, detail) VALUES (:l, :s, :at, :d)")
                    .bind("l", line.id()).bind("s", after.status().name()).bind("at", now).bind("d", text).execute();
            audit.append(h, new AuditEvent("system", "hotline.health", line.id(), after.status() == LineHealth.Status.DOWN
                    ? "ALARM" : "DONE", "LINE_" + after.status().name(), "R26", Map.of("from", before.status().name(),
                    "to", after.status().name(), "detail", text)));
        });
        audit.sequenceSoon();
        events.publish(new HotlineEvent.HealthEvent(line.id(), after.status(), Instant.ofEpochMilli(now), text));
        if (after.status() == LineHealth.Status.DOWN) {
            raise(line, "LINE_DOWN", Optional.empty(), Optional.empty(), List.of("duty officers " + String.join(", ",
                    line.dutyOfficers()), "security officers of " + self, "escalation contact "
                    + line.escalationContact()), "line " + line.id() + " to " + line.peer() + " is DOWN: " + text + " (R26)",
                    h -> 1);
        }
        if (before.status() == LineHealth.Status.DOWN) {
            sender.wake(line.id());
        }
    }

    private LineHealth lastHealth(String line) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM hotline_health WHERE line = :l ORDER BY seq DESC "
                + "LIMIT 1").bind("l", line).mapTo(String.class).findFirst()).map(s -> switch (LineHealth.Status.valueOf(s)) {
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
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM hotline_health WHERE line = :l ORDER BY seq DESC LIMIT :n")
                .bind("l", line.id()).bind("n", Math.max(1, Math.min(limit, 1000))).map((rs, ctx) -> new HealthChange(
                        rs.getString("line"), LineHealth.Status.valueOf(rs.getString("status")),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getString("detail"))).list());
    }

    // ---- status ----

    /** p50 and p99, in milliseconds, over {@code samples} messages; empty when there are none. */
    public record Percentiles(int samples, Optional<Long> p50, Optional<Long> p99) {
        static Percentiles of(List<Long> values) {
            if (values.isEmpty()) {
                return new Percentiles(0, Optional.empty(), Optional.empty());
            }
            long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Percentiles(v.length, Optional.of(v[(int) Math.ceil(0.50 * v.length) - 1]),
                    Optional.of(v[(int) Math.ceil(0.99 * v.length) - 1]));
        }
    }

    /** Latency of one precedence on a line: sending to delivery, and sending to acknowledgement (R26). */
    public record Latency(Percentiles delivery, Percentiles acknowledgement) {}

    /**
     * A line as its duty officer sees it: health, messages queued to the other end and received but not yet
     * acknowledged, by precedence, the latency of the latest 10,000 sent, and the open alarms.
     */
    public record LineStatus(Line line, LineHealth health, Map<Precedence, Integer> queued,
            Map<Precedence, Integer> unacknowledged, Map<Precedence, Latency> latency, int openAlarms) {}

    public List<LineStatus> status(User user) {
        List<LineStatus> out = new ArrayList<>();
        for (Line l : lines.all()) {
            if (!onDuty(user, l)) {
                continue;
            }
            out.add(status(l));
        }
        return out;
    }

    LineStatus status(Line l) {
        Map<Precedence, Integer> queued = new EnumMap<>(Precedence.class);
        Map<Precedence, Integer> unacked = new EnumMap<>(Precedence.class);
        Map<Precedence, List<Long>> delivery = new EnumMap<>(Precedence.class);
        Map<Precedence, List<Long>> ack = new EnumMap<>(Precedence.class);
        for (Precedence p : Precedence.values()) {
            queued.put(p, 0);
            unacked.put(p, 0);
            delivery.put(p, new ArrayList<>());
            ack.put(p, new ArrayList<>());
        }
        int[] alarms = {0};
        jdbi.useHandle(h -> {
            h.createQuery("SELECT precedence, COUNT(*) FROM hotline_messages WHERE line = :l AND direction = 'OUT' AND "
                    + "state = 'QUEUED' GROUP BY precedence").bind("l", l.id()).map((rs, ctx) -> Map.entry(rs.getInt(1),
                    rs.getInt(2))).forEach(e -> queued.put(Precedence.ofRank(e.getKey()), e.getValue()));
            h.createQuery("SELECT precedence, COUNT(*) FROM hotline_messages WHERE line = :l AND direction = 'IN' AND "
                    + "acked_at IS NULL GROUP BY precedence").bind("l", l.id()).map((rs, ctx) -> Map.entry(rs.getInt(1),
                    rs.getInt(2))).forEach(e -> unacked.put(Precedence.ofRank(e.getKey()), e.getValue()));
            h.createQuery("SELECT precedence, sent_at, delivered_at, acked_at FROM hotline_messages WHERE line = :l AND "
                    + "direction = 'OUT' AND state = 'DELIVERED' ORDER BY seq DESC LIMIT 10000").bind("l", l.id())
                    .map((rs, ctx) -> {
                        Precedence p = Precedence.ofRank(rs.getInt(1));
                        long sent = rs.getLong(2);
                        delivery.get(p).add(rs.getLong(3) - sent);
                        long acked = rs.getLong(4);
                        if (!rs.wasNull()) {
                            ack.get(p).add(acked - sent);
                        }
                        return p;
                    }).list();
            alarms[0] = h.createQuery("SELECT COUNT(*) FROM hotline_alarms WHERE line = :l AND cleared_at IS NULL")
                    .bind("l", l.id()).mapTo(Integer.class).one();
        });
        Map<Precedence, Latency> latency = new EnumMap<>(Precedence.class);
        for (Precedence p : Precedence.values()) {
            latency.put(p, new Latency(Percentiles.of(delivery.get(p)), Percentiles.of(ack.get(p))));
        }
        return new LineStatus(l, health.getOrDefault(l.id(), LineHealth.unchecked()), queued, unacked, latency, alarms[0]);
    }

    // ---- wiring ----

    public HotlineEvents events() {
        return events;
    }

    public Tracks tracks() {
        return tracks;
    }

    Node node() {
        return node;
    }

    Party self() {
        return self;
    }

    @Override
    public void close() {
        running = false;
        synchronized (stop) {
            stop.notifyAll();
        }
        sender.close();
        tracks.close();
        try {
            monitor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
