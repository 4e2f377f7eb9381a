package io.liaison.federation.transport;

import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Jetty connectors that speak TLS 1.3 only, for the federation listener and the user API beyond loopback. */
public final class TlsConnectors {
    /** Whether the other end must present a certificate the context trusts. */
    public enum ClientAuth { NONE, REQUIRED }

    private TlsConnectors() {}

    /** A connector on {@code host:port} presenting {@code context}'s identity, HTTP/1.1 inside TLS 1.3. */
    public static ServerConnector tls13(Server server, HttpConfiguration http, SSLContext context, ClientAuth auth,
            String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(context);
        ssl.setNeedClientAuth(auth == ClientAuth.REQUIRED);
        ssl.setIncludeProtocols("TLSv1.3");
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Nodes are reached by address; the certificate names the address, not a host name to check against SNI.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        c.setHost(host);
        c.setPort(port);
        return c;
    }
}
