package io.liaison.node.items;

import io.liaison.node.crypto.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The wrapped item keys, kept in one owner-only journal file beside the node's other keys, never in the
 * database: the database and its backups hold only ciphertext (R13).
 *
 * <p>Records are appended ({@code PUT id key}, {@code DEL id}) and made durable with group commit: a
 * writer appends, then waits until some {@code force} covers its record, so concurrent writers share one
 * sync. Deleting a key overwrites its bytes in place with zeros before the {@code DEL} record, so the
 * journal keeps no readable copy of it. A torn record at the end (a crash mid-append) is cut off when the
 * journal is opened.
 *
 * <p>Replicas of one node ({@code serve --replica}) share the journal: every append and deletion holds an exclusive
 * lock on the file (POSIX record lock) and first reads what the other replicas appended since; a key this process
 * does not know, or finds overwritten, is looked up again after reading their records. So every replica reaches every
 * key, and a deletion by any of them leaves no copy in the one journal.
 */
public final class ItemKeys implements AutoCloseable {
    private static final byte PUT = 1;
    private static final byte DEL = 2;
    private static final int MAX_ID = 64;
    private static final int MAX_KEY = 1024;
    private static final int HEADER = 5;

    private final Path file;
    private final FileChannel channel;
    private final ConcurrentHashMap<String, long[]> index = new ConcurrentHashMap<>();
    /**
     * Held while this process locks the file: one per journal in the JVM, since a file lock is the whole JVM's and a
     * second one taken in it would overlap (replicas in one JVM, in tests, open the same journal twice).
     */
    private final Object appendLock;
    private static final ConcurrentHashMap<Path, Object> JOURNAL_LOCKS = new ConcurrentHashMap<>();
    /** A lock that parks its waiters: a monitor here made writers spin through every sync. */
    private final ReentrantLock syncLock = new ReentrantLock();
    private long end;
    private volatile long synced;

    public ItemKeys(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            KeyFiles.requireOwnerOnly(file);
            this.appendLock = JOURNAL_LOCKS.computeIfAbsent(file.toRealPath(), p -> new Object());
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            synchronized (appendLock) {
                try (java.nio.channels.FileLock held = channel.lock()) {
                    // Under the lock no replica is mid-append: a torn record at the end is one a crash left.
                    this.end = replay(0);
                    channel.truncate(end);
                }
            }
            this.synced = end;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the item key journal " + file, e);
        }
    }

    /**
     * Reads every whole record and returns where the last one ends; anything after it is torn. A record is
     * {@code op (1) | id length (1) | key length (3, big-endian) | id | key}.
     */
    private long replay(long from) throws IOException {
        long pos = from;
        long size = channel.size();
        while (pos + HEADER <= size) {
            ByteBuffer head = readFully(pos, HEADER);
            byte op = head.get();
            int idLen = head.get() & 0xff;
            int keyLen = (head.get() & 0xff) << 16 | (head.get() & 0xff) << 8 | (head.get() & 0xff);
            boolean valid = (op == PUT && keyLen > 0 && keyLen <= MAX_KEY || op == DEL && keyLen == 0)
                    && idLen > 0 && idLen <= MAX_ID;
            if (!valid || pos + HEADER + idLen + keyLen > size) {
                break;
            }
            String name = new String(readFully(pos + HEADER, idLen).array(), StandardCharsets.UTF_8);
            long keyAt = pos + HEADER + idLen;
            if (op == PUT) {
                index.put(name, new long[] {keyAt, keyLen});
            } else {
                index.remove(name);
            }
            pos = keyAt + keyLen;
        }
        return pos;
    }

    private ByteBuffer readFully(long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw new IOException("journal " + file + " ends early");
            }
        }
        return b.flip();
    }

    /** Stores an item's wrapped key durably, before the item itself is committed. */
    public void put(String id, byte[] wrapped) {
        syncThrough(putUnsynced(id, wrapped));
    }

    /**
     * Appends an item's wrapped key without waiting for the disk, and returns the journal position that
     * {@link #syncThrough} must reach before the item is committed: several keys then share one sync.
     */
    public long putUnsynced(String id, byte[] wrapped) {
        if (wrapped.length == 0 || wrapped.length > MAX_KEY) {
            throw new IllegalArgumentException("a wrapped key has 1 to " + MAX_KEY + " bytes, not " + wrapped.length);
        }
        if (index.containsKey(id)) {
            throw new IllegalStateException("item " + id + " already has a key");
        }
        return append(PUT, id, wrapped);
    }

    /** Returns once every record up to {@code position} is on disk (group commit). */
    public void syncThrough(long position) {
        syncTo(position);
    }

    public Optional<byte[]> get(String id) {
        long[] at = index.get(id);
        if (at == null || at[1] == 0) {
            catchUp();
            at = index.get(id);
            if (at == null) {
                return Optional.empty();
            }
        }
        try {
            byte[] key = readFully(at[0], (int) at[1]).array();
            if (zeros(key)) {
                // Another replica deleted it: overwritten in place, its DEL record follows.
                catchUp();
                return Optional.empty();
            }
            return Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key of item " + id + " from " + file, e);
        }
    }

    private static boolean zeros(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads the whole records other replicas appended since this process last looked. */
    private void catchUp() {
        synchronized (appendLock) {
            try {
                end = Math.max(end, replay(end));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the item key journal " + file, e);
            }
        }
    }

    /** Overwrites the key with zeros where it lies, records the deletion, and syncs. Absent keys are fine. */
    public void delete(String id) {
        if (!index.containsKey(id)) {
            catchUp();
        }
        long[] at = index.remove(id);
        if (at == null) {
            return;
        }
        syncTo(append(DEL, id, new byte[0], at));
    }

    /** Every item id that has a key. */
    public void forEachId(Consumer<String> action) {
        List<String> ids = new ArrayList<>(index.keySet());
        ids.forEach(action);
    }

    private long append(byte op, String id, byte[] key) {
        return append(op, id, key, null);
    }

    /** Appends a record under the file's lock, after the records of other replicas; {@code erase}: first zeroes that key. */
    private long append(byte op, String id, byte[] key, long[] erase) {
        byte[] name = id.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_ID) {
            throw new IllegalArgumentException("item id '" + id + "' must have 1 to " + MAX_ID + " bytes");
        }
        ByteBuffer record = ByteBuffer.allocate(HEADER + name.length + key.length);
        record.put(op).put((byte) name.length).put((byte) (key.length >>> 16)).put((byte) (key.length >>> 8))
                .put((byte) key.length).put(name).put(key).flip();
        synchronized (appendLock) {
            long at;
            try (java.nio.channels.FileLock held = channel.lock()) {
                at = end = Math.max(end, replay(end));
                if (op == PUT && index.containsKey(id)) {
                    throw new IllegalStateException("item " + id + " already has a key");
                }
                if (erase != null) {
                    ByteBuffer zeros = ByteBuffer.allocate((int) erase[1]);
                    while (zeros.hasRemaining()) {
                        channel.write(zeros, erase[0] + zeros.position());
                    }
                }
                while (record.hasRemaining()) {
                    channel.write(record, at + record.position());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the item key journal " + file, e);
            }
            end = at + record.capacity();
            if (op == PUT) {
                index.put(id, new long[] {at + HEADER + name.length, key.length});
            }
            return end;
        }
    }

    /** Group commit: one force covers every record appended before it. */
    private void syncTo(long position) {
        if (synced >= position) {
            return;
        }
        syncLock.lock();
        try {
            if (synced >= position) {
                return;
            }
            long target;
            synchronized (appendLock) {
                target = end;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sync the item key journal " + file, e);
            }
            synced = target;
        } finally {
            syncLock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the item key journal " + file, e);
        }
    }
}
