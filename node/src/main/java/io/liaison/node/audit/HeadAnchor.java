package io.liaison.node.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.liaison.catalog.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The last signed tree head, kept in the node's own directory, outside the database: whoever can delete the newest
 * entries and heads from the database cannot reach it, so verification notices a log that lost its tail. Written
 * after each sequencing round commits, through a temporary file made durable and moved into place.
 */
public final class HeadAnchor {
    private final Path file;

    public HeadAnchor(Path file) {
        this.file = file;
    }

    /** Keeps {@code head} as the last one signed. */
    void keep(SignedHead head) {
        // A file of this process's own: replicas of the node sharing the directory may keep heads at the same time.
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = Json.compactBytes(head);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                c.write(ByteBuffer.wrap(bytes));
                c.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the signed tree head in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The last head kept, if any; a file that cannot be read is reported as such by verification. */
    public Optional<SignedHead> last() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readAllBytes(file), SignedHead.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the signed tree head kept in " + file + " is not readable: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }
}
