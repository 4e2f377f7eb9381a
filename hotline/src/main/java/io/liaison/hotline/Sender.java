package io.liaison.hotline;

import io.liaison.core.hotline.Precedence;
import io.liaison.federation.Federation;
import io.liaison.federation.envelope.Envelope;
import io.liaison.federation.envelope.EnvelopeSealer;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.release.Receipt;
import io.liaison.federation.transport.BatchReceipts;
import io.liaison.federation.transport.FederationClient;
import io.liaison.node.audit.AuditEvent;
import io.liaison.node.audit.AuditLog;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each line's queued messages to the other end by precedence (R24). Every line has one lane per
 * precedence and one for acknowledgements, each a thread that sends its own queue in order, one batch in flight:
 *
 * <ul>
 *   <li>a lane waits while anything of a higher precedence is queued on its line, so the other end is served
 *       highest precedence first, and after an outage the queue drains FLASH first;
 *   <li>a FLASH never waits behind lower traffic: its lane sends at once, beside a ROUTINE batch in flight, and
 *       the ROUTINE lane sends nothing more until the FLASH is delivered;
 *   <li>within one precedence, order is kept: a batch stops at its first failure and is retried from there.
 * </ul>
 *
 * A message is delivered when the other end answers with a signed receipt for it that this node's verifier
 * accepts. Failures back off from 250 ms to 5 s; a line's recovery wakes every lane at once.
 */
final class Sender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final int[] BATCH = {16, 32, 64, 64};
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long LAST_BACKOFF_MS = 5_000;
    private static final int ACKS = Precedence.values().length;

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Federation federation;
    private final HotlineEvents events;
    private final Clock clock;
    private final Clock realTime;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    /** Among replicas, the leader's lanes send; the others queue and tell it ({@link #QUEUED}). */
    private volatile boolean leads;
    private final java.util.function.Consumer<io.liaison.node.store.Tx> fence;
    private final io.liaison.node.cluster.Signals signals;
    private final List<AutoCloseable> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The signal that a replica queued a message ({@code line TAB precedence rank}) or an acknowledgement ({@code line}). */
    static final String QUEUED = "hotline-queued";

    /** Opens the sealed body of a message row. */
    interface Bodies {
        Wire.Message open(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    private final Bodies bodies;

    /**
     * @param clock the node's clock, for what is recorded
     * @param realTime backoff and retries, real time even when the node runs on a simulated clock
     */
    Sender(Jdbi jdbi, AuditLog audit, Federation federation, HotlineEvents events, Clock clock, Clock realTime,
            Bodies bodies, io.liaison.node.cluster.Leadership leadership, io.liaison.node.cluster.Signals signals) {
        this.fence = leadership::fence;
        this.signals = signals;
        this.realTime = realTime;
        this.bodies = bodies;
        this.jdbi = jdbi;
        this.audit = audit;
        this.federation = federation;
        this.events = events;
        this.clock = clock;
    }

    /** One line's queues: messages queued per precedence, a wake-up counter, and the lanes' backoff. */
    private final class Queue {
        final Line line;
        final AtomicIntegerArray queued = new AtomicIntegerArray(Precedence.values().length);
        final long[] backoff = new long[ACKS + 1];
        final long[] retryAt = new long[ACKS + 1];
        final List<Thread> lanes = new ArrayList<>();
        long signals;

        Queue(Line line) {
            this.line = line;
        }

        void signal() {
            synchronized (this) {
                signals++;
                notifyAll();
            }
        }

        long seen() {
            synchronized (this) {
                return signals;
            }
        }

        void await(long seen, long millis) throws InterruptedException {
            synchronized (this) {
                if (signals == seen && running) {
                    wait(millis);
                }
            }
        }

        boolean higherQueued(int rank) {
            for (int r = 0; r < rank; r++) {
                if (queued.get(r) > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Serves a line: its lanes run while this replica leads. */
    synchronized void start(Line line) {
        Queue q = new Queue(line);
        if (queues.putIfAbsent(line.id(), q) != null) {
            return;
        }
        if (leads) {
            lanes(q);
        }
    }

    /**
     * This replica leads from now on: every line's lanes start from what the database holds queued, and what other
     * replicas queue from now on is counted as they signal it.
     */
    synchronized void lead() {
        if (leads || !running) {
            return;
        }
        subscriptions.add(signals.on(QUEUED, this::queuedElsewhere));
        leads = true;
        queues.values().forEach(this::lanes);
    }

    private void lanes(Queue q) {
        Line line = q.line;
        jdbi.useHandle(h -> h.createQuery("SELECT precedence, COUNT(*) FROM hotline_messages WHERE line = :l AND "
                + "direction = 'OUT' AND state = 'QUEUED' GROUP BY precedence").bind("l", line.id())
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getInt(2))).forEach(e -> q.queued.set(e.getKey(), e.getValue())));
        for (Precedence p : Precedence.values()) {
            q.lanes.add(Thread.ofVirtual().name("hotline-" + line.id() + "-" + p).start(() -> lane(q, p.rank())));
        }
        q.lanes.add(Thread.ofVirtual().name("hotline-" + line.id() + "-acks").start(() -> lane(q, ACKS)));
    }

    /** A message was queued (its transaction committed). */
    void queued(String line, Precedence p) {
        if (!leads) {
            signals.publish(QUEUED, line + "\t" + p.rank());
            return;
        }
        Queue q = queues.get(line);
        if (q != null) {
            q.queued.incrementAndGet(p.rank());
            q.signal();
        }
    }

    /** An acknowledgement was queued. */
    void acked(String line) {
        if (!leads) {
            signals.publish(QUEUED, line);
            return;
        }
        wake(line);
    }

    /** Another replica queued a message or an acknowledgement on a line: counted as if queued here. */
    private void queuedElsewhere(String signal) {
        String[] parts = signal.split("\t");
        if (parts.length == 2) {
            queued(parts[0], Precedence.ofRank(Integer.parseInt(parts[1])));
        } else {
            wake(parts[0]);
        }
    }

    /** Retry now: the line came back. */
    void wake(String line) {
        Queue q = queues.get(line);
        if (q != null) {
            synchronized (q) {
                java.util.Arrays.fill(q.retryAt, 0);
                java.util.Arrays.fill(q.backoff, 0);
            }
            q.signal();
        }
    }

    private void lane(Queue q, int rank) {
        int idle = 0;
        while (running) {
            long seen = q.seen();
            try {
                int sent = 0;
                boolean blocked = rank < ACKS && q.higherQueued(rank);
                long wait = 1_000;
                long retry;
                synchronized (q) {
                    retry = q.retryAt[rank];
                }
                long now = realTime.millis();
                if (retry > now) {
                    wait = retry - now;
                } else if (!blocked && (rank == ACKS || q.queued.get(rank) > 0 || ++idle % 30 == 0)) {
                    // A lane with nothing counted looks at its queue only now and then (every 30 idle rounds),
                    // in case a count went astray.
                    sent = rank == ACKS ? sendAcks(q) : sendMessages(q, Precedence.ofRank(rank));
                }
                if (sent > 0) {
                    succeeded(q, rank);
                } else {
                    q.await(seen, Math.max(1, wait));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("hotline lane {} {} failed, will retry: {}", q.line.id(), rank, e.toString());
                failed(q, rank);
                try {
                    q.await(seen, 1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void failed(Queue q, int rank) {
        synchronized (q) {
            q.backoff[rank] = q.backoff[rank] == 0 ? FIRST_BACKOFF_MS : Math.min(LAST_BACKOFF_MS, q.backoff[rank] * 2);
            q.retryAt[rank] = realTime.millis() + q.backoff[rank];
        }
    }

    private void succeeded(Queue q, int rank) {
        synchronized (q) {
            q.backoff[rank] = 0;
            q.retryAt[rank] = 0;
        }
    }

    private record Row(long seq, String id, byte[] body, long sentAt, String classification) {}

    /** Sends the oldest queued messages of precedence {@code p}; returns how many were answered. */
    private int sendMessages(Queue q, Precedence p) throws InterruptedException {
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("SELECT seq, id, body_key, body, sent_at, classification FROM "
                        + "hotline_messages WHERE line = :l AND direction = 'OUT' AND state = 'QUEUED' AND precedence = :p "
                        // Ordered by the whole index (hotline_queue), so the database reads the first rows of the
                        // index rather than sorting the backlog: same rows, same order.
                        + "ORDER BY line, direction, state, precedence, seq LIMIT :n").bind("l", q.line.id()).bind("p", p.rank()).bind("n", BATCH[p.rank()])
                .map((rs, ctx) -> new Row(rs.getLong("seq"), rs.getString("id"), bodies.open(rs).toJson(),
                        rs.getLong("sent_at"), rs.getString("classification")))
                .list());
        if (rows.isEmpty()) {
            return 0;
        }
        List<Answered> answers = exchange(q, p.rank(), EnvelopeType.HOTLINE_MESSAGE, rows.stream().map(r -> Map.entry(
                UUID.fromString(r.id()), r.body())).toList());
        if (answers.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        List<AuditEvent> audits = new ArrayList<>();
        jdbi.useTransaction(h -> {
            fence.accept(io.liaison.node.store.Database.tx(h));
            var delivered = h.prepareBatch("UPDATE hotline_messages SET state = :s, delivered_at = :at, attempts = "
                    + "attempts + 1, last_error = :e WHERE seq = :seq");
            for (int i = 0; i < answers.size(); i++) {
                Answered a = answers.get(i);
                Row r = rows.get(i);
                boolean ok = a.stored();
                delivered.bind("s", (ok ? MessageState.DELIVERED : MessageState.REFUSED).name()).bind("at", ok ? now : null)
                        .bind("e", ok ? null : cut(a.code() + ": " + a.reason())).bind("seq", r.seq()).add();
                audits.add(new AuditEvent("peer:" + q.line.peer().code(), "hotline.delivered", r.id(),
                        HotlineAccess.message(r.id()), ok ? "DONE" : "DENY",
                        a.code(), a.rule(), Map.of("line", q.line.id(), "precedence", p.name(), "latencyMs",
                        Long.toString(now - r.sentAt()), "reason", cut(a.reason()))));
            }
            delivered.execute();
            audit.appendAll(io.liaison.node.store.Database.tx(h), audits);
        });
        audit.sequenceSoon();
        q.queued.addAndGet(p.rank(), -answers.size());
        if (p.rank() < Precedence.ROUTINE.rank() || q.queued.get(p.rank()) == 0) {
            q.signal();
        }
        if (events.anyone()) {
            for (int i = 0; i < answers.size(); i++) {
                Answered a = answers.get(i);
                Row r = rows.get(i);
                events.publish(new HotlineEvent.ReceiptEvent(q.line.id(), r.id(), a.stored() ? "DELIVERED" : "REFUSED",
                        r.classification(), q.line.peer().code(), Instant.ofEpochMilli(now), now - r.sentAt(), a.reason()));
            }
        }
        return answers.size();
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 900 ? s.substring(0, 900) : s;
    }

    private int sendAcks(Queue q) throws InterruptedException {
        List<Map.Entry<UUID, byte[]>> rows = jdbi.withHandle(h -> h.createQuery("SELECT id, message_id, acked_by, acked_at "
                + "FROM hotline_acks WHERE line = :l AND delivered_at IS NULL ORDER BY line, delivered_at, seq LIMIT 64").bind("l", q.line.id())
                .map((rs, ctx) -> Map.entry(UUID.fromString(rs.getString(1)), new Wire.Ack(rs.getString(2), q.line.id(),
                        rs.getString(3), rs.getLong(4)).toJson())).list());
        if (rows.isEmpty()) {
            return 0;
        }
        List<Answered> answers = exchange(q, ACKS, EnvelopeType.HOTLINE_ACK, rows);
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            fence.accept(io.liaison.node.store.Database.tx(h));
            var done = h.prepareBatch("UPDATE hotline_acks SET delivered_at = :at WHERE id = :id");
            for (int i = 0; i < answers.size(); i++) {
                done.bind("at", now).bind("id", rows.get(i).getKey().toString()).add();
            }
            if (!answers.isEmpty()) {
                done.execute();
            }
        });
        return answers.size();
    }

    /** The other end's answer to one envelope: stored or refused, with its code and reason. */
    private record Answered(boolean stored, String code, String rule, String reason) {
        static Answered of(BatchReceipts.Matched receipt) {
            var json = receipt.json();
            return new Answered(Receipt.Outcome.STORED.name().equals(json.path("outcome").asText()),
                    json.path("code").asText(), json.path("rule").asText(), json.path("reason").asText());
        }
    }

    /**
     * Seals and sends {@code messages} (id, body) in order, and returns the verified answers in order, ending at
     * the first message not answered with a signed receipt for it; records the failure and backs off then.
     */
    private List<Answered> exchange(Queue q, int rank, EnvelopeType type, List<Map.Entry<UUID, byte[]>> messages)
            throws InterruptedException {
        // One signature for the batch; each envelope carries its place in it and verifies alone.
        List<Envelope> sealed = federation.sealer().sealAll(messages.stream().map(m -> new EnvelopeSealer.Draft(m.getKey(),
                type, q.line.peer(), q.line.agreement(), m.getValue())).toList());
        List<FederationClient.Answer> answers;
        try {
            FederationClient client = federation.clientFor(q.line.peer());
            answers = sealed.size() == 1 ? List.of(client.send(sealed.getFirst())) : client.sendBatch(sealed);
        } catch (IOException | RuntimeException e) {
            note(q, rank, type, messages.getFirst().getKey(), e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + e.getMessage()));
            return List.of();
        }
        BatchReceipts.Outcome matched = BatchReceipts.match(federation.verifier(), q.line.peer(),
                messages.stream().map(Map.Entry::getKey).toList(), answers);
        matched.failure().ifPresent(f -> note(q, rank, type, messages.get(matched.receipts().size()).getKey(), f));
        return matched.receipts().stream().map(Answered::of).toList();
    }

    private void note(Queue q, int rank, EnvelopeType type, UUID first, String error) {
        LOG.debug("hotline {} to {} on {} failed: {}", type, q.line.peer(), q.line.id(), error);
        if (type == EnvelopeType.HOTLINE_MESSAGE) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE hotline_messages SET attempts = attempts + 1, last_error = :e "
                    + "WHERE id = :id").bind("e", cut(error)).bind("id", first.toString()).execute());
        }
        failed(q, rank);
    }

    /** Sends one signed line check; empty when the other end answered it, else the failure. */
    Optional<String> check(Line line) {
        try {
            Envelope e = federation.sealer().seal(EnvelopeType.HOTLINE_CHECK, line.peer(), line.agreement(),
                    new Wire.Check(line.id(), clock.millis()).toJson());
            FederationClient.Answer a = federation.clientFor(line.peer()).send(e, LineMonitor.CHECK_TIMEOUT);
            if (!a.accepted()) {
                return Optional.of("HTTP " + a.status() + ": " + cut(a.body()));
            }
            List<BatchReceipts.Matched> r = BatchReceipts.match(federation.verifier(), line.peer(), List.of(e.id()),
                    List.of(a)).receipts();
            if (r.isEmpty()) {
                return Optional.of("the answer is not a signed receipt for the check");
            }
            Answered answered = Answered.of(r.getFirst());
            return answered.stored() ? Optional.empty() : Optional.of(answered.code() + ": " + answered.reason());
        } catch (java.net.http.HttpTimeoutException e) {
            federation.reconnect(line.peer());
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Stops the lanes: each finishes the batch it is sending. They are not interrupted: an interrupt in the middle of
     * a commit closes H2's file channel.
     */
    @Override
    public void close() {
        running = false;
        for (AutoCloseable c : subscriptions) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("unsubscribing: {}", e.toString());
            }
        }
        for (Queue q : queues.values()) {
            q.signal();
        }
        for (Queue q : queues.values()) {
            for (Thread t : q.lanes) {
                try {
                    t.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
