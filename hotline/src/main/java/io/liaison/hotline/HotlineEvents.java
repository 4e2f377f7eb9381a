package io.liaison.hotline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events for subscribers (the SSE routes). A subscriber must not block: it queues what it is given and
 * writes it on its own thread.
 */
public final class HotlineEvents {
    private static final Logger LOG = LoggerFactory.getLogger(HotlineEvents.class);
    private final List<Consumer<HotlineEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Subscribes; closing the handle unsubscribes. */
    public AutoCloseable subscribe(Consumer<HotlineEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void publish(HotlineEvent e) {
        for (Consumer<HotlineEvent> s : subscribers) {
            try {
                s.accept(e);
            } catch (RuntimeException ex) {
                LOG.debug("a hotline subscriber failed: {}", ex.toString());
            }
        }
    }

    boolean anyone() {
        return !subscribers.isEmpty();
    }
}
