package io.liaison.node.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (user name, and source address) in a sliding window. After
 * {@code maxFailures} within {@code window}, further attempts for that key are refused until the oldest
 * failure leaves the window, whether or not the password would be right.
 */
public final class LoginThrottle {
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Seconds to wait before the next attempt, 0 when allowed. */
    public long waitSeconds(String key) {
        Deque<Long> q = failures.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            prune(q);
            if (q.size() < maxFailures) {
                return 0;
            }
            return Math.max(1, (q.peekFirst() + window.toMillis() - clock.millis() + 999) / 1000);
        }
    }

    public void failed(String key) {
        Deque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q);
            q.addLast(clock.millis());
        }
    }

    public void succeeded(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Long> q) {
        long oldest = clock.millis() - window.toMillis();
        while (!q.isEmpty() && q.peekFirst() <= oldest) {
            q.pollFirst();
        }
    }
}
