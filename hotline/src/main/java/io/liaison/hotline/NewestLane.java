package io.liaison.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.catalog.json.Json;
import io.liaison.federation.Federation;
import io.liaison.federation.envelope.Envelope;
import io.liaison.federation.envelope.EnvelopeRefusedException;
import io.liaison.federation.envelope.EnvelopeType;
import io.liaison.federation.envelope.VerifiedEnvelope;
import io.liaison.federation.transport.FederationClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live state on its way to the other end of a line (track updates, maritime contacts): per key only the newest
 * value waits, batches of at most {@code max} go one at a time, and a batch that fails is put back unless a newer
 * value of its key came meanwhile, then retried with back-off. A slow link gets each key's latest state, not a
 * backlog. One virtual thread per lane.
 *
 * @param <K> what identifies one thing (a track id, an MMSI)
 * @param <V> its state
 */
final class NewestLane<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(NewestLane.class);

    /** Delivers a batch; empty when done (delivered, or dropped on purpose), else why it failed, to retry. */
    @FunctionalInterface
    interface Delivery<V> {
        Optional<String> deliver(List<V> batch) throws InterruptedException;
    }

    private final String name;
    private final Function<V, K> key;
    private final Function<V, Instant> time;
    private final int max;
    private final Delivery<V> delivery;
    private final LinkedHashMap<K, V> pending = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    NewestLane(String name, Function<V, K> key, Function<V, Instant> time, int max, Delivery<V> delivery) {
        this.name = name;
        this.key = key;
        this.time = time;
        this.max = max;
        this.delivery = delivery;
        this.thread = Thread.ofVirtual().name(name).start(this::run);
    }

    synchronized void offer(V v) {
        V p = pending.get(key.apply(v));
        if (p == null || time.apply(v).isAfter(time.apply(p))) {
            pending.put(key.apply(v), v);
        }
        notifyAll();
    }

    private synchronized List<V> drain() throws InterruptedException {
        while (pending.isEmpty() && running) {
            wait(1_000);
        }
        List<V> out = new ArrayList<>(Math.min(pending.size(), max));
        var it = pending.values().iterator();
        while (it.hasNext() && out.size() < max) {
            out.add(it.next());
            it.remove();
        }
        return out;
    }

    /** Puts back what failed, unless a newer value of its key came meanwhile. */
    private synchronized void putBack(List<V> failed) {
        for (V v : failed) {
            pending.merge(key.apply(v), v, (now, old) -> time.apply(now).isAfter(time.apply(old)) ? now : old);
        }
    }

    private void run() {
        long backoff = 0;
        while (running) {
            try {
                List<V> batch = drain();
                if (batch.isEmpty()) {
                    continue;
                }
                Optional<String> failure = delivery.deliver(batch);
                if (failure.isPresent()) {
                    putBack(batch);
                    backoff = backoff == 0 ? 250 : Math.min(2_000, backoff * 2);
                    LOG.debug("{} failed, retrying in {} ms: {}", name, backoff, failure.get());
                    Thread.sleep(backoff);
                } else {
                    backoff = 0;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", name, e.toString());
            }
        }
    }

    void stop() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        thread.interrupt();
    }

    /** The other end's answer to a batch: why it did not arrive, or its signed receipt's JSON. */
    record Answer(Optional<String> failure, Optional<JsonNode> receipt) {}

    /** Seals {@code body} as {@code type} to the line's peer under its agreement, sends it, and checks the receipt. */
    static Answer send(Federation federation, Line line, EnvelopeType type, byte[] body) throws InterruptedException {
        Envelope e = federation.sealer().seal(type, line.peer(), line.agreement(), body);
        try {
            FederationClient.Answer a = federation.clientFor(line.peer()).send(e);
            if (!a.accepted()) {
                return new Answer(Optional.of("HTTP " + a.status() + ": " + a.body()), Optional.empty());
            }
            VerifiedEnvelope r = federation.verifier().verify(a.body().getBytes(StandardCharsets.UTF_8));
            JsonNode json = Json.MAPPER.readTree(r.body());
            if (r.type() != EnvelopeType.RECEIPT || !r.from().equals(line.peer())
                    || !e.id().toString().equals(json.path("forEnvelope").asText())) {
                return new Answer(Optional.of("the answer is not a signed receipt for the batch"), Optional.empty());
            }
            return new Answer(Optional.empty(), Optional.of(json));
        } catch (IOException | EnvelopeRefusedException | IllegalStateException ex) {
            return new Answer(Optional.of(ex.toString()), Optional.empty());
        }
    }
}
