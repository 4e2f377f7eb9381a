package io.liaison.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(600)
class MasterKeyTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void save_thenLoad_returnsTheSameKey() {
        MasterKey key = MasterKey.generate(RANDOM);
        Path file = dir.resolve("master.key");
        key.save(file);
        MasterKey loaded = MasterKey.load(file);
        assertThat(loaded).isEqualTo(key);
        assertThat(loaded.bytes(InsecureSecretAccess.get())).isEqualTo(key.bytes(InsecureSecretAccess.get()));
    }

    @Test
    void save_writesTheRaw32BytesWithExactlyModeRwOnly() throws IOException {
        MasterKey key = MasterKey.generate(RANDOM);
        Path file = dir.resolve("master.key");
        key.save(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllBytes(file)).isEqualTo(key.bytes(InsecureSecretAccess.get()));
    }

    @Test
    void save_refusesToOverwriteAnExistingFile() throws IOException {
        Path file = dir.resolve("master.key");
        MasterKey first = MasterKey.generate(RANDOM);
        first.save(file);
        assertThatThrownBy(() -> MasterKey.generate(RANDOM).save(file))
                .isInstanceOf(CryptoException.class)
                .hasMessage("key file " + file + " already exists; refusing to overwrite it");
        assertThat(MasterKey.load(file)).isEqualTo(first);
    }

    @Test
    void load_refusesAFileReadableByGroupAndOthers() throws IOException {
        Path file = dir.resolve("master.key");
        MasterKey.generate(RANDOM).save(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKey.load(file))
                .isInstanceOf(CryptoException.class)
                .hasMessage("key file " + file + " is readable by group or others (mode rw-r--r--); chmod 600 it");
    }

    @Test
    void load_refusesAFileOfTheWrongLength() {
        Path file = dir.resolve("short.key");
        KeyFiles.writeOwnerOnly(file, new byte[31]);
        assertThatThrownBy(() -> MasterKey.load(file))
                .isInstanceOf(CryptoException.class)
                .hasMessage("master key file " + file + " has 31 bytes; a master key is exactly 32 bytes");
    }

    @Test
    void load_refusesAMissingFile() {
        Path file = dir.resolve("absent.key");
        assertThatThrownBy(() -> MasterKey.load(file)).isInstanceOf(CryptoException.class).hasMessageContaining(
                file.toString());
    }

    @Test
    void toString_revealsNoKeyBytes() {
        MasterKey key = MasterKey.generate(RANDOM);
        assertThat(key.toString()).isEqualTo("MasterKey[redacted]");
        Leaks.assertRevealsNothing(key.toString(), key.bytes(InsecureSecretAccess.get()));
    }

    @Test
    void bytes_returnsACopyThatCannotChangeTheKey() {
        MasterKey key = MasterKey.generate(RANDOM);
        byte[] copy = key.bytes(InsecureSecretAccess.get());
        byte[] original = copy.clone();
        copy[0] ^= 1;
        assertThat(key.bytes(InsecureSecretAccess.get())).isEqualTo(original);
    }

    @Test
    void generate_drawsItsBytesFromTheInjectedRandom() throws NoSuchAlgorithmException {
        assertThat(MasterKey.generate(seeded(7))).isEqualTo(MasterKey.generate(seeded(7)))
                .isNotEqualTo(MasterKey.generate(seeded(8)));
    }

    @Test
    void generate_makesDifferentKeysFromALiveRandom() {
        assertThat(MasterKey.generate(RANDOM)).isNotEqualTo(MasterKey.generate(RANDOM));
    }

    // SHA1PRNG seeded before first use is deterministic: the way to prove the key comes from the injected source.
    static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        return random;
    }
}
