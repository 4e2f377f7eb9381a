package io.liaison.node.crypto;

/**
 * A token that must be passed to read raw secret bytes. It grants nothing; it exists so that every place that
 * handles raw key material carries the greppable text {@code InsecureSecretAccess.get()} and stands out in review.
 */
public final class InsecureSecretAccess {
    private static final InsecureSecretAccess INSTANCE = new InsecureSecretAccess();

    private InsecureSecretAccess() {
    }

    /** Returns the token; call it at the exact place where raw secret bytes are needed. */
    public static InsecureSecretAccess get() {
        return INSTANCE;
    }

    @Override
    public String toString() {
        return "InsecureSecretAccess";
    }
}
