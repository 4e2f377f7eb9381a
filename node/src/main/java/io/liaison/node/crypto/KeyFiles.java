package io.liaison.node.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * The shared helpers for key files: owner-only atomic writes and the permission check made before a key is read.
 *
 * <p>Writes go to a temporary file in the target's directory, created with its final permissions so the content
 * is never visible to others even for a moment, then renamed over the target with {@code ATOMIC_MOVE} so a reader
 * (or a crash) sees either the old file or the complete new one.
 */
public final class KeyFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    // Key files are a few hundred bytes; the cap stops a wrong path (a log, a disk image) being read into memory.
    private static final long MAX_KEY_FILE_BYTES = 64 * 1024;

    private KeyFiles() {
    }

    /** Writes {@code bytes} to {@code file} atomically with mode {@code rw-------}, replacing any existing file. */
    public static void writeOwnerOnly(Path file, byte[] bytes) {
        write(file, bytes, OWNER_ONLY, true);
    }

    /**
     * Refuses a key file that group or others may access, or that does not exist.
     *
     * @throws CryptoException naming the file and its mode, e.g. "key file /k is readable by group or others (mode
     *     rw-r--r--); chmod 600 it"
     */
    public static void requireOwnerOnly(Path file) {
        Objects.requireNonNull(file, "file");
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new CryptoException("key file " + file + " does not exist", e);
        } catch (UnsupportedOperationException e) {
            throw new CryptoException("key file " + file + " is on a file system without POSIX permissions;"
                    + " key files must be owner-only", e);
        } catch (IOException e) {
            throw new CryptoException("cannot read the permissions of key file " + file + ": " + e.getMessage(), e);
        }
        String access = access(mode);
        if (access != null) {
            throw new CryptoException("key file " + file + " is " + access + " by group or others (mode "
                    + PosixFilePermissions.toString(mode) + "); chmod 600 it");
        }
    }

    /** Writes with owner-only permissions like {@link #writeOwnerOnly}, but refuses to replace an existing file. */
    static void createOwnerOnly(Path file, byte[] bytes) {
        write(file, bytes, OWNER_ONLY, false);
    }

    /** Writes a public file (certificate, public key) atomically with mode {@code rw-r--r--}. */
    static void writePublic(Path file, byte[] bytes) {
        write(file, bytes, PUBLIC, true);
    }

    /** Reads a key file after {@link #requireOwnerOnly}. */
    static byte[] readOwnerOnly(Path file) {
        requireOwnerOnly(file);
        return read(file, "key file");
    }

    /** Reads a small file; {@code what} names it in messages ("key file", "certificate file"). */
    static byte[] read(Path file, String what) {
        try {
            long size = Files.size(file);
            if (size > MAX_KEY_FILE_BYTES) {
                throw new CryptoException(what + " " + file + " has " + size + " bytes; the limit is "
                        + MAX_KEY_FILE_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CryptoException(what + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CryptoException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static String access(Set<PosixFilePermission> mode) {
        if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
            return "readable";
        }
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            return "writable";
        }
        if (mode.contains(PosixFilePermission.GROUP_EXECUTE) || mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            return "executable";
        }
        return null;
    }

    private static void write(Path file, byte[] bytes, Set<PosixFilePermission> mode, boolean replace) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(bytes, "bytes");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new CryptoException("key file " + file + " already exists; refusing to overwrite it");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(mode));
            // The attribute at creation is filtered by the umask; set the mode again so it is exact.
            Files.setPosixFilePermissions(temp, mode);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // Flush before the rename so a crash cannot leave a complete-looking but empty key file.
                channel.force(true);
            }
            // Checked again just before the rename to narrow the window in which another writer could slip in.
            if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            syncDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new CryptoException("key file " + file + " already exists; refusing to overwrite it", e);
        } catch (UnsupportedOperationException e) {
            throw new CryptoException("cannot write " + file + ": its file system lacks POSIX permissions or"
                    + " atomic moves, both needed for key files", e);
        } catch (IOException e) {
            throw new CryptoException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed and says so; a leftover owner-only temp file is harmless.
                }
            }
        }
    }

    // Makes the rename itself durable; best effort, since not every platform can open a directory for syncing.
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The file is written and renamed; only durability across a power cut is weaker here.
        }
    }
}
