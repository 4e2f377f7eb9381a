package io.liaison.federation.transport;

import io.liaison.node.crypto.Pki;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS 1.3 contexts for node-to-node traffic: this node's certificate (with its party CA in the chain) as
 * the identity, and PKIX trust in exactly the given party CAs, nothing from the JDK's default store.
 */
public final class TlsContexts {
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private TlsContexts() {}

    /**
     * A server context for the user API over HTTPS: presents {@code identity} (issued by {@code ownCa}); clients
     * authenticate with tokens, not certificates.
     */
    public static SSLContext server(Pki.Issued identity, X509Certificate ownCa) {
        try {
            return context(keys(identity, ownCa), null);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /** A client context trusting only {@code ca} (a node's party CA), for the CLI calling a node's API over HTTPS. */
    public static SSLContext trusting(X509Certificate ca) {
        try {
            return context(null, trust(List.of(ca)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /** A client context that trusts no server at all: for a client that must never speak TLS. */
    public static SSLContext trustingNothing() {
        try {
            return context(null, trust(List.of()));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * A context presenting {@code identity} (issued by {@code ownCa}) and trusting only {@code pinned}.
     * For the listener, {@code pinned} is every peer's CA; for a client, the CA of the one peer it calls.
     */
    public static SSLContext mutual(Pki.Issued identity, X509Certificate ownCa, Collection<X509Certificate> pinned) {
        if (pinned.isEmpty()) {
            throw new IllegalArgumentException("a TLS context needs at least one pinned party CA");
        }
        try {
            return context(keys(identity, ownCa), trust(pinned));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /** A context presenting {@code identity} (issued by {@code ownCa}) and trusting what {@code trust} trusts now. */
    public static SSLContext mutual(Pki.Issued identity, X509Certificate ownCa, PinnedTrust trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys(identity, ownCa).getKeyManagers(), new javax.net.ssl.TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyManagerFactory keys, TrustManagerFactory trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Key managers already made, by identity and CA: a node makes a client context per peer, and a PKCS12 key entry
     * costs two password-based key derivations (thousands of HMAC rounds) to store and read back. A handful of
     * identities per process; the map is cleared if it ever holds more.
     */
    private static final java.util.Map<java.util.List<Object>, KeyManagerFactory> KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** This node's key and certificate, with its party CA in the chain. */
    private static KeyManagerFactory keys(Pki.Issued identity, X509Certificate ownCa)
            throws GeneralSecurityException, java.io.IOException {
        java.util.List<Object> key = java.util.List.of(identity.certificate(), identity.privateKey(), ownCa);
        KeyManagerFactory made = KEYS.get(key);
        if (made != null) {
            return made;
        }
        if (KEYS.size() >= 256) {
            KEYS.clear();
        }
        made = newKeys(identity, ownCa);
        KEYS.put(key, made);
        return made;
    }

    private static KeyManagerFactory newKeys(Pki.Issued identity, X509Certificate ownCa)
            throws GeneralSecurityException, java.io.IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("node", identity.privateKey(), IN_MEMORY, new Certificate[] {identity.certificate(), ownCa});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, IN_MEMORY);
        return keyManagers;
    }

    /** PKIX trust in exactly {@code cas}, nothing from the JDK's default store. */
    static TrustManagerFactory trust(Collection<X509Certificate> cas) throws GeneralSecurityException,
            java.io.IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate ca : List.copyOf(cas)) {
            trust.setCertificateEntry("party-ca-" + i++, ca);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        return trustManagers;
    }
}
