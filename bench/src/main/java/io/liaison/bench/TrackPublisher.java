package io.liaison.bench;

import io.liaison.core.hotline.TrackUpdate;
import io.liaison.hotline.HotlinePair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** JPN's duty officer publishing every track's update, {@code hz} times a second, until stopped. */
final class TrackPublisher {
    private final HotlinePair p;
    private final Flights flights;
    private final long t0 = System.nanoTime();
    final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;

    TrackPublisher(HotlinePair p, int tracks) {
        this.p = p;
        this.flights = new Flights(tracks);
    }

    private List<TrackUpdate> all() {
        Instant at = Instant.now();
        double s = (System.nanoTime() - t0) / 1e9;
        List<TrackUpdate> out = new ArrayList<>(flights.size());
        for (int i = 0; i < flights.size(); i++) {
            out.add(flights.update(i, at, s, "秘"));
        }
        return out;
    }

    private void publish(List<TrackUpdate> batch) {
        for (int i = 0; i < batch.size(); i += 1_000) {
            p.jh.tracks().publish(p.sato, HotlinePair.LINE, batch.subList(i, Math.min(batch.size(), i + 1_000)));
        }
        published.addAndGet(batch.size());
    }

    /** Every track's first update: a new launch each, announced by a FLASH message. */
    void publishAll() {
        publish(all());
    }

    void run(int hz) {
        long tick = 1_000_000_000L / hz;
        long start = System.nanoTime();
        for (long k = 1; running; k++) {
            long wait = start + k * tick - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publish(all());
        }
    }

    void stop() {
        running = false;
    }
}
