package io.liaison.federation.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.party.Party;
import io.liaison.federation.envelope.Envelope;
import io.liaison.federation.envelope.EnvelopeSealer;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.EnvelopeVerifier;
import io.liaison.federation.transport.FederationClient;
import io.liaison.node.store.Tx;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The durable outbox. {@link #enqueue} writes a message in the caller's transaction, so a message exists
 * exactly when the event that causes it committed. {@link #deliverDue} sends, per peer, the oldest
 * undelivered messages in order, sealing each attempt afresh under the message's stable id; it stops at a
 * peer's first failure, so later messages never overtake an earlier one, and retries it after an
 * exponential backoff (1 s doubling to 5 min). A message is delivered when the peer answers 200 with a
 * RECEIPT envelope for it, or a RECEIPTS for it and the messages around it, that this node's verifier accepts (signed
 * by the peer's certified key; {@link io.liaison.federation.transport.BatchReceipts}); the message's receipt body is
 * kept. A refusal (4xx) counts as a failure too and is retried, since
 * the cause (a missing peer entry, an agreement state) may be fixed on the other side.
 */
public final class Outbox {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Outbox.class);
    /** One undelivered message. */
    public record Pending(long seq, UUID id, Party peer, EnvelopeType type, AgreementId agreement, byte[] body,
            int attempts) {}

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(5);
    private final Jdbi jdbi;
    private final EnvelopeSealer sealer;
    private final EnvelopeVerifier receipts;
    private final Clock clock;

    /** Told after each transaction that queued a message commits ({@link #onQueued}). */
    private volatile Runnable queued = () -> {};
    /** The leader's fence, checked by every write of delivery ({@link io.liaison.node.cluster.Leadership#fence}). */
    private volatile java.util.function.Consumer<io.liaison.node.store.Tx> fence = tx -> {};

    /** Delivery's writes check {@code fence} in their transaction: only the leader replica delivers. */
    public void fence(java.util.function.Consumer<io.liaison.node.store.Tx> fence) {
        this.fence = fence;
    }

    /** @param receipts verifies the peers' signed receipts (this node's own verifier) */
    public Outbox(Jdbi jdbi, EnvelopeSealer sealer, EnvelopeVerifier receipts, Clock clock) {
        this(jdbi, sealer, receipts, clock, clock);
    }

    private final Clock scheduling;

    /** Told of the signed tree heads that receipts carry; see {@link #witnessHeads}. */
    public interface HeadWitness {
        /** A receipt from {@code peer}, signed with the certificate {@code signer}, carried {@code head}. */
        void witnessed(Party peer, byte[] signer, io.liaison.node.audit.SignedHead head);
    }

    private volatile HeadWitness witness = (peer, signer, head) -> {};

    /** Passes each distinct tree head that verified receipts carry to {@code witness}, after they are recorded. */
    public void witnessHeads(HeadWitness witness) {
        this.witness = witness;
    }

    /**
     * @param clock the node's clock, for the records
     * @param scheduling the clock retries are scheduled on; real time even when the node runs on a simulated
     *     clock, or a failed attempt would wait for simulated time that never passes
     */
    public Outbox(Jdbi jdbi, EnvelopeSealer sealer, EnvelopeVerifier receipts, Clock clock, Clock scheduling) {
        this.scheduling = scheduling;
        this.jdbi = jdbi;
        this.sealer = sealer;
        this.receipts = receipts;
        this.clock = clock;
    }

    /**
     * Queues a message to {@code peer} in the caller's transaction and returns its id. {@code revealsItem}: the local
     * item the message is about, if any, so that only those who may read it see the row (R10). A release is queued
     * only with its permit ({@link #releaseRow}).
     */
    public UUID enqueue(Tx tx, Party peer, EnvelopeType type, AgreementId agreement, Optional<String> revealsItem, byte[] body) {
        if (type == EnvelopeType.RELEASE) {
            throw new IllegalArgumentException("a release is queued only with the engine's permit (releaseRow)");
        }
        return insert(tx, peer, type, agreement, revealsItem, body);
    }

    /**
     * The insert that queues a release under {@code id}, for a caller that commits it together with the release's other
     * rows and then calls {@link #committed}. What travels is made from the permit the decision engine gave for that
     * item, party, purpose and agreement, and from nothing else.
     */
    public io.liaison.node.store.Jdbc.Insert releaseRow(io.liaison.node.items.Outgoing.Permit permit, UUID id) {
        byte[] body = io.liaison.federation.release.ReleaseBody.of(permit.payload(), permit.purpose()).toJson();
        return io.liaison.node.store.Jdbc.Insert.of(COLUMNS + "(?, ?, ?, ?, ?, ?, 0, ?, ?)", id.toString(),
                permit.to().code(), EnvelopeType.RELEASE.name(), permit.agreement().value(), body, clock.millis(),
                scheduling.millis(), permit.payload().itemId());
    }

    /** Tells the delivery loop that rows from {@link #releaseRow} committed. */
    public void committed() {
        queued.run();
    }

    private static final String COLUMNS = "INSERT INTO outbox (id, peer, type, agreement, body, created_at, attempts, "
            + "next_attempt_at, item_id) VALUES ";
    private static final String INSERT = COLUMNS + "(:id, :peer, :type, :agreement, :body, :now, 0, :due, :item)";

    /**
     * Calls {@code listener} after each transaction that queued a message commits (the delivery loop wakes at once
     * rather than at its next tick); one listener, set by the composition root.
     */
    public void onQueued(Runnable listener) {
        this.queued = listener;
    }

    private UUID insert(Tx tx, Party peer, EnvelopeType type, AgreementId agreement, Optional<String> revealsItem, byte[] body) {
        UUID id = nextId();
        Runnable after = queued;
        tx.sql().afterCommit(after);
        long now = clock.millis();
        tx.sql().createUpdate(INSERT)
                .bind("id", id.toString()).bind("due", scheduling.millis()).bind("peer", peer.code())
                .bind("type", type.name()).bind("agreement", agreement).bind("body", body).bind("now", now)
                .bind("item", revealsItem.orElse(null)).execute();
        return id;
    }

    /** A new message id, in time order ({@link io.liaison.federation.envelope.EnvelopeIds}). */
    public UUID nextId() {
        return io.liaison.federation.envelope.EnvelopeIds.next(clock.millis());
    }

    /** Undelivered messages to {@code peer}, oldest first. */
    public List<Pending> pending(Party peer) {
        return pending(peer, Long.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Whether a message to {@code peer} waits for delivery: one index lookup, however long the history. */
    public boolean waiting(Party peer) {
        return head(peer).isPresent();
    }

    /**
     * The oldest undelivered message to {@code peer}: its sequence number and when it is next due. An index lookup on
     * (peer, delivered_at, seq); a query over {@code delivered_at IS NULL} alone would read every message ever sent. The
     * order names the index's columns: H2 sees only then that the index gives it, and otherwise reads and sorts every
     * undelivered message to find the first.
     */
    private Optional<long[]> head(Party peer) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq, next_attempt_at FROM outbox WHERE peer = :p AND "
                        + "delivered_at IS NULL ORDER BY peer, delivered_at, seq LIMIT 1").bind("p", peer.code())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).findFirst());
    }

    /** Up to {@code limit} undelivered messages to {@code peer} after {@code afterSeq}, oldest first. */
    private List<Pending> pending(Party peer, long afterSeq, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq, id, peer, type, agreement, body, attempts FROM outbox "
                        + "WHERE peer = :p AND delivered_at IS NULL AND seq > :after ORDER BY peer, delivered_at, seq LIMIT :n")
                .bind("p", peer.code()).bind("after", afterSeq).bind("n", limit)
                .map((rs, ctx) -> new Pending(rs.getLong(1), UUID.fromString(rs.getString(2)), Party.of(rs.getString(3)),
                        EnvelopeType.valueOf(rs.getString(4)), AgreementId.of(rs.getString(5)), rs.getBytes(6), rs.getInt(7))).list());
    }

    /** A message as the outbox holds it: where it goes, how delivery went, the receipt's outcome, and its item. */
    public record Entry(UUID id, Party peer, EnvelopeType type, AgreementId agreement, java.time.Instant created, int attempts,
            Optional<java.time.Instant> delivered, Optional<String> outcome, Optional<String> code,
            Optional<String> lastError, Optional<String> item) {
        /** What the row reveals: its item, if it is about one. */
        public io.liaison.node.audit.Reveals reveals() {
            return item.map(io.liaison.node.audit.Reveals::item).orElse(io.liaison.node.audit.Reveals.NOTHING);
        }
    }

    /**
     * The latest messages that {@code viewer} may see, newest first: a message about an item the viewer may not read
     * is not shown, exactly as if it did not exist (R10).
     */
    public List<Entry> recent(io.liaison.node.accounts.User viewer, io.liaison.node.disclosure.Disclosure disclosure,
            int limit) {
        List<Entry> out = new java.util.ArrayList<>();
        long before = Long.MAX_VALUE;
        while (out.size() < limit) {
            List<Map.Entry<Long, Entry>> page = page(before, Math.max(limit, 100));
            if (page.isEmpty()) {
                break;
            }
            List<Entry> visible = disclosure.visible(viewer, page.stream().map(Map.Entry::getValue).toList(),
                    Entry::reveals);
            for (Entry e : visible) {
                if (out.size() < limit) {
                    out.add(e);
                }
            }
            before = page.getLast().getKey();
        }
        return out;
    }

    /** Messages not yet delivered to a peer, counted and the oldest one's creation, over what a viewer may see. */
    public record Depth(int messages, java.time.Instant oldest) {}

    /**
     * The messages waiting for each peer that {@code viewer} may see (a message about an item the viewer may not read
     * counts for nothing, R10), at most the 100,000 oldest.
     */
    public Map<Party, Depth> undelivered(io.liaison.node.accounts.User viewer,
            io.liaison.node.disclosure.Disclosure disclosure) {
        List<Entry> rows = jdbi.withHandle(h -> h.createQuery("SELECT seq, id, peer, type, agreement, created_at, "
                        + "attempts, delivered_at, receipt, last_error, item_id FROM outbox WHERE delivered_at IS NULL "
                        + "ORDER BY seq LIMIT 100000").map((rs, ctx) -> row(rs).getValue()).list());
        Map<Party, Depth> out = new java.util.TreeMap<>();
        for (Entry e : disclosure.visible(viewer, rows, Entry::reveals)) {
            out.merge(e.peer(), new Depth(1, e.created()), (a, b) -> new Depth(a.messages() + 1,
                    a.oldest().isBefore(b.oldest()) ? a.oldest() : b.oldest()));
        }
        return out;
    }

    private List<Map.Entry<Long, Entry>> page(long beforeSeq, int n) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq, id, peer, type, agreement, created_at, attempts, "
                        + "delivered_at, receipt, last_error, item_id FROM outbox WHERE seq < :before ORDER BY seq DESC "
                        + "LIMIT :n").bind("before", beforeSeq).bind("n", n)
                .map((rs, ctx) -> row(rs)).list());
    }

    private static Map.Entry<Long, Entry> row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long delivered = rs.getLong("delivered_at");
        Optional<java.time.Instant> at = rs.wasNull() ? Optional.empty()
                : Optional.of(java.time.Instant.ofEpochMilli(delivered));
        Optional<JsonNode> receipt = Optional.ofNullable(rs.getString("receipt")).map(r -> {
            try {
                return Json.MAPPER.readTree(r);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        return Map.entry(rs.getLong("seq"), new Entry(UUID.fromString(rs.getString("id")),
                Party.of(rs.getString("peer")), EnvelopeType.valueOf(rs.getString("type")),
                AgreementId.of(rs.getString("agreement")), java.time.Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getInt("attempts"), at, receipt.map(j -> j.path("outcome").asText()),
                receipt.map(j -> j.path("code").asText()), Optional.ofNullable(rs.getString("last_error")),
                Optional.ofNullable(rs.getString("item_id"))));
    }

    /** The peer's answer to a delivered message. */
    public Optional<String> receipt(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT receipt FROM outbox WHERE id = :id AND delivered_at IS NOT NULL")
                .bind("id", id.toString()).mapTo(String.class).findFirst());
    }

    /** What one round of delivery to a peer did. */
    public record Round(int delivered, Optional<String> failure) {}

    /**
     * Delivers what is due to {@code peer} through {@code client}, in order, until done or the first
     * failure. {@code clientFor} is not called when nothing is due.
     */
    public Round deliverDue(Party peer, Function<Party, FederationClient> clientFor) throws InterruptedException {
        Optional<long[]> head = head(peer);
        if (head.isEmpty() || head.get()[1] > scheduling.millis()) {
            return new Round(0, Optional.empty());
        }
        FederationClient client = clientFor.apply(peer);
        int delivered = 0;
        long after = head.get()[0] - 1;
        // A page at a time: a long backlog is not read into memory at once, and a message queued meanwhile is
        // delivered in this round too.
        for (List<Pending> due = pending(peer, after, PAGE); !due.isEmpty(); due = pending(peer, after, PAGE)) {
            for (int from = 0, to; from < due.size(); from = to) {
                to = batchEnd(due, from, receipts.maxBytes() / 2);
                List<Pending> batch = due.subList(from, to);
                Round r = deliverBatch(peer, client, batch);
                delivered += r.delivered();
                if (r.failure().isPresent()) {
                    return new Round(delivered, r.failure());
                }
            }
            after = due.getLast().seq();
        }
        return new Round(delivered, Optional.empty());
    }

    /** Seals, sends and records one batch, in order; stops at its first failure. */
    private Round deliverBatch(Party peer, FederationClient client, List<Pending> batch) throws InterruptedException {
        // One signature for the batch; each envelope carries its place in it and verifies alone (BatchProof).
        List<Envelope> sealed = sealer.sealAll(batch.stream().map(p -> new io.liaison.federation.envelope.EnvelopeSealer.Draft(
                p.id(), p.type(), peer, p.agreement(), p.body())).toList());
        List<FederationClient.Answer> answers;
        try {
            answers = batch.size() == 1 ? List.of(client.send(sealed.getFirst())) : client.sendBatch(sealed);
        } catch (IOException ex) {
            String error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            markFailed(batch.getFirst(), error);
            return new Round(0, Optional.of(error));
        }
        if (batch.size() > 1 && tooLarge(answers)) {
            // The peer takes less in a request than this node assumed: the halves, each sealed anew, at once.
            int half = batch.size() / 2;
            Round first = deliverBatch(peer, client, batch.subList(0, half));
            if (first.failure().isPresent()) {
                return first;
            }
            Round second = deliverBatch(peer, client, batch.subList(half, batch.size()));
            return new Round(first.delivered() + second.delivered(), second.failure());
        }
        io.liaison.federation.transport.BatchReceipts.Outcome matched = io.liaison.federation.transport.BatchReceipts
                .match(this.receipts, peer, batch.stream().map(Pending::id).toList(), answers);
        List<Map.Entry<Pending, String>> receipts = new java.util.ArrayList<>();
        for (int i = 0; i < matched.receipts().size(); i++) {
            receipts.add(Map.entry(batch.get(i), matched.receipts().get(i).body()));
        }
        matched.failure().ifPresent(f -> markFailed(batch.get(receipts.size()), f));
        markDelivered(receipts);
        witness(peer, matched.receipts());
        return new Round(receipts.size(), matched.failure());
    }

    /**
     * Whether the peer refused the request as a whole as too large (413 but not one envelope's
     * {@code ENVELOPE_TOO_LARGE}, which smaller batches would not change).
     */
    private static boolean tooLarge(List<FederationClient.Answer> answers) {
        return answers.size() == 1 && answers.getFirst().status() == 413
                && !answers.getFirst().body().contains("\"ENVELOPE_TOO_LARGE\"");
    }

    /**
     * Where the batch that starts at {@code from} ends: after {@link #BATCH} messages, or before the one that would take
     * its estimated wire size over {@code budget} (a peer refuses a request over its limit, and would refuse the same
     * batch on every retry). A message over the budget travels alone.
     */
    static int batchEnd(List<Pending> due, int from, long budget) {
        int to = from;
        long bytes = 0;
        while (to < due.size() && to - from < BATCH) {
            bytes += wireEstimate(due.get(to).body().length);
            if (to > from && bytes > budget) {
                break;
            }
            to++;
        }
        return to;
    }

    /**
     * At least the bytes a message's envelope takes on the wire: its body in base64 and, generously, the fields, the
     * signer's certificate, the signature and the batch proof around it.
     */
    static long wireEstimate(int bodyBytes) {
        return 4L * ((bodyBytes + 2) / 3) + ENVELOPE_OVERHEAD;
    }

    /**
     * Room for an envelope's fields, certificate, signature and batch proof: 1,267 bytes at most in a batch of 64
     * ({@code OutboxTest}).
     */
    static final int ENVELOPE_OVERHEAD = 8 << 10;

    /** Up to this many undelivered messages are read at a time. */
    static final int PAGE = 8 * 64;

    /** Up to this many due messages travel in one request. */
    static final int BATCH = 64;

    /** Each distinct head of the batch, in order (a batch usually carries one or two). */
    private void witness(Party peer, List<io.liaison.federation.transport.BatchReceipts.Matched> checked) {
        io.liaison.node.audit.SignedHead last = null;
        for (io.liaison.federation.transport.BatchReceipts.Matched c : checked) {
            if (c.head().isPresent() && !c.head().get().equals(last)) {
                last = c.head().get();
                try {
                    witness.witnessed(peer, c.signer(), last);
                } catch (RuntimeException e) {
                    LOG.warn("the tree head from {} could not be checked: {}", peer, e.toString());
                }
            }
        }
    }

    private void markDelivered(List<Map.Entry<Pending, String>> receipts) {
        if (receipts.isEmpty()) {
            return;
        }
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            fence.accept(io.liaison.node.store.Database.tx(h));
            var update = h.prepareBatch("UPDATE outbox SET delivered_at = :at, attempts = attempts + 1, receipt = :r, "
                    + "last_error = NULL WHERE seq = :s");
            for (Map.Entry<Pending, String> e : receipts) {
                String r = e.getValue();
                update.bind("at", now).bind("r", r.length() > 8000 ? r.substring(0, 8000) : r).bind("s", e.getKey().seq())
                        .add();
            }
            update.execute();
        });
    }

    /** Makes every undelivered message to {@code peer} due now: its entry changed, so waiting out a backoff is moot. */
    public void retryNow(Party peer) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbox SET next_attempt_at = :now WHERE peer = :p AND delivered_at IS "
                + "NULL AND next_attempt_at > :now").bind("now", scheduling.millis()).bind("p", peer.code()).execute());
    }

    private void markFailed(Pending p, String error) {
        long delay = backoff(p.attempts() + 1).toMillis();
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :next, "
                        + "last_error = :e WHERE seq = :s").bind("next", scheduling.millis() + delay)
                .bind("e", error.length() > 1000 ? error.substring(0, 1000) : error).bind("s", p.seq()).execute());
    }

    /** 1 s after the first failure, doubling, at most 5 min. */
    static Duration backoff(int failures) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(failures - 1, 20);
        return seconds >= LAST_RETRY.toSeconds() ? LAST_RETRY : Duration.ofSeconds(seconds);
    }
}
