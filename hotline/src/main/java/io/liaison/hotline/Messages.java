package io.liaison.hotline;

import io.liaison.core.decision.Decision;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.NotFoundException;
import io.liaison.core.hotline.HotlineRules;
import io.liaison.core.hotline.Precedence;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.federation.envelope.EnvelopeSealer;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.release.Receipt;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import io.liaison.node.crypto.ItemCipher;
import io.liaison.node.items.Attachment;
import io.liaison.node.store.Database;
import io.liaison.node.store.Tx;
import java.nio.charset.StandardCharsets;
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
import org.jdbi.v3.core.Handle;

/**
 * Hotline messages (R23-R27): sending by a line's duty officer, receiving from the line's peer, acknowledging, and
 * reading the archive under R9. Bodies are sealed at rest like item content; a message the reader may not read does
 * not exist for them, in a read, a list, a count or a status.
 */
public final class Messages {
    /** Text of a message, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    public static final int MAX_FILES = 4;
    public static final int MAX_FILE_BYTES = 256 * 1024;

    private final Database database;
    private final AuditLog audit;
    private final ItemCipher cipher;
    private final EnvelopeSealer sealer;
    private final Lines lines;
    private final HotlineAccess access;
    private final HotlineEvents events;
    private final Sender sender;
    private final Clock clock;
    private final Duration receivePacing;

    Messages(Database database, AuditLog audit, ItemCipher cipher, EnvelopeSealer sealer, Lines lines, HotlineAccess access,
            HotlineEvents events, Sender sender, Clock clock, Duration receivePacing) {
        this.database = database;
        this.audit = audit;
        this.cipher = cipher;
        this.sealer = sealer;
        this.lines = lines;
        this.access = access;
        this.events = events;
        this.sender = sender;
        this.clock = clock;
        this.receivePacing = receivePacing;
    }

    /** What a duty officer sends. */
    public record Outgoing(String line, Precedence precedence, String classification, String text,
            List<Attachment> files, Optional<String> replyTo) {
        public Outgoing {
            files = files == null ? List.of() : List.copyOf(files);
            replyTo = replyTo == null ? Optional.empty() : replyTo;
        }
    }

    /**
     * Sends a message: refused with the reason (and audited) when the sender is not a duty officer of the line, the
     * classification is not one of this node's policy or above the sender's clearance, the message is too large, or
     * the agreement does not allow classified traffic now (R27, R2, R18).
     */
    public HotlineMessage send(User user, Outgoing m) {
        Line line = lines.require(m.line());
        access.requireDutyOfficer(user, line, "send on");
        byte[] text = m.text() == null ? new byte[0] : m.text().getBytes(StandardCharsets.UTF_8);
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
        SecurityLabel label = access.ownLabel(m.classification(), now);
        HotlineRules r = access.rules();
        Decision cleared = r.mayRead(user.reader(), true, label);
        if (!cleared.allowed()) {
            refuse(user, line, m.precedence(), label.classification(), cleared);
        }
        Decision d = r.traffic(line.agreement(), access.self(), line.peer(), label, now);
        if (!d.allowed()) {
            refuse(user, line, m.precedence(), label.classification(), d);
        }
        if (m.replyTo().isPresent() && find(m.replyTo().get()).filter(x -> x.line().equals(line.id())
                && access.mayRead(user, line, x.classification())).isEmpty()) {
            throw new InvalidInputException("REPLY_UNKNOWN", "message " + shorten(m.replyTo().get()) + " is not a message "
                    + "of line " + line.id() + "; a reply refers to one");
        }
        String id = UUID.randomUUID().toString();
        long objective = line.objectives().of(m.precedence()).toMillis();
        Wire.Message body = new Wire.Message(id, line.id(), m.precedence().name(), user.name(), access.policy().id(),
                label.classification(), m.text() == null ? "" : m.text(), m.files().stream().map(a ->
                new Wire.File(a.name(), a.mediaType(), a.data())).toList(), m.replyTo().orElse(null), now.toEpochMilli(),
                objective);
        String marking = access.self().code() + " / " + label.classification();
        database.useTransaction(tx -> {
            insert(tx, body, Direction.OUT, MessageState.QUEUED, access.self(), marking, label.classification(), null);
            audit.append(tx, new AuditEvent(user.name(), "hotline.send", id, HotlineAccess.message(id), d.outcome().name(),
                    d.code().name(), d.rule(), Map.of("line", line.id(), "precedence", m.precedence().name(),
                    "classification", label.classification(), "to", line.peer().code())));
        });
        audit.sequenceSoon();
        sender.queued(line.id(), m.precedence());
        HotlineMessage sent = new HotlineMessage(id, line.id(), Direction.OUT, MessageState.QUEUED, m.precedence(),
                access.self(), user.name(), label.classification(), marking, body.text(), m.files().stream().map(a ->
                new HotlineMessage.FileInfo(a.name(), a.mediaType(), a.data().length)).toList(), m.replyTo(),
                Instant.ofEpochMilli(now.toEpochMilli()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        events.publish(new HotlineEvent.MessageEvent(line.id(), sent));
        return sent;
    }

    private void refuse(User user, Line line, Precedence p, String classification, Decision d) {
        database.useTransaction(tx -> audit.append(tx, new AuditEvent(user.name(), "hotline.send", line.id(),
                HotlineAccess.traffic(line, classification), d.outcome().name(), d.code().name(), d.rule(), Map.of("line",
                line.id(), "precedence", p.name(), "reason", d.message()))));
        audit.sequenceSoon();
        throw new ForbiddenException(d.code().name(), d.message() + " (" + d.rule() + ")");
    }

    private void insert(Tx tx, Wire.Message body, Direction direction, MessageState state, Party from, String marking,
            String classification, Long receivedAt) {
        ItemCipher.Sealed sealed = cipher.seal(body.toJson(), aad(body.id()));
        tx.sql().createUpdate("INSERT INTO hotline_messages (id, line, direction, state, precedence, from_party, sender, "
                        + "classification, marking, body_key, body, reply_to, objective_ms, sent_at, received_at, "
                        + "delivered_at, attempts) VALUES (:id, :line, :dir, :state, :p, :from, :sender, :c, :marking, :key, "
                        + ":body, :reply, :obj, :sent, :rec, :rec, 0)")
                .bind("id", body.id()).bind("line", body.line()).bind("dir", direction.name()).bind("state", state.name())
                .bind("p", Precedence.parse(body.precedence()).rank()).bind("from", from.code())
                .bind("sender", body.sender()).bind("c", classification).bind("marking", marking)
                .bind("key", sealed.wrappedKey()).bind("body", sealed.ciphertext()).bind("reply", body.replyTo())
                .bind("obj", body.objectiveMs()).bind("sent", body.sentAt()).bind("rec", receivedAt).execute();
    }

    /** A duty officer of the line acknowledges a received message; the acknowledgement goes back to the sender. */
    public HotlineMessage ack(User user, String messageId) {
        HotlineMessage m = readable(user, messageId);
        if (m.outgoing()) {
            throw new ConflictException("NOT_RECEIVED", "message " + messageId + " was sent by this node; the other end "
                    + "acknowledges it");
        }
        Line line = lines.require(m.line());
        try {
            access.requireDutyOfficer(user, line, "acknowledge messages on");
        } catch (ForbiddenException e) {
            database.useTransaction(tx -> audit.append(tx, new AuditEvent(user.name(), "hotline.acknowledge", messageId,
                    HotlineAccess.message(messageId), "DENY", "NOT_LINE_DUTY_OFFICER", "R25", Map.of("line", line.id()))));
            audit.sequenceSoon();
            throw e;
        }
        long now = clock.millis();
        boolean done = database.inTransaction(tx -> {
            int n = tx.sql().createUpdate("UPDATE hotline_messages SET acked_at = :at, acked_by = :by WHERE id = :id AND "
                    + "direction = 'IN' AND acked_at IS NULL").bind("at", now).bind("by", user.name()).bind("id", messageId)
                    .execute();
            if (n == 0) {
                return false;
            }
            tx.sql().createUpdate("INSERT INTO hotline_acks (id, message_id, line, acked_by, acked_at) VALUES (:id, :m, :l, "
                    + ":by, :at)").bind("id", UUID.randomUUID().toString()).bind("m", messageId).bind("l", line.id())
                    .bind("by", user.name()).bind("at", now).execute();
            audit.append(tx, AuditEvent.done(user.name(), "hotline.acknowledge", messageId, HotlineAccess.message(messageId),
                    Map.of("line", line.id(), "precedence", m.precedence().name(), "latencyMs",
                            Long.toString(now - m.sentAt().toEpochMilli()))));
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

    /** A message {@code user} may read; otherwise not found, exactly as for a message that does not exist. */
    public HotlineMessage readable(User user, String id) {
        return find(id).filter(m -> mayRead(user, m)).orElseThrow(() -> new NotFoundException("MESSAGE_NOT_FOUND",
                "message " + shorten(id) + " not found"));
    }

    /** Whether {@code user} may read message {@code id}; false alike for a missing one. Records nothing. */
    public boolean mayRead(User user, String id) {
        return find(id).map(m -> mayRead(user, m)).orElse(false);
    }

    boolean mayRead(User user, HotlineMessage m) {
        return lines.find(m.line()).map(l -> access.mayRead(user, l, m.classification())).orElse(false);
    }

    /** A file of a message {@code user} may read. */
    public Attachment file(User user, String id, String name) {
        readable(user, id);
        Wire.Message body = database.jdbi().withHandle(h -> h.createQuery("SELECT id, body_key, body FROM hotline_messages "
                + "WHERE id = :id").bind("id", id).map((rs, ctx) -> body(rs)).one());
        List<Wire.File> files = Optional.ofNullable(body.files()).orElse(List.of());
        return files.stream().filter(f -> f.name().equals(name)).findFirst()
                .map(f -> new Attachment(f.name(), f.mediaType(), f.data())).orElseThrow(() -> new NotFoundException(
                        "FILE_NOT_FOUND", "message " + id + " has no file " + shorten(name)));
    }

    /**
     * Messages of a line that {@code user} may read (R9): the unacknowledged received ones highest precedence first
     * (oldest first within one), or the latest {@code limit} of all, newest first.
     */
    public List<HotlineMessage> messages(User user, String lineId, boolean unacknowledgedOnly, int limit) {
        return messages(user, lineId, unacknowledgedOnly, limit, Optional.empty());
    }

    /**
     * As above; with {@code before}, the page of messages older than that one (which {@code user} must be able to
     * read: a hidden message and a missing one answer alike, R10), so that a line's whole archive can be paged.
     */
    public List<HotlineMessage> messages(User user, String lineId, boolean unacknowledgedOnly, int limit,
            Optional<String> before) {
        Line line = lines.require(lineId);
        if (!access.onDuty(user, line)) {
            throw new ForbiddenException("NO_OFFICIAL_NEED", "user " + user.name() + " is neither a duty officer of line "
                    + line.id() + " nor a security officer (R9)");
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("LIMIT_INVALID", "limit " + limit + " is invalid: it must be 1 to 1000");
        }
        Set<String> readable = readableLevels(user, line);
        long beforeSeq = Long.MAX_VALUE;
        if (before.isPresent()) {
            HotlineMessage cursor = readable(user, before.get());
            if (!cursor.line().equals(line.id())) {
                throw new InvalidInputException("CURSOR_INVALID", "message " + before.get() + " is not on line " + line.id());
            }
            beforeSeq = database.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM hotline_messages WHERE id = :id")
                    .bind("id", cursor.id()).mapTo(Long.class).one());
        }
        String sql = unacknowledgedOnly
                ? "SELECT * FROM hotline_messages WHERE line = :l AND direction = 'IN' AND acked_at IS NULL "
                        + "AND classification IN (<levels>) AND seq < :before ORDER BY precedence, seq LIMIT :n"
                : "SELECT * FROM hotline_messages WHERE line = :l AND classification IN (<levels>) AND seq < :before "
                        + "ORDER BY seq DESC LIMIT :n";
        if (readable.isEmpty()) {
            return List.of();
        }
        long b = beforeSeq;
        return database.jdbi().withHandle(h -> h.createQuery(sql).bind("l", line.id()).bindList("levels",
                List.copyOf(readable)).bind("before", b).bind("n", limit).map((rs, ctx) -> message(rs)).list());
    }

    /** The levels of this node's policy whose traffic {@code user} may read on {@code line}. */
    Set<String> readableLevels(User user, Line line) {
        Set<String> out = new HashSet<>();
        for (var c : access.policy().levels()) {
            if (access.mayRead(user, line, c.name())) {
                out.add(c.name());
            }
        }
        return out;
    }

    Optional<HotlineMessage> find(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM hotline_messages WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> message(rs)).findFirst());
    }

    /** What the message's body is bound to when sealed: its id. */
    static byte[] aad(String id) {
        return ("liaison/hotline-message/v1/" + id).getBytes(StandardCharsets.UTF_8);
    }

    /** The message body of a row with {@code id}, {@code body_key} and {@code body}, opened. */
    Wire.Message body(java.sql.ResultSet rs) throws java.sql.SQLException {
        return Wire.Message.parse(cipher.open(new ItemCipher.Sealed(rs.getBytes("body_key"), rs.getBytes("body")),
                aad(rs.getString("id"))));
    }

    HotlineMessage message(java.sql.ResultSet rs) throws java.sql.SQLException {
        Wire.Message b = body(rs);
        return new HotlineMessage(rs.getString("id"), rs.getString("line"), Direction.valueOf(rs.getString("direction")),
                MessageState.valueOf(rs.getString("state")), Precedence.ofRank(rs.getInt("precedence")),
                Party.of(rs.getString("from_party")), rs.getString("sender"), rs.getString("classification"),
                rs.getString("marking"), b.text(), b.files() == null ? List.of() : b.files().stream().map(f ->
                new HotlineMessage.FileInfo(f.name(), f.mediaType(), f.data().length)).toList(),
                Optional.ofNullable(rs.getString("reply_to")), Instant.ofEpochMilli(rs.getLong("sent_at")),
                instant(rs, "delivered_at"), instant(rs, "acked_at"), Optional.ofNullable(rs.getString("acked_by")),
                instant(rs, "escalated_at"), Optional.ofNullable(rs.getString("last_error")));
    }

    static Optional<Instant> instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    // Receiving.

    /** Messages from the other end, each checked, marked in this node's policy and stored once; their receipts. */
    List<byte[]> receive(List<VerifiedEnvelope> envelopes) {
        if (!receivePacing.isZero()) {
            try {
                Thread.sleep(receivePacing.multipliedBy(envelopes.size()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        List<Receipt> receipts = arrive(envelopes);
        return java.util.stream.IntStream.range(0, receipts.size()).parallel()
                .mapToObj(i -> sealed(envelopes.get(i), receipts.get(i))).toList();
    }

    byte[] sealed(VerifiedEnvelope v, Receipt r) {
        return sealer.seal(EnvelopeType.RECEIPT, v.from(), v.agreement(), r.toJson()).toWire();
    }

    /** A message checked and marked, ready to store; or the refusal. */
    private record Arrival(VerifiedEnvelope v, Wire.Message body, Line line, String classification, String marking,
            Receipt receipt, Decision decision) {}

    private List<Receipt> arrive(List<VerifiedEnvelope> envelopes) {
        Instant now = clock.instant();
        HotlineRules r = access.rules();
        Set<String> seen = new HashSet<>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT id FROM hotline_messages WHERE direction = 'IN' AND id IN "
                + "(<ids>)").addCustomizer(io.liaison.node.store.Database.PLANNED_EACH_TIME)
                .bindList("ids", envelopes.stream().map(v -> v.id().toString()).toList()).mapTo(String.class)
                .forEach(seen::add));
        List<Arrival> arrivals = new ArrayList<>();
        for (VerifiedEnvelope v : envelopes) {
            arrivals.add(arrival(v, r, now, seen.contains(v.id().toString())));
        }
        List<Arrival> fresh = arrivals.stream().filter(a -> a.line() != null && !seen.contains(a.v().id().toString()))
                .toList();
        if (arrivals.stream().anyMatch(a -> a.line() == null || !seen.contains(a.v().id().toString()))) {
            database.useTransaction(tx -> {
                List<AuditEvent> audits = new ArrayList<>();
                for (Arrival a : arrivals) {
                    if (seen.contains(a.v().id().toString())) {
                        continue;
                    }
                    String actor = "peer:" + a.v().from().code() + (a.body() == null ? "" : "/" + a.body().sender());
                    if (a.line() != null) {
                        insert(tx, a.body(), Direction.IN, MessageState.DELIVERED, a.v().from(), a.marking(),
                                a.classification(), now.toEpochMilli());
                        audits.add(new AuditEvent(actor, "hotline.received", a.body().id(),
                                HotlineAccess.message(a.body().id()), "ALLOW", a.decision().code().name(),
                                a.decision().rule(), Map.of("line", a.line().id(), "precedence", a.body().precedence(),
                                        "marking", a.marking())));
                    } else {
                        audits.add(new AuditEvent(actor, "hotline.received", a.v().id().toString(),
                                io.liaison.node.audit.Reveals.NOTHING, "DENY", a.receipt().code(), a.receipt().rule(),
                                Map.of("reason", a.receipt().reason())));
                    }
                }
                audit.appendAll(tx, audits);
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
            return refused(v, b, "LINE_UNKNOWN", "R23", "line " + b.line() + " is not a line of " + access.self() + " with "
                    + v.from());
        }
        Precedence p;
        try {
            p = Precedence.parse(b.precedence());
        } catch (InvalidInputException e) {
            return refused(v, b, "PRECEDENCE_UNKNOWN", "R23", e.getMessage());
        }
        int fileBytes = b.files() == null ? 0 : b.files().stream().mapToInt(f -> f.data() == null ? 0 : f.data().length).sum();
        if (b.text() == null || b.text().getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES
                || b.files() != null && b.files().size() > MAX_FILES || fileBytes > MAX_FILES * MAX_FILE_BYTES
                || b.sender() == null || b.sender().length() > 64 || b.replyTo() != null && b.replyTo().length() > 36) {
            return refused(v, b, "MESSAGE_TOO_LARGE", "R23", "the message is over the hotline's limits ("
                    + MAX_TEXT_BYTES + " bytes of text, " + MAX_FILES + " files of " + MAX_FILE_BYTES + " bytes)");
        }
        Optional<SecurityPolicy> theirs = access.policyOf(line.get(), v.from());
        if (theirs.isEmpty() || !theirs.get().id().equals(b.policy()) || b.classification() == null
                || theirs.get().classification(b.classification()).isEmpty()) {
            return refused(v, b, "MARKING_INCOMPLETE", "R1", "classification '" + b.classification() + "' of policy "
                    + b.policy() + " is not a level of " + v.from() + "'s policy" + theirs.map(x -> " " + x.id()
                    + " (levels: " + x.levelNames() + ")").orElse(""));
        }
        SecurityLabel label = HotlineAccess.label(theirs.get(), b.classification(), v.from(), Instant.ofEpochMilli(b.sentAt()));
        Decision d = r.traffic(line.get().agreement(), v.from(), access.self(), label, now);
        if (!d.allowed()) {
            return refused(v, b, d.code().name(), d.rule(), d.message());
        }
        HotlineRules.Marking marked = r.mark(line.get().agreement(), v.from(), access.self(), label, now);
        Receipt receipt = new Receipt(env, Receipt.STORED, b.id(), marked.marking(), "DELIVERED", "R24", (duplicate
                ? "already delivered" : "delivered") + " to the " + access.self() + " end of line " + line.get().id()
                + ", marked " + marked.marking(), Map.of("precedence", p.name()));
        return new Arrival(v, b, line.get(), marked.label().classification(), marked.marking(), receipt, d);
    }

    private static Arrival refused(VerifiedEnvelope v, Wire.Message b, String code, String rule, String reason) {
        return new Arrival(v, b, null, null, null, Receipt.refused(v.id(), code, rule, reason), null);
    }

    /** The other end's acknowledgement of a message this node sent. */
    Receipt onAck(VerifiedEnvelope v) {
        Wire.Ack a;
        try {
            a = Wire.Ack.parse(v.body());
        } catch (InvalidInputException e) {
            return Receipt.refused(v.id(), "BODY_INVALID", "R25", e.getMessage());
        }
        Optional<HotlineMessage> m = find(String.valueOf(a.message())).filter(x -> x.outgoing() && x.line().equals(a.line())
                && lines.find(x.line()).map(l -> l.peer().equals(v.from())).orElse(false));
        if (m.isEmpty() || a.by() == null || a.by().length() > 64) {
            return Receipt.refused(v.id(), "MESSAGE_UNKNOWN", "R25", "message "
                    + a.message() + " is not a message " + access.self() + " sent to " + v.from() + " on line " + a.line());
        }
        long now = clock.millis();
        String by = v.from().code() + "/" + a.by();
        boolean first = database.inTransaction(tx -> {
            int n = tx.sql().createUpdate("UPDATE hotline_messages SET acked_at = :at, acked_by = :by WHERE id = :id AND "
                    + "acked_at IS NULL").bind("at", now).bind("by", by).bind("id", a.message()).execute();
            if (n > 0) {
                audit.append(tx, AuditEvent.done("peer:" + by, "hotline.acknowledged", a.message(),
                        HotlineAccess.message(a.message()), Map.of("line", a.line(), "precedence",
                        m.get().precedence().name(), "latencyMs", Long.toString(now - m.get().sentAt().toEpochMilli()))));
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

    // Status.

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

    /** The traffic of a line as one reader may see it: counts and latency over the messages they may read only. */
    record Traffic(Map<Precedence, Integer> queued, Map<Precedence, Integer> unacknowledged,
            Map<Precedence, Latency> latency) {}

    /**
     * Messages queued to the other end and received but not yet acknowledged, by precedence, and the latency of the
     * latest 10,000 sent: all of it over the messages {@code user} may read, so a hidden message changes no count.
     */
    Traffic traffic(User user, Line l) {
        Set<String> readable = readableLevels(user, l);
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
        if (!readable.isEmpty()) {
            database.jdbi().useHandle(h -> {
                count(h, "SELECT precedence, COUNT(*) FROM hotline_messages WHERE line = :l AND direction = 'OUT' AND "
                        + "state = 'QUEUED' AND classification IN (<levels>) GROUP BY precedence", l, readable, queued);
                count(h, "SELECT precedence, COUNT(*) FROM hotline_messages WHERE line = :l AND direction = 'IN' AND "
                        + "acked_at IS NULL AND classification IN (<levels>) GROUP BY precedence", l, readable, unacked);
                h.createQuery("SELECT precedence, sent_at, delivered_at, acked_at FROM hotline_messages WHERE line = :l AND "
                        + "direction = 'OUT' AND state = 'DELIVERED' AND classification IN (<levels>) ORDER BY seq DESC "
                        + "LIMIT 10000").bind("l", l.id()).bindList("levels", List.copyOf(readable)).map((rs, ctx) -> {
                            Precedence p = Precedence.ofRank(rs.getInt(1));
                            long sent = rs.getLong(2);
                            delivery.get(p).add(rs.getLong(3) - sent);
                            long acked = rs.getLong(4);
                            if (!rs.wasNull()) {
                                ack.get(p).add(acked - sent);
                            }
                            return p;
                        }).list();
            });
        }
        Map<Precedence, Latency> latency = new EnumMap<>(Precedence.class);
        for (Precedence p : Precedence.values()) {
            latency.put(p, new Latency(Percentiles.of(delivery.get(p)), Percentiles.of(ack.get(p))));
        }
        return new Traffic(queued, unacked, latency);
    }

    private static void count(Handle h, String sql, Line l, Set<String> levels, Map<Precedence, Integer> into) {
        h.createQuery(sql).bind("l", l.id()).bindList("levels", List.copyOf(levels)).map((rs, ctx) -> Map.entry(
                rs.getInt(1), rs.getInt(2))).forEach(e -> into.put(Precedence.ofRank(e.getKey()), e.getValue()));
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
