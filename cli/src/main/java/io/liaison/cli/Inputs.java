package io.liaison.cli;

import io.liaison.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a named file, or standard input for {@code -}, refusing more than a limit. */
final class Inputs {
    private Inputs() {}

    static byte[] read(String name, InputStream stdin, int maxBytes) {
        try {
            if (name == null || name.equals("-")) {
                byte[] bytes = stdin.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new InvalidInputException("INPUT_TOO_LARGE", "standard input is over the limit of " + maxBytes
                            + " bytes");
                }
                return bytes;
            }
            Path path = Path.of(name);
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new InvalidInputException("INPUT_TOO_LARGE", name + " is " + size + " bytes, over the limit of "
                        + maxBytes + " bytes");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("INPUT_MISSING", "file " + name + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("INPUT_UNREADABLE", "cannot read " + name + ": " + e.getMessage());
        }
    }

    static String source(String name) {
        return name == null || name.equals("-") ? "stdin" : name;
    }
}
