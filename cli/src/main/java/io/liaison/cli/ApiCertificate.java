package io.liaison.cli;

import io.liaison.federation.transport.TlsContexts;
import io.liaison.node.Node;
import io.liaison.node.NodePaths;
import io.liaison.node.crypto.Pki;
import io.liaison.server.ApiServer;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The certificate the user API presents over HTTPS: issued by the node's own party CA for the address it listens on
 * (every address of the machine's interfaces when it listens on all), so that a client pinning the party CA
 * ({@code liaison --ca pki/party-ca.pem}) can check it. Made afresh each time the node serves beyond loopback.
 */
final class ApiCertificate {
    private ApiCertificate() {}

    static ApiServer.Tls forHost(Node node, String host, SecureRandom random, Clock clock) {
        NodePaths paths = node.paths();
        if (!Files.exists(paths.caKey())) {
            throw new IllegalArgumentException("serving beyond loopback needs HTTPS, and this node's directory has no "
                    + "party CA key (" + paths.caKey() + ") to issue the API's certificate");
        }
        Pki.Issued ca = new Pki.Issued(Pki.readCertificatePem(paths.caCertificate()), Pki.readPrivateKeyPem(paths.caKey()));
        Set<String> dns = new LinkedHashSet<>(List.of("localhost", node.config().nodeName()));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        for (InetAddress a : addresses(host)) {
            String ip = a.getHostAddress();
            int zone = ip.indexOf('%');
            ips.add(zone < 0 ? ip : ip.substring(0, zone));
        }
        if (!host.isBlank() && !host.matches("[0-9.:a-fA-F]+")) {
            dns.add(host);
        }
        Pki.Issued issued = Pki.issueNodeCertificate(ca, node.party().code(), node.config().nodeName(), List.copyOf(dns),
                List.copyOf(ips), random, clock);
        Pki.writeCertificatePem(issued.certificate(), paths.dir().resolve("pki").resolve("api-tls.pem"));
        return new ApiServer.Tls(TlsContexts.server(issued, ca.certificate()));
    }

    private static List<InetAddress> addresses(String host) {
        try {
            InetAddress bound = InetAddress.getByName(host);
            if (!bound.isAnyLocalAddress()) {
                return List.of(InetAddress.getAllByName(host));
            }
            List<InetAddress> all = new ArrayList<>();
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                all.addAll(Collections.list(n.getInetAddresses()));
            }
            return all;
        } catch (UnknownHostException | SocketException e) {
            throw new IllegalArgumentException("cannot resolve --host " + host + ": " + e.getMessage());
        }
    }
}
