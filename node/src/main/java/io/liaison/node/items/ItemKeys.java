package io.liaison.node.items;

import io.liaison.node.crypto.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The wrapped item keys, one owner-only file per item under the node's key directory, never in the
 * database. The database and its backups hold only ciphertext; deleting an item's key file (overwritten
 * first) shreds the item in every copy of the database, past and future (R13).
 */
public final class ItemKeys {
    private static final int MAX_WRAPPED = 1024;
    private final Path dir;

    public ItemKeys(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the item key directory " + dir, e);
        }
    }

    // Items spread over 256 subdirectories by a hash of their id, so no directory grows huge.
    private Path path(String id) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(h, 0, 1)).resolve(id + ".key");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores an item's wrapped key before the item itself is committed: created owner-only and new (never
     * replacing a key), written with synchronous data writes. Ids are random, so no two items share a file.
     */
    public void put(String id, byte[] wrapped) {
        Path p = path(id);
        try {
            Path parent = p.getParent();
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            try (FileChannel ch = FileChannel.open(p, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.DSYNC), PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
                ByteBuffer b = ByteBuffer.wrap(wrapped);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            // The creation mode passes through the umask, which can only remove bits: owner-only stays owner-only.
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalStateException("item " + id + " already has a key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write item key file " + p, e);
        }
    }

    private static final Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    public Optional<byte[]> get(String id) {
        Path p = path(id);
        try {
            KeyFiles.requireOwnerOnly(p);
            if (Files.size(p) > MAX_WRAPPED) {
                throw new IllegalStateException("item key file " + p + " is larger than a wrapped key");
            }
            return Optional.of(Files.readAllBytes(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (io.liaison.node.crypto.CryptoException e) {
            if (!Files.exists(p)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read item key file " + p, e);
        }
    }

    /** Overwrites the key file with zeros, forces it to disk, and deletes it. Absent keys are fine. */
    public void delete(String id) {
        Path p = path(id);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ch.size(), MAX_WRAPPED));
            while (zeros.hasRemaining()) {
                ch.write(zeros);
            }
            ch.force(true);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot overwrite item key file " + p, e);
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete item key file " + p, e);
        }
    }

    /** Every item id that has a key file. */
    public void forEachId(Consumer<String> action) {
        try (Stream<Path> files = Files.walk(dir, 2)) {
            files.filter(f -> f.getFileName().toString().endsWith(".key")).forEach(f -> {
                String name = f.getFileName().toString();
                action.accept(name.substring(0, name.length() - ".key".length()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
