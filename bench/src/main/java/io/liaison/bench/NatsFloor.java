package io.liaison.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor for the hotline drivers: plain NATS core pub/sub (no JetStream, no TLS, no signatures, nothing
 * stored) on loopback, one connection publishing and another subscribing, as two nodes would. Each payload
 * carries its index in its first four bytes; the latency is from just before {@code publish} to the subscriber's
 * handler, both on {@link System#nanoTime()} in this JVM.
 */
final class NatsFloor implements AutoCloseable {
    static final String URL = "nats://127.0.0.1:4222";

    private final Connection pub;
    private final Connection sub;

    private NatsFloor(Connection pub, Connection sub) {
        this.pub = pub;
        this.sub = sub;
    }

    /** Connects twice to {@code url}; empty (and says so) when no server answers there. */
    static Optional<NatsFloor> connect(String url) {
        Options o = new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(2)).maxReconnects(0)
                .noReconnect().build();
        Connection a = null;
        try {
            a = Nats.connect(o);
            Connection b = Nats.connect(o);
            return Optional.of(new NatsFloor(a, b));
        } catch (Exception e) {
            System.out.printf("  NATS at %s is unreachable (%s): the NATS floor is skipped%n", url, e);
            if (a != null) {
                try {
                    a.close();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.empty();
        }
    }

    String server() {
        return pub.getServerInfo().getVersion();
    }

    /** The largest message the server takes. */
    long maxPayload() {
        return pub.getServerInfo().getMaxPayload();
    }

    /** Latencies in ns, sorted; how many never arrived; background messages sent meanwhile. */
    record Result(long[] sortedNanos, int missing, long backgroundSent) {}

    /**
     * Publishes {@code ticks} times {@code perTick} copies of {@code template} (each with its index written into
     * its first four bytes), one tick every {@code tickNanos}; meanwhile {@code background} goes on another subject
     * at {@code backgroundPerSecond} (0: none), over the same two connections.
     */
    Result run(byte[] template, int ticks, int perTick, long tickNanos, byte[] background, double backgroundPerSecond)
            throws InterruptedException {
        int n = ticks * perTick;
        long[] sent = new long[n];
        long[] got = new long[n];
        CountDownLatch done = new CountDownLatch(n);
        String subject = "liaison.bench." + UUID.randomUUID();
        Dispatcher d = sub.createDispatcher(m -> {
            long t = System.nanoTime();
            int i = ByteBuffer.wrap(m.getData()).getInt(0);
            if (i >= 0 && i < n && got[i] == 0) {
                got[i] = t;
                done.countDown();
            }
        });
        d.subscribe(subject);
        AtomicLong bgReceived = new AtomicLong();
        Dispatcher bgd = sub.createDispatcher(m -> bgReceived.incrementAndGet());
        bgd.subscribe(subject + ".bg");
        try {
            sub.flush(Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("NATS did not answer a flush in 5 s", e);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong bgSent = new AtomicLong();
        Thread bg = null;
        if (backgroundPerSecond > 0) {
            bg = Thread.ofPlatform().name("nats-background").start(() -> {
                long start = System.nanoTime();
                double every = 1e9 / backgroundPerSecond;
                for (long k = 0; !stop.get(); k++) {
                    long target = start + (long) (k * every);
                    long wait = target - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    pub.publish(subject + ".bg", background);
                    bgSent.incrementAndGet();
                }
            });
            Thread.sleep(1_000); // the background flows before the first measured message
        }
        long start = System.nanoTime();
        for (int t = 0; t < ticks; t++) {
            long wait = start + t * tickNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            for (int j = 0; j < perTick; j++) {
                int i = t * perTick + j;
                byte[] b = template.clone();
                ByteBuffer.wrap(b).putInt(0, i);
                sent[i] = System.nanoTime();
                pub.publish(subject, b);
            }
        }
        boolean all = done.await(30, TimeUnit.SECONDS);
        stop.set(true);
        if (bg != null) {
            bg.join();
        }
        sub.closeDispatcher(d);
        sub.closeDispatcher(bgd);
        int missing = 0;
        long[] lat = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (got[i] == 0) {
                missing++;
            } else {
                lat[k++] = got[i] - sent[i];
            }
        }
        if (!all && missing == 0) {
            missing = (int) done.getCount();
        }
        return new Result(Stats.sorted(java.util.Arrays.copyOf(lat, k)), missing, bgSent.get());
    }

    @Override
    public void close() {
        try {
            pub.close();
            sub.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
