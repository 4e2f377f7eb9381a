package io.liaison.node.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: callers hand in writes and wait until theirs is durable; whichever caller finds the writer free writes
 * everything handed in meanwhile in one go (one transaction, one sync), so callers arriving together share one
 * commit. A caller returns only once its own write committed, and throws if it did not.
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
    private final ConcurrentLinkedQueue<Waiting<T>> waiting = new ConcurrentLinkedQueue<>();
    /** Held by the caller writing a group; the others wait on it (a lock parks virtual threads, a monitor pinned them). */
    private final ReentrantLock lock = new ReentrantLock();

    /** @param maxGroup the most writes in one group; more wait for the next one */
    public GroupCommit(int maxGroup, Writer<T> writer) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one write, not " + maxGroup);
        }
        this.maxGroup = maxGroup;
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Returns once {@code write} is committed, alone or with others; throws its failure if it was not. */
    public void commit(T write) {
        Waiting<T> mine = new Waiting<>(Objects.requireNonNull(write, "write"));
        waiting.add(mine);
        while (true) {
            lock.lock();
            try {
                // Fields of a Waiting are written and read under the lock.
                if (mine.done) {
                    break;
                }
                List<Waiting<T>> group = new ArrayList<>();
                for (Waiting<T> w; group.size() < maxGroup && (w = waiting.poll()) != null; ) {
                    group.add(w);
                }
                write(group);
            } finally {
                lock.unlock();
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

    /** Writes a group, never empty: a caller not yet done is still in the queue, since writers hold the lock. */
    private void write(List<Waiting<T>> group) {
        try {
            writer.write(group.stream().map(w -> w.write).toList());
            group.forEach(w -> w.done = true);
            return;
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.getFirst().fail(e);
                return;
            }
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
        boolean done;
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
