package io.liaison.node.crypto;

/**
 * An expected cryptographic failure: a key file with loose permissions, a malformed key, content that fails
 * authentication. Messages name the file or value and the rule that was broken, never a secret.
 */
public final class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
