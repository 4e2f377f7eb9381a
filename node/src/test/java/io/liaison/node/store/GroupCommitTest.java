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
    void writesAnnouncedBeforeTheyAreReady_joinTheGroupBeingWritten() throws Exception {
        Store store = new Store();
        // A linger far longer than the test: the group may only be written once all four are handed in.
        GroupCommit<Integer> commits = new GroupCommit<>(64, java.time.Duration.ofSeconds(10), store::write);
        announcedTogether(commits, 4, (w, a) -> {
            // One after another: each hands its write in only once the previous one waits for a group.
            while (commits.waiting() < w) {
                Thread.yield();
            }
            commits.commit(w, a);
        });
        assertThat(store.committed).containsExactlyInAnyOrder(0, 1, 2, 3);
        // Without the announcements the first write, finding the writer free, would have gone alone.
        assertThat(store.groupSizes).containsExactly(4);
    }

    @Test
    void callersOfTheLastGroup_comingBackOneAfterAnother_shareTheNextCommit() throws Exception {
        Store store = new Store();
        GroupCommit<Integer> commits = new GroupCommit<>(64, java.time.Duration.ofSeconds(10), store::write);
        announcedTogether(commits, 3, (w, a) -> {
            // Round one: announced, one group of three.
            commits.commit(w, a);
            // Round two: unannounced (the announcement ended when its write was handed in), each handing in only once the one before waits. Without the last group's size to
            // go by, the first back would find the writer free and write alone (and the others then stop waiting for
            // it to wait).
            while (commits.waiting() < w && store.groupSizes.size() < 2) {
                Thread.yield();
            }
            commits.commit(10 + w);
        });
        assertThat(store.committed).containsExactlyInAnyOrder(0, 1, 2, 10, 11, 12);
        assertThat(store.groupSizes).containsExactly(3, 3);
        assertThat(commits.expectedGroup()).isEqualTo(3);
    }

    @Test
    void whenCallersStop_aLoneCallerWaitsOutTheLingerForAFewGroupsOnly() throws Exception {
        Store store = new Store();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<Integer> commits = new GroupCommit<>(64, java.time.Duration.ofMillis(20), group -> {
            if (calls.getAndIncrement() == 0) {
                await(release); // holds the first group open until two more writes wait
            }
            store.write(group);
        });
        assertThat(commits.expectedGroup()).as("nothing written yet").isEqualTo(1);
        Thread zero = Thread.ofPlatform().start(() -> commits.commit(0));
        while (calls.get() < 1) {
            Thread.onSpinWait();
        }
        Thread one = Thread.ofPlatform().start(() -> commits.commit(1));
        Thread two = Thread.ofPlatform().start(() -> commits.commit(2));
        while (commits.waiting() < 2) {
            Thread.onSpinWait();
        }
        release.countDown();
        for (Thread t : List.of(zero, one, two)) {
            t.join();
        }
        assertThat(store.groupSizes).containsExactly(1, 2);
        assertThat(commits.expectedGroup()).isEqualTo(2);
        // Alone from now on: each group waits out the linger for a second write, until the group of two is forgotten.
        for (int i = 0; i < GroupCommit.RECENT; i++) {
            assertThat(commits.expectedGroup()).as("after %d lone groups", i).isEqualTo(2);
            commits.commit(100 + i);
        }
        assertThat(commits.expectedGroup()).isEqualTo(1);
        assertThat(store.groupSizes.subList(2, store.groupSizes.size())).hasSize(GroupCommit.RECENT).containsOnly(1);
        assertThat(store.committed).hasSize(3 + GroupCommit.RECENT);
    }

    @Test
    void callersWhoseGroupWasWritten_returnWhileTheNextGroupIsBeingWritten() throws Exception {
        Store store = new Store();
        CountDownLatch firstGroup = new CountDownLatch(1);
        CountDownLatch nextGroup = new CountDownLatch(1);
        AtomicInteger groups = new AtomicInteger();
        List<Thread> late = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer>[] commits = new GroupCommit[1];
        commits[0] = new GroupCommit<>(64, group -> {
            switch (groups.getAndIncrement()) {
                case 0 -> await(firstGroup); // holds 1 and 2 back until both wait
                case 1 -> {
                    // While 1 and 2 are written, another caller arrives; its group is held open below.
                    late.add(Thread.ofPlatform().start(() -> commits[0].commit(3)));
                    while (commits[0].waiting() < 1) {
                        Thread.yield();
                    }
                }
                default -> await(nextGroup);
            }
            store.write(group);
        });
        Thread zero = Thread.ofPlatform().start(() -> commits[0].commit(0));
        while (groups.get() < 1) {
            Thread.onSpinWait();
        }
        Thread one = Thread.ofPlatform().start(() -> commits[0].commit(1));
        Thread two = Thread.ofPlatform().start(() -> commits[0].commit(2));
        while (commits[0].waiting() < 2) {
            Thread.onSpinWait();
        }
        firstGroup.countDown();
        for (Thread t : List.of(zero, one, two)) {
            t.join(java.time.Duration.ofSeconds(10));
            assertThat(t.isAlive()).as("a caller whose write is committed still waits").isFalse();
        }
        assertThat(store.committed).containsExactlyInAnyOrder(0, 1, 2);
        nextGroup.countDown();
        late.getFirst().join();
        assertThat(store.groupSizes).containsExactly(1, 2, 1);
    }

    @Test
    void aWithdrawnAnnouncement_letsTheGroupGoWithoutIt() throws Exception {
        Store store = new Store();
        GroupCommit<Integer> commits = new GroupCommit<>(64, java.time.Duration.ofSeconds(10), store::write);
        GroupCommit<Integer>.Announced other = commits.expect();
        Thread first = Thread.ofPlatform().start(() -> {
            try (GroupCommit<Integer>.Announced a = commits.expect()) {
                commits.commit(1, a);
            }
        });
        while (commits.waiting() < 1) {
            Thread.onSpinWait();
        }
        other.close(); // the other caller commits nothing after all
        first.join(java.time.Duration.ofSeconds(5));
        assertThat(first.isAlive()).as("the group waited for a withdrawn write").isFalse();
        assertThat(store.groupSizes).containsExactly(1);
        // Unannounced writes and a linger of zero never wait.
        GroupCommit<Integer> plain = new GroupCommit<>(64, store::write);
        GroupCommit<Integer>.Announced pending = plain.expect();
        plain.commit(2);
        pending.close();
        assertThat(store.committed).containsExactly(1, 2);
        assertThatThrownBy(() -> new GroupCommit<Integer>(64, java.time.Duration.ofMinutes(1), g -> { }))
                .hasMessageContaining("between 0 and 10 s");
    }

    @Test
    void anErrorInTheWriter_failsEveryCallerOfItsGroup_andTheNextGroupIsWritten() throws Exception {
        Store store = new Store();
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<Integer> commits = new GroupCommit<>(64, group -> {
            switch (calls.getAndIncrement()) {
                case 0 -> {
                    firstIn.countDown();
                    await(release);
                }
                case 1 -> throw new StackOverflowError("deep");
                default -> { }
            }
            store.write(group);
        });
        Map<Integer, String> outcome = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int write = w;
            callers.add(Thread.ofPlatform().start(() -> {
                try {
                    commits.commit(write);
                    outcome.put(write, "committed");
                } catch (StackOverflowError | IllegalStateException e) {
                    outcome.put(write, e.getClass().getSimpleName());
                }
            }));
            if (w == 0) {
                firstIn.await();
            }
        }
        while (commits.waiting() < 2) {
            Thread.onSpinWait();
        }
        release.countDown();
        for (Thread t : callers) {
            t.join(java.time.Duration.ofSeconds(10));
            assertThat(t.isAlive()).as("a caller of the failed group still waits").isFalse();
        }
        // 1 and 2 went together: the one that wrote the group gets the error, the other a failure naming it.
        assertThat(outcome).containsEntry(0, "committed");
        assertThat(List.of(outcome.get(1), outcome.get(2))).containsExactlyInAnyOrder("StackOverflowError",
                "IllegalStateException");
        commits.commit(3);
        assertThat(store.committed).containsExactly(0, 3);
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

    /**
     * Runs {@code callers} platform threads that each announce a write, wait until all have announced, then run
     * {@code body} with their number and announcement (closed afterwards); returns once all are done.
     */
    private static void announcedTogether(GroupCommit<Integer> commits, int callers,
            java.util.function.BiConsumer<Integer, GroupCommit<Integer>.Announced> body) throws InterruptedException {
        CountDownLatch allAnnounced = new CountDownLatch(callers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int w = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try (GroupCommit<Integer>.Announced a = commits.expect()) {
                    allAnnounced.countDown();
                    await(allAnnounced);
                    body.accept(w, a);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
