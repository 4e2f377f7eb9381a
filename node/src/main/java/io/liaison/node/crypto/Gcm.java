package io.liaison.node.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 12-byte nonce and a 128-bit tag, producing self-contained {@code nonce || ciphertext+tag}
 * blobs so a stored value needs nothing else to be decrypted.
 */
final class Gcm {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    /**
     * Cipher objects to use again: looking one up by name costs more than the encryption of an item (the providers are
     * searched each time). Each is initialised afresh with its key and nonce before every use.
     */
    private static final java.util.concurrent.ArrayBlockingQueue<Cipher> POOL = new java.util.concurrent.ArrayBlockingQueue<>(64);

    private Gcm() {
    }

    private static Cipher borrow() throws GeneralSecurityException {
        Cipher cipher = POOL.poll();
        return cipher != null ? cipher : Cipher.getInstance(TRANSFORMATION);
    }

    /** Kept for the next caller, unless the pool is full. */
    private static void giveBack(Cipher cipher) {
        POOL.offer(cipher);
    }

    static byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = borrow();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(associatedData);
            byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
            giveBack(cipher);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run " + TRANSFORMATION, e);
        }
    }

    /**
     * Decrypts a blob from {@link #seal}.
     *
     * @throws CryptoException with {@code failure} as its message if the blob is too short or fails authentication
     */
    static byte[] open(byte[] key, byte[] sealed, byte[] associatedData, String failure) {
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new CryptoException(failure);
        }
        try {
            Cipher cipher = borrow();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            giveBack(cipher);
            return plain;
        } catch (AEADBadTagException e) {
            throw new CryptoException(failure, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run " + TRANSFORMATION, e);
        }
    }
}
