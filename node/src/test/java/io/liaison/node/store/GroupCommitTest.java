package io.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupCommitTest {

    /** Commits what it is given into {@code committed}, all or nothing, refusing any group holding a doomed write. */
    private static final class Store {
        final List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());

        void write(List<Integer> group) {
            groupSizes.add(group.size());
            if (group.stream().anyMatch(w -> w < 0)) {
                throw new IllegalStateException("refused " + group);
            }
            committed.addAll(group);
        }
    }

    @Test
    void concurrentCallersShareCommits_andEachReturnsOnlyOnceItsOwnWriteCommitted() throws Exception {
        Store store = new Store();
        int[] writes = java.util.stream.IntStream.rangeClosed(0, 40).toArray();
        Map<Integer, String> outcome = commitHeldOpen(store, writes);
        assertThat(outcome).hasSize(41).allSatisfy((w, seen) -> assertThat(seen).as("write %d", w).isEqualTo("committed"));
        assertThat(store.committed).containsExactlyInAnyOrderElementsOf(outcome.keySet());
        // The 40 that waited were written in one group, not 40 commits.
        assertThat(store.groupSizes).containsExactly(1, 40);
    }

    @Test
    void aFailingWriteFailsItsOwnCallerAlone_theOthersInItsGroupCommit() throws Exception {
        Store store = new Store();
        Map<Integer, String> outcome = commitHeldOpen(store, 0, 1, -2, 3, 4);
        assertThat(outcome).containsEntry(0, "committed").containsEntry(1, "committed").containsEntry(3, "committed")
                .containsEntry(4, "committed").containsEntry(-2, "refused [-2]");
        assertThat(store.committed).containsExactlyInAnyOrder(0, 1, 3, 4);
        // The group of four failed as a whole, then each was written alone.
        assertThat(store.groupSizes).containsExactly(1, 4, 1, 1, 1, 1);
    }

    /**
     * Commits {@code writes[0]} alone, held open until every other write is waiting, then lets them all go; returns what
     * each caller saw on return: "committed" if its write was in the store by then, or its failure's message.
     */
    private static Map<Integer, String> commitHeldOpen(Store store, int... writes) throws InterruptedException {
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer> commits = firstHeldOpen(store, firstIn, release);
        Map<Integer, String> outcome = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        for (int w : writes) {
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    commits.commit(w);
                    outcome.put(w, store.committed.contains(w) ? "committed" : "returned before its commit");
                } catch (IllegalStateException e) {
                    outcome.put(w, e.getMessage());
                }
            }));
            if (callers.size() == 1) {
                firstIn.await();
            }
        }
        while (commits.waiting() < writes.length - 1) {
            Thread.onSpinWait();
        }
        release.countDown();
        for (Thread t : callers) {
            t.join();
        }
        return outcome;
    }

    @Test
    void aGroupHoldsAtMostItsSize_andALoneFailureIsThrownToItsCaller() {
        assertThatThrownBy(() -> new GroupCommit<Integer>(0, g -> { })).hasMessageContaining("at least one");
        Store store = new Store();
        GroupCommit<Integer> commits = new GroupCommit<>(1, store::write);
        commits.commit(7);
        assertThatThrownBy(() -> commits.commit(-1)).hasMessage("refused [-1]");
        assertThat(store.committed).containsExactly(7);
    }

    /**
     * Group commits into {@code store} whose first group is held open (after {@code firstIn}) until {@code release}, so
     * that the callers arriving meanwhile must wait and form groups of their own.
     */
    private static GroupCommit<Integer> firstHeldOpen(Store store, CountDownLatch firstIn, CountDownLatch release) {
        AtomicInteger calls = new AtomicInteger();
        return new GroupCommit<>(64, group -> {
            if (calls.getAndIncrement() == 0) {
                firstIn.countDown();
                await(release);
            }
            store.write(group);
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
