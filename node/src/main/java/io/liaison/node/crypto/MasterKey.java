package io.liaison.node.crypto;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * 256-bit AES master key for data at rest. Reading raw bytes needs {@code InsecureSecretAccess.get()} as a
 * greppable token.
 *
 * <p>The key file holds exactly the 32 raw key bytes, with mode {@code rw-------}. Losing it makes every item
 * unreadable, so {@link #save} never overwrites an existing file.
 */
public final class MasterKey {
    static final int BYTES = Gcm.KEY_BYTES;

    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key;
    }

    /** Draws a new key from {@code random}. */
    public static MasterKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        return new MasterKey(key);
    }

    /**
     * Reads a key file written by {@link #save}.
     *
     * @throws CryptoException naming the file if group or others may access it, or it is not exactly 32 bytes
     */
    public static MasterKey load(Path file) {
        byte[] bytes = KeyFiles.readOwnerOnly(file);
        if (bytes.length != BYTES) {
            int length = bytes.length;
            Arrays.fill(bytes, (byte) 0);
            throw new CryptoException("master key file " + file + " has " + length + " bytes; a master key is exactly "
                    + BYTES + " bytes");
        }
        return new MasterKey(bytes);
    }

    /**
     * Writes the key atomically with mode {@code rw-------}.
     *
     * @throws CryptoException if the file already exists: replacing a master key would orphan everything it sealed
     */
    public void save(Path file) {
        KeyFiles.createOwnerOnly(file, key);
    }

    /** Returns a copy of the raw key; the token marks the call site for review. */
    public byte[] bytes(InsecureSecretAccess token) {
        Objects.requireNonNull(token, "token");
        return key.clone();
    }

    /** Constant-time comparison, so equality checks do not leak key bytes through timing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that && MessageDigest.isEqual(key, that.key);
    }

    // Deliberately constant: a hash derived from the key would leak some of it and master keys are not map keys.
    @Override
    public int hashCode() {
        return MasterKey.class.hashCode();
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
