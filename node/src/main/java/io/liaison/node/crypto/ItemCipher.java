package io.liaison.node.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-item content encryption (AES-256-GCM, 12-byte random nonce, 128-bit tag) with the item key wrapped by the
 * master key (AES-GCM too).
 *
 * <p>Every seal draws a fresh item key, so each item key encrypts exactly one message and its random nonce can
 * never repeat under it. Only the master key is used many times, once per wrap; random 96-bit nonces keep that
 * safe up to NIST's limit of 2^32 wraps per master key. Thread-safe.
 */
public final class ItemCipher {
    private static final String FAILURE = "item content fails authentication";
    // Binds wrapped keys to this purpose and format version, so no other GCM blob under the master key unwraps.
    private static final byte[] WRAP_CONTEXT = "liaison/item-key/v1".getBytes(StandardCharsets.US_ASCII);

    private final MasterKey master;
    private final SecureRandom random;

    public ItemCipher(MasterKey master, SecureRandom random) {
        this.master = Objects.requireNonNull(master, "master");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A sealed item. Each part is self-contained: {@code nonce || ciphertext+tag}.
     *
     * @param wrappedKey the item key encrypted under the master key
     * @param ciphertext the content encrypted under the item key
     */
    public record Sealed(byte[] wrappedKey, byte[] ciphertext) {
        public Sealed {
            wrappedKey = Objects.requireNonNull(wrappedKey, "wrappedKey").clone();
            ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
        }

        @Override
        public byte[] wrappedKey() {
            return wrappedKey.clone();
        }

        @Override
        public byte[] ciphertext() {
            return ciphertext.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Sealed that && Arrays.equals(wrappedKey, that.wrappedKey)
                    && Arrays.equals(ciphertext, that.ciphertext);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(wrappedKey) + Arrays.hashCode(ciphertext);
        }

        @Override
        public String toString() {
            return "Sealed[wrappedKey=" + wrappedKey.length + " bytes, ciphertext=" + ciphertext.length + " bytes]";
        }
    }

    /** Encrypts {@code plaintext} under a new item key, authenticating {@code associatedData} with it. */
    public Sealed seal(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] itemKey = new byte[Gcm.KEY_BYTES];
        byte[] masterKey = master.bytes(InsecureSecretAccess.get());
        try {
            random.nextBytes(itemKey);
            byte[] ciphertext = Gcm.seal(itemKey, plaintext, associatedData, random);
            byte[] wrappedKey = Gcm.seal(masterKey, itemKey, WRAP_CONTEXT, random);
            return new Sealed(wrappedKey, ciphertext);
        } finally {
            // Shortens the time key copies sit on the heap; the JDK keeps its own copy inside the cipher.
            Arrays.fill(itemKey, (byte) 0);
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    /**
     * Decrypts a sealed item.
     *
     * @throws CryptoException "item content fails authentication" if either part was altered, the associated data
     *     differs, or it was sealed under another master key; the causes are not told apart, to give an attacker
     *     nothing to probe
     */
    public byte[] open(Sealed sealed, byte[] associatedData) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] masterKey = master.bytes(InsecureSecretAccess.get());
        byte[] itemKey = null;
        try {
            itemKey = Gcm.open(masterKey, sealed.wrappedKey, WRAP_CONTEXT, FAILURE);
            if (itemKey.length != Gcm.KEY_BYTES) {
                throw new CryptoException(FAILURE);
            }
            return Gcm.open(itemKey, sealed.ciphertext, associatedData, FAILURE);
        } finally {
            Arrays.fill(masterKey, (byte) 0);
            if (itemKey != null) {
                Arrays.fill(itemKey, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "ItemCipher[master=" + master + "]";
    }
}
