package io.liaison.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;

/** Mutual TLS 1.3 over loopback with certificates from {@link Pki}, each side trusting only one party CA. */
@org.junit.jupiter.api.Timeout(600)
class TlsHandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final char[] STORE_PASSWORD = "unused".toCharArray();
    private static final int TIMEOUT_MILLIS = 10_000;

    private static final Pki.Issued USA_CA = Pki.createPartyCa("USA", RANDOM, CLOCK);
    private static final Pki.Issued GBR_CA = Pki.createPartyCa("GBR", RANDOM, CLOCK);
    private static final Pki.Issued SERVER = node(USA_CA, "USA", "server");
    private static final Pki.Issued CLIENT = node(USA_CA, "USA", "client");

    /** What each side saw: a failure, or for the server the client subject it authenticated. */
    private record Outcome(Exception client, Exception server, String clientSeenByServer) {
    }

    @Test
    void handshake_betweenNodesOfOneCa_succeedsWithTls13AndClientAuth() throws Exception {
        Outcome outcome = exchange(context(SERVER, USA_CA, USA_CA), context(CLIENT, USA_CA, USA_CA));
        assertThat(outcome.client()).isNull();
        assertThat(outcome.server()).isNull();
        assertThat(outcome.clientSeenByServer()).isEqualTo("CN=client,O=USA");
    }

    @Test
    void handshake_withAClientTrustingAnotherCa_failsOnTheClient() throws Exception {
        Outcome outcome = exchange(context(SERVER, USA_CA, USA_CA), context(CLIENT, USA_CA, GBR_CA));
        assertThat(outcome.client()).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
        assertThat(outcome.server()).isNotNull();
        assertThat(outcome.clientSeenByServer()).isNull();
    }

    @Test
    void handshake_withAClientInsistingOnACertificateFromAnotherCa_isRefusedByTheServersPathValidation()
            throws Exception {
        Pki.Issued stranger = node(GBR_CA, "GBR", "stranger");
        Outcome outcome = exchange(context(SERVER, USA_CA, USA_CA), context(stranger, GBR_CA, USA_CA, true));
        assertThat(outcome.server()).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
        assertThat(outcome.client()).isNotNull();
        assertThat(outcome.clientSeenByServer()).isNull();
    }

    @Test
    void handshake_withAClientHoldingOnlyACertificateFromAnotherCa_isRefusedByTheServer() throws Exception {
        // The JDK client offers no certificate the server's CA list does not name, so the server sees none.
        Pki.Issued stranger = node(GBR_CA, "GBR", "stranger");
        Outcome outcome = exchange(context(SERVER, USA_CA, USA_CA), context(stranger, GBR_CA, USA_CA));
        assertThat(outcome.server()).isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.client()).isNotNull();
        assertThat(outcome.clientSeenByServer()).isNull();
    }

    @Test
    void handshake_withAClientPresentingNoCertificate_isRefusedByTheServer() throws Exception {
        Outcome outcome = exchange(context(SERVER, USA_CA, USA_CA), context(null, null, USA_CA));
        assertThat(outcome.server()).isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.client()).isNotNull();
        assertThat(outcome.clientSeenByServer()).isNull();
    }

    /** Runs one handshake and a one-byte echo, with client authentication required, and reports both sides. */
    private static Outcome exchange(SSLContext serverContext, SSLContext clientContext) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            server.setNeedClientAuth(true);
            server.setEnabledProtocols(new String[] {"TLSv1.3"});
            server.setSoTimeout(TIMEOUT_MILLIS);
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> serve(server));
            Exception clientFailure = null;
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket("127.0.0.1", server.getLocalPort())) {
                client.setSoTimeout(TIMEOUT_MILLIS);
                SSLParameters parameters = client.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3"});
                // Checks the server certificate's IP SAN against the address dialled, as an HTTPS client would.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                client.startHandshake();
                assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(client.getSession().getPeerPrincipal().getName()).isEqualTo("CN=server,O=USA");
                client.getOutputStream().write(41);
                client.getOutputStream().flush();
                // In TLS 1.3 the server checks the client certificate after the client's handshake completes,
                // so a refusal shows up here, on the first read.
                int reply = client.getInputStream().read();
                if (reply != 42) {
                    throw new IOException("server replied " + reply + " instead of 42");
                }
            } catch (IOException e) {
                clientFailure = e;
            }
            try {
                return new Outcome(clientFailure, null, serverSide.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause()
                        : e.getCause();
                return new Outcome(clientFailure, (Exception) cause, null);
            }
        }
    }

    private static String serve(SSLServerSocket server) {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            String peer = socket.getSession().getPeerPrincipal().getName();
            int request = socket.getInputStream().read();
            socket.getOutputStream().write(request + 1);
            socket.getOutputStream().flush();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLContext context(Pki.Issued identity, Pki.Issued identityCa, Pki.Issued trusted)
            throws Exception {
        return context(identity, identityCa, trusted, false);
    }

    /**
     * A TLS 1.3 context presenting {@code identity} (none if null) and trusting only {@code trusted}; with
     * {@code insist}, the client presents its certificate even when the server's CA list does not name its issuer.
     */
    private static SSLContext context(Pki.Issued identity, Pki.Issued identityCa, Pki.Issued trusted, boolean insist)
            throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (identity != null) {
            keys.setKeyEntry("node", identity.privateKey(), STORE_PASSWORD,
                    new Certificate[] {identity.certificate(), identityCa.certificate()});
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        KeyManager[] managers = keyManagers.getKeyManagers();
        if (insist) {
            managers = new KeyManager[] {new InsistingKeyManager((X509ExtendedKeyManager) managers[0])};
        }
        context.init(managers, trustManagers.getTrustManagers(), RANDOM);
        return context;
    }

    /** Always offers the "node" entry as the client identity, whatever issuers the server asks for. */
    private static final class InsistingKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        InsistingKeyManager(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "node";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "node";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"node"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    private static Pki.Issued node(Pki.Issued ca, String party, String name) {
        return Pki.issueNodeCertificate(ca, party, name, List.of("localhost"), List.of("127.0.0.1"), RANDOM, CLOCK);
    }
}
