package io.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        // The first group is held open until every other caller is waiting, so they must form groups of their own.
        GroupCommit<Integer> commits = new GroupCommit<>(64, group -> {
            if (calls.getAndIncrement() == 0) {
                firstIn.countDown();
                await(release);
            }
            store.write(group);
        });
        ConcurrentHashMap<Integer, Boolean> returned = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        callers.add(Thread.ofVirtual().start(() -> {
            commits.commit(0);
            returned.put(0, store.committed.contains(0));
        }));
        firstIn.await();
        for (int i = 1; i <= 40; i++) {
            int w = i;
            callers.add(Thread.ofVirtual().start(() -> {
                commits.commit(w);
                returned.put(w, store.committed.contains(w));
            }));
        }
        while (commits.waiting() < 40) {
            Thread.onSpinWait();
        }
        release.countDown();
        for (Thread t : callers) {
            t.join();
        }
        assertThat(returned).hasSize(41).allSatisfy((w, committedWhenReturned) -> assertThat(committedWhenReturned)
                .as("write %d committed before its caller returned", w).isTrue());
        assertThat(store.committed).containsExactlyInAnyOrderElementsOf(returned.keySet());
        // The 40 that waited were written in one group, not 40 commits.
        assertThat(store.groupSizes).containsExactly(1, 40);
    }

    @Test
    void aFailingWriteFailsItsOwnCallerAlone_theOthersInItsGroupCommit() throws Exception {
        Store store = new Store();
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<Integer> commits = new GroupCommit<>(64, group -> {
            if (calls.getAndIncrement() == 0) {
                firstIn.countDown();
                await(release);
            }
            store.write(group);
        });
        ConcurrentHashMap<Integer, String> outcome = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        for (int w : new int[] {0, 1, -2, 3, 4}) {
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    commits.commit(w);
                    outcome.put(w, "committed");
                } catch (IllegalStateException e) {
                    outcome.put(w, e.getMessage());
                }
            }));
            if (w == 0) {
                firstIn.await();
            }
        }
        while (commits.waiting() < 4) {
            Thread.onSpinWait();
        }
        release.countDown();
        for (Thread t : callers) {
            t.join();
        }
        assertThat(outcome).containsEntry(0, "committed").containsEntry(1, "committed").containsEntry(3, "committed")
                .containsEntry(4, "committed").containsEntry(-2, "refused [-2]");
        assertThat(store.committed).containsExactlyInAnyOrder(0, 1, 3, 4);
        // The group of four failed as a whole, then each was written alone.
        assertThat(store.groupSizes).containsExactly(1, 4, 1, 1, 1, 1);
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
