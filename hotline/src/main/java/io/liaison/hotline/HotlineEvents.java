package io.liaison.hotline;

import io.liaison.core.hotline.LineHealth;
import io.liaison.node.cluster.Signals;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events for subscribers (the SSE routes). A subscriber must not block: it queues what it is given and
 * writes it on its own thread.
 *
 * <p>Among replicas of a node, an event published on one reaches the subscribers of every other one: it travels as a
 * signal naming what changed (a message or an alarm by its id, a receipt or a health change by its values), and the
 * receiving replica reads the message or alarm from the database before publishing it, in the order signalled.
 */
public final class HotlineEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HotlineEvents.class);
    static final String TOPIC = "hotline-event";
    private final List<Consumer<HotlineEvent>> subscribers = new CopyOnWriteArrayList<>();
    private volatile Signals signals = Signals.NONE;
    private AutoCloseable subscription = () -> {};
    private ExecutorService arriving;

    /** Subscribes; closing the handle unsubscribes. */
    public AutoCloseable subscribe(Consumer<HotlineEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Publishes here and on the other replicas. */
    void publish(HotlineEvent e) {
        local(e);
        Signals s = signals;
        if (s != Signals.NONE) {
            s.publish(TOPIC, encode(e));
        }
    }

    /** Exchanges events with the node's other replicas; {@code messages} and {@code alarms} read what they name. */
    synchronized void replicate(Signals signals, Function<String, Optional<HotlineMessage>> messages,
            Function<String, Optional<Alarm>> alarms) {
        if (signals == Signals.NONE) {
            return;
        }
        this.signals = signals;
        this.arriving = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("liaison-hotline-events").factory());
        this.subscription = signals.on(TOPIC, text -> arriving.execute(() -> {
            try {
                decode(text, messages, alarms).ifPresent(this::local);
            } catch (RuntimeException ex) {
                LOG.warn("a hotline event from another replica could not be read: {}", ex.toString());
            }
        }));
    }

    private void local(HotlineEvent e) {
        for (Consumer<HotlineEvent> s : subscribers) {
            try {
                s.accept(e);
            } catch (RuntimeException ex) {
                LOG.debug("a hotline subscriber failed: {}", ex.toString());
            }
        }
    }

    boolean anyone() {
        return !subscribers.isEmpty() || signals != Signals.NONE;
    }

    static String encode(HotlineEvent e) {
        return switch (e) {
            case HotlineEvent.MessageEvent m -> String.join("\t", "message", m.line(), m.message().id());
            case HotlineEvent.AlarmEvent a -> String.join("\t", "alarm", a.line(), a.alarm().id());
            case HotlineEvent.ReceiptEvent r -> String.join("\t", "receipt", r.line(), r.message(), r.kind(),
                    r.classification(), r.by(), Long.toString(r.at().toEpochMilli()), Long.toString(r.latencyMs()),
                    clean(r.reason()));
            case HotlineEvent.HealthEvent h -> String.join("\t", "health", h.line(), h.status().name(),
                    Long.toString(h.at().toEpochMilli()), clean(h.detail()));
        };
    }

    /** Tabs and newlines cannot travel in a field; texts are cut to fit a signal. */
    private static String clean(String s) {
        String t = s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
        return t.length() > 1_000 ? t.substring(0, 1_000) : t;
    }

    static Optional<HotlineEvent> decode(String text, Function<String, Optional<HotlineMessage>> messages,
            Function<String, Optional<Alarm>> alarms) {
        String[] f = text.split("\t", -1);
        return switch (f[0]) {
            case "message" -> messages.apply(f[2]).map(m -> new HotlineEvent.MessageEvent(f[1], m));
            case "alarm" -> alarms.apply(f[2]).map(a -> new HotlineEvent.AlarmEvent(f[1], a));
            case "receipt" -> Optional.of(new HotlineEvent.ReceiptEvent(f[1], f[2], f[3], f[4], f[5],
                    Instant.ofEpochMilli(Long.parseLong(f[6])), Long.parseLong(f[7]), f[8]));
            case "health" -> Optional.of(new HotlineEvent.HealthEvent(f[1], LineHealth.Status.valueOf(f[2]),
                    Instant.ofEpochMilli(Long.parseLong(f[3])), f[4]));
            default -> Optional.empty();
        };
    }

    @Override
    public synchronized void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("unsubscribing: {}", e.toString());
        }
        if (arriving != null) {
            arriving.shutdownNow();
        }
    }
}
