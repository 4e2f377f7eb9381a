package io.liaison.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(600)
class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeOwnerOnly_createsAFileWithExactlyModeRwOnly() throws IOException {
        Path file = dir.resolve("secret.key");
        KeyFiles.writeOwnerOnly(file, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void writeOwnerOnly_replacesAnExistingFile_andLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("secret.key");
        Files.write(file, new byte[] {9});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyFiles.writeOwnerOnly(file, new byte[] {4, 5});
        assertThat(Files.readAllBytes(file)).containsExactly(4, 5);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void createOwnerOnly_refusesToReplaceAnExistingFile() throws IOException {
        Path file = dir.resolve("secret.key");
        Files.write(file, new byte[] {9});
        assertThatThrownBy(() -> KeyFiles.createOwnerOnly(file, new byte[] {1}))
                .isInstanceOf(CryptoException.class)
                .hasMessage("key file " + file + " already exists; refusing to overwrite it");
        assertThat(Files.readAllBytes(file)).containsExactly(9);
    }

    @Test
    void writeOwnerOnly_intoAMissingDirectory_failsNamingTheFile() {
        Path file = dir.resolve("missing").resolve("secret.key");
        assertThatThrownBy(() -> KeyFiles.writeOwnerOnly(file, new byte[] {1}))
                .isInstanceOf(CryptoException.class)
                .hasMessageStartingWith("cannot write " + file);
    }

    @Test
    void requireOwnerOnly_acceptsAnOwnerOnlyFile() throws IOException {
        Path file = withMode("rw-------");
        assertThatCode(() -> KeyFiles.requireOwnerOnly(file)).doesNotThrowAnyException();
        assertThatCode(() -> KeyFiles.requireOwnerOnly(withMode("r--------"))).doesNotThrowAnyException();
    }

    @Test
    void requireOwnerOnly_refusesAWorldReadableFile_namingTheFileModeAndFix() throws IOException {
        Path file = withMode("rw-r--r--");
        assertThatThrownBy(() -> KeyFiles.requireOwnerOnly(file))
                .isInstanceOf(CryptoException.class)
                .hasMessage("key file " + file + " is readable by group or others (mode rw-r--r--); chmod 600 it");
    }

    @Test
    void requireOwnerOnly_refusesFilesThatGroupOrOthersCanReadOrWrite() throws IOException {
        assertThatThrownBy(() -> KeyFiles.requireOwnerOnly(withMode("rw-r-----"))).hasMessageContaining("readable");
        assertThatThrownBy(() -> KeyFiles.requireOwnerOnly(withMode("rw----r--"))).hasMessageContaining("readable");
        assertThatThrownBy(() -> KeyFiles.requireOwnerOnly(withMode("rw--w----")))
                .hasMessageContaining("is writable by group or others (mode rw--w----)");
        assertThatThrownBy(() -> KeyFiles.requireOwnerOnly(withMode("rw------x"))).hasMessageContaining("executable");
    }

    @Test
    void requireOwnerOnly_refusesAMissingFile() {
        Path file = dir.resolve("absent.key");
        assertThatThrownBy(() -> KeyFiles.requireOwnerOnly(file))
                .isInstanceOf(CryptoException.class)
                .hasMessage("key file " + file + " does not exist");
    }

    @Test
    void read_refusesAFileTooLargeToBeAKey() throws IOException {
        Path file = dir.resolve("huge.key");
        Files.write(file, new byte[70_000]);
        assertThatThrownBy(() -> KeyFiles.read(file, "key file"))
                .isInstanceOf(CryptoException.class)
                .hasMessage("key file " + file + " has 70000 bytes; the limit is 65536");
    }

    private Path withMode(String mode) throws IOException {
        Path file = Files.createTempFile(dir, "key", ".bin");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
