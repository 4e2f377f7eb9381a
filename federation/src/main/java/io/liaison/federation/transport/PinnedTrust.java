package io.liaison.federation.transport;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * PKIX trust in exactly the party CAs of this node's peers, and nothing from the JDK's store, that follows the peers
 * as they are added, changed and removed on a running node ({@link #reload}): the next handshake trusts the new set.
 * With no peer, nobody is trusted.
 */
public final class PinnedTrust extends X509ExtendedTrustManager {
    private static final X509Certificate[] NONE = new X509Certificate[0];
    private volatile X509ExtendedTrustManager delegate;

    public PinnedTrust(Collection<X509Certificate> cas) {
        reload(cas);
    }

    /** Trusts {@code cas} from the next handshake on. */
    public void reload(Collection<X509Certificate> cas) {
        delegate = cas.isEmpty() ? null : pkix(cas);
    }

    private static X509ExtendedTrustManager pkix(Collection<X509Certificate> cas) {
        try {
            TrustManagerFactory f = TlsContexts.trust(cas);
            for (TrustManager t : f.getTrustManagers()) {
                if (t instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("PKIX gave no X.509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the peers' trust: " + e.getMessage(), e);
        }
    }

    private X509ExtendedTrustManager current() throws CertificateException {
        X509ExtendedTrustManager d = delegate;
        if (d == null) {
            throw new CertificateException("this node has no peers yet: it trusts no party CA (R14)");
        }
        return d;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        current().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        X509ExtendedTrustManager d = delegate;
        return d == null ? NONE : d.getAcceptedIssuers();
    }
}
