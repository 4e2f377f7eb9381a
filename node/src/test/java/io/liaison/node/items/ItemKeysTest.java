package io.liaison.node.items;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(600)
class ItemKeysTest {

    private static byte[] key(int seed) {
        byte[] k = new byte[60];
        new Random(seed).nextBytes(k);
        return k;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void keys_surviveReopening_andDeletedKeysLeaveNoBytesBehind(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("keys/item-keys.journal");
        try (ItemKeys keys = new ItemKeys(journal)) {
            keys.put("kor-1", key(1));
            keys.put("kor-2", key(2));
            keys.delete("kor-1");
            keys.delete("kor-unknown");
            assertThat(keys.get("kor-1")).isEmpty();
            assertThat(keys.get("kor-2")).contains(key(2));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal))).isEqualTo("rw-------");
        byte[] bytes = Files.readAllBytes(journal);
        assertThat(contains(bytes, key(1))).as("the deleted key is overwritten in the journal").isFalse();
        assertThat(contains(bytes, key(2))).isTrue();
        try (ItemKeys reopened = new ItemKeys(journal)) {
            assertThat(reopened.get("kor-1")).isEmpty();
            assertThat(reopened.get("kor-2")).contains(key(2));
            List<String> ids = new ArrayList<>();
            reopened.forEachId(ids::add);
            assertThat(ids).containsExactly("kor-2");
        }
    }

    @Test
    void tornRecordAtTheEnd_isCutOffOnOpen(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("item-keys.journal");
        try (ItemKeys keys = new ItemKeys(journal)) {
            keys.put("kor-1", key(1));
        }
        long whole = Files.size(journal);
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 5, 0, 0, 60, 'k', 'o'}));
        }
        try (ItemKeys keys = new ItemKeys(journal)) {
            assertThat(keys.get("kor-1")).contains(key(1));
            keys.put("kor-2", key(2));
        }
        assertThat(Files.size(journal)).isGreaterThan(whole);
        try (ItemKeys keys = new ItemKeys(journal)) {
            assertThat(keys.get("kor-2")).contains(key(2));
        }
    }

    @Test
    void concurrentWriters_shareSyncsAndLoseNothing(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("item-keys.journal");
        ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
        try (ItemKeys keys = new ItemKeys(journal)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 50; i++) {
                        String id = "kor-" + thread + "-" + i;
                        keys.put(id, key(thread * 1000 + i));
                        written.add(id);
                    }
                }));
            }
            for (Thread th : threads) {
                th.join();
            }
        }
        try (ItemKeys keys = new ItemKeys(journal)) {
            for (String id : written) {
                String[] parts = id.split("-");
                assertThat(keys.get(id)).contains(key(Integer.parseInt(parts[1]) * 1000 + Integer.parseInt(parts[2])));
            }
        }
        assertThat(written).hasSize(400);
    }

    @Test
    void groupOrOtherReadableJournal_isRefused(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("item-keys.journal");
        new ItemKeys(journal).close();
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-r--r--"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ItemKeys(journal))
                .hasMessageContaining("readable by group or others");
    }

    /**
     * Replicas of one node share the journal: keys written by either, at the same time, are reached by the other, and a
     * key one deletes is gone for both and from the file.
     */
    @Test
    void replicasSharingTheJournal_reachEachOthersKeys_andADeletionLeavesNoCopy(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("keys/item-keys.journal");
        try (ItemKeys a = new ItemKeys(journal); ItemKeys b = new ItemKeys(journal)) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                ItemKeys keys = w % 2 == 0 ? a : b;
                int first = w * 100;
                writers.add(Thread.ofVirtual().start(() -> {
                    for (int i = first; i < first + 100; i++) {
                        keys.put("item-" + i, key(i));
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
            for (int i = 0; i < 400; i++) {
                assertThat(a.get("item-" + i)).as("item-" + i + " at a").contains(key(i));
                assertThat(b.get("item-" + i)).as("item-" + i + " at b").contains(key(i));
            }
            b.delete("item-7");
            a.delete("item-8");
            assertThat(a.get("item-7")).isEmpty();
            assertThat(b.get("item-8")).isEmpty();
        }
        byte[] bytes = Files.readAllBytes(journal);
        assertThat(contains(bytes, key(7))).isFalse();
        assertThat(contains(bytes, key(8))).isFalse();
        try (ItemKeys reopened = new ItemKeys(journal)) {
            List<String> ids = new ArrayList<>();
            reopened.forEachId(ids::add);
            assertThat(ids).hasSize(398).doesNotContain("item-7", "item-8");
        }
    }
}
