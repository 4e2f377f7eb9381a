package io.liaison.node.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: callers hand in writes and wait until theirs is durable; whichever caller finds the writer free writes
 * everything handed in meanwhile in one go (one transaction, one sync), so callers arriving together share one
 * commit. A caller returns only once its own write committed, and throws if it did not.
 *
 * <p>A caller whose write went with a group returns as soon as that group is written: it does not wait for the
 * writer's lock, which the next group's writer may already hold. (It used to, and four officers releasing at once
 * then took turns behind each other's commits: most groups held one release.)
 *
 * <p>A caller may announce its write before it has it ready ({@link #expect}): the writer of the next group then
 * waits, up to a short linger, for the announced writes to be handed in, so that callers who work side by side
 * (officers deciding releases at the same moment) share one commit instead of each catching the writer free at a
 * different instant. The writer also waits, up to the same linger, until its group is as large as the largest of the
 * last {@value #RECENT} groups: the callers of the group just written are coming back (their next write is not announced
 * yet while they are still being woken), and the first of them back would otherwise write alone. A caller alone never
 * waits: nothing else is announced, and its last groups held one write; when callers stop, at most {@value #RECENT}
 * groups wait out the linger.
 *
 * <p>A failed group is written again one write at a time, so a write that fails fails its own caller alone, and the
 * others in its group still commit. The writer must therefore leave nothing behind when it throws (a rolled-back
 * transaction), so that the retry starts clean.
 *
 * @param <T> one caller's write
 */
public final class GroupCommit<T> {
    /** Writes a group durably, all or nothing; throws having left nothing behind. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(List<T> group);
    }

    private final Writer<T> writer;
    private final int maxGroup;
    private final long lingerNanos;
    private final ConcurrentLinkedQueue<Waiting<T>> waiting = new ConcurrentLinkedQueue<>();
    /** Held by the caller gathering and writing a group, for as long as that takes (a lock parks virtual threads). */
    private final ReentrantLock writing = new ReentrantLock();
    /** Guards {@link #changed} only; never held while writing. */
    private final ReentrantLock news = new ReentrantLock();
    /** Signalled when a group was written, a write was handed in, or an announcement was withdrawn. */
    private final Condition changed = news.newCondition();
    /** Writes announced and not yet handed in or withdrawn. */
    private final AtomicInteger announced = new AtomicInteger();
    /** How many of the last groups' sizes the writer remembers; see {@link #expected}. */
    static final int RECENT = 8;
    /** The sizes of the last {@link #RECENT} groups, read and written under the writer's lock only. */
    private final int[] recent = new int[RECENT];
    /** Where the next group's size goes in {@link #recent}. */
    private int next;

    /** @param maxGroup the most writes in one group; more wait for the next one */
    public GroupCommit(int maxGroup, Writer<T> writer) {
        this(maxGroup, Duration.ZERO, writer);
    }

    /**
     * @param maxGroup the most writes in one group; more wait for the next one
     * @param linger how long the writer of a group waits at most for writes announced and not yet handed in, and for
     *     as many writes as the largest of the last groups held
     */
    public GroupCommit(int maxGroup, Duration linger, Writer<T> writer) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one write, not " + maxGroup);
        }
        if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("a group's linger is between 0 and 10 s, not " + linger);
        }
        this.maxGroup = maxGroup;
        this.lingerNanos = linger.toNanos();
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * A write on its way, used by one thread: until it is handed to {@link #commit(Object, Announced)} or the
     * announcement is closed, the writer of a group may wait for it (up to the linger).
     */
    public final class Announced implements AutoCloseable {
        private boolean open = true;

        private Announced() {
            announced.incrementAndGet();
        }

        /** Withdraws the announcement if its write was not handed in (a caller that commits nothing after all). */
        @Override
        public void close() {
            if (handIn()) {
                tellLingering();
            }
        }

        /** Ends the announcement; whether it was still open. */
        private boolean handIn() {
            if (!open) {
                return false;
            }
            open = false;
            announced.decrementAndGet();
            return true;
        }
    }

    /** Announces a write this caller will hand in soon, or not; close it in any case (try-with-resources). */
    public Announced expect() {
        return new Announced();
    }

    /** Returns once {@code write} is committed, alone or with others; throws its failure if it was not. */
    public void commit(T write) {
        commit(write, null);
    }

    /**
     * Hands in the write {@code announcement} announced (or an unannounced one, if null) and returns once it is
     * committed, alone or with others; throws its failure if it was not.
     */
    public void commit(T write, Announced announcement) {
        Waiting<T> mine = new Waiting<>(Objects.requireNonNull(write, "write"));
        waiting.add(mine);
        // After the add: a writer that sees the count drop finds this write in the queue.
        if (announcement != null) {
            announcement.handIn();
        }
        tellLingering();
        while (!mine.done) {
            if (writing.tryLock()) {
                try {
                    // Holding the lock, a write not done is still queued: groups are taken and written under it.
                    if (!mine.done) {
                        linger();
                        List<Waiting<T>> group = new ArrayList<>();
                        for (Waiting<T> w; group.size() < maxGroup && (w = waiting.poll()) != null; ) {
                            group.add(w);
                        }
                        write(group);
                    }
                } finally {
                    writing.unlock();
                    tell();
                }
            } else {
                awaitTurn(mine);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** How many writes wait for a group now. */
    int waiting() {
        return waiting.size();
    }

    /**
     * Wakes a writer lingering for announced writes, if this group commit lingers at all: with no linger, a write handed
     * in is news to nobody, and telling would only wake every caller waiting for its group.
     */
    private void tellLingering() {
        if (lingerNanos > 0) {
            tell();
        }
    }

    /** Wakes whoever waits for news: callers whose group was written, a writer lingering for announced writes. */
    private void tell() {
        news.lock();
        try {
            changed.signalAll();
        } finally {
            news.unlock();
        }
    }

    /**
     * Waits until {@code mine} is written or nobody is writing. No wake-up is lost: the writer unlocks before it tells,
     * and telling takes the lock this caller holds from its check until it waits.
     */
    private void awaitTurn(Waiting<T> mine) {
        news.lock();
        try {
            while (!mine.done && writing.isLocked()) {
                changed.awaitUninterruptibly();
            }
        } finally {
            news.unlock();
        }
    }

    /**
     * Holding the writer's lock: waits, up to the linger, while there is room and announced writes are on their way or
     * the group is smaller than the largest of the last few.
     */
    private void linger() {
        long left = lingerNanos;
        if (left == 0) {
            return;
        }
        int expected = expected();
        if (announced.get() == 0 && waiting.size() >= expected) {
            return;
        }
        news.lock();
        try {
            while (left > 0 && waiting.size() < maxGroup && (announced.get() > 0 || waiting.size() < expected)) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            news.unlock();
        }
    }

    /** The size the writer of the next group waits for, up to the linger (for tests). */
    int expectedGroup() {
        writing.lock();
        try {
            return expected();
        } finally {
            writing.unlock();
        }
    }

    /** The size of the largest of the last {@link #RECENT} groups (under the writer's lock); 1 before any. */
    private int expected() {
        int most = 1;
        for (int size : recent) {
            most = Math.max(most, size);
        }
        return Math.min(most, maxGroup);
    }

    /**
     * Writes a group, never empty: a caller not yet done is still in the queue, since writers hold the lock. An error
     * (not an exception: out of memory, say) fails the whole group and goes on up the writer's stack, so that no caller
     * waits for a write nobody will make.
     */
    private void write(List<Waiting<T>> group) {
        recent[next] = group.size();
        next = (next + 1) % RECENT;
        try {
            writer.write(group.stream().map(w -> w.write).toList());
            group.forEach(w -> w.done = true);
            return;
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.getFirst().fail(e);
                return;
            }
        } catch (Error e) {
            group.forEach(w -> w.fail(new IllegalStateException("the group's write failed: " + e, e)));
            throw e;
        }
        for (Waiting<T> w : group) {
            try {
                writer.write(List.of(w.write));
                w.done = true;
            } catch (RuntimeException e) {
                w.fail(e);
            }
        }
    }

    private static final class Waiting<T> {
        final T write;
        /** Written by the writer after {@link #failure}; read by the caller without the lock. */
        volatile boolean done;
        RuntimeException failure;

        Waiting(T write) {
            this.write = write;
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }
    }
}
