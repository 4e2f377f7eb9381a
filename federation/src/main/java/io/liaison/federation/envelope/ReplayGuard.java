package io.liaison.federation.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Remembers every delivery attempt (message id and time) inside the freshness window, so that a copy of
 * an attempt is refused as a replay; older attempts are refused as stale anyway. Bounded by the window
 * and by {@code capacity}. After a restart it is empty: a replay of a message already processed then
 * meets the inbox, which keeps processed ids for good and never processes one twice.
 */
public final class ReplayGuard {
    private record Attempt(UUID id, long sentAtMillis) {}

    private final Duration window;
    private final int capacity;
    private final Set<Attempt> seen = new HashSet<>();
    private final Deque<Attempt> order = new ArrayDeque<>();

    public ReplayGuard(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** True the first time an attempt is seen; false for a copy of it. */
    public synchronized boolean firstSeen(UUID id, Instant sentAt, Instant now) {
        long horizon = now.minus(window).toEpochMilli();
        while (!order.isEmpty() && (order.peekFirst().sentAtMillis() < horizon || order.size() >= capacity)) {
            seen.remove(order.pollFirst());
        }
        Attempt a = new Attempt(id, sentAt.toEpochMilli());
        if (!seen.add(a)) {
            return false;
        }
        order.addLast(a);
        return true;
    }
}
